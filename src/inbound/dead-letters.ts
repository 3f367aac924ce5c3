/**
 * Messages set aside after repeated failures (a bug, bad data), so that they stop blocking the sender's later
 * messages. The list an operator reads is bounded and carries no phone number or message text: a key, when, how
 * often it failed and why (numbers masked). The message itself is kept apart, for a week, only so that it can be
 * replayed once the cause is fixed (`npm run inbox:dead`, `npm run inbox:replay -- <key>`).
 *
 *   <prefix>:inbox:dead            list, newest first, at most MAX_DEAD_LETTERS entries (JSON DeadLetter)
 *   <prefix>:inbox:dead:msg:<key>  the stored message, expiring after DEAD_MESSAGE_DAYS
 */
import type { Redis } from 'ioredis';
import type { InboundMessage } from '../channels/channel.js';
import { maskPhoneNumbers } from '../log.js';

export const MAX_DEAD_LETTERS = 1_000;
export const DEAD_MESSAGE_DAYS = 7;

export interface DeadLetter {
  /** `<channel>:<message id>`: what `inbox:replay` takes. */
  key: string;
  at: string;
  failures: number;
  /** The last error, numbers masked, cut short. */
  error: string;
}

type StoredMessage = Omit<InboundMessage, 'receivedAt'> & { receivedAt: string };

export class DeadLetters {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private get listKey(): string {
    return `${this.prefix}:inbox:dead`;
  }

  private messageKey(key: string): string {
    return `${this.prefix}:inbox:dead:msg:${key}`;
  }

  async setAside(key: string, message: InboundMessage, error: unknown, failures: number, at: Date): Promise<void> {
    const letter: DeadLetter = {
      key,
      at: at.toISOString(),
      failures,
      error: maskPhoneNumbers(String(error)).slice(0, 300),
    };
    const stored: StoredMessage = { ...message, receivedAt: message.receivedAt.toISOString() };
    await this.redis
      .multi()
      .set(this.messageKey(key), JSON.stringify(stored), 'EX', DEAD_MESSAGE_DAYS * 86_400)
      .lpush(this.listKey, JSON.stringify(letter))
      .ltrim(this.listKey, 0, MAX_DEAD_LETTERS - 1)
      .exec();
  }

  async list(): Promise<DeadLetter[]> {
    return (await this.redis.lrange(this.listKey, 0, -1)).map((json) => JSON.parse(json) as DeadLetter);
  }

  /** Takes the message `key` out of the dead letters; undefined when it is unknown or its week has passed. */
  async take(key: string): Promise<InboundMessage | undefined> {
    const json = await this.redis.get(this.messageKey(key));
    const letters = await this.redis.lrange(this.listKey, 0, -1);
    const pipeline = this.redis.multi().del(this.messageKey(key));
    for (const letter of letters)
      if ((JSON.parse(letter) as DeadLetter).key === key) pipeline.lrem(this.listKey, 0, letter);
    await pipeline.exec();
    if (!json) return undefined;
    const stored = JSON.parse(json) as StoredMessage;
    return { ...stored, receivedAt: new Date(stored.receivedAt) };
  }
}
