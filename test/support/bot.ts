/**
 * The whole bot for integration tests: the real runtime (web and workers) on its own database and queue prefix,
 * the real twilio SDK pointed at the project's local Twilio-compatible server, and signed webhooks sent exactly as
 * Twilio signs them.
 */
import { createLogger } from '../../src/log.js';
import { type Runtime, type RuntimeOptions, startRuntime } from '../../src/runtime.js';
import { postSignedInbound, whatsappInboundParams } from '../../scripts/twilio-local/inbound.js';
import { startTwilioLocal, type TwilioLocal } from '../../scripts/twilio-local/server.js';
import { testConfig } from './config.js';

export const BOT_NUMBER = '+14155238886';

export interface TestBot {
  runtime: Runtime;
  twilio: TwilioLocal;
  /** Posts a signed WhatsApp webhook from `from`; returns the HTTP response. */
  sendWhatsApp(
    from: string,
    body: string,
    extra?: Partial<Parameters<typeof whatsappInboundParams>[0]>,
  ): Promise<Response>;
  /** Bodies Twilio received for `to`, waiting until at least `count` arrived. */
  repliesTo(to: string, count: number, timeoutMs?: number): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startTestBot(
  overrides: Record<string, string> = {},
  options: RuntimeOptions & { twilio?: TwilioLocal } = {},
): Promise<TestBot> {
  const base = testConfig(overrides);
  const twilio =
    options.twilio ??
    (await startTwilioLocal({
      accountSid: base.twilio.accountSid,
      authToken: base.twilio.authToken,
      callbackDelayMs: 20,
    }));
  // The public URL must be known before listening for signatures to match: take a free port first.
  const { freePort } = await import('../../scripts/lib/free-port.js');
  const port = await freePort();
  const config = testConfig({
    ...overrides,
    QUEUE_PREFIX: base.queuePrefix,
    MONGODB_URI: base.mongodbUri,
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    TWILIO_API_BASE_URL: twilio.url,
  });
  const runtime = await startRuntime(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), options);
  return {
    runtime,
    twilio,
    sendWhatsApp: (from, body, extra = {}) =>
      postSignedInbound({
        webhookUrl: `${config.http.publicBaseUrl}/webhooks/whatsapp/inbound`,
        authToken: config.twilio.authToken,
        params: whatsappInboundParams({ from, to: BOT_NUMBER, body, accountSid: config.twilio.accountSid, ...extra }),
      }),
    async repliesTo(to, count, timeoutMs = 10_000) {
      const messages = await twilio.waitForMessages(count, { to, timeoutMs });
      return messages.map((message) => message.body ?? '');
    },
    async stop() {
      await runtime.stop();
      if (!options.twilio) await twilio.close();
      await runtime.mongo.close().catch(() => {});
    },
  };
}
