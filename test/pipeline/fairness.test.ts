/**
 * One crowd's backlog does not hold back a newcomer: with many people's replies queued at the send rate, a new
 * person's first reply goes before the replies of people who have more waiting, and waits at most for one reply per
 * other person, never for the whole backlog. The send rate is slow on purpose, so that the backlog builds however
 * fast this machine handles messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { eventually } from '../support/eventually.js';
import { uniquePhone } from '../support/phones.js';

const CROWD = 30;
const MESSAGES_EACH = ['hi', '2', 'menu', 'help'];
const RATE = 5;

describe('a newcomer behind a crowd', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ OUTBOUND_RATE_PER_SECOND: String(RATE) });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('gets their first reply within the bound, long before the backlog is sent', async () => {
    const crowd = Array.from({ length: CROWD }, () => uniquePhone());
    for (const text of MESSAGES_EACH) {
      await Promise.all(crowd.map((phone) => bot.sendWhatsApp(phone, text)));
    }
    // The crowd's replies pile up at the send rate (about 3 per message).
    await eventually(
      async () =>
        expect(await bot.runtime.queues.outbound.getJobCountByTypes('prioritized', 'waiting')).toBeGreaterThan(60),
      { timeoutMs: 30_000 },
    );
    const backlog = await bot.runtime.queues.outbound.getJobCountByTypes('prioritized', 'waiting', 'delayed');

    const newcomer = uniquePhone();
    const started = Date.now();
    await bot.sendWhatsApp(newcomer, 'नमस्ते');
    await bot.repliesTo(newcomer, 1, 30_000);
    const waited = Date.now() - started;

    // The bound: behind at most one reply per other person (those with nothing more waiting than the newcomer
    // come first among equals), at the send rate, plus handling.
    expect(waited).toBeLessThan((CROWD / RATE) * 1_000 + 2_000);
    // Without fairness it would have waited for the whole backlog.
    expect(waited).toBeLessThan(((backlog / RATE) * 1_000) / 2);
    // Each person's own replies still arrive in order.
    for (const phone of crowd.slice(0, 3)) {
      const replies = await bot.repliesTo(phone, 3, 60_000);
      expect(replies[0]).toContain('नमस्ते! मैं निर्यात सेतु हूँ');
      expect(replies[1]).toContain('अपनी भाषा चुनें');
      expect(replies[2]).toContain('Main menu');
    }
  }, 120_000);
});
