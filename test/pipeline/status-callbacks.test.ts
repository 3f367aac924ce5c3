/**
 * Delivery reports: Twilio posts signed status callbacks (queued, sent, delivered, read) and the outbound message
 * records the furthest one. Callbacks arrive out of order, so a late "delivered" never moves a "read" message back;
 * an unsigned callback is refused.
 */
import twilioSdk from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TwilioLocal } from '../../scripts/twilio-local/server.js';
import { startLocalTwilio, startTestBot, type TestBot } from '../support/bot.js';
import { eventually } from '../support/eventually.js';
import { uniquePhone } from '../support/phones.js';

/** Status callback fields as Twilio posts them for a WhatsApp message. */
function statusParams(bot: TestBot, sid: string, phone: string, status: string): Record<string, string> {
  return {
    AccountSid: bot.config.twilio.accountSid,
    ApiVersion: '2010-04-01',
    ChannelPrefix: 'whatsapp',
    From: bot.config.twilio.whatsappFrom,
    MessageSid: sid,
    MessageStatus: status,
    SmsSid: sid,
    SmsStatus: status,
    To: `whatsapp:${phone}`,
  };
}

describe('delivery status callbacks', () => {
  let twilio: TwilioLocal;
  let bot: TestBot;
  beforeAll(async () => {
    // Callbacks 100 ms apart, so that a test sees them in order. They carry the outbound id in the callback URL
    // (`?ref=`), so even one that beats the send worker's own write of the SID finds its message.
    twilio = await startLocalTwilio(100);
    bot = await startTestBot({}, { twilio });
  });
  afterAll(async () => {
    await twilio?.close();
    await bot?.stop();
  });

  /** A user greeted by the bot, and the greeting once Twilio has reported it read. */
  async function readGreeting() {
    const phone = uniquePhone();
    await bot.sendWhatsApp(phone, 'hi');
    await bot.repliesTo(phone, 2);
    const greeting = await eventually(async () => {
      const record = await bot.runtime.models.outbound.findOne({ to: phone, part: 0 }).lean();
      expect(record?.status).toBe('read');
      return record!;
    });
    return { phone, greeting };
  }

  async function statusOf(id: string) {
    return (await bot.runtime.models.outbound.findById(id).lean())?.status;
  }

  it('follows the callbacks from queued to read', async () => {
    const { phone, greeting } = await readGreeting();
    const sent = bot.twilio.messages.find((message) => message.to === `whatsapp:${phone}`);
    expect(greeting.providerId).toBe(sent?.sid);
    expect(greeting.statusRank).toBe(5);
    expect(sent?.statusCallback).toBe(`${bot.statusUrl}?ref=${greeting._id}`);
  });

  it('applies a signed report by the reference in its URL, and refuses that URL signed without it', async () => {
    const { phone, greeting } = await readGreeting();
    const params = { ...statusParams(bot, greeting.providerId!, phone, 'failed'), ErrorCode: '30008' };
    const referenced = `${bot.statusUrl}?ref=${greeting._id}`;

    const signedWithout = await bot.postForm(referenced, params, { signedUrl: bot.statusUrl });
    expect(signedWithout.status).toBe(403);
    expect(await statusOf(greeting._id)).toBe('read');

    expect((await bot.postForm(referenced, params)).status).toBe(200);
    await bot.settle();
    const record = await bot.runtime.models.outbound.findById(greeting._id).lean();
    expect(record).toMatchObject({ status: 'failed', errorCode: 30008, providerId: greeting.providerId });
  });

  it('ignores a late "delivered" after "read"', async () => {
    const { phone, greeting } = await readGreeting();
    const params = statusParams(bot, greeting.providerId!, phone, 'delivered');
    const signature = twilioSdk.getExpectedTwilioSignature(bot.config.twilio.authToken, bot.statusUrl, params);

    const response = await bot.postForm(bot.statusUrl, params, { signature });
    expect(response.status).toBe(200);
    await bot.settle();
    expect(await statusOf(greeting._id)).toBe('read');
  });

  it('refuses unsigned and wrongly signed callbacks with 403 and changes nothing', async () => {
    const { phone, greeting } = await readGreeting();
    const params = statusParams(bot, greeting.providerId!, phone, 'failed');

    const unsigned = await bot.postForm(bot.statusUrl, params, { signature: null });
    const forInbound = await bot.postForm(bot.statusUrl, params, { signedUrl: bot.inboundUrl });
    expect([unsigned.status, forInbound.status]).toEqual([403, 403]);
    await bot.settle();
    expect(await statusOf(greeting._id)).toBe('read');
  });

  it('refuses a signed callback without a status with 400', async () => {
    const { phone, greeting } = await readGreeting();
    const {
      MessageStatus: _status,
      SmsStatus: _sms,
      ...params
    } = statusParams(bot, greeting.providerId!, phone, 'read');
    const response = await bot.postForm(bot.statusUrl, params);
    expect(response.status).toBe(400);
  });
});

describe('a failure reported by status callback', () => {
  let twilio: TwilioLocal;
  let bot: TestBot;
  beforeAll(async () => {
    // Its own status callbacks come only after the test, so the one posted here is the only report.
    twilio = await startLocalTwilio(60_000);
    bot = await startTestBot({}, { twilio });
  });
  afterAll(async () => {
    await twilio?.close();
    await bot?.stop();
  });

  it('marks the message undelivered with the error code, e.g. 63016 outside the 24-hour window', async () => {
    const phone = uniquePhone();
    await bot.sendWhatsApp(phone, 'hi');
    await bot.repliesTo(phone, 2);
    await bot.settle();
    const greeting = await bot.runtime.models.outbound.findOne({ to: phone, part: 0 }).lean();
    expect(greeting).toMatchObject({ status: 'queued' });

    const params = { ...statusParams(bot, greeting!.providerId!, phone, 'undelivered'), ErrorCode: '63016' };
    expect((await bot.postForm(bot.statusUrl, params)).status).toBe(200);
    await bot.settle();
    const record = await bot.runtime.models.outbound.findById(greeting!._id).lean();
    expect(record).toMatchObject({ status: 'undelivered', errorCode: 63016 });
  });

  it('applies a report that carries the reference, as Twilio posts them to the URL the bot gave', async () => {
    const phone = uniquePhone();
    await bot.sendWhatsApp(phone, 'hi');
    await bot.repliesTo(phone, 2);
    await bot.settle();
    const question = await bot.runtime.models.outbound.findOne({ to: phone, part: 1 }).lean();
    expect(question).toMatchObject({ status: 'queued' });
    const sent = bot.twilio.messages.find((message) => message.sid === question!.providerId);

    const params = { ...statusParams(bot, question!.providerId!, phone, 'undelivered'), ErrorCode: '63016' };
    expect((await bot.postForm(sent!.statusCallback!, params)).status).toBe(200);
    await bot.settle();
    const record = await bot.runtime.models.outbound.findById(question!._id).lean();
    expect(record).toMatchObject({ status: 'undelivered', errorCode: 63016 });
  });
});
