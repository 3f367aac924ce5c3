/**
 * `npm run bench:backlog`: does a crowd's backlog delay a newcomer? The bot (web and workers in this process, as
 * the demo runs it) on local FerretDB, Redis and Twilio servers; `BACKLOG_MESSAGES` signed webhooks from
 * `BACKLOG_NUMBERS` numbers (default 3,000 from 400) are accepted first, then a new number says "नमस्ते", and the
 * time until its first reply reaches the Twilio server is measured. The baseline, from the same run, is the same
 * newcomer's wait with nothing queued. The send rate is the configured one (OUTBOUND_RATE_PER_SECOND, default 20).
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startRuntime } from '../../src/runtime.js';
import { freePort } from '../lib/free-port.js';
import { startLocalServices } from '../services.js';
import { postSignedInbound, whatsappInboundParams } from '../twilio-local/inbound.js';
import { startTwilioLocal } from '../twilio-local/server.js';

const MESSAGES = Number(process.env.BACKLOG_MESSAGES ?? 3_000);
const NUMBERS = Number(process.env.BACKLOG_NUMBERS ?? 400);
const RATE = process.env.OUTBOUND_RATE_PER_SECOND ?? '20';
const CONVERSATION = ['hi', '2', 'menu', 'help', 'menu', 'help', 'menu', 'language'];
const ACCOUNT = `AC${'b'.repeat(32)}`;
const TOKEN = 'bench-auth-token';
const BOT = '+14155238886';

const services = await startLocalServices();
const twilio = await startTwilioLocal({ accountSid: ACCOUNT, authToken: TOKEN, callbackDelayMs: 20 });
const port = await freePort();
const config = loadConfig({
  NODE_ENV: 'production',
  ROLE: 'all',
  HOST: '127.0.0.1',
  PORT: String(port),
  PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
  LOG_LEVEL: 'silent',
  MONGODB_URI: `${services.mongodbUri}bench_backlog`,
  REDIS_URL: services.redisUrl,
  QUEUE_PREFIX: `backlog${Date.now()}`,
  TWILIO_ACCOUNT_SID: ACCOUNT,
  TWILIO_AUTH_TOKEN: TOKEN,
  TWILIO_WHATSAPP_FROM: `whatsapp:${BOT}`,
  TWILIO_API_BASE_URL: twilio.url,
  OUTBOUND_RATE_PER_SECOND: RATE,
  SPOOL_DIR: `/tmp/niryat-bench-spool-${process.pid}`,
});
const runtime = await startRuntime(config, createLogger('silent'));
const inboundUrl = `${config.http.publicBaseUrl}/webhooks/whatsapp/inbound`;
const send = (from: string, body: string) =>
  postSignedInbound({
    webhookUrl: inboundUrl,
    authToken: TOKEN,
    params: whatsappInboundParams({ from, to: BOT, body, accountSid: ACCOUNT }),
  });

let nextNumber = 9_100_000_000;
const newNumber = () => `+91${nextNumber++}`;

async function firstReplyWait(): Promise<number> {
  const phone = newNumber();
  const started = performance.now();
  await send(phone, 'नमस्ते');
  await twilio.waitForMessages(1, { to: `whatsapp:${phone}`, timeoutMs: 600_000 });
  return performance.now() - started;
}

try {
  const baseline = await firstReplyWait();

  const crowd = Array.from({ length: NUMBERS }, newNumber);
  const cpuBefore = process.cpuUsage();
  const acceptStarted = performance.now();
  let sent = 0;
  // Each number's messages in order; the crowd in parallel, a few at a time, as a busy hour would bring them.
  for (let round = 0; sent < MESSAGES; round++) {
    const batch = crowd.slice(0, Math.min(NUMBERS, MESSAGES - sent));
    for (let i = 0; i < batch.length; i += 50) {
      const statuses = await Promise.all(
        batch.slice(i, i + 50).map((phone) => send(phone, CONVERSATION[round % CONVERSATION.length]!)),
      );
      if (statuses.some((response) => response.status !== 200)) throw new Error('a webhook was not answered 200');
    }
    sent += batch.length;
  }
  const acceptSeconds = (performance.now() - acceptStarted) / 1000;
  const queuedReplies = await runtime.queues.outbound.getJobCountByTypes('prioritized', 'waiting', 'delayed');
  const queuedDrains = await runtime.queues.inbound.getJobCountByTypes('prioritized', 'waiting', 'active');

  const withBacklog = await firstReplyWait();
  const cpu = process.cpuUsage(cpuBefore);

  console.log(
    `Backlog benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, send rate ${RATE}/s`,
  );
  console.log(
    `backlog: ${MESSAGES} messages from ${NUMBERS} numbers accepted in ${acceptSeconds.toFixed(1)} s; when the newcomer wrote: ${queuedDrains} drains and ${queuedReplies} replies queued`,
  );
  console.log('');
  console.log("| newcomer's first reply | wait |");
  console.log('|---|---|');
  console.log(`| baseline: nothing queued | ${(baseline / 1000).toFixed(2)} s |`);
  console.log(`| behind the backlog | ${(withBacklog / 1000).toFixed(2)} s |`);
  console.log(
    `| without fairness (the queued replies at the send rate) | ${(queuedReplies / Number(RATE)).toFixed(0)} s or more |`,
  );
  console.log('');
  console.log(
    `CPU (this process: bot, web and workers) while accepting and handling: ${((cpu.user + cpu.system) / 1000 / sent).toFixed(1)} ms per message`,
  );
} finally {
  await runtime.stop();
  await twilio.close();
  await services.stop();
}
