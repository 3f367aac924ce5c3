/**
 * The whole bot for integration tests: the real runtime (web and workers) on its own database and queue prefix,
 * the real twilio SDK pointed at the project's local Twilio-compatible server, and signed webhooks sent exactly as
 * Twilio signs them.
 */
import twilioSdk from 'twilio';
import type { Config } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { type Runtime, type RuntimeOptions, startRuntime } from '../../src/runtime.js';
import { postSignedInbound, signedInboundRequest, whatsappInboundParams } from '../../scripts/twilio-local/inbound.js';
import { startTwilioLocal, type TwilioLocal } from '../../scripts/twilio-local/server.js';
import { testConfig } from './config.js';
import { eventually } from './eventually.js';
import type { RawRequest } from './pipelined-http.js';

export const BOT_NUMBER = '+14155238886';

export type InboundExtras = Partial<Parameters<typeof whatsappInboundParams>[0]>;

export interface PostFormOptions {
  /** The X-Twilio-Signature to send; `null` sends none. Default: a valid signature for `signedUrl`. */
  signature?: string | null;
  /** The URL the signature is computed for. Default: the URL posted to. */
  signedUrl?: string;
}

export interface TestBot {
  runtime: Runtime;
  twilio: TwilioLocal;
  config: Config;
  /** The public URLs Twilio would call (and signs). */
  inboundUrl: string;
  statusUrl: string;
  /** Posts a signed WhatsApp webhook from `from`; returns the HTTP response. */
  sendWhatsApp(
    from: string,
    body: string,
    extra?: Partial<Parameters<typeof whatsappInboundParams>[0]>,
  ): Promise<Response>;
  /** The form fields of a WhatsApp message from `from`, as Twilio posts them (a fresh MessageSid unless given). */
  inboundParams(from: string, body: string, extra?: InboundExtras): Record<string, string>;
  /** Posts form fields to `url`, signed with the account's auth token unless `options` say otherwise. */
  postForm(url: string, params: Record<string, string>, options?: PostFormOptions): Promise<Response>;
  /** A signed inbound webhook as raw headers and body, for `postPipelined`. */
  rawInbound(params: Record<string, string>): RawRequest;
  /** Bodies Twilio received for `to`, waiting until at least `count` arrived. */
  repliesTo(to: string, count: number, timeoutMs?: number): Promise<string[]>;
  /** Bodies Twilio has received for `to` so far, in arrival order. */
  sentTo(to: string): string[];
  /**
   * Waits until the bot has nothing left to do: no drain or send job waiting, running or scheduled for a retry, and
   * no mailbox with messages waiting. Only meaningful when this runtime (or another on its prefix) runs workers.
   */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The local Twilio server with the test accounts' credentials, for tests that share one across runtimes. */
export function startLocalTwilio(callbackDelayMs = 20): Promise<TwilioLocal> {
  const base = testConfig();
  return startTwilioLocal({ accountSid: base.twilio.accountSid, authToken: base.twilio.authToken, callbackDelayMs });
}

export async function startTestBot(
  overrides: Record<string, string> = {},
  options: RuntimeOptions & {
    twilio?: TwilioLocal;
    /** Where the SDK sends its requests, e.g. a logging proxy in front of `twilio`. Default: `twilio.url`. */
    twilioApiUrl?: string;
  } = {},
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
    TWILIO_API_BASE_URL: options.twilioApiUrl ?? twilio.url,
  });
  const runtime = await startRuntime(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), options);
  const inboundUrl = `${config.http.publicBaseUrl}/webhooks/whatsapp/inbound`;
  const inboundParams = (from: string, body: string, extra: InboundExtras = {}) =>
    whatsappInboundParams({ from, to: BOT_NUMBER, body, accountSid: config.twilio.accountSid, ...extra });
  const bare = (number: string) => number.replace(/^whatsapp:/, '');
  return {
    runtime,
    twilio,
    config,
    inboundUrl,
    statusUrl: `${config.http.publicBaseUrl}/webhooks/whatsapp/status`,
    sendWhatsApp: (from, body, extra = {}) =>
      postSignedInbound({
        webhookUrl: inboundUrl,
        authToken: config.twilio.authToken,
        params: inboundParams(from, body, extra),
      }),
    inboundParams,
    postForm(url, params, postOptions = {}) {
      const signature =
        postOptions.signature === undefined
          ? twilioSdk.getExpectedTwilioSignature(config.twilio.authToken, postOptions.signedUrl ?? url, params)
          : postOptions.signature;
      return fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          ...(signature === null ? {} : { 'X-Twilio-Signature': signature }),
        },
        body: new URLSearchParams(params).toString(),
      });
    },
    rawInbound: (params) =>
      signedInboundRequest({ webhookUrl: inboundUrl, authToken: config.twilio.authToken, params }),
    async repliesTo(to, count, timeoutMs = 10_000) {
      const messages = await twilio.waitForMessages(count, { to, timeoutMs });
      return messages.map((message) => message.body ?? '');
    },
    sentTo: (to) => twilio.messages.filter((message) => bare(message.to) === bare(to)).map((m) => m.body ?? ''),
    async settle(timeoutMs = 10_000) {
      const busy = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;
      const prefix = config.queuePrefix;
      await eventually(
        async () => {
          // In the order work flows (a broadcast's run starts a fan-out; a drain or a fan-out adds sends; a send
          // stages its status): each step adds the next one's work before it completes, so a queue read idle
          // before the next one cannot hide work still to come there. Broadcast runs due now count, not ones
          // scheduled for later; fan-outs due now, ones waiting to be retried and a broadcast's waiting for its next
          // wave (the other delayed ones are days away: an inquiry's reminder and expiry).
          const broadcasts = await runtime.queues.broadcasts.getJobCounts('waiting', 'active', 'prioritized');
          const inbound = await runtime.queues.inbound.getJobCounts(...busy);
          const fanOuts = await runtime.queues.fanOut.getJobCounts('waiting', 'active', 'prioritized');
          const retrying = (await runtime.queues.fanOut.getDelayed()).filter(
            (job) => job.attemptsMade > 0 || job.data.waitingForWave,
          ).length;
          fanOuts.retrying = retrying;
          const outbound = await runtime.queues.outbound.getJobCounts(...busy);
          const statuses = await runtime.queues.statuses.getJobCounts(...busy);
          const pendingUsers = await runtime.redis.scard(`${prefix}:inbox:pending`);
          const total = [inbound, fanOuts, outbound, statuses, broadcasts]
            .flatMap((counts) => Object.values(counts))
            .reduce((a, b) => a + b, 0);
          if (total > 0 || pendingUsers > 0) {
            throw new Error(
              `still busy: inbound ${JSON.stringify(inbound)}, outbound ${JSON.stringify(outbound)}, ` +
                `statuses ${JSON.stringify(statuses)}, fan-outs ${JSON.stringify(fanOuts)}, ` +
                `broadcasts ${JSON.stringify(broadcasts)}, ${pendingUsers} mailboxes`,
            );
          }
        },
        { timeoutMs },
      );
    },
    async stop() {
      // Twilio first: closing it aborts its status callbacks, and a callback still in flight would keep the bot's
      // HTTP server waiting on that keep-alive connection for seconds.
      if (!options.twilio) await twilio.close();
      await runtime.stop();
      await runtime.mongo.close().catch(() => {});
    },
  };
}
