/**
 * The webhook benchmark (`npm run bench`): how fast the bot acknowledges Twilio's inbound webhooks compared with a
 * bare express app on the same machine, and how long a message takes from webhook to reply at the Twilio API, with
 * a check that no reply is lost or duplicated. Prints one Markdown table and notes on where the CPU went.
 *
 * Layout: FerretDB, Redis, the local Twilio server, the baseline and the bot (`src/main.ts` under tsx, ROLE=all)
 * each run in their own process; this process only generates load and reads results. A load generator sharing the
 * bot's event loop would add its own CPU and timer delays to every latency it measures and slow the bot down; in a
 * child process the bot also runs as deployed: its real entry point, config from the environment, signal handling,
 * logging at the production default level (info, to a file). BENCH_LAYOUT=split runs it as docker-compose does
 * instead: one ROLE=web and one ROLE=worker process.
 *
 * Phases: the baseline (steady 200 req/s, autocannon overallRate 200, autocannon max); then bot #1 on a fresh
 * database and queue prefix: 20 messages at 5/s (unloaded end-to-end), then a steady 100 msg/s for 10 s, wait for
 * the queues to drain and count the replies per number; then bot #2, fresh again so that #1's backlog cannot weigh
 * on it: steady 200 req/s, autocannon overallRate 200, autocannon max. Every webhook has its own MessageSid and a
 * valid signature, from many distinct numbers, so per-user ordering never serializes the work.
 *
 * Knobs: BENCH_LAYOUT=all|split; BENCH_CPU_PROF_DIR=<dir> runs the bot with --cpu-prof (written when it stops);
 * BENCH_STATUS_CALLBACKS=off stops the local Twilio server from posting delivery statuses back; BENCH_LOG_LEVEL
 * (default info); BENCH_KEEP=1 keeps the bot's logs; BENCH_MONGO_TRACE=1 times every MongoDB command the bot sends
 * (through a proxy on this event loop: a diagnosis aid, not for measuring). MONGODB_URI / REDIS_URL use existing
 * servers instead of starting FerretDB and Redis.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { spawnOwned, stopChild, waitForLine } from '../lib/child.js';
import { freePort } from '../lib/free-port.js';
import { PROJECT_ROOT } from '../lib/paths.js';
import { startLocalServices } from '../services.js';
import type { RecordedMessage } from '../twilio-local/server.js';
import { type CpuShare, cpuBetween, cpuSnapshot, formatShares } from './cpu.js';
import { type MongoTrace, startMongoTrace, summarizeTrace } from './mongo-trace.js';
import {
  ascending,
  type CannonResult,
  cannon,
  epochMs,
  type PacedResult,
  type PreparedWebhook,
  paced,
  percentile,
  phoneNumbers,
  prepareWebhooks,
} from './load.js';

const SETTINGS = {
  ackRate: 200,
  ackSeconds: 10,
  e2eRate: 100,
  e2eSeconds: 10,
  unloadedRate: 5,
  unloadedCount: 20,
  burstSeconds: 5,
  burstConnections: 10,
  maxSeconds: 5,
  maxConnections: 20,
  users: 2_000,
  /** The highest the config allows; at 100 msg/s × 2 replies the limiter never holds a send back. */
  outboundRatePerSecond: 400,
  inboundConcurrency: 16,
  unloadedDrainMs: 20_000,
  e2eDrainMs: 25_000,
  /** Webhooks prepared for the max-throughput runs; cycled if a run sends more. */
  maxPool: 30_000,
  callbackDelayMs: 50,
} as const;

const GOALS = { ackP99Ms: 50, e2eP95Ms: 300 } as const;
/** A new number's first message ("hi") is answered with the welcome, then the language question. */
const REPLIES_PER_NEW_NUMBER = 2;
const WELCOME = /Niryat Setu|निर्यात सेतु/;

const BOT_NUMBER = '+14155238886';
const ACCOUNT_SID = `AC${'b'.repeat(32)}`;
const AUTH_TOKEN = 'bench-auth-token-not-secret';
const WEBHOOK_PATH = '/webhooks/whatsapp/inbound';
const TSX = ['--import', 'tsx'];
const LAYOUT = process.env.BENCH_LAYOUT === 'split' ? 'split' : 'all';
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
const CALLBACKS_OFF = process.env.BENCH_STATUS_CALLBACKS === 'off';
const MONGO_TRACE = process.env.BENCH_MONGO_TRACE === '1';

// ---- cleanup: everything started is stopped in reverse order, on success, failure, Ctrl-C or SIGTERM ----

const cleanups: Array<{ name: string; run: () => Promise<void> }> = [];
let cleaning: Promise<void> | undefined;

function onCleanup(name: string, run: () => Promise<void>): void {
  cleanups.push({ name, run });
}

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      await step.run().catch((error: unknown) => console.error(`cleanup of ${step.name} failed: ${String(error)}`));
    }
  })();
  return cleaning;
}

let interrupted = false;
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping everything the benchmark started…`);
    void cleanup().finally(() => process.exit(code));
  });
}

const log = (line: string) => console.error(`[bench] ${line}`);

/** Pids of the processes started here, labelled for the CPU notes. */
const labels = new Map<number, string>();

// ---- processes ----

function childEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

async function startListedChild(label: string, args: string[], env: Record<string, string>): Promise<Child> {
  const child = spawnOwned(process.execPath, [...TSX, ...args], { cwd: PROJECT_ROOT, env: childEnv(env) });
  if (child.pid) labels.set(child.pid, label);
  onCleanup(label, () => stopChild(child));
  const match = await waitForLine(child, /^READY (\S+)$/, 30_000, label);
  return { url: match[1]!, child };
}

interface Child {
  url: string;
  child: ChildProcess;
}

interface Bot {
  url: string;
  /** Web first: stopping in this order lets the workers finish what the web process accepted. */
  children: ChildProcess[];
  logFiles: string[];
  prefix: string;
  stop(): Promise<void>;
}

async function startBot(opts: {
  instance: number;
  port: number;
  mongodbUri: string;
  redisUrl: string;
  twilioUrl: string;
  workDir: string;
}): Promise<Bot> {
  const url = `http://127.0.0.1:${opts.port}`;
  const prefix = `bench${opts.instance}`;
  const database = new URL(opts.mongodbUri);
  database.pathname = `/bench${opts.instance}_${Date.now().toString(36)}`;
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const roles = LAYOUT === 'split' ? (['web', 'worker'] as const) : (['all'] as const);
  const children: ChildProcess[] = [];
  const logFiles: string[] = [];
  for (const role of roles) {
    const logFile = join(opts.workDir, `bot${opts.instance}-${role}.log`);
    const fd = openSync(logFile, 'a');
    const child = spawnOwned(process.execPath, [...nodeFlags, ...TSX, 'src/main.ts'], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', fd, fd],
      env: childEnv({
        NODE_ENV: 'production',
        ROLE: role,
        HOST: '127.0.0.1',
        PORT: String(opts.port),
        PUBLIC_BASE_URL: url,
        LOG_LEVEL,
        SHUTDOWN_TIMEOUT_MS: '5000',
        MONGODB_URI: database.toString(),
        REDIS_URL: opts.redisUrl,
        QUEUE_PREFIX: prefix,
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_WHATSAPP_FROM: `whatsapp:${BOT_NUMBER}`,
        TWILIO_API_BASE_URL: opts.twilioUrl,
        OUTBOUND_RATE_PER_SECOND: String(SETTINGS.outboundRatePerSecond),
        INBOUND_CONCURRENCY: String(SETTINGS.inboundConcurrency),
      }),
    });
    closeSync(fd);
    if (child.pid) labels.set(child.pid, role === 'all' ? 'bot' : `bot ${role}`);
    children.push(child);
    logFiles.push(logFile);
  }
  // SIGTERM runs the bot's own graceful shutdown (and writes a CPU profile); SIGKILL after 15 s.
  const stop = async () => {
    for (const child of children) await stopChild(child, 15_000);
  };
  onCleanup(`bot #${opts.instance}`, stop);

  const queues = watchQueues(opts.redisUrl, prefix);
  try {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (children.some((child) => child.exitCode !== null || child.signalCode !== null)) break;
      const ready = await fetch(`${url}/readyz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready && (await queues.workersReady())) return { url, children, logFiles, prefix, stop };
      await delay(200);
    }
  } finally {
    await queues.close();
  }
  throw new Error(`bot #${opts.instance} did not become ready; its log ends:\n${logFiles.map((f) => tail(f, 15))}`);
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The bot's log lines at warn and above, counted by message. */
function logProblems(files: readonly string[]): Map<string, number> {
  const problems = new Map<string, number>();
  const count = (key: string) => problems.set(key, (problems.get(key) ?? 0) + 1);
  for (const file of files) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (!/"level":"(warn|error|fatal)"/.test(line)) continue;
      try {
        const entry = JSON.parse(line) as { level: string; msg?: string; err?: { message?: string } };
        const cause = entry.err?.message ? ` (${entry.err.message.replace(/^.*\] /, '').slice(0, 60)})` : '';
        count(`${entry.level}: ${entry.msg ?? '?'}${cause}`);
      } catch {
        count('unparsable line');
      }
    }
  }
  return problems;
}

// ---- the bot's queues, read directly from Redis ----

interface QueueWatch {
  /** Unfinished jobs in the inbound and outbound queues, and users with messages waiting in their mailbox. */
  backlog(): Promise<{ inbound: number; outbound: number; pendingUsers: number; failed: number }>;
  workersReady(): Promise<boolean>;
  close(): Promise<void>;
}

function watchQueues(redisUrl: string, prefix: string): QueueWatch {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', () => {});
  const inbound = new Queue('inbound', { connection: redis, prefix });
  const outbound = new Queue('outbound', { connection: redis, prefix });
  const unfinished = async (queue: Queue) => {
    const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'failed');
    const open = (counts.wait ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0);
    return { open, failed: counts.failed ?? 0 };
  };
  return {
    async backlog() {
      const [i, o, pendingUsers] = await Promise.all([
        unfinished(inbound),
        unfinished(outbound),
        redis.scard(`${prefix}:inbox:pending`),
      ]);
      return { inbound: i.open, outbound: o.open, pendingUsers, failed: i.failed + o.failed };
    },
    async workersReady() {
      const [i, o] = await Promise.all([inbound.getWorkersCount(), outbound.getWorkersCount()]);
      return i > 0 && o > 0;
    },
    async close() {
      await Promise.all([inbound.close(), outbound.close()]);
      redis.disconnect();
    },
  };
}

/** Waits until both queues are empty and no mailbox holds a message, twice in a row. */
async function waitForDrain(queues: QueueWatch, deadlineMs: number): Promise<{ drained: boolean; ms: number }> {
  const start = performance.now();
  let quietPolls = 0;
  while (performance.now() - start < deadlineMs) {
    const backlog = await queues.backlog();
    quietPolls = backlog.inbound + backlog.outbound + backlog.pendingUsers === 0 ? quietPolls + 1 : 0;
    if (quietPolls >= 2) return { drained: true, ms: performance.now() - start };
    await delay(100);
  }
  return { drained: false, ms: performance.now() - start };
}

async function recordedMessages(twilioUrl: string): Promise<RecordedMessage[]> {
  const response = await fetch(`${twilioUrl}/_local/messages`);
  if (!response.ok) throw new Error(`twilio-local /_local/messages answered ${response.status}`);
  return (await response.json()) as RecordedMessage[];
}

// ---- end-to-end analysis ----

interface EndToEnd {
  accepted: number;
  rejected: number;
  /**
   * Webhook sent → first reply's create call recorded at the Twilio server, ms. A message with no reply yet counts
   * with the time it has waited so far, marked censored: its real latency is at least that.
   */
  latencies: Latency[];
  /** Replies expected but not recorded (meaningful only once drained). */
  missing: number;
  duplicated: number;
  /** Numbers whose first reply was not the welcome (the two replies overtook each other). */
  outOfOrder: number;
  drained: boolean;
  drainMs: number;
  replies: number;
  /** Replies recorded per second, from the first webhook to the last reply. */
  repliesPerSecond: number;
}

interface Latency {
  ms: number;
  censored: boolean;
}

function analyseEndToEnd(
  webhooks: readonly PreparedWebhook[],
  run: PacedResult,
  messages: readonly RecordedMessage[],
  drain: { drained: boolean; ms: number },
  now: number,
): EndToEnd {
  const repliesByNumber = new Map<string, RecordedMessage[]>();
  for (const message of messages) {
    const number = message.to.replace(/^whatsapp:/, '');
    const list = repliesByNumber.get(number);
    if (list) list.push(message);
    else repliesByNumber.set(number, [message]);
  }
  const result: EndToEnd = {
    accepted: 0,
    rejected: 0,
    latencies: [],
    missing: 0,
    duplicated: 0,
    outOfOrder: 0,
    drained: drain.drained,
    drainMs: drain.ms,
    replies: 0,
    repliesPerSecond: Number.NaN,
  };
  let lastReply = 0;
  webhooks.forEach((webhook, i) => {
    const status = run.statuses[i] ?? 0;
    if (status < 200 || status >= 300) {
      result.rejected += 1;
      return;
    }
    result.accepted += 1;
    const replies = (repliesByNumber.get(webhook.from) ?? []).sort((a, b) => a.createdAt - b.createdAt);
    result.replies += replies.length;
    result.missing += Math.max(0, REPLIES_PER_NEW_NUMBER - replies.length);
    result.duplicated += Math.max(0, replies.length - REPLIES_PER_NEW_NUMBER);
    const first = replies[0];
    if (!first) {
      result.latencies.push({ ms: now - run.sentAt[i]!, censored: true });
      return;
    }
    lastReply = Math.max(lastReply, replies.at(-1)!.createdAt);
    result.latencies.push({ ms: first.createdAt - run.sentAt[i]!, censored: false });
    if (!WELCOME.test(first.body ?? '')) result.outOfOrder += 1;
  });
  const firstSent = run.sentAt[0];
  if (firstSent !== undefined && lastReply > firstSent) {
    result.repliesPerSecond = result.replies / ((lastReply - firstSent) / 1000);
  }
  return result;
}

// ---- report ----

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');
const perSecond = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)}/s` : 'n/a');
const ratio = (bot: number, base: number) =>
  Number.isFinite(bot) && Number.isFinite(base) && base > 0 ? ` (${(bot / base).toFixed(2)}×)` : '';
const yesNo = (met: boolean) => (met ? 'yes' : '**no**');

interface SteadyStats {
  ackPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  offered: number;
  ok: number;
  sendSeconds: number;
  /** p99 of the part of the latency spent getting a connected socket (pool wait or TCP handshake). */
  connectWaitP99: number;
  errorCodes: string;
}

function steadyStats(run: PacedResult): SteadyStats {
  const sorted = ascending(run.latencies);
  return {
    ackPerSecond: run.ok / run.elapsedSeconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    non2xx: run.non2xx,
    errors: run.errors,
    offered: run.offered,
    ok: run.ok,
    sendSeconds: run.sendSeconds,
    connectWaitP99: percentile(ascending(run.connectWaitAt.filter(Number.isFinite)), 99),
    errorCodes: [...run.errorCodes.entries()].map(([code, n]) => `${code} ×${n}`).join(', '),
  };
}

/** Percentiles of end-to-end latencies; one that lands on a message without a reply is a lower bound ('≥'). */
function latencySummary(values: readonly Latency[]) {
  const sorted = [...values].sort((a, b) => a.ms - b.ms);
  const at = (p: number): Latency | undefined =>
    sorted.length === 0
      ? undefined
      : sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
  const show = (value: Latency | undefined) =>
    value === undefined
      ? 'n/a'
      : `${value.censored ? '≥ ' : ''}${ms(value.ms)}${value.censored ? ' (no reply yet)' : ''}`;
  const p95 = at(95);
  return {
    p50: show(at(50)),
    p95: show(p95),
    p95Met: p95 !== undefined && !p95.censored && p95.ms < GOALS.e2eP95Ms,
    p99: show(at(99)),
    max: show(sorted.at(-1)),
  };
}

interface Results {
  base: { steady: SteadyStats; burst: CannonResult; max: CannonResult };
  bot: { steady: SteadyStats; burst: CannonResult; max: CannonResult; unloaded: EndToEnd; e2e: EndToEnd };
}

function table({ base, bot }: Results): string {
  const e2e = latencySummary(bot.e2e.latencies);
  const unloaded = latencySummary(bot.unloaded.latencies);
  const allAcked = (s: SteadyStats) => s.ok === s.offered && s.ackPerSecond >= SETTINGS.ackRate * 0.97;
  const lost = bot.e2e.drained
    ? [String(bot.e2e.missing), yesNo(bot.e2e.missing === 0)]
    : [
        `not drained: ${bot.e2e.missing} of ${bot.e2e.accepted * REPLIES_PER_NEW_NUMBER} replies still queued`,
        '**unverified**',
      ];
  const rows: string[][] = [
    [
      `ack req/s @${SETTINGS.ackRate} offered (steady, ${SETTINGS.ackSeconds} s)`,
      perSecond(base.steady.ackPerSecond),
      perSecond(bot.steady.ackPerSecond) + ratio(bot.steady.ackPerSecond, base.steady.ackPerSecond),
      `${SETTINGS.ackRate}/s, every one acknowledged`,
      yesNo(allAcked(bot.steady)),
    ],
    ['ack p50', ms(base.steady.p50), ms(bot.steady.p50) + ratio(bot.steady.p50, base.steady.p50), '—', '—'],
    [
      'ack p99',
      ms(base.steady.p99),
      ms(bot.steady.p99) + ratio(bot.steady.p99, base.steady.p99),
      `< ${GOALS.ackP99Ms} ms at ${SETTINGS.ackRate} req/s`,
      yesNo(bot.steady.p99 < GOALS.ackP99Ms),
    ],
    [
      'ack non-2xx / errors',
      `${base.steady.non2xx} / ${base.steady.errors}`,
      `${bot.steady.non2xx} / ${bot.steady.errors}`,
      '0 / 0',
      yesNo(bot.steady.non2xx + bot.steady.errors === 0),
    ],
    [
      `ack p50 / p99, autocannon overallRate ${SETTINGS.ackRate} (per-second bursts, ${SETTINGS.burstSeconds} s)`,
      `${ms(base.burst.p50)} / ${ms(base.burst.p99)}`,
      `${ms(bot.burst.p50)} / ${ms(bot.burst.p99)}`,
      'info',
      '—',
    ],
    [
      `max req/s (autocannon, ${SETTINGS.maxConnections} conns, ${SETTINGS.maxSeconds} s)`,
      perSecond(base.max.okPerSecond),
      perSecond(bot.max.okPerSecond) + ratio(bot.max.okPerSecond, base.max.okPerSecond),
      '—',
      '—',
    ],
    [
      `e2e p50 unloaded (${SETTINGS.unloadedCount} msgs at ${SETTINGS.unloadedRate}/s)`,
      '—',
      `${unloaded.p50} (max ${unloaded.max})`,
      '—',
      '—',
    ],
    [`e2e p50 @${SETTINGS.e2eRate} msg/s (webhook → Twilio create)`, '—', e2e.p50, '—', '—'],
    ['e2e p95', '—', e2e.p95, `< ${GOALS.e2eP95Ms} ms at ${SETTINGS.e2eRate} msg/s`, yesNo(e2e.p95Met)],
    ['e2e p99 / max', '—', `${e2e.p99} / ${e2e.max}`, '—', '—'],
    ['lost (replies missing after drain)', '—', lost[0]!, '0', lost[1]!],
    ['duplicated (extra replies)', '—', String(bot.e2e.duplicated), '0', yesNo(bot.e2e.duplicated === 0)],
  ];
  const header = ['measure', 'baseline (bare express)', 'Niryat Setu', 'goal', 'met?'];
  return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

/** Which code was measured: the commit and how many files under src/ differ from it (read-only git calls). */
function sourceState(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', ['--no-optional-locks', ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
    const changed = git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean).length;
    return `commit ${git('rev-parse', '--short', 'HEAD')}${changed > 0 ? ` + ${changed} uncommitted change(s) under src/` : ''}`;
  } catch {
    return 'not a git checkout';
  }
}

// ---- main ----

/** When each measured phase ran (performance.now()), for the Mongo trace. */
const phaseWindows = new Map<string, { from: number; to: number }>();

async function measured<T>(name: string, cpu: Map<string, CpuShare>, run: () => Promise<T>): Promise<T> {
  log(name);
  const before = cpuSnapshot(labels);
  const from = performance.now();
  const result = await run();
  phaseWindows.set(name, { from, to: performance.now() });
  cpu.set(name, cpuBetween(before, cpuSnapshot(labels)));
  return result;
}

async function main(): Promise<void> {
  const started = new Date();
  const loadBefore = loadavg();
  const cpu = new Map<string, CpuShare>();
  const workDir = mkdtempSync(join(tmpdir(), 'niryat-bench-'));
  const keep = process.env.BENCH_KEEP === '1';
  onCleanup('work dir', async () => {
    if (!keep) rmSync(workDir, { recursive: true, force: true });
  });

  log('starting FerretDB, Redis, the local Twilio server and the baseline…');
  const services = await startLocalServices({ log });
  onCleanup('services', () => services.stop());
  const [twilio, baseline, port] = await Promise.all([
    startListedChild(
      'twilio-local',
      // Callbacks delayed past the end of the run are never sent: the server drops them when it stops.
      ['scripts/twilio-local/server.ts', '--port', '0', '--callback-delay-ms', CALLBACKS_OFF ? '3600000' : '50'],
      { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN },
    ),
    startListedChild('baseline', ['scripts/bench/bare-express.ts'], { NODE_ENV: 'production' }),
    freePort(),
  ]);

  // The signature covers the public URL, so the bot's port is fixed before anything is signed.
  const webhookUrl = `http://127.0.0.1:${port}${WEBHOOK_PATH}`;
  const prepare = (batch: number, offset: number, users: number, count: number) =>
    prepareWebhooks({
      webhookUrl,
      authToken: AUTH_TOKEN,
      accountSid: ACCOUNT_SID,
      botNumber: BOT_NUMBER,
      users: phoneNumbers(offset, users),
      count,
      batch,
      text: 'hi',
    });
  // Warm-up: 20 real messages, each delivered 10 times (Twilio retries); the repeats are acknowledged as duplicates.
  const warmup = prepare(1, 0, 20, 20).flatMap((webhook) => Array.from({ length: 10 }, () => webhook));
  const unloadedBatch = prepare(2, 10_000, SETTINGS.unloadedCount, SETTINGS.unloadedCount);
  const e2eCount = SETTINGS.e2eRate * SETTINGS.e2eSeconds;
  const e2eBatch = prepare(3, 100_000, e2eCount, e2eCount);
  const ackBatch = prepare(4, 200_000, SETTINGS.users, SETTINGS.ackRate * SETTINGS.ackSeconds);
  const burstBatch = prepare(5, 300_000, SETTINGS.users, SETTINGS.ackRate * SETTINGS.burstSeconds);
  const maxBatch = prepare(6, 400_000, SETTINGS.users, SETTINGS.maxPool);

  // ---- baseline: the same requests and load ----
  const baselineUrl = `${baseline.url}${WEBHOOK_PATH}`;
  await paced(baselineUrl, warmup, 100);
  const baseSteady = await measured('baseline: steady 200 req/s', cpu, async () =>
    steadyStats(await paced(baselineUrl, ackBatch, SETTINGS.ackRate)),
  );
  const baseBurst = await measured('baseline: autocannon overallRate 200', cpu, () =>
    cannon({
      url: baselineUrl,
      webhooks: burstBatch,
      connections: SETTINGS.burstConnections,
      durationSeconds: SETTINGS.burstSeconds,
      overallRate: SETTINGS.ackRate,
    }),
  );
  const baseMax = await measured('baseline: autocannon max', cpu, () =>
    cannon({
      url: baselineUrl,
      webhooks: maxBatch,
      connections: SETTINGS.maxConnections,
      durationSeconds: SETTINGS.maxSeconds,
    }),
  );
  await stopChild(baseline.child);

  // ---- bot #1: end-to-end ----
  let trace: MongoTrace | undefined;
  if (MONGO_TRACE) {
    trace = await startMongoTrace(services.mongodbUri);
    onCleanup('mongo trace', () => trace!.close());
  }
  const mongodbUri = trace?.uri ?? services.mongodbUri;
  const botOptions = { port, mongodbUri, redisUrl: services.redisUrl, twilioUrl: twilio.url };
  log(`starting bot #1 (${LAYOUT === 'split' ? 'ROLE=web + ROLE=worker' : 'ROLE=all'})…`);
  const bot1 = await startBot({ instance: 1, ...botOptions, workDir });
  const queues1 = watchQueues(services.redisUrl, bot1.prefix);
  onCleanup('queue watch #1', () => queues1.close());
  const botUrl = `${bot1.url}${WEBHOOK_PATH}`;

  const unloadedRun = await measured('bot: end-to-end unloaded', cpu, () =>
    paced(botUrl, unloadedBatch, SETTINGS.unloadedRate),
  );
  const unloadedDrain = await waitForDrain(queues1, SETTINGS.unloadedDrainMs);
  const e2eRun = await measured(`bot: end-to-end at ${SETTINGS.e2eRate} msg/s, then drain`, cpu, async () => {
    const run = await paced(botUrl, e2eBatch, SETTINGS.e2eRate);
    return { run, drain: await waitForDrain(queues1, SETTINGS.e2eDrainMs) };
  });
  const afterE2e = await queues1.backlog();
  // A send that finished is recorded before its job completes; this only absorbs clock noise.
  await delay(300);
  const messages = await recordedMessages(twilio.url);
  const now = epochMs();
  const unloaded = analyseEndToEnd(unloadedBatch, unloadedRun, messages, unloadedDrain, now);
  const e2e = analyseEndToEnd(e2eBatch, e2eRun.run, messages, e2eRun.drain, now);
  log(
    `end-to-end: ${e2eRun.drain.drained ? 'drained' : 'NOT drained'} ${(e2eRun.drain.ms / 1000).toFixed(1)} s after sending`,
  );
  await bot1.stop();

  // ---- bot #2: acknowledgement, on a fresh database and queue prefix ----
  log('starting bot #2…');
  const bot2 = await startBot({ instance: 2, ...botOptions, workDir });
  const queues2 = watchQueues(services.redisUrl, bot2.prefix);
  onCleanup('queue watch #2', () => queues2.close());
  await paced(botUrl, warmup, 100);
  const botSteady = await measured('bot: steady 200 req/s', cpu, async () =>
    steadyStats(await paced(botUrl, ackBatch, SETTINGS.ackRate)),
  );
  const afterSteady = await queues2.backlog();
  const botBurst = await measured('bot: autocannon overallRate 200', cpu, () =>
    cannon({
      url: botUrl,
      webhooks: burstBatch,
      connections: SETTINGS.burstConnections,
      durationSeconds: SETTINGS.burstSeconds,
      overallRate: SETTINGS.ackRate,
    }),
  );
  const botMax = await measured('bot: autocannon max', cpu, () =>
    cannon({
      url: botUrl,
      webhooks: maxBatch,
      connections: SETTINGS.maxConnections,
      durationSeconds: SETTINGS.maxSeconds,
    }),
  );
  const afterMax = await queues2.backlog();
  log('stopping bot #2…');
  await bot2.stop();
  const problems = logProblems([...bot1.logFiles, ...bot2.logFiles]);

  // ---- output ----
  const cpuInfo = cpus();
  const botCpu = (phase: string, requests: number) => {
    const share = cpu.get(phase);
    if (!share) return Number.NaN;
    let seconds = 0;
    for (const [label, used] of share.cpuSeconds) if (label === 'bot' || label.startsWith('bot ')) seconds += used;
    return (seconds * 1000) / requests;
  };
  const baseCpu = (cpu.get('baseline: steady 200 req/s')?.cpuSeconds.get('baseline') ?? Number.NaN) * 1000;
  const out: string[] = [];
  out.push(`## Webhook benchmark, ${started.toISOString()}`);
  out.push('');
  out.push(
    `Node ${process.version}, ${cpuInfo[0]?.model.trim() ?? 'unknown CPU'} × ${cpuInfo.length} cores, ` +
      `${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${process.platform}/${process.arch}; ` +
      `load average at start ${loadBefore.map((v) => v.toFixed(2)).join(' ')}; code: ${sourceState()}.`,
  );
  out.push(
    `Bot: \`tsx src/main.ts\` in ${LAYOUT === 'split' ? 'two child processes (ROLE=web, ROLE=worker at WORKER_NICE 10)' : 'one child process (ROLE=all: web on the main thread, queue workers in a worker thread at WORKER_NICE 10)'}, ` +
      `NODE_ENV=production, LOG_LEVEL=${LOG_LEVEL} to a file, INBOUND_CONCURRENCY=${SETTINGS.inboundConcurrency}, ` +
      `OUTBOUND_RATE_PER_SECOND=${SETTINGS.outboundRatePerSecond} (so the send limiter never holds a reply back at ` +
      `${SETTINGS.e2eRate} msg/s × ${REPLIES_PER_NEW_NUMBER} replies); MongoDB: ${services.started.includes('ferretdb') ? 'local FerretDB 1.24 (SQLite)' : 'given by MONGODB_URI'}; ` +
      `Redis: ${services.started.includes('redis') ? 'local redis-server' : 'given by REDIS_URL'}; local Twilio server in its own process, ` +
      `status callbacks ${CALLBACKS_OFF ? 'off' : `on (queued, sent, delivered, read, ${SETTINGS.callbackDelayMs} ms apart: 4 per reply)`}. ` +
      'Baseline: bare express 5 + `express.urlencoded()` answering `<Response/>`, also a child process. Load generator: this process.',
  );
  out.push(
    `Requests: signed Twilio webhooks ("hi" from new numbers), a unique MessageSid each, ${SETTINGS.users} senders per ack phase. ` +
      'Steady rates are open loop (one request every 1/rate s, latency from the scheduled start); autocannon overallRate ' +
      'spends each second’s budget in a burst at the start of the second, so it is reported for information only.',
  );
  out.push('');
  out.push(
    table({
      base: { steady: baseSteady, burst: baseBurst, max: baseMax },
      bot: { steady: botSteady, burst: botBurst, max: botMax, unloaded, e2e },
    }),
  );
  out.push('');
  out.push(
    `- End-to-end @${SETTINGS.e2eRate} msg/s: ${e2e.accepted} accepted (${e2e.rejected} not acknowledged), first reply per number; ` +
      `${e2e.replies} of ${e2e.accepted * REPLIES_PER_NEW_NUMBER} replies recorded, ${e2e.repliesPerSecond.toFixed(1)} replies/s ` +
      `(${(e2e.repliesPerSecond / REPLIES_PER_NEW_NUMBER).toFixed(1)} msg/s handled vs ${SETTINGS.e2eRate} offered); queues ` +
      `${e2e.drained ? 'drained' : `**not drained** (inbound ${afterE2e.inbound}, outbound ${afterE2e.outbound} jobs left)`} ` +
      `${(e2e.drainMs / 1000).toFixed(1)} s after the last webhook; second reply sent before the first: ${e2e.outOfOrder} numbers` +
      `${unloaded.outOfOrder > 0 ? ` (+${unloaded.outOfOrder} unloaded)` : ''}.`,
  );
  out.push(
    `- Ack: the steady sender kept to schedule (baseline ${baseSteady.sendSeconds.toFixed(2)} s, bot ${botSteady.sendSeconds.toFixed(2)} s ` +
      `for ${SETTINGS.ackSeconds} s); p99 of the time to a connected socket: baseline ${ms(baseSteady.connectWaitP99)}, bot ` +
      `${ms(botSteady.connectWaitP99)} (the rest is the server's)${botSteady.errorCodes ? `; errors: ${botSteady.errorCodes}` : ''}. ` +
      `Bot CPU per acknowledged webhook (whole bot incl. workers and status callbacks): ` +
      `${botCpu('bot: steady 200 req/s', botSteady.ok).toFixed(2)} ms; baseline ${(baseCpu / baseSteady.ok).toFixed(2)} ms. ` +
      `Backlog after the steady run: ${afterSteady.inbound} inbound / ${afterSteady.outbound} outbound jobs; after max: ` +
      `${afterMax.inbound} / ${afterMax.outbound}; failed jobs ${afterMax.failed}. autocannon max sent ${botMax.sent} webhooks ` +
      `(${botMax.non2xx} non-2xx, ${botMax.errors} errors)${botMax.sent > SETTINGS.maxPool ? ', more than the pool: later ones were duplicates' : ''}.`,
  );
  out.push(`- CPU by phase, % of one core (the machine has ${cpuInfo.length * 100}%):`);
  for (const [phase, share] of cpu) out.push(`  - ${phase} (${share.seconds.toFixed(1)} s): ${formatShares(share)}`);
  const noise = Math.max(
    0,
    ...[...cpu.values()].map((share) => ((share.cpuSeconds.get('other processes') ?? 0) / share.seconds) * 100),
  );
  if (noise > 25) {
    out.push(
      `- **Warning:** other processes on this machine used up to ${noise.toFixed(0)}% of a core during a phase; ` +
        'latencies are distorted by the competition for CPU. Rerun on an idle machine to compare runs.',
    );
  }
  if (problems.size > 0) {
    const listed = [...problems.entries()].sort((a, b) => b[1] - a[1]);
    out.push(`- Bot log, warn and above: ${listed.map(([message, count]) => `${message} ×${count}`).join('; ')}.`);
  }
  if (trace) {
    out.push('- MongoDB commands by phase (BENCH_MONGO_TRACE), the most time-consuming first:');
    for (const [phase, window] of phaseWindows) {
      if (!phase.startsWith('bot')) continue;
      const lines = summarizeTrace(trace.entries, window.from, window.to).slice(0, 8);
      out.push(`  - ${phase}:`, ...lines.map((line) => `    - ${line}`));
    }
  }
  if (process.env.BENCH_CPU_PROF_DIR) out.push(`- CPU profiles of the bot: ${process.env.BENCH_CPU_PROF_DIR}.`);
  if (keep) out.push(`- Bot logs kept in ${workDir}.`);
  console.log(out.join('\n'));
}

try {
  await main();
  await cleanup();
  process.exit(0);
} catch (error) {
  // After Ctrl-C the phase in progress fails on closed connections; that is not worth reporting.
  if (!interrupted)
    console.error(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await cleanup();
  process.exit(1);
}
