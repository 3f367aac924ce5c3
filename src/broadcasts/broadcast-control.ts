/**
 * Whether a broadcast's messages may go: a pause holds them, a cancel stops them. Kept in Redis beside the record
 * (the broadcast document says the same for people), because the send worker asks before every bulk message and a
 * Redis read is what it can afford at the send rate.
 */
import type { Redis } from 'ioredis';

export type BroadcastControlState = 'go' | 'paused' | 'cancelled';

/** Kept well past any broadcast's sends; a cancelled broadcast's leftover messages are skipped for that long. */
const STATE_SECONDS = 60 * 24 * 60 * 60;

export class BroadcastControl {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(id: string): string {
    return `${this.prefix}:bcast:${id}:state`;
  }

  async state(id: string): Promise<BroadcastControlState> {
    const state = await this.redis.get(this.key(id));
    return state === 'paused' || state === 'cancelled' ? state : 'go';
  }

  async pause(id: string): Promise<void> {
    // A cancelled broadcast stays cancelled.
    const current = await this.state(id);
    if (current !== 'cancelled') await this.redis.set(this.key(id), 'paused', 'EX', STATE_SECONDS);
  }

  async resume(id: string): Promise<void> {
    const current = await this.state(id);
    if (current === 'paused') await this.redis.del(this.key(id));
  }

  async cancel(id: string): Promise<void> {
    await this.redis.set(this.key(id), 'cancelled', 'EX', STATE_SECONDS);
  }
}
