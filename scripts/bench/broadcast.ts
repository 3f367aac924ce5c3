/**
 * `npm run bench:broadcast`: a broadcast to everyone (segment `{}`) of BENCH_BROADCAST_SIZE synthetic users
 * (default 100,000, all inside the 24-hour window, a third in English), with the bot (web and workers in this
 * process, as bench:backlog runs it) on local FerretDB, Redis and Twilio servers, the Twilio server posting its
 * status callbacks as usual. Measured, in one run:
 *
 * 1. Planning: the time from the desk's `confirm` to every message planned and queued (the run's fan-out job
 *    completed), and this process's peak memory (RSS and heapUsed, sampled every 100 ms). Where the time goes is
 *    timed inside the same run: the fan-out job's start, the audience read (up to the snapshot's first write to
 *    Redis), the snapshot's writes, and, per page, the outbound documents' inserts and BullMQ's addBulk (the
 *    runtime's own model, queue and Redis client, their calls wrapped with a timer here). Before confirming,
 *    `audienceMembers` alone and the desk's `preview` are timed on the same users, and BENCH_BROADCAST_SAMPLE_PAGES
 *    (10) pages stored and queued alone by the product's dispatcher, on a scratch database and queue, price a page.
 * 2. The send rate over BENCH_BROADCAST_SEND_SECONDS (default 60) from the moment planning completed, with
 *    OUTBOUND_RATE_PER_SECOND (default 80): messages the local Twilio server accepted per second (mean, the busiest
 *    second, the busiest sliding 1-s window), against the limit.
 * 3. Replies while it sends: BENCH_BROADCAST_PROBES_PER_SECOND (default 2) new numbers say "hi" with signed webhooks,
 *    from confirm to the end of the send window, and the time from each webhook to its first reply at the Twilio
 *    server is taken. The baseline, from the same run, is the same measure with no broadcast (10 s, before confirm).
 *
 * Then the broadcast is cancelled and the bench stops; the rest of its messages are never sent. CPU per message is
 * this process's CPU (bot, local Twilio server and probes) over the send window divided by the messages sent in it.
 * The bot shares this event loop with the local Twilio server and the probes (ROLE=all under `npm start` puts the
 * workers in a worker thread), so the figures are on the cautious side.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { loadConfig } from '../../src/config.js';
import { audienceMembers } from '../../src/domain/broadcasts/audience.js';
import { createLogger } from '../../src/log.js';
import { type BulkMessage, createOutboundDispatcher } from '../../src/outbound/dispatch.js';
import { FAN_OUT_PAGE_SIZE, fanOutCause, fanOutJobId } from '../../src/outbound/fan-out.js';
import { outboundModel } from '../../src/outbound/outbound-model.js';
import { SendOrder } from '../../src/outbound/send-order.js';
import { QUEUE_NAMES } from '../../src/queue/queues.js';
import { createRedisConnection } from '../../src/queue/redis-connections.js';
import { startRuntime } from '../../src/runtime.js';
import { freePort } from '../lib/free-port.js';
import { startLocalServices } from '../services.js';
import { postSignedInbound, whatsappInboundParams } from '../twilio-local/inbound.js';
import { startTwilioLocal } from '../twilio-local/server.js';
import { cpuBetween, cpuSnapshot, formatShares } from './cpu.js';
import { ascending, epochMs, percentile } from './load.js';

const SIZE = Number(process.env.BENCH_BROADCAST_SIZE ?? 100_000);
const SEND_SECONDS = Number(process.env.BENCH_BROADCAST_SEND_SECONDS ?? 60);
const PROBES_PER_SECOND = Number(process.env.BENCH_BROADCAST_PROBES_PER_SECOND ?? 2);
/** Pages stored and queued alone (scratch collection and queue, nothing else running) to price one page. */
const SAMPLE_PAGES = Number(process.env.BENCH_BROADCAST_SAMPLE_PAGES ?? 10);
const BASELINE_SECONDS = 10;
const RATE = Number(process.env.OUTBOUND_RATE_PER_SECOND ?? 80);
const GOALS = { planSeconds: 10, rateShare: 0.95, replyP95Seconds: 1 } as const;
/** How long planning may take before the bench gives up. */
const PLAN_TIMEOUT_MS = 30 * 60_000;
const REPLY_TIMEOUT_MS = 300_000;
const INSERT_CHUNK = 1_000;
const SAMPLE_MS = 100;

const ACCOUNT = `AC${'b'.repeat(32)}`;
const TOKEN = 'bench-auth-token';
const BOT = '+14155238886';
/** The synthetic audience: +9170000 and five digits (room for 100,000). */
const MEMBER_PREFIX = '+9170000';
const memberPhone = (i: number) => `${MEMBER_PREFIX}${String(i).padStart(5, '0')}`;
const TEXT = {
  hi: 'पैकेजिंग कार्यशाला 5 दिसंबर को सागर में, सुबह 10 बजे। निर्यात के लिए लेबल और पैकिंग पर।',
  en: 'Packaging workshop on 5 December in Sagar, 10 am: labels and packing for export.',
};

if (!Number.isInteger(SIZE) || SIZE < 1 || SIZE > 100_000) throw new Error('BENCH_BROADCAST_SIZE: 1 to 100,000');

const startedAt = new Date();
const loadAtStart = loadavg();
const services = await startLocalServices();
const twilio = await startTwilioLocal({ accountSid: ACCOUNT, authToken: TOKEN });
const port = await freePort();
const config = loadConfig({
  NODE_ENV: 'production',
  ROLE: 'all',
  HOST: '127.0.0.1',
  PORT: String(port),
  PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
  LOG_LEVEL: 'silent',
  MONGODB_URI: `${services.mongodbUri}bench_broadcast`,
  REDIS_URL: services.redisUrl,
  QUEUE_PREFIX: `broadcast${Date.now()}`,
  TWILIO_ACCOUNT_SID: ACCOUNT,
  TWILIO_AUTH_TOKEN: TOKEN,
  TWILIO_WHATSAPP_FROM: `whatsapp:${BOT}`,
  TWILIO_API_BASE_URL: twilio.url,
  OUTBOUND_RATE_PER_SECOND: String(RATE),
  SPOOL_DIR: `/tmp/niryat-bench-spool-${process.pid}`,
});
const runtime = await startRuntime(config, createLogger('silent'));
const desk = runtime.domain.broadcasts;
const inboundUrl = `${config.http.publicBaseUrl}/webhooks/whatsapp/inbound`;

/** Total time and count of a kind of call, and when the first began and the last ended (epoch ms). */
class Span {
  ms = 0;
  /** This process's CPU inside the calls: meaningful only when nothing else runs meanwhile. */
  cpuMs = 0;
  calls = 0;
  first = Number.NaN;
  last = Number.NaN;
  add(started: number, ended: number, cpu: NodeJS.CpuUsage) {
    this.ms += ended - started;
    this.cpuMs += (cpu.user + cpu.system) / 1000;
    this.calls += 1;
    if (Number.isNaN(this.first)) this.first = started;
    this.last = ended;
  }
}

/** Times the calls to `target[method]` that `counts` picks (the runtime's own objects: nothing else changes). */
function timeCalls(target: object, method: string, counts: (args: unknown[]) => boolean, into: Span): void {
  const methods = target as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = methods[method]!.bind(target);
  methods[method] = async (...args: unknown[]) => {
    if (!counts(args)) return original(...args);
    const started = epochMs();
    const cpu = process.cpuUsage();
    try {
      return await original(...args);
    } finally {
      into.add(started, epochMs(), process.cpuUsage(cpu));
    }
  };
}

interface Probe {
  startedAt: number;
  /** Webhook → the first reply's create at the Twilio server; undefined if none came. */
  ms?: number;
}

let nextProbe = 0;
/** "hi" from a new number (+918 and nine digits) every 1/PROBES_PER_SECOND s until `stop` says so. */
async function runProbes(stop: () => boolean): Promise<{ probes: Probe[]; phones: string[] }> {
  const probes: Probe[] = [];
  const phones: string[] = [];
  const pending: Promise<void>[] = [];
  const interval = 1000 / PROBES_PER_SECOND;
  const begin = performance.now();
  for (let i = 0; !stop(); i++) {
    const phone = `+918${String(nextProbe++).padStart(9, '0')}`;
    phones.push(phone);
    const probe: Probe = { startedAt: epochMs() };
    probes.push(probe);
    pending.push(
      (async () => {
        const replies = twilio
          .waitForMessages(1, { to: `whatsapp:${phone}`, timeoutMs: REPLY_TIMEOUT_MS })
          .catch(() => []);
        const response = await postSignedInbound({
          webhookUrl: inboundUrl,
          authToken: TOKEN,
          params: whatsappInboundParams({ from: phone, to: BOT, body: 'hi', accountSid: ACCOUNT }),
        });
        if (response.status !== 200) throw new Error(`a webhook was answered ${response.status}`);
        const [first] = await replies;
        if (first) probe.ms = first.createdAt - probe.startedAt;
      })().catch(() => {}),
    );
    const wait = begin + (i + 1) * interval - performance.now();
    if (wait > 0) await delay(wait);
  }
  await Promise.all(pending);
  return { probes, phones };
}

function replyStats(probes: readonly Probe[]) {
  const times = ascending(probes.flatMap((probe) => (probe.ms === undefined ? [] : [probe.ms])));
  return {
    count: probes.length,
    answered: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times.at(-1) ?? Number.NaN,
  };
}

/** Messages accepted per second over [from, from + seconds): whole seconds, and the busiest sliding 1-s window. */
function rateOver(times: readonly number[], from: number, seconds: number) {
  const inside = ascending(times.filter((at) => at >= from && at < from + seconds * 1000));
  const buckets = new Array<number>(seconds).fill(0);
  for (const at of inside) buckets[Math.floor((at - from) / 1000)]! += 1;
  let slidingMax = 0;
  for (let start = 0, end = 0; end < inside.length; end++) {
    while (inside[end]! - inside[start]! >= 1000) start++;
    slidingMax = Math.max(slidingMax, end - start + 1);
  }
  return {
    buckets,
    total: inside.length,
    mean: inside.length / seconds,
    max: Math.max(...buckets),
    min: Math.min(...buckets),
    slidingMax,
  };
}

/**
 * What one page of the fan-out costs alone: SAMPLE_PAGES pages of FAN_OUT_PAGE_SIZE messages, as the broadcast kind
 * renders them, stored and queued by the product's dispatcher into a scratch database and a scratch queue (nothing
 * consumes it), while nothing else runs. FerretDB's CPU over the same time is read from /proc.
 */
async function pageCosts(phones: readonly string[]) {
  const scratchPrefix = `${config.queuePrefix}scratch`;
  const connection = runtime.mongo.useDb('bench_broadcast_scratch', { useCache: false });
  const outbound = outboundModel(connection);
  await outbound.createCollection();
  await outbound.createIndexes();
  const producer = createRedisConnection(config.redisUrl, 'producer');
  const queue = new Queue(QUEUE_NAMES.outbound, { connection: producer, prefix: scratchPrefix });
  const inserted = new Span();
  const queued = new Span();
  timeCalls(outbound, 'insertMany', () => true, inserted);
  timeCalls(queue, 'addBulk', () => true, queued);
  const dispatcher = createOutboundDispatcher({
    outbound,
    queue,
    channels: runtime.channels,
    order: new SendOrder(runtime.redis, scratchPrefix),
    maxAttempts: config.outbound.maxAttempts,
  });
  const key = 'bcast:BSCRTCH:v1';
  const pages = Math.min(SAMPLE_PAGES, Math.ceil(phones.length / FAN_OUT_PAGE_SIZE));
  const stored = new Span();
  const before = cpuSnapshot(new Map());
  try {
    for (let page = 0; page < pages; page++) {
      const messages = phones
        .slice(page * FAN_OUT_PAGE_SIZE, (page + 1) * FAN_OUT_PAGE_SIZE)
        .map((to, i): BulkMessage => {
          const recipient = { channel: 'whatsapp', to };
          const text = i % 3 === 0 ? TEXT.en : TEXT.hi;
          return { cause: fanOutCause(key, recipient), recipient, replies: [{ text }], campaign: 'BSCRTCH' };
        });
      const started = epochMs();
      const cpu = process.cpuUsage();
      await dispatcher.storeBulk(messages);
      stored.add(started, epochMs(), process.cpuUsage(cpu));
    }
    const cpu = cpuBetween(before, cpuSnapshot(new Map()));
    return { pages, stored, inserted, queued, ferretCpuMs: (cpu.cpuSeconds.get('ferretdb') ?? 0) * 1000 };
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
    await producer.quit();
    await connection.dropDatabase();
  }
}

const MiB = 1024 * 1024;
const s = (ms: number) => (Number.isNaN(ms) ? '—' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);
const mib = (bytes: number) => `${Math.round(bytes / MiB)} MiB`;
const n = (value: number) => value.toLocaleString('en');

try {
  // The audience: SIZE users inside the 24-hour window (last wrote within the hour), a third in English.
  const insertStarted = performance.now();
  const now = Date.now();
  for (let start = 0; start < SIZE; start += INSERT_CHUNK) {
    const batch = [];
    for (let i = start; i < Math.min(SIZE, start + INSERT_CHUNK); i++) {
      const phone = memberPhone(i);
      batch.push({
        _id: phone,
        phone,
        language: i % 3 === 0 ? 'en' : 'hi',
        languageChosen: true,
        optedOut: false,
        consentEvents: [],
        lastInboundAt: new Date(now - (i % 3_000) * 1000 - 60_000),
        createdAt: new Date(now - 30 * 86_400_000),
        updatedAt: new Date(now - 60_000),
      });
    }
    await runtime.models.users.insertMany(batch, { ordered: false, lean: true });
  }
  const insertSeconds = (performance.now() - insertStarted) / 1000;

  const draft = await desk.draft(
    `bench-broadcast-${process.pid}`,
    {
      title: 'Packaging workshop',
      content: { text: TEXT, templates: {} },
      audience: { segment: {} },
      schedule: { kind: 'now' },
      createdBy: '+919999900000',
    },
    new Date(),
  );

  // Reading the audience alone, and the preview an officer sees before confirming (it reads it too).
  let started = performance.now();
  const readCpu = process.cpuUsage();
  const members = await audienceMembers(
    { users: runtime.models.users, sellers: runtime.models.sellers, groups: runtime.models.groups },
    draft.audience,
  );
  const audienceReadMs = performance.now() - started;
  const audienceReadCpu = process.cpuUsage(readCpu);
  const audienceReadCpuMs = (audienceReadCpu.user + audienceReadCpu.system) / 1000;
  started = performance.now();
  const preview = await desk.preview(draft._id);
  const previewMs = performance.now() - started;
  if (members.length !== SIZE || preview.inWindow !== SIZE)
    throw new Error(`the audience has ${members.length} members, ${preview.inWindow} in the window; expected ${SIZE}`);
  const page = await pageCosts(members.map((member) => member.identity));
  members.length = 0;

  // Baseline: replies with no broadcast; those numbers are then forgotten, so that the audience is SIZE exactly.
  const baselineEnds = performance.now() + BASELINE_SECONDS * 1000;
  const baseline = await runProbes(() => performance.now() >= baselineEnds);
  for (const phone of baseline.phones) await runtime.models.users.deleteOne({ _id: phone });

  // Where planning's time goes, timed on the runtime's own model, queue and Redis client.
  const inserts = new Span();
  const addBulks = new Span();
  const snapshotWrites = new Span();
  timeCalls(
    runtime.models.outbound,
    'insertMany',
    ([documents]) => (documents as { campaign?: string }[])[0]?.campaign === draft._id,
    inserts,
  );
  timeCalls(
    runtime.queues.outbound,
    'addBulk',
    ([jobs]) => (jobs as { data: { bulk?: boolean } }[])[0]?.data.bulk === true,
    addBulks,
  );
  timeCalls(runtime.redis, 'rpush', ([key]) => String(key).includes(':bcastaud:'), snapshotWrites);

  const runKey = `bcast:${draft._id}:v${draft.version}`;
  const memory = { rssBefore: process.memoryUsage.rss(), heapBefore: process.memoryUsage().heapUsed };
  const peaks = { planningRss: 0, planningHeap: 0, rss: 0, heap: 0 };
  let planning = true;
  const sampler = setInterval(() => {
    const { rss, heapUsed } = process.memoryUsage();
    peaks.rss = Math.max(peaks.rss, rss);
    peaks.heap = Math.max(peaks.heap, heapUsed);
    if (planning) {
      peaks.planningRss = Math.max(peaks.planningRss, rss);
      peaks.planningHeap = Math.max(peaks.planningHeap, heapUsed);
    }
  }, SAMPLE_MS);

  const cpuAtConfirm = cpuSnapshot(new Map());
  const ownCpuAtConfirm = process.cpuUsage();
  const confirmAt = epochMs();
  let probesStop = false;
  const during = runProbes(() => probesStop);
  await desk.confirm(draft._id, new Date());

  // Planned: the run's fan-out job completed. The snapshot's count appears in Redis once it is written.
  let job = await runtime.queues.fanOut.getJob(fanOutJobId(runKey));
  const planDeadline = performance.now() + PLAN_TIMEOUT_MS;
  while (!job?.finishedOn) {
    if (performance.now() > planDeadline) throw new Error(`planning took over ${PLAN_TIMEOUT_MS / 60_000} min`);
    if (job?.failedReason) throw new Error(`the fan-out failed: ${job.failedReason}`);
    await delay(SAMPLE_MS);
    job = await runtime.queues.fanOut.getJob(fanOutJobId(runKey));
  }
  const windowStart = epochMs();
  planning = false;
  const cpuAtPlanned = cpuSnapshot(new Map());
  const ownCpuAtPlanned = process.cpuUsage();
  const ownPlanning = process.cpuUsage(ownCpuAtConfirm);
  const fanOutStarted = job.processedOn ?? Number.NaN;
  const plannedAt = job.finishedOn;
  const queued = (job.returnvalue as { queued?: number } | undefined)?.queued ?? Number.NaN;
  const audienceCount = Number(await runtime.redis.get(`${config.queuePrefix}:bcastaud:${runKey}:done`));
  const record = await desk.find(draft._id);
  if (record?.runs[0] !== runKey) throw new Error(`the run's key is ${record?.runs[0]}, not ${runKey}`);
  const sentWhilePlanning = twilio.messages.filter((m) => m.createdAt < plannedAt).length;

  // The send window.
  await delay(Math.max(0, windowStart + SEND_SECONDS * 1000 - epochMs()));
  const cpuAtEnd = cpuSnapshot(new Map());
  const ownCpu = process.cpuUsage(ownCpuAtPlanned);
  probesStop = true;
  const waiting = await runtime.queues.outbound.getJobCountByTypes('prioritized', 'waiting', 'delayed');
  // When the send worker took each send (BullMQ's processedOn): what its rate limiter counts.
  const taken = (await runtime.queues.outbound.getJobs(['completed', 'active'], 0, -1)).flatMap((sent) =>
    sent?.processedOn ? [sent.processedOn] : [],
  );
  const { probes } = await during;
  clearInterval(sampler);

  await desk.steer(draft._id, 'cancel', new Date());
  started = performance.now();
  const report = await desk.report(draft._id);
  const reportMs = performance.now() - started;

  // The numbers.
  const times = twilio.messages.map((m) => m.createdAt);
  const isMember = (to: string) => to.startsWith(`whatsapp:${MEMBER_PREFIX}`);
  const rate = rateOver(times, windowStart, SEND_SECONDS);
  const broadcastRate = rateOver(
    twilio.messages.filter((m) => isMember(m.to)).map((m) => m.createdAt),
    windowStart,
    SEND_SECONDS,
  );
  const takenRate = rateOver(taken, windowStart, SEND_SECONDS);
  const planningRate = (sentWhilePlanning / (plannedAt - confirmAt)) * 1000;
  const base = replyStats(baseline.probes);
  const whilePlanning = replyStats(probes.filter((probe) => probe.startedAt < plannedAt));
  const whileSending = replyStats(probes.filter((probe) => probe.startedAt >= plannedAt));
  const whileBroadcast = replyStats(probes);
  const planMs = plannedAt - confirmAt;
  const cpuPlanning = cpuBetween(cpuAtConfirm, cpuAtPlanned);
  const cpuSending = cpuBetween(cpuAtPlanned, cpuAtEnd);
  const ownPlanningMs = (ownPlanning.user + ownPlanning.system) / 1000;
  const cpuPerMessage = (ownCpu.user + ownCpu.system) / 1000 / Math.max(1, rate.total);
  const pagesMs = plannedAt - (snapshotWrites.last || fanOutStarted);
  const otherPageMs = pagesMs - inserts.ms - addBulks.ms;
  const met = (ok: boolean) => (ok ? 'yes' : '**no**');

  console.log(
    `Broadcast benchmark, started ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, ${cpus().length} cores, load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' / ')}`,
  );
  console.log(
    `${n(SIZE)} synthetic users (inserted in ${insertSeconds.toFixed(1)} s), segment {} (everyone), all in the 24-hour window; send rate ${RATE}/s; send window ${SEND_SECONDS} s from the moment planning completed; ${PROBES_PER_SECOND} probe "hi"s a second from new numbers from confirm to the end of the window`,
  );
  console.log(
    `Bot (ROLE=all, web and workers), the local Twilio server (status callbacks on) and the probes share this process; FerretDB and Redis are their own.`,
  );
  console.log('');
  console.log('| measure | result | baseline (same run) | goal | met? |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| confirm → every message planned and queued (the run's fan-out job completed) | ${s(planMs)} (${n(audienceCount)} recipients, ${n(queued)} queued) | audienceMembers alone: ${s(audienceReadMs)}; preview: ${s(previewMs)} | < ${GOALS.planSeconds} s | ${met(planMs < GOALS.planSeconds * 1000)} |`,
  );
  console.log(
    `| peak RSS of this process while planning / over the run | ${mib(peaks.planningRss)} / ${mib(peaks.rss)} | before confirm: ${mib(memory.rssBefore)} | — | — |`,
  );
  console.log(
    `| peak heapUsed while planning / over the run | ${mib(peaks.planningHeap)} / ${mib(peaks.heap)} | before confirm: ${mib(memory.heapBefore)} | — | — |`,
  );
  console.log(
    `| send rate over ${SEND_SECONDS} s, all messages accepted by the Twilio server: mean | ${rate.mean.toFixed(1)}/s (${((rate.mean / RATE) * 100).toFixed(1)}% of the limit; broadcast ${broadcastRate.mean.toFixed(1)}/s, replies ${(rate.mean - broadcastRate.mean).toFixed(1)}/s) | the limit: ${RATE}/s | ≥ ${GOALS.rateShare * 100}% of ${RATE}/s | ${met(rate.mean >= GOALS.rateShare * RATE)} |`,
  );
  console.log(
    `| send rate: busiest second / quietest second / busiest sliding 1-s window | ${rate.max} / ${rate.min} / ${rate.slidingMax} | the limit: ${RATE}/s | never above ${RATE} | ${met(rate.max <= RATE)} (whole seconds), ${met(rate.slidingMax <= RATE)} (sliding) |`,
  );
  console.log(
    `| the same, as the send worker took them (BullMQ's processedOn, what its limiter counts) | mean ${takenRate.mean.toFixed(1)}/s; busiest second ${takenRate.max}; busiest sliding 1-s window ${takenRate.slidingMax} | the limit: ${RATE}/s | never above ${RATE} | ${met(takenRate.max <= RATE)} (whole seconds), ${met(takenRate.slidingMax <= RATE)} (sliding) |`,
  );
  console.log(
    `| reply p95 while it sends (webhook → first reply at the Twilio server), after planning | ${s(whileSending.p95)} (p50 ${s(whileSending.p50)}, max ${s(whileSending.max)}, ${whileSending.answered} of ${whileSending.count} answered) | no broadcast: p95 ${s(base.p95)} (p50 ${s(base.p50)}, max ${s(base.max)}, ${base.answered} of ${base.count}) | < ${GOALS.replyP95Seconds} s | ${met(whileSending.p95 < GOALS.replyP95Seconds * 1000)} |`,
  );
  console.log(
    `| reply p95 while planning (confirm → planned) | ${s(whilePlanning.p95)} (p50 ${s(whilePlanning.p50)}, max ${s(whilePlanning.max)}, ${whilePlanning.answered} of ${whilePlanning.count} answered) | no broadcast: p95 ${s(base.p95)} | < ${GOALS.replyP95Seconds} s | ${met(whilePlanning.p95 < GOALS.replyP95Seconds * 1000)} |`,
  );
  console.log(
    `| reply p95 from confirm to the end of the window | ${s(whileBroadcast.p95)} (${whileBroadcast.answered} of ${whileBroadcast.count}) | no broadcast: p95 ${s(base.p95)} | < ${GOALS.replyP95Seconds} s | ${met(whileBroadcast.p95 < GOALS.replyP95Seconds * 1000)} |`,
  );
  console.log(
    `| CPU of this process per message sent, send window | ${cpuPerMessage.toFixed(2)} ms (${n(rate.total)} messages) | — | — | — |`,
  );
  console.log('');
  console.log('Where planning went (the same run; epoch times from BullMQ and the wrapped calls):');
  console.log('');
  console.log('| step | time |');
  console.log('|---|---|');
  console.log(
    `| confirm → the fan-out job starts (fire job, then the fan-out job) | ${s(fanOutStarted - confirmAt)} |`,
  );
  console.log(
    `| audience read from FerretDB (fan-out start → the snapshot's first write) | ${s(snapshotWrites.first - fanOutStarted)} |`,
  );
  console.log(
    `| snapshot written to Redis (${snapshotWrites.calls} RPUSH of ≤ 1,000) | ${s(snapshotWrites.last - snapshotWrites.first)} (calls ${s(snapshotWrites.ms)}) |`,
  );
  console.log(`| pages (snapshot written → job completed) | ${s(pagesMs)} |`);
  console.log(`|   outbound documents inserted (${inserts.calls} insertMany) | ${s(inserts.ms)} |`);
  console.log(`|   send jobs queued (${addBulks.calls} addBulk) | ${s(addBulks.ms)} |`);
  console.log(
    `|   the rest (page reads, rendering, saving the cursor, and the event loop shared with sends, callbacks and probes) | ${s(otherPageMs)} |`,
  );
  console.log(`| total: confirm → planned | ${s(planMs)} |`);
  const perPage = (span: Span) => span.ms / page.pages;
  const pagesNeeded = Math.ceil(SIZE / FAN_OUT_PAGE_SIZE);
  console.log(
    `| alone, before confirming: audienceMembers (${n(SIZE)} users) | ${s(audienceReadMs)} (CPU here ${s(audienceReadCpuMs)}) |`,
  );
  console.log(
    `| alone: one page of ${FAN_OUT_PAGE_SIZE} stored and queued (mean of ${page.pages}, scratch collection and queue) | ${perPage(page.stored).toFixed(0)} ms (CPU here ${(page.stored.cpuMs / page.pages).toFixed(0)} ms; FerretDB CPU ${(page.ferretCpuMs / page.pages).toFixed(0)} ms) |`,
  );
  console.log(
    `|   of which insertMany / addBulk | ${perPage(page.inserted).toFixed(0)} ms (CPU here ${(page.inserted.cpuMs / page.pages).toFixed(0)} ms) / ${perPage(page.queued).toFixed(0)} ms (CPU here ${(page.queued.cpuMs / page.pages).toFixed(0)} ms) |`,
  );
  console.log(
    `| alone, estimated: audience read + ${n(pagesNeeded)} pages at that cost | ${s(audienceReadMs + pagesNeeded * perPage(page.stored))} |`,
  );
  console.log('');
  console.log(
    `Sent while planning: ${n(sentWhilePlanning)} (${planningRate.toFixed(1)}/s). Still queued at the end of the window: ${n(waiting)} (so the window never ran dry: ${met(waiting > 0)}).`,
  );
  console.log(
    `CPU while planning, % of one core: ${formatShares(cpuPlanning)} (this process ${ownPlanningMs.toFixed(0)} ms, ${((ownPlanningMs * 1000) / Math.max(1, audienceCount)).toFixed(0)} µs per recipient; 'load generator' is this process).`,
  );
  console.log(`CPU while sending, % of one core: ${formatShares(cpuSending)}.`);
  console.log(`Messages accepted by the Twilio server in each second of the window: ${rate.buckets.join(' ')}.`);
  console.log(
    `The desk's report after cancelling took ${s(reportMs)}: ${n(report.total)} messages, ${n(report.sent + report.delivered + report.read)} sent, ${n(report.queued)} queued, skipped ${JSON.stringify(report.skipped)}.`,
  );
} finally {
  await runtime.stop();
  await twilio.close();
  await services.stop();
}
