/**
 * A small production-like cluster on this machine, for the chaos runs and the scale-out test: FerretDB and Redis
 * (each restartable on its port), the local Twilio server, and bot processes started from src/main.ts with
 * ROLE=web or ROLE=worker, as docker-compose runs them. Load is signed WhatsApp webhooks from many numbers, spread
 * over the web processes; the tally compares what each number received with what its conversation must produce.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROJECT_ROOT } from '../lib/paths.js';
import { freePort } from '../lib/free-port.js';
import { type RunningFerretDB, startFerretDB } from '../lib/ferretdb.js';
import { type RunningRedis, startRedis } from '../lib/redis.js';
import { postSignedInbound, whatsappInboundParams } from '../twilio-local/inbound.js';
import { startTwilioLocal, type TwilioLocal } from '../twilio-local/server.js';

export const ACCOUNT = `AC${'c'.repeat(32)}`;
export const TOKEN = 'chaos-auth-token';
export const BOT = '+14155238886';

/** What each number says, and what each message must bring back (in order): a fragment per reply. */
export const CONVERSATION: ReadonlyArray<readonly [says: string, replies: readonly string[]]> = [
  ['hi', ['नमस्ते! मैं निर्यात सेतु हूँ', 'अपनी भाषा चुनें']],
  ['2', ['Main menu: what would you like to do?']],
  ['menu', ['Main menu: what would you like to do?']],
  ['help', ['These words work at any time']],
];
export const EXPECTED_REPLIES = CONVERSATION.flatMap(([, replies]) => replies);

export interface BotProcess {
  role: 'web' | 'worker';
  url: string | undefined;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface Cluster {
  dataDir: string;
  redis: RunningRedis;
  ferretdb: RunningFerretDB;
  twilio: TwilioLocal;
  webs: BotProcess[];
  workers: BotProcess[];
  startBot(role: 'web' | 'worker'): Promise<BotProcess>;
  restartRedis(downMs: number): Promise<void>;
  restartFerretDB(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startCluster(options: {
  webs: number;
  workers: number;
  ratePerSecond?: number;
}): Promise<Cluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'niryat-chaos-'));
  let redis = await startRedis(join(dataDir, 'redis'));
  let ferretdb = await startFerretDB(join(dataDir, 'ferretdb'));
  const twilio = await startTwilioLocal({ accountSid: ACCOUNT, authToken: TOKEN, callbackDelayMs: 20 });
  const prefix = `chaos${Date.now()}`;
  const bots: BotProcess[] = [];

  const startBot = async (role: 'web' | 'worker'): Promise<BotProcess> => {
    const port = await freePort();
    const url = role === 'web' ? `http://127.0.0.1:${port}` : undefined;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        ROLE: role,
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_BASE_URL: url ?? 'http://127.0.0.1:1',
        LOG_LEVEL: 'info',
        MONGODB_URI: `${ferretdb.uri}chaos`,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: prefix,
        TWILIO_ACCOUNT_SID: ACCOUNT,
        TWILIO_AUTH_TOKEN: TOKEN,
        TWILIO_WHATSAPP_FROM: `whatsapp:${BOT}`,
        TWILIO_API_BASE_URL: twilio.url,
        OUTBOUND_RATE_PER_SECOND: String(options.ratePerSecond ?? 200),
        SPOOL_DIR: join(dataDir, `spool-${port}`),
        SHUTDOWN_TIMEOUT_MS: '5000',
      },
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('niryat setu started')) {
          child.stdout?.off('data', onData);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.once('exit', (code) => reject(new Error(`${role} exited with ${code} before it started:\n${output}`)));
    });
    child.stdout?.resume();
    child.stderr?.resume();
    const bot: BotProcess = {
      role,
      url,
      child,
      async kill(signal = 'SIGKILL') {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill(signal);
        await exited;
      },
    };
    bots.push(bot);
    return bot;
  };

  const webs = await Promise.all(Array.from({ length: options.webs }, () => startBot('web')));
  const workers = await Promise.all(Array.from({ length: options.workers }, () => startBot('worker')));
  return {
    dataDir,
    get redis() {
      return redis;
    },
    get ferretdb() {
      return ferretdb;
    },
    twilio,
    webs,
    workers,
    startBot,
    async restartRedis(downMs) {
      const { port } = redis;
      await redis.stop();
      await sleep(downMs);
      redis = await startRedis(join(dataDir, 'redis'), undefined, { port });
    },
    async restartFerretDB(downMs) {
      const port = Number(new URL(ferretdb.uri).port);
      await ferretdb.stop();
      await sleep(downMs);
      ferretdb = await startFerretDB(join(dataDir, 'ferretdb'), undefined, { port });
    },
    async stop() {
      await Promise.allSettled(bots.map((bot) => bot.kill('SIGTERM')));
      await twilio.close();
      await Promise.allSettled([redis.stop(), ferretdb.stop()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface LoadResult {
  numbers: string[];
  /** Webhooks answered 200. */
  accepted: number;
  /** Webhooks answered anything else. */
  refused: number;
}

/**
 * Each number says its conversation, one message after the other (waiting `gapMs` between them, as a person
 * would), the numbers in parallel, spread over the web processes. `during` runs once the load is under way.
 */
export async function runLoad(
  cluster: Cluster,
  options: { numbers: number; gapMs: number; during?: () => Promise<void> },
): Promise<LoadResult> {
  const numbers = Array.from(
    { length: options.numbers },
    (_, i) => `+9190${String(Date.now()).slice(-6)}${String(i).padStart(3, '0')}`,
  );
  let accepted = 0;
  let refused = 0;
  const person = async (phone: string, index: number) => {
    for (const [turn, [says]] of CONVERSATION.entries()) {
      const web = cluster.webs[(index + turn) % cluster.webs.length]!;
      const response = await postSignedInbound({
        webhookUrl: `${web.url}/webhooks/whatsapp/inbound`,
        authToken: TOKEN,
        params: whatsappInboundParams({ from: phone, to: BOT, body: says, accountSid: ACCOUNT }),
      }).catch(() => undefined);
      if (response?.status === 200) accepted += 1;
      else refused += 1;
      await sleep(options.gapMs);
    }
  };
  const load = Promise.all(numbers.map((phone, i) => person(phone, i)));
  if (options.during) {
    await sleep(options.gapMs * 1.5);
    await options.during();
  }
  await load;
  return { numbers, accepted, refused };
}

export interface Tally {
  expected: number;
  answered: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
}

/** Waits (up to `timeoutMs`) for every number's replies, then compares them with the conversation. */
export async function tally(cluster: Cluster, numbers: readonly string[], timeoutMs: number): Promise<Tally> {
  const deadline = Date.now() + timeoutMs;
  const repliesOf = (phone: string) =>
    cluster.twilio.messages
      .filter((message) => message.to === `whatsapp:${phone}`)
      .map((message) => message.body ?? '');
  while (Date.now() < deadline && numbers.some((phone) => repliesOf(phone).length < EXPECTED_REPLIES.length)) {
    await sleep(250);
  }
  await sleep(1_000); // anything sent twice arrives late
  let answered = 0;
  let lost = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  for (const phone of numbers) {
    const replies = repliesOf(phone);
    const matched = EXPECTED_REPLIES.filter((fragment, i) => replies[i]?.includes(fragment)).length;
    answered += Math.min(replies.length, EXPECTED_REPLIES.length);
    lost += Math.max(0, EXPECTED_REPLIES.length - replies.length);
    duplicated += Math.max(0, replies.length - EXPECTED_REPLIES.length);
    // Order is judged where nothing was duplicated (a duplicate shifts every later reply).
    if (replies.length === EXPECTED_REPLIES.length && matched < EXPECTED_REPLIES.length) {
      outOfOrder += 1;
      if (process.env.CHAOS_DEBUG) console.error(`out of order: ${JSON.stringify(replies.map((r) => r.slice(0, 30)))}`);
    }
  }
  return { expected: numbers.length * EXPECTED_REPLIES.length, answered, lost, duplicated, outOfOrder };
}
