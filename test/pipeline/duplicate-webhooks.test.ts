/**
 * Twilio delivers webhooks at least once: the same MessageSid may arrive again, even while the first delivery is
 * still being answered. Every copy is acknowledged with 200 so Twilio stops retrying, and the user gets one set of
 * replies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { uniquePhone } from '../support/phones.js';

describe('duplicate inbound webhooks', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  /** Everything stored about `phone` that a duplicate could have multiplied. */
  async function storedFor(phone: string) {
    const { models } = bot.runtime;
    const session = await models.sessions.findOne({ phone }).lean();
    return {
      outbound: await models.outbound.countDocuments({ to: phone }),
      sessionVersion: session?.version,
      appliedKeys: session?.appliedMessageKeys ?? [],
    };
  }

  it('answers a redelivered webhook with 200 and replies only once', async () => {
    const phone = uniquePhone();
    const params = bot.inboundParams(phone, 'hi');

    const first = await bot.postForm(bot.inboundUrl, params);
    const second = await bot.postForm(bot.inboundUrl, params);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(await second.text()).toContain('<Response/>');

    await bot.settle();
    const replies = bot.sentTo(phone);
    expect(replies).toHaveLength(2);
    expect(replies[0]).toContain('नमस्ते! मैं निर्यात सेतु हूँ');
    expect(replies[1]).toContain('अपनी भाषा चुनें');
    expect(await storedFor(phone)).toEqual({
      outbound: 2,
      sessionVersion: 1,
      appliedKeys: [`whatsapp:${params.MessageSid}`],
    });
  });

  it('replies once when copies of one message arrive at the same time', async () => {
    const phone = uniquePhone();
    const params = bot.inboundParams(phone, 'hi');

    const responses = await Promise.all(Array.from({ length: 6 }, () => bot.postForm(bot.inboundUrl, params)));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);

    // A later, different message is handled after anything the copies could have queued for this user.
    await bot.sendWhatsApp(phone, '2');
    await bot.settle();
    const replies = bot.sentTo(phone);
    expect(replies).toHaveLength(3);
    expect(replies[0]).toContain('नमस्ते! मैं निर्यात सेतु हूँ');
    expect(replies[1]).toContain('अपनी भाषा चुनें');
    expect(replies[2]).toContain('Main menu');
    const stored = await storedFor(phone);
    expect(stored.outbound).toBe(3);
    expect(stored.sessionVersion).toBe(2);
    expect(stored.appliedKeys.filter((key) => key === `whatsapp:${params.MessageSid}`)).toHaveLength(1);
  });

  it('still recognises a copy that arrives after the first was fully handled', async () => {
    const phone = uniquePhone();
    const params = bot.inboundParams(phone, 'hi');
    await bot.postForm(bot.inboundUrl, params);
    await bot.repliesTo(phone, 2);
    await bot.settle();

    const late = await bot.postForm(bot.inboundUrl, params);
    expect(late.status).toBe(200);
    const inboxKeys = await bot.runtime.redis.keys(`${bot.config.queuePrefix}:inbox:user:*`);
    expect(inboxKeys).toEqual([]);
    await bot.settle();
    expect(bot.sentTo(phone)).toHaveLength(2);
  });
});
