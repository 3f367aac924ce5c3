/**
 * The send rate (OUTBOUND_RATE_PER_SECOND), shared by every worker process: each send starts in a time slot of its
 * own, one slot every 1/rate of a second, handed out by Redis (a virtual clock under one key, read with Redis's own
 * TIME so machines' clocks do not matter). Slots never come closer than that, so no sliding second holds more sends
 * than the rate, and none is wasted: BullMQ's limiter counts fixed windows, which either let a second straddling
 * two windows reach twice the rate or, kept short enough not to, lose a fifth of it to each window's own cost
 * (82% of 80/s measured; README, Performance).
 *
 * Replies first: a bulk send (a fan-out's) takes a slot only when the next free one is at most BULK_AHEAD_MS away,
 * a reply up to REPLY_AHEAD_MS. When bulk messages keep the next slots, a reply still books one within the short
 * bulk horizon, and bulk sends back off while replies are booked ahead. Within a process one loop books for all
 * waiting sends, replies first, so Redis sees about one call per send, not one per waiting job and tick.
 *
 * The slots run at RATE_HEADROOM of the rate: a send's HTTP call takes a varying time, so the provider sees the
 * sends a few milliseconds apart from their slots, and a second there could otherwise count one or two more. And a
 * send whose slot came while the process was busy (its timer fired more than LATE_SLOTS slots late) books a new
 * slot rather than go together with the sends of the slots after it: a stall would otherwise release a burst. A
 * second holds at most rate × RATE_HEADROOM slots (77.6 at 80/s) plus the sends of the LATE_SLOTS slots before it
 * that went late into it: 79.6, within the rate.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { LuaScript } from '../queue/lua-script.js';

/** The share of the rate the slots are spaced for; the rest absorbs jitter between a slot and the provider. */
export const RATE_HEADROOM = 0.97;
/** How many slots late a send may still go; later, it books again (see above for why 2 at 0.97). */
export const LATE_SLOTS = 2;
/** How far ahead a bulk send may book its slot. */
export const BULK_AHEAD_MS = 30;
/** How far ahead a reply may book its slot: far enough to pass every bulk send waiting. */
export const REPLY_AHEAD_MS = 2_000;

// KEYS[1]: the next free slot (ms on Redis's clock). ARGV: slot spacing (ms, fractional), how far ahead one may book.
// Returns the wait until the booked slot, or a negative number: not booked, ask again after that many ms.
const BOOK_SLOT = new LuaScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
if free < now then free = now end
local wait = free - now
if wait > tonumber(ARGV[2]) then return tostring(-(wait - tonumber(ARGV[2]))) end
redis.call('SET', KEYS[1], tostring(free + tonumber(ARGV[1])), 'PX', 60000)
return tostring(wait)
`);
// KEYS[1]: the next free slot. ARGV[1]: ms from now before which no slot is given.
const HOLD_SLOTS = new LuaScript(`
local time = redis.call('TIME')
local until_ms = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000 + tonumber(ARGV[1])
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
if free < until_ms then redis.call('SET', KEYS[1], tostring(until_ms), 'PX', 60000 + tonumber(ARGV[1])) end
return 1
`);
/** The pause before booking again when Redis did not answer. */
const REDIS_RETRY_MS = 100;

interface Waiter {
  reply: boolean;
  resolve: () => void;
}

export class SendPacer {
  private readonly key: string;
  private readonly spacingMs: number;
  private readonly waiting: Waiter[] = [];
  private booking = false;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    ratePerSecond: number,
  ) {
    this.key = `${prefix}:send-pace`;
    this.spacingMs = 1_000 / (ratePerSecond * RATE_HEADROOM);
  }

  /** Resolves when this send may start; `reply` (a person's conversation) goes before bulk sends. */
  take(reply: boolean): Promise<void> {
    return new Promise((resolve) => this.enqueue({ reply, resolve }, false));
  }

  /** No send starts, in any process, for `ms` (the provider's Retry-After). */
  async hold(ms: number): Promise<void> {
    await HOLD_SLOTS.run(this.redis, [this.key], [Math.ceil(ms)]);
  }

  /** Replies ahead of bulk sends, each kind in arrival order, or `first` of its kind (a send that missed its slot). */
  private enqueue(waiter: Waiter, first: boolean): void {
    const firstBulk = this.waiting.findIndex((other) => !other.reply);
    const at = waiter.reply ? (first ? 0 : firstBulk) : first ? firstBulk : -1;
    if (at === -1) this.waiting.push(waiter);
    else this.waiting.splice(at, 0, waiter);
    if (!this.booking) void this.book();
  }

  private async book(): Promise<void> {
    this.booking = true;
    for (let next = this.waiting[0]; next; next = this.waiting[0]) {
      const ahead = next.reply ? REPLY_AHEAD_MS : BULK_AHEAD_MS;
      let answer: number;
      try {
        answer = Number(await BOOK_SLOT.run(this.redis, [this.key], [this.spacingMs, ahead]));
      } catch {
        // Redis unreachable: nothing goes until it answers (the rate is a promise to the provider); the send's own
        // Redis calls would fail meanwhile anyway.
        await delay(REDIS_RETRY_MS);
        continue;
      }
      if (answer < 0) {
        // Booked up that far: wait until a slot is within reach (at least one slot's time).
        await delay(Math.max(-answer, this.spacingMs));
        continue;
      }
      // By identity: a reply may have been put ahead of it while Redis answered.
      this.waiting.splice(this.waiting.indexOf(next), 1);
      const due = Date.now() + answer;
      setTimeout(() => this.goOrBookAgain(next, due), Math.max(0, answer));
    }
    this.booking = false;
  }

  private goOrBookAgain(waiter: Waiter, due: number): void {
    if (Date.now() - due <= LATE_SLOTS * this.spacingMs) {
      waiter.resolve();
      return;
    }
    // Late: its slot has passed; first of its kind in line for a new one.
    this.enqueue(waiter, true);
  }
}
