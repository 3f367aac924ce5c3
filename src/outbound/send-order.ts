/**
 * The order of one person's messages, kept in Redis so that no send has to search the database for earlier ones
 * (FerretDB 1.x scans the whole collection for anything but an `_id`).
 *
 * Every message to a recipient gets the next number of that recipient's sequence when it is stored (the parts of a
 * turn's replies take consecutive numbers in one call). A send goes out only once every earlier number has been
 * sent or given up on, which `outsent` records: it only moves up. A message whose predecessor has not gone out waits
 * at most ORDER_HOLD_MAX_MS after that predecessor was stored, then goes anyway (and moves `outsent` past the gap),
 * so a message stuck in long retries, or stored and never queued, delays the rest only so long.
 *
 * Keys, per channel and recipient (`<to>` as stored, e.g. '+919812345678'):
 * - `<prefix>:outseq:<channel>:<to>`   the last number given out
 * - `<prefix>:outseqat:<channel>:<to>` when it was given out (epoch ms), for the hold limit of the next message
 * - `<prefix>:outsent:<channel>:<to>`  the highest number sent or given up on
 * - `<prefix>:outturn:<channel>:<to>` the send turn given to the last message (see `Allocation.place`)
 * and `<prefix>:outalloc:<cause>`, the numbers given to one cause, so that a turn stored again after a crash before
 * its documents were written gets the same numbers instead of leaving a gap the next message would wait on.
 * The recipient keys are refreshed together (RECIPIENT_KEYS_SECONDS) by every allocation, so they expire together.
 */
import type { Redis } from 'ioredis';
import { LuaScript } from '../queue/lua-script.js';

/** How long a message waits for an earlier one at most, counted from when that earlier one was stored. */
export const ORDER_HOLD_MAX_MS = 60_000;
const RECIPIENT_KEYS_SECONDS = 30 * 24 * 60 * 60;
const ALLOCATION_SECONDS = 7 * 24 * 60 * 60;

export interface Recipient {
  channel: string;
  to: string;
}

export interface Allocation {
  /** The first number; the parts take `first`, `first + 1`, … */
  first: number;
  /**
   * Until when part 0 may wait for the message before it (epoch ms; 0 when there is none); later parts wait for
   * part 0 and so on.
   */
  holdUntil: number;
  /** The cause had its numbers already: this is a handler running again (after a crash), not the first time. */
  again: boolean;
  /**
   * Part 0's turn to be sent: its place among the recipient's messages not yet sent (1: nothing of theirs waits
   * before it), plus their messages still to be handled, and never before the turn of their unsent message before
   * it. Sends are scheduled by it (the lowest first), so that every person's next message goes before anyone's
   * later ones, and the person with the least waiting goes first: a newcomer's first reply passes a crowd's
   * backlog. A cause allocated before (`again`) has 1: its parts have waited already.
   */
  place: number;
}

/**
 * KEYS: outseq, outseqat, outsent, outalloc, outturn. ARGV: count, now (ms), recipient keys TTL, allocation TTL,
 * how many of the recipient's messages wait to be handled.
 * Returns { first number, when the previous numbers were given out (ms, '0' if never), 1 if `cause` had them,
 * the highest number sent, part 0's turn }.
 *
 * The turn is the place among the unsent messages plus the messages still to be handled, but never less than the
 * turn of the unsent message before it: a person's later message must not be picked before their earlier one (it
 * would only wait for it, taking the send rate from everybody else while it did).
 */
const ALLOCATE = `
local count = tonumber(ARGV[1])
local known = redis.call('GET', KEYS[4])
local sent = tonumber(redis.call('GET', KEYS[3]) or '0')
if known then
  local first, n, previousAt = string.match(known, '^(%d+):(%d+):(%d+)$')
  if first then return { tonumber(first), previousAt, 1, sent, 0 } end
end
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('SET', KEYS[1], redis.call('GET', KEYS[3]) or '0')
end
local previousAt = redis.call('GET', KEYS[2]) or '0'
local last = redis.call('INCRBY', KEYS[1], count)
local first = last - count + 1
local turn = first - sent + tonumber(ARGV[5])
local lastTurn = tonumber(redis.call('GET', KEYS[5]) or '0')
if sent < first - 1 and lastTurn > turn then turn = lastTurn end
redis.call('SET', KEYS[5], turn + count - 1)
redis.call('SET', KEYS[2], ARGV[2])
redis.call('SET', KEYS[3], '0', 'NX')
for _, i in ipairs({ 1, 2, 3, 5 }) do redis.call('EXPIRE', KEYS[i], ARGV[3]) end
redis.call('SET', KEYS[4], string.format('%d:%d:%s', first, count, previousAt), 'EX', ARGV[4])
return { first, previousAt, 0, sent, turn }
`;

/** KEYS: outsent, outseq, outseqat. ARGV: number, recipient keys TTL. Moves `outsent` up to the number, never down. */
const ADVANCE = `
local sent = tonumber(redis.call('GET', KEYS[1]) or '0')
local number = tonumber(ARGV[1])
if number > sent then redis.call('SET', KEYS[1], ARGV[1]) end
for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ARGV[2]) end
return number > sent and 1 or 0
`;

export class SendOrder {
  private readonly allocateScript = new LuaScript(ALLOCATE);
  private readonly advanceScript = new LuaScript(ADVANCE);

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** The key holding the highest number sent or given up on for `recipient`; read with the send's other keys. */
  sentKey(recipient: Recipient): string {
    return this.key('outsent', recipient);
  }

  /**
   * Numbers for the `count` parts of `cause`; the same ones again, marked `again`, when `cause` was allocated
   * before (kept ALLOCATION_SECONDS, far longer than a message waits to be handled).
   */
  async allocate(
    recipient: Recipient,
    cause: string,
    count: number,
    options: { now?: number; waitingBehind?: number } = {},
  ): Promise<Allocation> {
    const [first, previousAt, again, , turn] = (await this.allocateScript.run(
      this.redis,
      [
        this.key('outseq', recipient),
        this.key('outseqat', recipient),
        this.sentKey(recipient),
        `${this.prefix}:outalloc:${cause}`,
        this.key('outturn', recipient),
      ],
      [count, options.now ?? Date.now(), RECIPIENT_KEYS_SECONDS, ALLOCATION_SECONDS, options.waitingBehind ?? 0],
    )) as [number, string, number, number, number];
    // No earlier allocation: there is nothing for part 0 to wait for.
    const previous = Number(previousAt);
    return {
      first,
      holdUntil: previous > 0 ? previous + ORDER_HOLD_MAX_MS : 0,
      again: again === 1,
      place: Math.max(1, turn),
    };
  }

  /** Whether message `seq` may go, given the value of `sentKey` (null when unset) and its hold limit. */
  mayGo(seq: number, sentUpTo: string | null, holdUntil: number, now = Date.now()): boolean {
    return Number(sentUpTo ?? 0) >= seq - 1 || now >= holdUntil;
  }

  /** Records message `seq` as sent or given up on, releasing the next one. */
  async advance(recipient: Recipient, seq: number): Promise<void> {
    await this.advanceScript.run(
      this.redis,
      [this.sentKey(recipient), this.key('outseq', recipient), this.key('outseqat', recipient)],
      [seq, RECIPIENT_KEYS_SECONDS],
    );
  }

  private key(name: string, recipient: Recipient): string {
    return `${this.prefix}:${name}:${recipient.channel}:${recipient.to}`;
  }
}
