/**
 * The simulator's chat history per phone number, kept in Redis so the web process that serves the page and the
 * worker that sends the bot's replies can be different processes. New entries are also published, which is how an
 * open page hears about them (server-sent events).
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ChoiceOption } from '../channel.js';

export interface TranscriptEntry {
  id: string;
  phone: string;
  /** 'in': the person wrote to the bot; 'out': the bot wrote to the person. */
  direction: 'in' | 'out';
  text: string;
  choices?: ChoiceOption[];
  at: string;
}

const KEEP_PER_PHONE = 500;

export class SimulatorTranscript {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  get eventsChannel(): string {
    return `${this.prefix}:sim:events`;
  }

  private listKey(phone: string): string {
    return `${this.prefix}:sim:chat:${phone}`;
  }

  static newId(prefix: 'SIM' | 'SMI'): string {
    return `${prefix}${randomBytes(16).toString('hex')}`;
  }

  async append(entry: TranscriptEntry): Promise<void> {
    const json = JSON.stringify(entry);
    await this.redis
      .multi()
      .rpush(this.listKey(entry.phone), json)
      .ltrim(this.listKey(entry.phone), -KEEP_PER_PHONE, -1)
      .publish(this.eventsChannel, json)
      .exec();
  }

  async list(phone: string): Promise<TranscriptEntry[]> {
    const raw = await this.redis.lrange(this.listKey(phone), 0, -1);
    return raw.map((json) => JSON.parse(json) as TranscriptEntry);
  }

  async clear(phone: string): Promise<void> {
    await this.redis.del(this.listKey(phone));
  }
}
