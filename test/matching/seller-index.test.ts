/**
 * The seller index on the real Redis: listings follow profile changes, candidates come with their reply records,
 * counts fade, a rebuild restores a lost index, and no error names a seller's number.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type InquiryNeeds, rankSellers, type SellerMatchProfile } from '../../src/domain/matching/rank.js';
import { SellerIndex } from '../../src/matching/seller-index.js';
import { SellerIndexError } from '../../src/matching/seller-index-error.js';
import { createRedisConnection } from '../../src/queue/redis-connections.js';
import { redisUrl, uniqueName } from '../support/services.js';

const DAY = 24 * 60 * 60_000;
const START = Date.parse('2026-11-30T10:00:00+05:30');
const PARBOILED: InquiryNeeds = { productId: 'parboiled_rice', category: 'rice', certifications: [] };

const redis = createRedisConnection(redisUrl(), 'client');
const prefixes: string[] = [];

/** An index on its own prefix, with a clock the test moves. */
function newIndex(options: { statsHalfLifeMs?: number } = {}) {
  const prefix = uniqueName('match');
  prefixes.push(prefix);
  const clock = { now: START };
  const index = new SellerIndex(redis, prefix, { ...options, now: () => clock.now });
  return { index, prefix, clock };
}

let nextPhone = 0;
function seller(overrides: Partial<SellerMatchProfile> = {}): SellerMatchProfile {
  nextPhone += 1;
  return {
    sellerId: `+9198${String(process.pid % 1000).padStart(3, '0')}${String(nextPhone).padStart(5, '0')}`,
    products: [{ productId: 'parboiled_rice', category: 'rice', capacityKgPerMonth: 50_000 }],
    certifications: ['fssai'],
    exportExperience: 'indirect',
    tehsil: 'bina',
    available: true,
    ...overrides,
  };
}

const ids = (candidates: { profile: SellerMatchProfile }[]) => candidates.map((c) => c.profile.sellerId).sort();
const keysOf = (prefix: string) => redis.keys(`${prefix}:*`);

afterEach(async () => {
  for (const prefix of prefixes.splice(0)) {
    const keys = await keysOf(prefix);
    if (keys.length > 0) await redis.del(...keys);
  }
});
afterAll(() => redis.quit());

describe('SellerIndex: listings', () => {
  it('finds the sellers of the product and of its category, with their profiles', async () => {
    const { index } = newIndex();
    const exact = seller();
    const sameKind = seller({ products: [{ productId: 'basmati_rice', category: 'rice' }] });
    const other = seller({ products: [{ productId: 'soybean_meal', category: 'soybean-meal' }] });
    for (const profile of [exact, sameKind, other]) await index.put(profile);

    const found = await index.candidates(PARBOILED);
    expect(ids(found)).toEqual(ids([{ profile: exact }, { profile: sameKind }]));
    expect(found.find((c) => c.profile.sellerId === exact.sellerId)).toEqual({
      profile: exact,
      stats: { alerts: 0, responses: 0 },
    });
    expect(ids(await index.candidates({ productId: 'parboiled_rice', certifications: [] }))).toEqual([exact.sellerId]);
    expect(ids(await index.candidates({ category: 'soybean-meal', certifications: [] }))).toEqual([other.sellerId]);
    expect(await index.candidates({ certifications: [] })).toEqual([]);
  });

  it('moves a seller whose products change, and lists each product once', async () => {
    const { index, prefix } = newIndex();
    const profile = seller();
    await index.put(profile);
    const changed = {
      ...profile,
      products: [
        { productId: 'soybean_meal', category: 'soybean-meal' },
        { productId: 'soybean_meal', category: 'soybean-meal', capacityKgPerMonth: 1000 },
      ],
    };
    await index.put(changed);

    expect(await index.candidates(PARBOILED)).toEqual([]);
    expect(ids(await index.candidates({ productId: 'soybean_meal', certifications: [] }))).toEqual([profile.sellerId]);
    expect(await redis.exists(`${prefix}:match:product:parboiled_rice`, `${prefix}:match:category:rice`)).toBe(0);
  });

  it('lists no unavailable seller, and lists it again when alerts are back on', async () => {
    const { index } = newIndex();
    const profile = seller();
    await index.put({ ...profile, available: false });
    expect(await index.candidates(PARBOILED)).toEqual([]);
    await index.put(profile);
    expect(ids(await index.candidates(PARBOILED))).toEqual([profile.sellerId]);
  });

  it('forgets a removed seller entirely', async () => {
    const { index, prefix } = newIndex();
    const profile = seller();
    await index.put(profile);
    await index.recordAlerts([profile.sellerId], new Date(START));
    await index.remove(profile.sellerId);
    expect(await index.candidates(PARBOILED)).toEqual([]);
    expect(await keysOf(prefix)).toEqual([]);
    await index.remove(profile.sellerId); // twice is harmless
  });

  it('reads at most the limit, sellers of the product first, and samples a crowded product', async () => {
    const { index } = newIndex();
    const exact = Array.from({ length: 5 }, () => seller());
    const sameKind = Array.from({ length: 40 }, () =>
      seller({ products: [{ productId: 'raw_rice', category: 'rice' }] }),
    );
    for (const profile of [...exact, ...sameKind]) await index.put(profile);

    const first = await index.candidates(PARBOILED, 10);
    expect(first).toHaveLength(10);
    expect(new Set(ids(first)).size).toBe(10);
    expect(ids(first)).toEqual(expect.arrayContaining(ids(exact.map((profile) => ({ profile })))));

    const seen = new Set<string>();
    for (let read = 0; read < 20; read++) {
      for (const id of ids(await index.candidates({ category: 'rice', certifications: [] }, 10))) seen.add(id);
    }
    // 20 random draws of 10 out of 45: every seller is as likely to be looked at.
    expect(seen.size).toBeGreaterThan(30);
    await expect(index.candidates(PARBOILED, 0)).rejects.toThrow(SellerIndexError);
  });

  it('reads a few thousand candidates in one call', async () => {
    const { index } = newIndex();
    const many = Array.from({ length: 2500 }, () => seller());
    await index.rebuild(
      (async function* () {
        yield* many;
      })(),
    );
    expect(await index.candidates(PARBOILED, 3000)).toHaveLength(2500);
  });
});

describe('SellerIndex: alerts and replies', () => {
  it('counts alerts and replies, and the mean reply time', async () => {
    const { index } = newIndex();
    const [a, b] = [seller(), seller()];
    await index.put(a);
    await index.put(b);
    await index.recordAlerts([a.sellerId, b.sellerId, a.sellerId], new Date(START));
    await index.recordAlerts([a.sellerId], new Date(START + 1000));
    await index.recordResponse(a.sellerId, 60_000);
    await index.recordResponse(a.sellerId, 180_000);

    const stats = new Map((await index.candidates(PARBOILED)).map((c) => [c.profile.sellerId, c.stats]));
    expect(stats.get(a.sellerId)).toEqual({
      alerts: 2,
      responses: 2,
      meanResponseMs: 120_000,
      lastAlertedAt: START + 1000,
    });
    expect(stats.get(b.sellerId)).toEqual({ alerts: 1, responses: 0, lastAlertedAt: START });
  });

  it('fades counts with time, so that alerts lately count most', async () => {
    const { index, clock } = newIndex({ statsHalfLifeMs: 10 * DAY });
    const profile = seller();
    await index.put(profile);
    await index.recordAlerts([profile.sellerId], new Date(START));
    await index.recordAlerts([profile.sellerId], new Date(START));
    clock.now = START + 10 * DAY;
    const [faded] = await index.candidates(PARBOILED);
    expect(faded?.stats.alerts).toBeCloseTo(1, 6);

    await index.recordAlerts([profile.sellerId], new Date(START + 20 * DAY));
    clock.now = START + 20 * DAY;
    const [later] = await index.candidates(PARBOILED);
    expect(later?.stats.alerts).toBeCloseTo(1.5, 6);
    expect(later?.stats.lastAlertedAt).toBe(START + 20 * DAY);
  });

  it('counts a reply to an alert it lost as an alert too', async () => {
    const { index } = newIndex();
    const profile = seller();
    await index.put(profile);
    await index.recordResponse(profile.sellerId, 5000);
    const [found] = await index.candidates(PARBOILED);
    expect(found?.stats).toEqual({ alerts: 1, responses: 1, meanResponseMs: 5000 });
    await expect(index.recordResponse(profile.sellerId, -1)).rejects.toThrow(/responseMs/);
  });

  it('with rankSellers, shares inquiries among equal sellers', async () => {
    const { index, clock } = newIndex();
    const sellers = Array.from({ length: 20 }, () => seller());
    for (const profile of sellers) await index.put(profile);
    const sent = new Map<string, number>();
    for (let inquiry = 0; inquiry < 40; inquiry++) {
      clock.now += 60_000;
      const candidates = await index.candidates(PARBOILED);
      const chosen = rankSellers(PARBOILED, candidates, { topN: 2, now: clock.now, inquiryKey: `inq-${inquiry}` });
      await index.recordAlerts(
        chosen.map((c) => c.sellerId),
        new Date(clock.now),
      );
      for (const { sellerId } of chosen) sent.set(sellerId, (sent.get(sellerId) ?? 0) + 1);
    }
    expect([...sent.values()]).toEqual(Array(20).fill(4));
  });
});

describe('SellerIndex: rebuild', () => {
  async function* stream(profiles: SellerMatchProfile[], during?: () => Promise<void>) {
    for (const [i, profile] of profiles.entries()) {
      if (i === 1 && during) await during();
      yield profile;
    }
  }

  it('restores a lost index, keeps reply records and drops sellers no longer there', async () => {
    const { index, prefix } = newIndex();
    const [kept, gone, paused] = [seller(), seller(), seller()];
    for (const profile of [kept, gone, paused]) await index.put(profile);
    await index.recordAlerts([kept.sellerId], new Date(START));
    // Redis lost the listings (not the stats) and one seller left meanwhile.
    await redis.del(`${prefix}:match:product:parboiled_rice`, `${prefix}:match:category:rice`);

    const count = await index.rebuild(stream([kept, { ...paused, available: false }]));
    expect(count).toBe(2);
    const found = await index.candidates(PARBOILED);
    expect(ids(found)).toEqual([kept.sellerId]);
    expect(found[0]?.stats.alerts).toBe(1);
    expect(await redis.hexists(`${prefix}:match:profiles`, gone.sellerId)).toBe(0);
    expect(await redis.hexists(`${prefix}:match:profiles`, paused.sellerId)).toBe(1);
  });

  it('keeps a seller registered while it runs', async () => {
    const { index } = newIndex();
    const [old, newcomer] = [seller(), seller()];
    await index.put(old);
    await index.rebuild(stream([old, old], () => index.put(newcomer)));
    expect(ids(await index.candidates(PARBOILED))).toEqual(ids([{ profile: old }, { profile: newcomer }]));
  });
});

describe('SellerIndex: failures', () => {
  it('names no seller in an error, even when Redis refuses a command carrying numbers', async () => {
    const { index, prefix } = newIndex();
    const profile = seller();
    await redis.set(`${prefix}:match:stats`, 'not a hash');
    const error = await index.recordAlerts([profile.sellerId], new Date(START)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SellerIndexError);
    const everything = JSON.stringify({
      message: (error as Error).message,
      context: (error as SellerIndexError).context,
      cause: String((error as Error).cause),
      causeProps: { ...((error as Error).cause as object) },
      stack: (error as Error).stack,
    });
    expect(everything).toMatch(/WRONGTYPE/);
    expect(everything).not.toContain(profile.sellerId.slice(3));
  });

  it('says to rebuild when a stored profile is unreadable', async () => {
    const { index, prefix } = newIndex();
    const profile = seller();
    await index.put(profile);
    await redis.hset(`${prefix}:match:profiles`, profile.sellerId, '{broken');
    const error = await index.candidates(PARBOILED).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SellerIndexError);
    expect((error as Error).message).toMatch(/rebuild/);
    expect((error as Error).message).not.toContain(profile.sellerId.slice(3));
  });

  it('reports Redis being gone as a SellerIndexError', async () => {
    const closed = createRedisConnection(redisUrl(), 'client');
    await closed.quit();
    const index = new SellerIndex(closed, uniqueName('match'));
    await expect(index.put(seller())).rejects.toBeInstanceOf(SellerIndexError);
    await expect(index.candidates(PARBOILED)).rejects.toMatchObject({ code: 'SELLER_INDEX_FAILED' });
  });
});
