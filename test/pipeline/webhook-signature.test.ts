/**
 * Only Twilio may post messages: a webhook whose X-Twilio-Signature does not match the auth token and the public
 * URL is refused with 403 before anything about it is stored or queued.
 */
import twilioSdk from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { uniquePhone } from '../support/phones.js';

describe('inbound webhook signature', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  async function expectNothingStored(phone: string) {
    const { models, redis, queues } = bot.runtime;
    expect(await models.users.countDocuments({ phone })).toBe(0);
    expect(await models.sessions.countDocuments({ phone })).toBe(0);
    expect(await models.outbound.countDocuments({ to: phone })).toBe(0);
    expect(await redis.keys(`${bot.config.queuePrefix}:inbox:*`)).toEqual([]);
    expect(
      await queues.inbound.getJobCountByTypes('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed'),
    ).toBe(0);
  }

  const rejections: Array<[string, (params: Record<string, string>) => Promise<Response>]> = [
    [
      'a signature made with another auth token',
      (params) =>
        bot.postForm(bot.inboundUrl, params, {
          signature: twilioSdk.getExpectedTwilioSignature('not-the-auth-token', bot.inboundUrl, params),
        }),
    ],
    ['no signature at all', (params) => bot.postForm(bot.inboundUrl, params, { signature: null })],
    ['an empty signature', (params) => bot.postForm(bot.inboundUrl, params, { signature: '' })],
    [
      'a valid signature for another URL',
      (params) =>
        bot.postForm(bot.inboundUrl, params, { signedUrl: 'https://attacker.example/webhooks/whatsapp/inbound' }),
    ],
    [
      'a valid signature for the status URL',
      (params) => bot.postForm(bot.inboundUrl, params, { signedUrl: bot.statusUrl }),
    ],
    [
      'a signature over other parameters (the body was changed on the way)',
      (params) =>
        bot.postForm(
          bot.inboundUrl,
          { ...params, Body: 'STOP' },
          { signature: twilioSdk.getExpectedTwilioSignature(bot.config.twilio.authToken, bot.inboundUrl, params) },
        ),
    ],
  ];

  it.each(rejections)('refuses %s with 403 and stores nothing', async (_case, post) => {
    const phone = uniquePhone();
    const response = await post(bot.inboundParams(phone, 'hi'));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'invalid_signature' });
    await expectNothingStored(phone);
  });

  it('accepts the same message correctly signed', async () => {
    const phone = uniquePhone();
    const response = await bot.postForm(bot.inboundUrl, bot.inboundParams(phone, 'hi'));
    expect(response.status).toBe(200);
    expect(await bot.repliesTo(phone, 2)).toHaveLength(2);
  });
});
