/**
 * Each user's inbound messages wait in a Redis list (their mailbox) and are handled one at a time, in arrival
 * order, by whichever worker holds that user's lock. Twilio delivers at least once and out of order across users;
 * this gives exactly-once acceptance (a Redis key per message id, kept for days) and per-user ordering without
 * BullMQ Pro's groups.
 *
 * Crash safety: a message leaves the mailbox only after it was handled; a user with messages waiting stays in the
 * `pending` set, and the sweeper re-schedules a drain for any pending user whose lock has lapsed.
 */
import type { Redis } from 'ioredis';
import type { InboundMessage } from '../channels/channel.js';
import { LuaScript } from '../queue/lua-script.js';

/**
 * Returns the message's place in its mailbox (1: nothing of the user's waits before it), or 0 for a duplicate.
 * KEYS[4] marks the user's drain as scheduled, so that the sweeper does not take a user waiting for their drain
 * for one whose drain was lost.
 *
 * A message goes in by the time it was received (ARGV[5], ISO), not by when it reaches Redis: messages kept in two
 * web processes' spools during an outage are replayed in any order between the two, and must still be handled in
 * the order the person sent them. The usual case, the newest message, is a plain RPUSH; the head is never passed
 * (a drain may be handling it).
 */
const ACCEPT = new LuaScript(`
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return 0 end
redis.call('SADD', KEYS[3], ARGV[3])
redis.call('SET', KEYS[4], '1', 'EX', ARGV[4])
local length = redis.call('LLEN', KEYS[2])
local receivedAt = function(raw) return cjson.decode(raw).receivedAt end
if length < 2 or receivedAt(redis.call('LINDEX', KEYS[2], -1)) <= ARGV[5] then
  return redis.call('RPUSH', KEYS[2], ARGV[2])
end
for i = 1, length - 1 do
  local raw = redis.call('LINDEX', KEYS[2], i)
  if receivedAt(raw) > ARGV[5] then
    redis.call('LINSERT', KEYS[2], 'BEFORE', raw, ARGV[2])
    return i + 1
  end
end
return redis.call('RPUSH', KEYS[2], ARGV[2])`);

/** Takes the lock, or keeps it when the same drain (a retried job) already holds it. */
const ACQUIRE = new LuaScript(`
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`);

/** Removes the head only if it is still the message just handled. */
const COMPLETE_HEAD = new LuaScript(`
if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] then redis.call('LPOP', KEYS[1]) end
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1`);

/** Releases the lock only when the mailbox is empty, atomically, so no message is left without a drainer. */
const RELEASE_IF_EMPTY = new LuaScript(`
if redis.call('LLEN', KEYS[1]) > 0 then return 0 end
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
redis.call('SREM', KEYS[3], ARGV[2])
redis.call('DEL', KEYS[4])
return 1`);

/** Lets go of the lock (messages still wait: their own drains will take it). */
const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`);

/** Extends the lock while the same drain holds it. */
const RENEW = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`);

const LOCK_TTL_MS = 30_000;
/**
 * A user whose drain is scheduled but has not started is waiting, not orphaned; past this long without a drain
 * taking their lock, the sweeper schedules another (a drain job lost with a crashed Redis, say).
 */
const DRAIN_SCHEDULED_SECONDS = 300;
/** A message can take longer than the lock's life (a slow database); the holder renews it meanwhile. */
const LOCK_RENEW_EVERY_MS = 10_000;

export interface MailboxOptions {
  prefix: string;
  dedupeSeconds: number;
}

export type AcceptOutcome = 'accepted' | 'duplicate';

export interface Acceptance {
  outcome: AcceptOutcome;
  /** The message's place in its sender's mailbox (1 when nothing of theirs waits before it); 0 for a duplicate. */
  place: number;
}

/** What is stored in a mailbox: the normalized message, dates as ISO strings. */
type StoredMessage = Omit<InboundMessage, 'receivedAt'> & { receivedAt: string };

export class Mailbox {
  constructor(
    private readonly redis: Redis,
    private readonly options: MailboxOptions,
  ) {}

  private key(...parts: string[]): string {
    return [this.options.prefix, 'inbox', ...parts].join(':');
  }

  /** The user key: one mailbox and one lock per phone number, whatever the channel. */
  static userOf(message: Pick<InboundMessage, 'from'>): string {
    return message.from;
  }

  async accept(message: InboundMessage): Promise<Acceptance> {
    const user = Mailbox.userOf(message);
    const stored: StoredMessage = { ...message, receivedAt: message.receivedAt.toISOString() };
    const place = Number(
      await ACCEPT.run(
        this.redis,
        [
          this.key('seen', message.channel, message.messageId),
          this.key('user', user),
          this.key('pending'),
          this.key('scheduled', user),
        ],
        [this.options.dedupeSeconds, JSON.stringify(stored), user, DRAIN_SCHEDULED_SECONDS, stored.receivedAt],
      ),
    );
    return { outcome: place > 0 ? 'accepted' : 'duplicate', place };
  }

  /**
   * Handles the messages at the head of `user`'s mailbox, oldest first, at most `limit` of them, while holding the
   * user's lock under `token`; `handle` is told how many of the user's messages wait behind the one it handles. Returns `busy` when another drain holds the lock, `more` when messages still wait
   * (the lock is released; their own drain jobs take them), `empty` when the mailbox is done.
   *
   * Every accepted message has a drain job of its own, prioritized by its place in the mailbox; a job that handles
   * one message and lets go is what makes drains take turns across people (everyone's first message, then
   * everyone's second) instead of one person's whole backlog going first. The sweeper's drains take everything.
   */
  async drain(
    user: string,
    token: string,
    handle: (message: InboundMessage, waitingBehind: number) => Promise<void>,
    limit = Number.POSITIVE_INFINITY,
  ): Promise<'empty' | 'more' | 'busy'> {
    const lock = this.key('lock', user);
    const list = this.key('user', user);
    if ((await ACQUIRE.run(this.redis, [lock], [token, LOCK_TTL_MS])) !== 1) return 'busy';
    for (let handled = 0; ; handled += 1) {
      const [raw, length] = await this.headAndLength(list);
      if (raw === null) {
        const released = await RELEASE_IF_EMPTY.run(
          this.redis,
          [list, lock, this.key('pending'), this.key('scheduled', user)],
          [token, user],
        );
        if (released === 1) return 'empty';
        continue;
      }
      if (handled >= limit) {
        await RELEASE.run(this.redis, [lock], [token]);
        return 'more';
      }
      const stored = JSON.parse(raw) as StoredMessage;
      const renew = setInterval(() => {
        RENEW.run(this.redis, [lock], [token, LOCK_TTL_MS]).catch(() => {});
      }, LOCK_RENEW_EVERY_MS);
      try {
        await handle({ ...stored, receivedAt: new Date(stored.receivedAt) }, length - 1);
      } finally {
        clearInterval(renew);
      }
      await COMPLETE_HEAD.run(this.redis, [list, lock], [raw, LOCK_TTL_MS]);
    }
  }

  /** The oldest message in a mailbox list and how many it holds, in one round trip. */
  private async headAndLength(list: string): Promise<[string | null, number]> {
    const results = (await this.redis.multi().lindex(list, 0).llen(list).exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
    return [(results[0]?.[1] as string | null) ?? null, Number(results[1]?.[1] ?? 0)];
  }

  /**
   * Puts a message back at the end of its sender's mailbox without the duplicate check (it was accepted once
   * already): how a dead letter is replayed. The caller schedules the drain.
   */
  async requeue(message: InboundMessage): Promise<string> {
    const user = Mailbox.userOf(message);
    const stored: StoredMessage = { ...message, receivedAt: message.receivedAt.toISOString() };
    await this.redis
      .multi()
      .rpush(this.key('user', user), JSON.stringify(stored))
      .sadd(this.key('pending'), user)
      .set(this.key('scheduled', user), '1', 'EX', DRAIN_SCHEDULED_SECONDS)
      .exec();
    return user;
  }

  /**
   * Users with messages waiting and no drain: none holds their lock, and none is scheduled (or the scheduled one
   * has not started for DRAIN_SCHEDULED_SECONDS). A user whose drain is only waiting its turn is not orphaned.
   */
  async orphanedUsers(): Promise<string[]> {
    const users = await this.redis.smembers(this.key('pending'));
    if (users.length === 0) return [];
    const locks = await this.redis.mget(users.map((user) => this.key('lock', user)));
    const scheduled = await this.redis.mget(users.map((user) => this.key('scheduled', user)));
    return users.filter((_, i) => locks[i] === null && scheduled[i] === null);
  }

  /** Marks `user`'s drain as scheduled again (the sweeper's drain). */
  async markScheduled(user: string): Promise<void> {
    await this.redis.set(this.key('scheduled', user), '1', 'EX', DRAIN_SCHEDULED_SECONDS);
  }

  async waiting(user: string): Promise<number> {
    return this.redis.llen(this.key('user', user));
  }
}
