/**
 * Applies delivery statuses to stored outbound messages: the provider's reports, and the send worker's own record
 * of a send.
 *
 * Reports arrive out of order, so a status only moves forward: a late "delivered" after "read" changes nothing, and
 * a "queued" report (which the send itself already recorded) is dropped without a write.
 *
 * A report that carries our reference (the outbound id, which the channel had echoed back) finds its message by
 * `_id` and stores the provider's id with it, so it needs nothing the send worker stores: it applies even when it
 * arrives before the send worker has recorded the send. FerretDB 1.x uses its index only for a filter that is `_id`
 * alone (`{ _id, statusRank: { $lt } }` scans the collection), so the forward-only check is a read and a write by
 * `_id`, made atomic per message by a short Redis lock (which MongoDB's conditional update was, and FerretDB's never).
 *
 * A report without a reference can only be matched by the provider's id (a scan on FerretDB): `reference` is
 * optional in the Channel interface, and a channel whose provider cannot echo it back reports this way. One that
 * arrives before that id is stored is parked in Redis for an hour and applied when the id is stored. Both sides
 * write first and check second, so it is never lost between them.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { trusted } from 'mongoose';
import type { DeliveryStatus, StatusUpdate } from '../channels/channel.js';
import { LuaScript } from '../queue/lua-script.js';
import { type OutboundModel, type OutboundRecord, STATUS_RANK } from './outbound-model.js';

const PARKED_SECONDS = 60 * 60;
/** The per-message lock: far longer than a read and a write by id; waited for in short steps, at most LOCK_WAIT_MS. */
const LOCK_MS = 5_000;
const LOCK_RETRY_MS = 5;
const LOCK_WAIT_MS = 2_000;

/** Deletes the lock only if it is still ours (it may have expired and been taken by another writer). */
const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

/** `ignored`: a report that can never move a status forward (the send already recorded "queued"). */
export type StatusOutcome = 'applied' | 'stale' | 'parked' | 'ignored';

type ParkedUpdate = Omit<StatusUpdate, 'at'> & { at: string };

export class DeliveryStatusBook {
  constructor(
    private readonly outbound: OutboundModel,
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private parkedKey(providerId: string): string {
    return `${this.prefix}:status:parked:${providerId}`;
  }

  async apply(update: StatusUpdate): Promise<StatusOutcome> {
    const rank = STATUS_RANK[update.status];
    if (rank <= STATUS_RANK.queued) return 'ignored';
    if (update.reference !== undefined) {
      const moved = await this.moveForwardById(update.reference, update.status, {
        // The report may come before the send worker has stored the provider's id.
        providerId: update.providerId,
        ...(update.errorCode !== undefined ? { errorCode: update.errorCode } : {}),
      });
      return moved ? 'applied' : 'stale';
    }
    if (await this.moveForwardByProviderId(update)) return 'applied';
    if (await this.outbound.exists({ providerId: update.providerId })) return 'stale';
    const key = this.parkedKey(update.providerId);
    const parked: ParkedUpdate = { ...update, at: update.at.toISOString() };
    await this.redis.multi().rpush(key, JSON.stringify(parked)).expire(key, PARKED_SECONDS).exec();
    // The id may have been stored while we parked: apply now rather than wait for a send that already happened.
    if (await this.outbound.exists({ providerId: update.providerId })) await this.applyParked(update.providerId);
    return 'parked';
  }

  /**
   * Records a send the provider accepted: its id, one more attempt, and its status unless a report (applied by
   * reference) got further already; an earlier attempt's error no longer describes a message that went out (the
   * error code of a report that got there first does, and stays).
   */
  async recordSent(outboundId: string, providerId: string, status: DeliveryStatus): Promise<void> {
    await this.locked(outboundId, async () => {
      const current = await this.currentRank(outboundId);
      const forward = current !== undefined && current < STATUS_RANK[status];
      await this.outbound.updateOne(
        { _id: outboundId },
        forward
          ? {
              $set: { providerId, status, statusRank: STATUS_RANK[status] },
              $unset: { error: 1, errorCode: 1 },
              $inc: { attempts: 1 },
            }
          : { $set: { providerId }, $unset: { error: 1 }, $inc: { attempts: 1 } },
      );
    });
  }

  /** Applies reports that arrived before `providerId` was stored; called right after storing it. */
  async applyParked(providerId: string): Promise<void> {
    const key = this.parkedKey(providerId);
    const parked = await this.redis.lrange(key, 0, -1);
    if (parked.length === 0) return;
    for (const json of parked) {
      const update = JSON.parse(json) as ParkedUpdate;
      await this.moveForwardByProviderId({ ...update, at: new Date(update.at) });
    }
    await this.redis.del(key);
  }

  /** Sets `status` and `fields` on message `id` if that moves its status forward. */
  private moveForwardById(
    id: string,
    status: DeliveryStatus,
    fields: Partial<Pick<OutboundRecord, 'providerId' | 'errorCode'>>,
  ): Promise<boolean> {
    const rank = STATUS_RANK[status];
    return this.locked(id, async () => {
      const current = await this.currentRank(id);
      if (current === undefined || current >= rank) return false;
      await this.outbound.updateOne({ _id: id }, { $set: { status, statusRank: rank, ...fields } });
      return true;
    });
  }

  private async currentRank(id: string): Promise<number | undefined> {
    const record = await this.outbound.findById(id, { statusRank: 1 }).lean<Pick<OutboundRecord, 'statusRank'>>();
    return record?.statusRank;
  }

  private async moveForwardByProviderId(update: StatusUpdate): Promise<boolean> {
    const rank = STATUS_RANK[update.status];
    const result = await this.outbound.updateOne(
      // trusted: our own operator, which sanitizeFilter would otherwise wrap in $eq as if it were user data.
      { providerId: update.providerId, statusRank: trusted({ $lt: rank }) },
      {
        $set: {
          status: update.status,
          statusRank: rank,
          ...(update.errorCode !== undefined ? { errorCode: update.errorCode } : {}),
        },
      },
    );
    return result.modifiedCount === 1;
  }

  /**
   * Runs `critical` while holding message `id`'s status lock, so that two writers (two reports, or a report and the
   * send worker) never interleave their read and write. A lock not freed within LOCK_WAIT_MS (a writer that died
   * holding it) is not waited for any longer.
   */
  private async locked<T>(id: string, critical: () => Promise<T>): Promise<T> {
    const key = `${this.prefix}:status:lock:${id}`;
    const token = randomUUID();
    const giveUpAt = Date.now() + LOCK_WAIT_MS;
    let held = (await this.redis.set(key, token, 'PX', LOCK_MS, 'NX')) === 'OK';
    while (!held && Date.now() < giveUpAt) {
      await delay(LOCK_RETRY_MS);
      held = (await this.redis.set(key, token, 'PX', LOCK_MS, 'NX')) === 'OK';
    }
    try {
      return await critical();
    } finally {
      if (held) await RELEASE.run(this.redis, [key], [token]).catch(() => {});
    }
  }
}
