/**
 * The audience of one run of a broadcast, read once from the database when the run starts and kept in Redis (a
 * list, one entry per recipient), so that the fan-out reads it a page at a time and a restarted run finds the same
 * people in the same order. Who joins a group or opts out after the run started is not added or dropped here:
 * opt-outs are checked again when each message is sent.
 */
import type { Redis } from 'ioredis';
import type { AudienceMember } from '../domain/broadcasts/audience.js';

/** Kept as long as a run can take, and then some (a run's fan-out retries for hours at most). */
const SNAPSHOT_SECONDS = 7 * 24 * 60 * 60;
const WRITE_CHUNK = 1_000;

export class AudienceSnapshots {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private listKey(runKey: string): string {
    return `${this.prefix}:bcastaud:${runKey}`;
  }

  private doneKey(runKey: string): string {
    return `${this.prefix}:bcastaud:${runKey}:done`;
  }

  /** Takes the snapshot with `read` unless the run has one already; returns how many it holds. */
  async ensure(runKey: string, read: () => Promise<AudienceMember[]>): Promise<number> {
    const done = await this.redis.get(this.doneKey(runKey));
    if (done !== null) return Number(done);
    const members = await read();
    // A snapshot cut short by a crash is taken again whole.
    await this.redis.del(this.listKey(runKey));
    for (let start = 0; start < members.length; start += WRITE_CHUNK) {
      const entries = members.slice(start, start + WRITE_CHUNK).map(encode);
      await this.redis.rpush(this.listKey(runKey), ...entries);
    }
    await this.redis
      .multi()
      .expire(this.listKey(runKey), SNAPSHOT_SECONDS)
      .set(this.doneKey(runKey), members.length, 'EX', SNAPSHOT_SECONDS)
      .exec();
    return members.length;
  }

  /** Up to `limit` members from position `start`. */
  async page(runKey: string, start: number, limit: number): Promise<AudienceMember[]> {
    const entries = await this.redis.lrange(this.listKey(runKey), start, start + limit - 1);
    return entries.map(decode);
  }
}

function encode(member: AudienceMember): string {
  const flags = `${member.optedOut ? 'o' : ''}${member.unreachable ? 'u' : ''}`;
  return [member.identity, member.language, member.lastInboundAt, flags].join('\t');
}

function decode(entry: string): AudienceMember {
  const [identity = '', language, lastInboundAt, flags = ''] = entry.split('\t');
  return {
    identity,
    language: language === 'en' ? 'en' : 'hi',
    lastInboundAt: Number(lastInboundAt ?? 0),
    optedOut: flags.includes('o'),
    unreachable: flags.includes('u'),
  };
}
