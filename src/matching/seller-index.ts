/**
 * The sellers an inquiry could go to, found in Redis without reading the sellers collection. FerretDB 1.24 uses an
 * index only for a filter on `_id` alone, so `sellers.find({ productIds })` reads and decodes every seller; on
 * MongoDB the `{productIds, alertsOn}` and `{categories, alertsOn}` indexes make that query fast, but this index is
 * fast on both, and also keeps what the sellers collection does not: how each seller has answered alerts.
 *
 * The caller keeps it current: put() after every profile change (registration, products, alerts on or off, STOP
 * and START), remove() on erasure, recordAlerts() when alerts are sent, recordResponse() when a seller answers one.
 * rebuild() restores it from the sellers collection after Redis has lost data.
 *
 * Only available sellers are listed under their products and categories, so candidates() never reads a paused one.
 * Seller ids are phone numbers: they are in Redis keys' members and values, never in errors.
 */
import type { Redis } from 'ioredis';
import type { MatchCandidate, InquiryNeeds, SellerMatchProfile } from '../domain/matching/rank.js';
import { LuaScript } from '../queue/lua-script.js';
import { decodeProfile, decodeStats, encodeProfile } from './index-codec.js';
import { type IndexKeys, indexKeys, setsOf } from './index-keys.js';
import { PUT_SELLER, READ_CANDIDATES, RECORD_ALERTS, RECORD_RESPONSE, REMOVE_SELLER } from './index-scripts.js';
import { indexFailure, SellerIndexError } from './seller-index-error.js';

/**
 * How many sellers one inquiry examines at most. Ranking five out of a thousand equals is as good as out of ten
 * thousand, and reading them costs a few milliseconds; a product with more sellers is sampled at random (see
 * READ_CANDIDATES), which keeps the turns fair but may miss the single best seller among many thousands.
 */
export const DEFAULT_CANDIDATE_LIMIT = 1000;
/** Alert and reply counts halve every two weeks: "fewer alerts lately" forgets last season's rush. */
export const DEFAULT_STATS_HALF_LIFE_MS = 14 * 24 * 60 * 60_000;
/** Profiles written per pipeline while rebuilding: large enough to hide round trips, small enough to stay responsive. */
const REBUILD_BATCH = 500;

export interface SellerIndexOptions {
  statsHalfLifeMs?: number;
  /** Epoch ms; tests pass their own. */
  now?: () => number;
}

export class SellerIndex {
  private readonly keys: IndexKeys;
  private readonly halfLifeMs: number;
  private readonly now: () => number;
  private readonly putScript = new LuaScript(PUT_SELLER);
  private readonly removeScript = new LuaScript(REMOVE_SELLER);
  private readonly readScript = new LuaScript(READ_CANDIDATES);
  private readonly alertsScript = new LuaScript(RECORD_ALERTS);
  private readonly responseScript = new LuaScript(RECORD_RESPONSE);

  constructor(
    private readonly redis: Redis,
    prefix: string,
    options: SellerIndexOptions = {},
  ) {
    this.keys = indexKeys(prefix);
    this.halfLifeMs = options.statsHalfLifeMs ?? DEFAULT_STATS_HALF_LIFE_MS;
    this.now = options.now ?? Date.now;
  }

  /** Stores the profile and lists the seller under exactly its products and categories (none if unavailable). */
  async put(profile: SellerMatchProfile): Promise<void> {
    try {
      await this.putScript.run(this.redis, [this.keys.profiles, this.keys.listedIn], this.putArgs(profile));
    } catch (error) {
      throw indexFailure('put', error);
    }
  }

  /** Forgets the seller: listings, profile and reply record (an erasure leaves nothing behind). */
  async remove(sellerId: string): Promise<void> {
    try {
      await this.removeScript.run(this.redis, this.removeKeys(), [sellerId]);
    } catch (error) {
      throw indexFailure('remove', error);
    }
  }

  /**
   * The available sellers of the product asked for, then of its category, up to `limit`, each with its stats as of
   * now. Order is not rank: hand them to rankSellers.
   */
  async candidates(needs: InquiryNeeds, limit = DEFAULT_CANDIDATE_LIMIT): Promise<MatchCandidate[]> {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new SellerIndexError('candidates', 'limit must be a whole number ≥ 1', { limit });
    }
    let reply: [string[], (string | null)[], (string | null)[]];
    try {
      const keys = [
        this.keys.product(needs.productId ?? ''),
        this.keys.category(needs.category ?? ''),
        this.keys.profiles,
        this.keys.stats,
      ];
      const flags = [needs.productId === undefined ? '0' : '1', needs.category === undefined ? '0' : '1'];
      reply = (await this.readScript.run(this.redis, keys, [limit, ...flags])) as typeof reply;
    } catch (error) {
      throw indexFailure('candidates', error, { productId: needs.productId, category: needs.category });
    }
    return this.decodeCandidates(...reply);
  }

  /** Counts one alert to each seller, at `at`. */
  async recordAlerts(sellerIds: readonly string[], at: Date): Promise<void> {
    const unique = [...new Set(sellerIds)];
    if (unique.length === 0) return;
    try {
      await this.alertsScript.run(this.redis, [this.keys.stats], [at.getTime(), this.halfLifeMs, ...unique]);
    } catch (error) {
      throw indexFailure('recordAlerts', error, { sellers: unique.length });
    }
  }

  /** Counts one reply from the seller, `responseMs` after the alert. Call it once per reply. */
  async recordResponse(sellerId: string, responseMs: number): Promise<void> {
    if (!Number.isFinite(responseMs) || responseMs < 0) {
      throw new SellerIndexError('recordResponse', 'responseMs must be a number of milliseconds ≥ 0', { responseMs });
    }
    try {
      await this.responseScript.run(
        this.redis,
        [this.keys.stats],
        [this.now(), this.halfLifeMs, sellerId, Math.round(responseMs)],
      );
    } catch (error) {
      throw indexFailure('recordResponse', error);
    }
  }

  /**
   * Puts every profile given (the whole sellers collection) and removes the sellers indexed before the rebuild
   * began that were not among them. Reply records are kept: the collection does not hold them. Sellers put while it
   * runs stay; a seller removed while it runs may come back if the collection still held it when read, so run it
   * when the index is known to be lost or stale, not on every start. Returns how many profiles were put.
   */
  async rebuild(profiles: AsyncIterable<SellerMatchProfile>): Promise<number> {
    const before = await this.indexedSellers();
    const put = new Set<string>();
    let pipeline = this.redis.pipeline();
    let queued = 0;
    try {
      const sha = (await this.redis.script('LOAD', PUT_SELLER)) as string;
      for await (const profile of profiles) {
        put.add(profile.sellerId);
        pipeline.evalsha(sha, 2, this.keys.profiles, this.keys.listedIn, ...this.putArgs(profile));
        if (++queued === REBUILD_BATCH) {
          await execAll(pipeline, 'rebuild');
          pipeline = this.redis.pipeline();
          queued = 0;
        }
      }
      if (queued > 0) await execAll(pipeline, 'rebuild');
      await this.removeAll([...before].filter((sellerId) => !put.has(sellerId)));
    } catch (error) {
      throw indexFailure('rebuild', error, { put: put.size });
    }
    return put.size;
  }

  private putArgs(profile: SellerMatchProfile): string[] {
    return [profile.sellerId, encodeProfile(profile), ...setsOf(profile, this.keys)];
  }

  private removeKeys(): string[] {
    return [this.keys.profiles, this.keys.listedIn, this.keys.stats];
  }

  private decodeCandidates(ids: string[], profiles: (string | null)[], stats: (string | null)[]): MatchCandidate[] {
    const now = this.now();
    const candidates: MatchCandidate[] = [];
    for (const [i, sellerId] of ids.entries()) {
      const storedProfile = profiles[i] ?? null;
      // Listed but without a profile: removed between the two reads of another client's script. Not a candidate.
      if (storedProfile === null) continue;
      const profile = decodeProfile(sellerId, storedProfile);
      const sellerStats = decodeStats(stats[i] ?? null, now, this.halfLifeMs);
      if (profile === undefined || sellerStats === undefined) {
        throw new SellerIndexError('candidates', 'a stored entry is unreadable; rebuild() the index to restore it', {
          entry: profile === undefined ? 'profile' : 'stats',
        });
      }
      candidates.push({ profile, stats: sellerStats });
    }
    return candidates;
  }

  private async indexedSellers(): Promise<Set<string>> {
    const sellers = new Set<string>();
    try {
      let cursor = '0';
      do {
        // Field and value alternate (NOVALUES needs Redis 7.4).
        const [next, entries] = await this.redis.hscan(this.keys.profiles, cursor, 'COUNT', 1000);
        for (let i = 0; i < entries.length; i += 2) sellers.add(entries[i]!);
        cursor = next;
      } while (cursor !== '0');
    } catch (error) {
      throw indexFailure('rebuild', error);
    }
    return sellers;
  }

  private async removeAll(sellerIds: readonly string[]): Promise<void> {
    const sha = (await this.redis.script('LOAD', REMOVE_SELLER)) as string;
    for (let from = 0; from < sellerIds.length; from += REBUILD_BATCH) {
      const pipeline = this.redis.pipeline();
      for (const sellerId of sellerIds.slice(from, from + REBUILD_BATCH)) {
        pipeline.evalsha(sha, 3, ...this.removeKeys(), sellerId);
      }
      await execAll(pipeline, 'rebuild');
    }
  }
}

async function execAll(pipeline: ReturnType<Redis['pipeline']>, operation: string): Promise<void> {
  const results = (await pipeline.exec()) ?? [];
  const failures = results.filter(([error]) => error !== null);
  if (failures.length > 0) {
    throw new SellerIndexError(operation, failures[0]![0]!.message, { failed: failures.length }, failures[0]![0]);
  }
}
