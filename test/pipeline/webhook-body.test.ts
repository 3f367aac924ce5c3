/**
 * What the inbound webhook does with bodies it cannot use: a correctly signed body without the fields every message
 * has is refused with 400, one over HTTP_BODY_LIMIT_KB with 413, and neither leaves a trace. Fields Twilio adds
 * without notice are ignored, never refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { uniquePhone } from '../support/phones.js';

const BODY_LIMIT_KB = 2;

describe('inbound webhook body', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ HTTP_BODY_LIMIT_KB: String(BODY_LIMIT_KB) });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  async function expectNothingStored(phone: string) {
    const { models, redis } = bot.runtime;
    expect(await models.users.countDocuments({ phone })).toBe(0);
    expect(await models.sessions.countDocuments({ phone })).toBe(0);
    expect(await models.outbound.countDocuments({ to: phone })).toBe(0);
    expect(await redis.keys(`${bot.config.queuePrefix}:inbox:*${phone}*`)).toEqual([]);
  }

  const without = (params: Record<string, string>, ...names: string[]) =>
    Object.fromEntries(Object.entries(params).filter(([name]) => !names.includes(name)));

  const malformed: Array<[string, (params: Record<string, string>) => Record<string, string>]> = [
    ['no From', (params) => without(params, 'From')],
    ['no MessageSid', (params) => without(params, 'MessageSid', 'SmsMessageSid', 'SmsSid')],
    ['a From that is not a phone number', (params) => ({ ...params, From: 'whatsapp:not-a-number' })],
    ['a position off the globe', (params) => ({ ...params, Latitude: '123.4', Longitude: '78.7' })],
    ['no fields at all', () => ({})],
  ];

  it.each(malformed)('refuses a signed body with %s with 400', async (_case, change) => {
    const phone = uniquePhone();
    const response = await bot.postForm(bot.inboundUrl, change(bot.inboundParams(phone, 'hi')));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_body' });
    await expectNothingStored(phone);
  });

  it('refuses a body over HTTP_BODY_LIMIT_KB with 413', async () => {
    const phone = uniquePhone();
    const response = await bot.postForm(bot.inboundUrl, bot.inboundParams(phone, 'चावल '.repeat(BODY_LIMIT_KB * 200)));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'payload_too_large' });
    await expectNothingStored(phone);
  });

  it('accepts fields it does not know, as Twilio adds new ones without notice', async () => {
    const phone = uniquePhone();
    const params = {
      ...bot.inboundParams(phone, 'hi', { profileName: 'Ramesh Traders' }),
      ChannelMetadata: '{"type":"whatsapp","data":{"context":{"ProfileName":"Ramesh Traders"}}}',
      MessageType: 'text',
      SomeFieldTwilioAddsNextYear: 'x',
      Forwarded: 'true',
    };
    const response = await bot.postForm(bot.inboundUrl, params);
    expect(response.status).toBe(200);
    const replies = await bot.repliesTo(phone, 2);
    expect(replies[0]).toContain('नमस्ते! मैं निर्यात सेतु हूँ');
    const user = await bot.runtime.models.users.findOne({ phone }).lean();
    expect(user?.profileName).toBe('Ramesh Traders');
  });
});
