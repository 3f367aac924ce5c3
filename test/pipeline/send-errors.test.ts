/**
 * What happens when Twilio refuses a reply. Permanent errors (invalid number, outside the 24-hour window) fail the
 * message at once, with the code kept for the operator; retryable ones (5xx, rate limits) are retried with backoff
 * until Twilio accepts, and the user gets the message exactly once. A logging proxy between the SDK and the local
 * Twilio server counts every create call, refused ones included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FailureSpec, TwilioLocal } from '../../scripts/twilio-local/server.js';
import { outboundId } from '../../src/outbound/dispatch.js';
import { startLocalTwilio, startTestBot, type TestBot } from '../support/bot.js';
import { eventually } from '../support/eventually.js';
import { uniquePhone } from '../support/phones.js';
import { type RequestLogProxy, startRequestLogProxy } from '../support/request-log-proxy.js';

const MAX_ATTEMPTS = 5;

describe('send errors from Twilio', () => {
  let twilio: TwilioLocal;
  let proxy: RequestLogProxy;
  let bot: TestBot;
  beforeAll(async () => {
    // Callbacks 100 ms apart, so that the first comes well after the send worker stored the message's SID.
    twilio = await startLocalTwilio(100);
    proxy = await startRequestLogProxy(twilio.url);
    bot = await startTestBot(
      { OUTBOUND_MAX_ATTEMPTS: String(MAX_ATTEMPTS), OUTBOUND_RETRY_BASE_MS: '40' },
      { twilio, twilioApiUrl: proxy.url },
    );
  });
  afterAll(async () => {
    await twilio?.close();
    await bot?.stop();
    await proxy?.close();
  });

  /** A user at the main menu in English, whose next message ("help") gets exactly one reply. */
  async function userAtMainMenu(): Promise<string> {
    const phone = uniquePhone();
    await bot.sendWhatsApp(phone, 'hi');
    await bot.sendWhatsApp(phone, '2');
    await bot.repliesTo(phone, 3);
    await bot.settle();
    return phone;
  }

  async function helpReplyOf(phone: string) {
    const [record] = await bot.runtime.models.outbound.find({ to: phone }).sort({ createdAt: -1 }).limit(1).lean();
    if (!record) throw new Error(`no outbound message to ${phone}`);
    return record;
  }

  const permanent: Array<[string, FailureSpec]> = [
    ['21211 (invalid To number)', { code: 21211, status: 400 }],
    ['63016 (outside the 24-hour window)', { code: 63016, status: 400 }],
  ];

  it.each(permanent)('fails the message after one attempt on %s', async (_case, failure) => {
    const phone = await userAtMainMenu();
    const createsBefore = proxy.createsTo(phone).length;
    // More failures armed than should ever be used: a retry would hit them too.
    twilio.failNext(phone, { ...failure, times: 3 });

    await bot.sendWhatsApp(phone, 'help');
    await bot.settle();

    const record = await helpReplyOf(phone);
    expect(record).toMatchObject({ status: 'failed', errorCode: failure.code, attempts: 1 });
    expect(record.providerId).toBeUndefined();
    expect(record.error).toContain(`code ${failure.code}`);
    const creates = proxy.createsTo(phone).slice(createsBefore);
    expect(creates.map((request) => request.status)).toEqual([400]);
    expect(bot.sentTo(phone)).toHaveLength(3);
    const job = await bot.runtime.queues.outbound.getJob(record._id);
    expect(await job?.getState()).toBe('failed');
    expect(job?.attemptsMade).toBe(1);
  });

  it('sends the next message at once when the one before it failed for good', async () => {
    const phone = uniquePhone();
    const params = bot.inboundParams(phone, 'hi');
    twilio.failNext(phone, { code: 63016, status: 400 });

    const started = Date.now();
    await bot.postForm(bot.inboundUrl, params);
    // The greeting fails; the language question that follows it does not wait for the one-minute hold.
    const [question] = await bot.repliesTo(phone, 1);
    expect(question).toContain('अपनी भाषा चुनें');
    expect(Date.now() - started).toBeLessThan(5_000);
    await bot.settle();
    const greeting = await bot.runtime.models.outbound.findById(outboundId(`whatsapp:${params.MessageSid}`, 0)).lean();
    expect(greeting).toMatchObject({ status: 'failed', errorCode: 63016 });
    expect(proxy.createsTo(phone).map((request) => request.status)).toEqual([400, 201]);
  });

  const retryable: Array<[string, FailureSpec]> = [
    ['503 Service Unavailable', { code: 20503, status: 503 }],
    ['429 Too Many Requests (20429)', { code: 20429, status: 429 }],
    ['429 with Retry-After', { code: 20429, status: 429, retryAfterSeconds: 0.1 }],
  ];

  it.each(retryable)('retries %s and delivers the message once', async (_case, failure) => {
    const phone = await userAtMainMenu();
    const createsBefore = proxy.createsTo(phone).length;
    twilio.failNext(phone, { ...failure, times: 2 });

    await bot.sendWhatsApp(phone, 'help');
    const replies = await bot.repliesTo(phone, 4);
    expect(replies[3]).toContain('These words work at any time');
    await bot.settle();

    const creates = proxy.createsTo(phone).slice(createsBefore);
    expect(creates.map((request) => request.status)).toEqual([failure.status, failure.status, 201]);
    // Backoff: 40 ms then 80 ms (OUTBOUND_RETRY_BASE_MS, doubling), or what Retry-After asked for; never the
    // seconds of the production default.
    const [first, second, third] = creates.map((request) => request.at) as [number, number, number];
    const [firstGap, secondGap] = failure.retryAfterSeconds ? [100, 100] : [40, 80];
    expect(second - first).toBeGreaterThanOrEqual(firstGap - 5);
    expect(third - second).toBeGreaterThanOrEqual(secondGap - 5);
    expect(third - first).toBeLessThan(1_000);
    expect(bot.sentTo(phone)).toHaveLength(4);
    const record = await eventually(async () => {
      const latest = await helpReplyOf(phone);
      expect(['sent', 'delivered', 'read']).toContain(latest.status);
      return latest;
    });
    expect(record.providerId).toBe(twilio.messages.at(-1)?.sid);
    expect(record.attempts).toBe(3);
  });
});
