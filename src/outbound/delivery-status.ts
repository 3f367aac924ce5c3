/**
 * Applies a provider's delivery reports to stored outbound messages.
 *
 * Reports arrive out of order, so a status only moves forward: the rank filter makes a late "delivered" after
 * "read" a no-op. A report can also arrive before the send worker has stored the provider's id for the message
 * (Twilio calls back as soon as it queues): such a report is parked in Redis for an hour and applied when the id is
 * stored. Both sides write first and check second, so a report is never lost between them.
 */
import type { Redis } from 'ioredis';
import { trusted } from 'mongoose';
import type { StatusUpdate } from '../channels/channel.js';
import { type OutboundModel, STATUS_RANK } from './outbound-model.js';

const PARKED_SECONDS = 60 * 60;

export type StatusOutcome = 'applied' | 'stale' | 'parked';

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
    if (await this.moveForward(update)) return 'applied';
    if (await this.outbound.exists({ providerId: update.providerId })) return 'stale';
    const key = this.parkedKey(update.providerId);
    const parked: ParkedUpdate = { ...update, at: update.at.toISOString() };
    await this.redis.multi().rpush(key, JSON.stringify(parked)).expire(key, PARKED_SECONDS).exec();
    // The id may have been stored while we parked: apply now rather than wait for a send that already happened.
    if (await this.outbound.exists({ providerId: update.providerId })) await this.applyParked(update.providerId);
    return 'parked';
  }

  /** Applies reports that arrived before `providerId` was stored; called right after storing it. */
  async applyParked(providerId: string): Promise<void> {
    const key = this.parkedKey(providerId);
    const parked = await this.redis.lrange(key, 0, -1);
    if (parked.length === 0) return;
    for (const json of parked) {
      const update = JSON.parse(json) as ParkedUpdate;
      await this.moveForward({ ...update, at: new Date(update.at) });
    }
    await this.redis.del(key);
  }

  private async moveForward(update: StatusUpdate): Promise<boolean> {
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
}
