/**
 * `npm run bench:matching`: how long matching one inquiry takes (reading the candidates from the Redis seller index,
 * then rankSellers, top 5) with 1,000, 10,000 and 100,000 synthetic sellers spread over the catalog's products and
 * the tehsils, and whether equal sellers take turns. Local Redis (and FerretDB) are started as for the other
 * benches. The baselines come from the same run: a bare HMGET of one profile (one Redis round trip), and reading
 * the candidates without ranking them. FerretDB's `find({productIds, alertsOn})` on the same sellers, which reads
 * the whole collection, is timed at the sizes up to BENCH_MATCHING_FERRET_MAX (10,000) for comparison.
 *
 * Each inquiry's alerts are recorded after it (as the caller does), outside the timed part, so reply records build
 * up as they would. CPU per match is this process's CPU over the timed parts; Redis's CPU (read from /proc) is per
 * inquiry, its alert record included.
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import mongoose from 'mongoose';
import type { Redis } from 'ioredis';
import { type Catalog, type CatalogProduct, loadCatalog, loadTehsils } from '../../src/domain/catalog/catalog.js';
import { type InquiryNeeds, rankSellers, type SellerMatchProfile } from '../../src/domain/matching/rank.js';
import { sellerModel } from '../../src/domain/sellers/seller-model.js';
import { CERTIFICATIONS, EXPORT_EXPERIENCE } from '../../src/domain/sellers/seller-terms.js';
import { SellerIndex } from '../../src/matching/seller-index.js';
import { createRedisConnection } from '../../src/queue/redis-connections.js';
import { PROJECT_ROOT } from '../lib/paths.js';
import { startLocalServices } from '../services.js';
import { cpuBetween, cpuSnapshot } from './cpu.js';

const SIZES = (process.env.BENCH_MATCHING_SIZES ?? '1000,10000,100000').split(',').map(Number);
const INQUIRIES = Number(process.env.BENCH_MATCHING_INQUIRIES ?? 500);
const FERRET_MAX = Number(process.env.BENCH_MATCHING_FERRET_MAX ?? 10_000);
const FERRET_QUERIES = 10;
const WARM_UP = 50;
const TOP_N = 5;
const GOAL_P95_MS = 50;

const catalog = loadCatalog(join(PROJECT_ROOT, 'flows', 'catalog.yaml'));
const tehsils = loadTehsils(join(PROJECT_ROOT, 'flows', 'tehsils.yaml')).tehsils.map((tehsil) => tehsil.id);

/** mulberry32: the same sellers and inquiries every run. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const some = <T>(items: readonly T[], most: number): T[] => [
    ...new Set(Array.from({ length: Math.floor(next() * (most + 1)) }, () => pick(items))),
  ];
  return { next, pick, some };
}

// Synthetic numbers; each size and the fairness run have their own key prefix.
const sellerId = (i: number) => `+917${String(i).padStart(9, '0')}`;

function syntheticSeller(i: number, random: ReturnType<typeof randomSource>): SellerMatchProfile {
  const products = [
    ...new Set(Array.from({ length: 1 + Math.floor(random.next() * 3) }, () => random.pick(catalog.products))),
  ];
  return {
    sellerId: sellerId(i),
    products: products.map((product) => {
      // A fifth state their capacity in bags or containers, or not at all.
      const capacityKgPerMonth = random.next() < 0.2 ? undefined : Math.round(500 + random.next() * 200_000);
      return {
        productId: product.id,
        category: product.category,
        ...(capacityKgPerMonth !== undefined && { capacityKgPerMonth }),
      };
    }),
    certifications: random.some(CERTIFICATIONS, 3),
    exportExperience: random.pick(EXPORT_EXPERIENCE),
    tehsil: random.pick(tehsils),
    available: random.next() < 0.9,
  };
}

function syntheticInquiry(random: ReturnType<typeof randomSource>, product: CatalogProduct): InquiryNeeds {
  const quantityKg = random.next() < 0.2 ? undefined : Math.round(1000 + random.next() * 100_000);
  return {
    productId: product.id,
    category: product.category,
    ...(quantityKg !== undefined && { quantityKg }),
    certifications: random.some(['fssai', 'apeda_rcmc', 'organic', 'iec'], 2),
    productName: product.name,
  };
}

async function* sellersOf(size: number, seed: number) {
  const random = randomSource(seed);
  for (let i = 0; i < size; i++) yield syntheticSeller(i, random);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

async function timeEach(count: number, run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

interface SizeRow {
  size: number;
  fillSeconds: number;
  p50: number;
  p95: number;
  p99: number;
  examined: number;
  hmgetP50: number;
  readOnlyP50: number;
  readOnlyP95: number;
  cpuMsPerMatch: number;
  redisCpuMsPerInquiry: number;
  otherCpuShare: number;
  ferretP50?: number;
}

async function measureSize(redis: Redis, mongoUri: string, size: number): Promise<SizeRow> {
  const prefix = `bench_match_${size}_${process.pid}`;
  const index = new SellerIndex(redis, prefix);
  const fillStarted = performance.now();
  await index.rebuild(sellersOf(size, size));
  const fillSeconds = (performance.now() - fillStarted) / 1000;

  const random = randomSource(size + 1);
  const inquiries = Array.from({ length: INQUIRIES + WARM_UP }, () =>
    syntheticInquiry(random, random.pick(catalog.products)),
  );
  let now = Date.parse('2026-11-30T10:00:00+05:30');
  let examined = 0;
  let cpuMicros = 0;
  const latencies: number[] = [];
  const cpuBefore = cpuSnapshot(new Map());
  for (const [i, needs] of inquiries.entries()) {
    now += 30_000;
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const candidates = await index.candidates(needs);
    const chosen = rankSellers(needs, candidates, { topN: TOP_N, now, inquiryKey: `inquiry-${i}` });
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    await index.recordAlerts(
      chosen.map((seller) => seller.sellerId),
      new Date(now),
    );
    if (i < WARM_UP) continue;
    latencies.push(elapsed);
    examined += candidates.length;
    cpuMicros += cpu.user + cpu.system;
  }
  const cpu = cpuBetween(cpuBefore, cpuSnapshot(new Map()));
  latencies.sort((a, b) => a - b);

  const oneProfile = sellerId(0);
  const hmget = await timeEach(200, () => redis.hmget(`${prefix}:match:profiles`, oneProfile));
  const readOnly = await timeEach(INQUIRIES, () => index.candidates(random.pick(inquiries)));
  const ferretP50 = size <= FERRET_MAX ? await timeFerretScan(mongoUri, size) : undefined;
  await deletePrefix(redis, prefix);

  const inquiriesRun = inquiries.length;
  return {
    size,
    fillSeconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    examined: examined / INQUIRIES,
    hmgetP50: percentile(hmget, 50),
    readOnlyP50: percentile(readOnly, 50),
    readOnlyP95: percentile(readOnly, 95),
    cpuMsPerMatch: cpuMicros / 1000 / INQUIRIES,
    redisCpuMsPerInquiry: ((cpu.cpuSeconds.get('redis') ?? 0) * 1000) / inquiriesRun,
    otherCpuShare: ((cpu.cpuSeconds.get('other processes') ?? 0) / cpu.seconds) * 100,
    ...(ferretP50 !== undefined && { ferretP50 }),
  };
}

/** The same sellers in FerretDB, and the query that finds a product's sellers there (a read of every document). */
async function timeFerretScan(mongoUri: string, size: number): Promise<number> {
  const connection = await mongoose.createConnection(`${mongoUri}bench_matching_${size}_${process.pid}`).asPromise();
  try {
    const sellers = sellerModel(connection);
    const at = new Date();
    let batch: object[] = [];
    for await (const profile of sellersOf(size, size)) {
      batch.push({
        _id: profile.sellerId,
        phone: profile.sellerId,
        name: 'Bench seller',
        businessName: 'Bench mill',
        products: profile.products.map((product) => ({ ...product, label: product.productId })),
        productIds: profile.products.map((product) => product.productId),
        categories: [...new Set(profile.products.map((product) => product.category))],
        certifications: profile.certifications,
        exportExperience: profile.exportExperience,
        tehsil: profile.tehsil,
        alertsOn: profile.available,
        contactConsent: { given: true, at, evidence: 'yes', statement: 'share' },
      });
      if (batch.length === 1000) {
        await sellers.insertMany(batch, { ordered: false, lean: true });
        batch = [];
      }
    }
    if (batch.length > 0) await sellers.insertMany(batch, { ordered: false, lean: true });
    const random = randomSource(size + 2);
    const times = await timeEach(FERRET_QUERIES, () =>
      sellers.find({ productIds: random.pick(catalog.products).id, alertsOn: true }).lean(),
    );
    return percentile(times, 50);
  } finally {
    await connection.dropDatabase().catch(() => {});
    await connection.close();
  }
}

/** 200 sellers of one product, equal in every way, and 1,000 inquiries for it through the index. */
async function measureFairness(redis: Redis, product: CatalogProduct) {
  const prefix = `bench_match_fair_${process.pid}`;
  const index = new SellerIndex(redis, prefix);
  const sellers = Array.from(
    { length: 200 },
    (_, i): SellerMatchProfile => ({
      sellerId: sellerId(i),
      products: [{ productId: product.id, category: product.category, capacityKgPerMonth: 100_000 }],
      certifications: ['fssai'],
      exportExperience: 'indirect',
      tehsil: tehsils[i % tehsils.length]!,
      available: true,
    }),
  );
  await index.rebuild(
    (async function* () {
      yield* sellers;
    })(),
  );
  const needs: InquiryNeeds = {
    productId: product.id,
    category: product.category,
    quantityKg: 50_000,
    certifications: [],
  };
  const alerts = new Map(sellers.map((seller) => [seller.sellerId, 0]));
  let now = Date.parse('2026-11-30T10:00:00+05:30');
  for (let i = 0; i < 1000; i++) {
    now += 5 * 60_000;
    const chosen = rankSellers(needs, await index.candidates(needs), { topN: TOP_N, now, inquiryKey: `fair-${i}` });
    await index.recordAlerts(
      chosen.map((seller) => seller.sellerId),
      new Date(now),
    );
    for (const { sellerId: id } of chosen) alerts.set(id, (alerts.get(id) ?? 0) + 1);
  }
  await deletePrefix(redis, prefix);
  const counts = [...alerts.values()];
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  return { min: Math.min(...counts), mean, max: Math.max(...counts) };
}

const services = await startLocalServices();
const redis = createRedisConnection(services.redisUrl, 'client');
try {
  const rows: SizeRow[] = [];
  for (const size of SIZES) rows.push(await measureSize(redis, services.mongodbUri, size));
  const fairness = await measureFairness(redis, pickProduct(catalog, 'parboiled_rice'));

  const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
  console.log(`Matching benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}`);
  console.log(`${INQUIRIES} inquiries per size (after ${WARM_UP} to warm up), top ${TOP_N}, random catalog products`);
  console.log('');
  console.log(`Goal: p95 < ${GOAL_P95_MS} ms per match at 100,000 sellers.`);
  console.log('');
  console.log(
    `| sellers | match p50 | match p95 (goal < ${GOAL_P95_MS} ms at 100,000) | p99 | candidates examined (mean) | baseline: bare HMGET p50 | baseline: read candidates only p50 / p95 | CPU ms per match (bench) | Redis CPU ms per inquiry | FerretDB find by product p50 | index fill |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    console.log(
      `| ${row.size.toLocaleString('en')} | ${ms(row.p50)} ms | ${ms(row.p95)} ms | ${ms(row.p99)} ms | ${Math.round(row.examined)} | ${ms(row.hmgetP50)} ms | ${ms(row.readOnlyP50)} / ${ms(row.readOnlyP95)} ms | ${row.cpuMsPerMatch.toFixed(2)} | ${row.redisCpuMsPerInquiry.toFixed(2)} | ${row.ferretP50 === undefined ? '—' : `${ms(row.ferretP50)} ms`} | ${row.fillSeconds.toFixed(2)} s |`,
    );
  }
  const last = rows.at(-1);
  if (last) console.log(`\np95 at ${last.size.toLocaleString('en')}: ${last.p95 < GOAL_P95_MS ? 'met' : 'NOT met'}`);
  console.log(
    `Other processes on the machine used ${rows.map((row) => `${row.otherCpuShare.toFixed(0)}%`).join(', ')} of a core during the timed phases.`,
  );
  console.log('');
  console.log(
    'Fairness: 1,000 inquiries to 200 equal sellers of one product, top 5, through the index (goal max/mean ≤ 1.5)',
  );
  console.log('');
  console.log('| alerts per seller: min | mean | max | max / mean |');
  console.log('|---|---|---|---|');
  console.log(
    `| ${fairness.min} | ${fairness.mean.toFixed(1)} | ${fairness.max} | ${(fairness.max / fairness.mean).toFixed(2)} |`,
  );
} finally {
  await redis.quit();
  await services.stop();
}

function pickProduct(from: Catalog, id: string): CatalogProduct {
  const product = from.byId(id);
  if (!product) throw new Error(`the catalog has no product '${id}'`);
  return product;
}
