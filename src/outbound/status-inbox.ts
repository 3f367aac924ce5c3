/**
 * Delivery reports, staged in Redis and written to the database in batches.
 *
 * Twilio posts up to four reports per message (queued, sent, delivered, read), often within a second of each other,
 * and on FerretDB each costs a read and a write (no conditional update by `_id`; see delivery-status.ts). So the
 * webhook makes one Redis call and answers: the report goes into the pending hash, which keeps only the furthest
 * report per message, and the first report of a batch schedules a flush `batchMs` later. The flush claims the whole
 * hash at once (a rename) and writes each message once (status-worker.ts). The send worker stages its record of a
 * send here too (provider id, "queued"), so every status write goes through the one flush and none can
 * overtake another, and a reply costs one database write for its send and its reports together.
 *
 * Nothing is lost on the way: a claimed batch stays in Redis until it is written; a flush that dies is retried under
 * the same job id and resumes its batch; a batch whose retries ran out, and reports whose flush was never scheduled
 * (a web process that died between its two calls), are picked up by the maintenance sweep.
 *
 * Keys:
 * - `<prefix>:status:pending`             hash: report key → `<rank>|<report json>`, the furthest report per message,
 *                                         and `send:<outbound id>` → `0|<send json>`, an accepted send
 * - `<prefix>:status:flush-due`           set while a flush is scheduled
 * - `<prefix>:status:batch:<job id>`      a claimed batch (same shape as pending), deleted once written
 * - `<prefix>:status:batches`             sorted set: claimed batches by claim time (ms), for the sweep
 * - `<prefix>:status:parked:<provider id>` reports without our reference that came before the provider id was stored
 * - `<prefix>:status:applied:<outbound id>` the status rank last written to the message, so a flush need not read it
 *
 * A report key is `ref:<our outbound id>` when the channel echoed our reference back, else `pid:<provider id>`.
 */
import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DeliveryStatus, StatusUpdate } from '../channels/channel.js';
import { jobId, statusFlushJobOptions } from '../queue/queues.js';
import { LuaScript } from '../queue/lua-script.js';
import { STATUS_RANK } from './outbound-model.js';

/** A report as staged: what the database write needs, nothing more. */
export interface StagedReport {
  providerId: string;
  reference?: string;
  status: DeliveryStatus;
  errorCode?: number;
}

/**
 * A send the provider accepted, as the send worker records it: written with the next batch, together with that
 * message's furthest report (Redis already keeps the send from happening twice; see send-worker.ts).
 */
export interface StagedSend {
  outboundId: string;
  providerId: string;
  /** The status the provider gave the new message (queued). */
  status: DeliveryStatus;
}

/** What one flush writes. */
export interface StatusBatch {
  reports: StagedReport[];
  sends: StagedSend[];
}

/** Data of a flush job: `batch` names a claimed batch to resume (the sweep's jobs); otherwise it claims its own. */
export interface StatusFlushJobData {
  batch?: string;
}

/** `ignored`: a provider's "queued", which the send worker records itself; `superseded`: a further one is staged. */
export type StageOutcome = 'staged' | 'ignored' | 'superseded';

/** A claimed batch older than this is taken to be abandoned by its flush, and is resumed by the sweep. */
export const BATCH_ABANDONED_MS = 60_000;
const PARKED_SECONDS = 60 * 60;
/** How long the last written rank of a message stays in Redis: reports come within days, "read" at the latest. */
const APPLIED_SECONDS = 7 * 24 * 60 * 60;

/** Lua shared by the scripts below: entries are `<rank>|<report json>`, and a field only ever gets a further one. */
const LUA_HELPERS = `
local function stageEntry(pending, key, rank, json)
  local current = redis.call('HGET', pending, key)
  if current and tonumber(string.match(current, '^(%d+)|')) >= tonumber(rank) then return 0 end
  redis.call('HSET', pending, key, rank .. '|' .. json)
  return 1
end
local function restage(parked, pending)
  local entries = redis.call('LRANGE', parked, 0, -1)
  for _, entry in ipairs(entries) do
    local key, rank, json = string.match(entry, '^([^|]+)|(%d+)|(.*)$')
    stageEntry(pending, key, rank, json)
  end
  if #entries > 0 then redis.call('DEL', parked) end
  return #entries
end
local function flushDue(flag, ms)
  if redis.call('SET', flag, '1', 'NX', 'PX', ms) then return 2 end
  return 1
end
`;

/**
 * KEYS: pending, flush-due, parked (reports waiting for a provider id). ARGV: flush-due lifetime (ms), '1' to stage
 * the parked reports too (a send just stored that provider id), then entries as (key, rank, json) triples.
 * Returns 0 when nothing new was staged, 1 when something was, 2 when it was and a flush is now due.
 */
const STAGE = new LuaScript(`${LUA_HELPERS}
local staged = 0
for i = 3, #ARGV, 3 do staged = staged + stageEntry(KEYS[1], ARGV[i], ARGV[i + 1], ARGV[i + 2]) end
if ARGV[2] == '1' then staged = staged + restage(KEYS[3], KEYS[1]) end
if staged == 0 then return 0 end
return flushDue(KEYS[2], ARGV[1])`);

/** KEYS: parked, pending, flush-due. ARGV: flush-due lifetime (ms). Stages the parked reports; returns as STAGE. */
const RESTAGE_PARKED = new LuaScript(`${LUA_HELPERS}
if restage(KEYS[1], KEYS[2]) == 0 then return 0 end
return flushDue(KEYS[3], ARGV[1])`);

/**
 * KEYS: pending, flush-due, batch, batches. ARGV: now (ms), resume only ('1' | '0').
 * A batch claimed by an earlier attempt of the same job is resumed, not replaced (RENAME would overwrite it).
 * Clearing flush-due in the same step means a report after the claim schedules the next flush.
 * Returns 1 when there is a batch to write, 0 when not.
 */
const CLAIM = new LuaScript(`
if redis.call('EXISTS', KEYS[3]) == 1 then return 1 end
if ARGV[2] == '1' then return 0 end
redis.call('DEL', KEYS[2])
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[3])
redis.call('ZADD', KEYS[4], ARGV[1], KEYS[3])
return 1`);

export class StatusInbox {
  private readonly pendingKey: string;
  private readonly flushDueKey: string;
  private readonly batchesKey: string;
  /** Long enough to outlive a scheduled flush; if it lapses early, a later report merely schedules one more. */
  private readonly flushDueMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly flushes: Queue<StatusFlushJobData>,
    private readonly prefix: string,
    private readonly batchMs: number,
  ) {
    this.pendingKey = `${prefix}:status:pending`;
    this.flushDueKey = `${prefix}:status:flush-due`;
    this.batchesKey = `${prefix}:status:batches`;
    this.flushDueMs = Math.max(10_000, batchMs * 10);
  }

  /** Stages a provider's report. Its "queued" is dropped: the send worker stages that as it records the send. */
  async report(update: StatusUpdate): Promise<StageOutcome> {
    if (STATUS_RANK[update.status] <= STATUS_RANK.queued) return 'ignored';
    return this.stage(update.providerId, false, stagedEntry(toStaged(update)));
  }

  /** Stages a send the provider accepted, with its status, and frees the reports parked for its provider id. */
  async recordSend(send: StagedSend): Promise<StageOutcome> {
    const report: StagedReport = { providerId: send.providerId, reference: send.outboundId, status: send.status };
    return this.stage(
      send.providerId,
      true,
      stagedEntry(report),
      // One accepted send per message (the send worker sees to that), so the first staged is the one.
      [`${SEND_PREFIX}${send.outboundId}`, 0, JSON.stringify(send)],
    );
  }

  private async stage(providerId: string, freeParked: boolean, ...entries: StagedEntry[]): Promise<StageOutcome> {
    const outcome = await STAGE.run(
      this.redis,
      [this.pendingKey, this.flushDueKey, this.parkedKey(providerId)],
      [this.flushDueMs, freeParked ? '1' : '0', ...entries.flat()],
    );
    if (outcome === 0) return 'superseded';
    if (outcome === 2) await this.scheduleFlush();
    return 'staged';
  }

  /**
   * Claims the batch into `batch` (or, after a crash, finds the one claimed there before) and returns what it
   * holds; `resume` only resumes an existing batch. Empty when there is nothing to write.
   */
  async claim(batch: string, resume: boolean): Promise<StatusBatch> {
    const claimed = await CLAIM.run(
      this.redis,
      [this.pendingKey, this.flushDueKey, batch, this.batchesKey],
      [Date.now(), resume ? '1' : '0'],
    );
    const result: StatusBatch = { reports: [], sends: [] };
    if (claimed !== 1) return result;
    for (const [key, entry] of Object.entries(await this.redis.hgetall(batch))) {
      const json = entry.slice(entry.indexOf('|') + 1);
      if (key.startsWith(SEND_PREFIX)) result.sends.push(JSON.parse(json) as StagedSend);
      else result.reports.push(JSON.parse(json) as StagedReport);
    }
    return result;
  }

  /** The batch key a flush job claims into: derived from its id, so that a retried job resumes the same batch. */
  batchKey(flushJobId: string): string {
    return `${this.prefix}:status:batch:${flushJobId}`;
  }

  /** Forgets a batch once every report in it is written. */
  async written(batch: string): Promise<void> {
    await this.redis.multi().del(batch).zrem(this.batchesKey, batch).exec();
  }

  /** Keeps a report that names a provider id not stored yet, until `restageParked` for that id (or an hour). */
  async park(report: StagedReport): Promise<void> {
    const key = this.parkedKey(report.providerId);
    await this.redis.multi().rpush(key, stagedEntry(report).join('|')).expire(key, PARKED_SECONDS).exec();
  }

  /** Stages again the reports parked for `providerId`; called once that id is stored. */
  async restageParked(providerId: string): Promise<void> {
    const outcome = await RESTAGE_PARKED.run(
      this.redis,
      [this.parkedKey(providerId), this.pendingKey, this.flushDueKey],
      [this.flushDueMs],
    );
    if (outcome === 2) await this.scheduleFlush();
  }

  /**
   * The status rank last written for each outbound id, where Redis still has it (APPLIED_SECONDS): the flush's
   * forward-only check then needs no database read. Undefined entries must be read from the database.
   */
  async appliedRanks(ids: readonly string[]): Promise<(number | undefined)[]> {
    if (ids.length === 0) return [];
    const ranks = await this.redis.mget(ids.map((id) => this.appliedKey(id)));
    return ranks.map((rank) => (rank === null ? undefined : Number(rank)));
  }

  /** Remembers ranks just written to the database; only ever after the write, so Redis never runs ahead of it. */
  async rememberApplied(applied: ReadonlyArray<{ id: string; rank: number }>): Promise<void> {
    if (applied.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const { id, rank } of applied) pipeline.set(this.appliedKey(id), rank, 'EX', APPLIED_SECONDS);
    await pipeline.exec();
  }

  /**
   * The maintenance sweep: resumes batches abandoned by their flush, and schedules a flush for reports that wait
   * without one. Returns how many batches it resumed.
   */
  async sweep(now: Date): Promise<number> {
    const abandoned = await this.redis.zrangebyscore(this.batchesKey, '-inf', now.getTime() - BATCH_ABANDONED_MS);
    const bucket = String(Math.floor(now.getTime() / BATCH_ABANDONED_MS));
    for (const batch of abandoned) {
      await this.flushes.add(
        'flush',
        { batch },
        { ...statusFlushJobOptions(), jobId: jobId('resume', batch.slice(batch.lastIndexOf(':') + 1), bucket) },
      );
    }
    const [pending, due] = await Promise.all([this.redis.exists(this.pendingKey), this.redis.exists(this.flushDueKey)]);
    if (pending === 1 && due === 0) await this.scheduleFlush();
    return abandoned.length;
  }

  private async scheduleFlush(): Promise<void> {
    await this.flushes.add(
      'flush',
      {},
      { ...statusFlushJobOptions(), jobId: jobId('flush', randomUUID()), delay: this.batchMs },
    );
  }

  private appliedKey(id: string): string {
    return `${this.prefix}:status:applied:${id}`;
  }

  private parkedKey(providerId: string): string {
    return `${this.prefix}:status:parked:${providerId}`;
  }
}

const SEND_PREFIX = 'send:';

/** A pending-hash field and its value's parts (`<rank>|<json>`); parked reports keep all three, `|`-joined. */
type StagedEntry = [key: string, rank: number, json: string];

function stagedEntry(report: StagedReport): StagedEntry {
  const key = report.reference !== undefined ? `ref:${report.reference}` : `pid:${report.providerId}`;
  return [key, STATUS_RANK[report.status], JSON.stringify(report)];
}

function toStaged(report: StagedReport | StatusUpdate): StagedReport {
  return {
    providerId: report.providerId,
    status: report.status,
    ...(report.reference !== undefined ? { reference: report.reference } : {}),
    ...(report.errorCode !== undefined ? { errorCode: report.errorCode } : {}),
  };
}
