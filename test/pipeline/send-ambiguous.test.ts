/**
 * A send whose outcome is unknown: handed to Twilio, then the worker died before reading the answer. Twilio has
 * no idempotency key, so the retry looks the message up there first and records it instead of sending it again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/channels/channel.js';
import { createTwilioChannel } from '../../src/channels/twilio/twilio-channel.js';
import { outboundId } from '../../src/outbound/dispatch.js';
import type { TwilioLocal } from '../../scripts/twilio-local/server.js';
import { startLocalTwilio, startTestBot, type TestBot } from '../support/bot.js';
import { testConfig } from '../support/config.js';
import { eventually } from '../support/eventually.js';
import { uniquePhone } from '../support/phones.js';

describe('a send interrupted after Twilio accepted it', () => {
  let twilio: TwilioLocal;
  let bot: TestBot;
  const interrupted = new Set<string>();
  beforeAll(async () => {
    twilio = await startLocalTwilio();
    const config = testConfig();
    const real = createTwilioChannel({
      accountSid: config.twilio.accountSid,
      authToken: config.twilio.authToken,
      from: config.twilio.whatsappFrom,
      apiBaseUrl: twilio.url,
      statusCallbackUrl: 'http://127.0.0.1:9/webhooks/whatsapp/status',
      name: 'whatsapp',
    });
    // The first send to each number reaches Twilio, then the worker "dies" before it reads the answer.
    const dying: Channel = {
      ...real,
      findSent: real.findSent!,
      async send(message) {
        const result = await real.send(message);
        if (!interrupted.has(message.to)) {
          interrupted.add(message.to);
          throw new Error('simulated: the worker died before reading the answer');
        }
        return result;
      },
    };
    bot = await startTestBot({ OUTBOUND_RETRY_BASE_MS: '40' }, { twilio, channels: [dying] });
  });
  afterAll(async () => {
    await bot?.stop();
    await twilio?.close();
  });

  it('is found at Twilio on the retry and not sent twice', async () => {
    const phone = uniquePhone();
    const params = bot.inboundParams(phone, 'hi');
    expect((await bot.postForm(bot.inboundUrl, params)).status).toBe(200);
    await bot.repliesTo(phone, 2);
    await bot.settle();

    const sent = twilio.messages.filter((message) => message.to === `whatsapp:${phone}`);
    expect(sent.map((message) => message.body?.slice(0, 12))).toEqual([
      expect.stringContaining('नमस्ते'),
      expect.stringContaining('अपनी भाषा'),
    ]);
    const greeting = outboundId(`whatsapp:${params.MessageSid}`, 0);
    await eventually(async () =>
      expect((await bot.runtime.models.outbound.findById(greeting).lean())?.providerId).toBe(sent[0]?.sid),
    );
  });
});
