/**
 * The send pacer on the real Redis: every send in a slot of its own, so no sliding second holds more than the rate
 * even across processes, nearly all of the rate used, and a reply booked ahead of bulk sends already waiting.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { SendPacer } from '../../src/outbound/send-pacer.js';
import { redisUrl, uniqueName } from '../support/services.js';

/** The most of `times` (ms) in any window of `windowMs` that starts at one of them. */
function busiestWindow(times: readonly number[], windowMs = 1_000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; first < sorted.length; first += 1) {
    while (last < sorted.length && (sorted[last] as number) < (sorted[first] as number) + windowMs) last += 1;
    most = Math.max(most, last - first);
  }
  return most;
}

describe('SendPacer', () => {
  const clients: Redis[] = [];
  const client = () => {
    const redis = new Redis(redisUrl());
    clients.push(redis);
    return redis;
  };
  afterAll(async () => {
    await Promise.all(clients.map((redis) => redis.quit()));
  });

  it('keeps two processes together within the rate in every sliding second, using most of it', async () => {
    const prefix = uniqueName('pace');
    const rate = 40;
    const pacers = [new SendPacer(client(), prefix, rate), new SendPacer(client(), prefix, rate)];
    const started: number[] = [];
    const begin = Date.now();
    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        (pacers[i % 2] as SendPacer).take(false).then(() => started.push(Date.now())),
      ),
    );
    const seconds = (Math.max(...started) - begin) / 1_000;
    expect(busiestWindow(started)).toBeLessThanOrEqual(rate);
    // 120 sends at 40/s take three seconds; the slots are spaced for 97% of the rate.
    expect(120 / seconds).toBeGreaterThan(0.9 * rate);
  }, 20_000);

  it('books a reply ahead of the bulk sends already waiting', async () => {
    const pacer = new SendPacer(client(), uniqueName('pace'), 20);
    const bulkDone: number[] = [];
    const bulk = Array.from({ length: 40 }, () => pacer.take(false).then(() => bulkDone.push(Date.now())));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const asked = Date.now();
    await pacer.take(true);
    const replyAt = Date.now();
    // 40 bulk sends at 20/s take two seconds; the reply goes within a few slots, before most of them.
    await Promise.all(bulk);
    expect(replyAt - asked).toBeLessThan(300);
    expect(bulkDone.filter((at) => at > replyAt).length).toBeGreaterThan(25);
  }, 20_000);

  it("gives no slot, in any process, until the provider's Retry-After has passed", async () => {
    const prefix = uniqueName('pace');
    const [one, other] = [new SendPacer(client(), prefix, 80), new SendPacer(client(), prefix, 80)];
    const asked = Date.now();
    await one.hold(300);
    await other.take(true);
    expect(Date.now() - asked).toBeGreaterThanOrEqual(290);
  });
});
