/**
 * `npm run bench:broadcast`: a broadcast to everyone (segment `{}`) of BENCH_BROADCAST_SIZE synthetic users
 * (default 100,000, all inside the 24-hour window, a third in English), on local FerretDB, Redis and Twilio servers,
 * the Twilio server posting its status callbacks as usual.
 *
 * The arrangement: the bot runs alone in a child process, as production runs it (`node --import tsx src/main.ts`,
 * ROLE=all: the web server on the main thread, the queue workers in a worker thread at WORKER_NICE, production's
 * default 10 unless WORKER_NICE is given). Probe webhooks and the Twilio server's status callbacks go to the child's
 * URL; its sends go to the local Twilio server. This process holds the local Twilio server, the probes, the seeded
 * users, and a ROLE=web runtime used only for the broadcast desk (draft, preview, confirm, cancel, report, the
 * queues' state): its HTTP server listens on a port nobody calls, and it runs no workers.
 *
 * Measured, in one run:
 *
 * 1. Planning: the time from the desk's `confirm` to the first wave planned and queued. A broadcast is queued in
 *    waves (src/outbound/fan-out.ts): a lead of BROADCAST_QUEUE_AHEAD_SECONDS × the send rate recipients at once,
 *    then at the send rate, the fan-out job waiting (delayed) between waves; the first wave is queued when the job
 *    first waits for the next one, or completes if the audience fits in the lead (its job polled from here every
 *    25 ms). Also the first broadcast message at the Twilio server, and the bot process's peak RSS (from /proc, every
 *    100 ms). Where the time goes, seen from outside: the fan-out job's start (BullMQ), the audience read (up to the
 *    snapshot's first entry in Redis) and the snapshot's writes (up to its count), both polled every 25 ms, and the
 *    first wave's pages. Before confirming, `audienceMembers` alone and the desk's `preview` are timed here on the same
 *    users, and BENCH_BROADCAST_SAMPLE_PAGES (10) pages are stored and queued alone by the product's dispatcher, on a
 *    scratch database and queue, both ways: stored up front (before) and stored when sent (now: `deferRecord`, the
 *    send worker storing each message as it sends it, timed here too); the bot is started after these samples.
 * 2. The send rate over BENCH_BROADCAST_SEND_SECONDS (default 60) from the moment the first wave was queued, with
 *    OUTBOUND_RATE_PER_SECOND (default 80): messages the local Twilio server accepted per second (mean, the busiest
 *    second, the busiest sliding 1-s window), against the limit.
 * 3. Replies while it sends: BENCH_BROADCAST_PROBES_PER_SECOND (default 2) new numbers say "hi" with signed webhooks,
 *    from confirm to the end of the send window, and the time from each webhook to its first reply at the Twilio
 *    server is taken. The baseline, from the same run, is the same measure with no broadcast (10 s, before confirm).
 *
 * Then the broadcast is cancelled and the bench stops; the rest of its messages are never sent. CPU (from /proc)
 * per message is each process's CPU over the send window divided by the messages sent in it: the bot (split into
 * its web thread, its workers' thread and the V8 and libuv helper threads), FerretDB, Redis, and this process.
 * BENCH_KEEP=1 keeps the bot's log.
 */
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { loadConfig } from '../../src/config.js';
import { AudienceMirror } from '../../src/broadcasts/audience-mirror.js';
import { audienceMembers } from '../../src/domain/broadcasts/audience.js';
import { createLogger } from '../../src/log.js';
import {
  type BulkMessage,
  createOutboundDispatcher,
  type SendJobData,
  storeDeferred,
} from '../../src/outbound/dispatch.js';
import { FAN_OUT_PAGE_SIZE, type FanOutJobData, fanOutCause, fanOutJobId } from '../../src/outbound/fan-out.js';
import { outboundModel } from '../../src/outbound/outbound-model.js';
import { SendOrder } from '../../src/outbound/send-order.js';
import { QUEUE_NAMES } from '../../src/queue/queues.js';
import { createRedisConnection } from '../../src/queue/redis-connections.js';
import { type Runtime, startRuntime } from '../../src/runtime.js';
import { spawnOwned, stopChild, waitForLine } from '../lib/child.js';
import { freePort } from '../lib/free-port.js';
import { PROJECT_ROOT } from '../lib/paths.js';
import { startLocalServices } from '../services.js';
import { postSignedInbound, whatsappInboundParams } from '../twilio-local/inbound.js';
import { startTwilioLocal } from '../twilio-local/server.js';
import { type CpuShare, type CpuSnapshot, cpuBetween, cpuSnapshot, formatShares } from './cpu.js';
import { ascending, epochMs, percentile } from './load.js';

const SIZE = Number(process.env.BENCH_BROADCAST_SIZE ?? 100_000);
const SEND_SECONDS = Number(process.env.BENCH_BROADCAST_SEND_SECONDS ?? 60);
const PROBES_PER_SECOND = Number(process.env.BENCH_BROADCAST_PROBES_PER_SECOND ?? 2);
/** Pages stored and queued alone (scratch collection and queue, nothing else running) to price one page. */
const SAMPLE_PAGES = Number(process.env.BENCH_BROADCAST_SAMPLE_PAGES ?? 10);
const BASELINE_SECONDS = 10;
const RATE = Number(process.env.OUTBOUND_RATE_PER_SECOND ?? 80);
/** The bot's worker thread's nice value: production's default unless given. */
const WORKER_NICE = Number(process.env.WORKER_NICE ?? 10);
const KEEP = process.env.BENCH_KEEP === '1';
const GOALS = { planSeconds: 10, rateShare: 0.95, replyP95Seconds: 1 } as const;
/** How long planning may take before the bench gives up. */
const PLAN_TIMEOUT_MS = 30 * 60_000;
const REPLY_TIMEOUT_MS = 300_000;
const START_TIMEOUT_MS = 120_000;
const INSERT_CHUNK = 1_000;
const SAMPLE_MS = 100;
/** How often the audience snapshot's progress in Redis, and the fan-out job, are polled while planning. */
const POLL_MS = 25;

const ACCOUNT = `AC${'b'.repeat(32)}`;
const TOKEN = 'bench-auth-token';
const BOT = '+14155238886';
/** The synthetic audience: +9170000 and five digits (room for 100,000). */
const MEMBER_PREFIX = '+9170000';
const memberPhone = (i: number) => `${MEMBER_PREFIX}${String(i).padStart(5, '0')}`;
const TEXT = {
  hi: 'पैकेजिंग कार्यशाला 5 दिसंबर को सागर में, सुबह 10 बजे। निर्यात के लिए लेबल और पैकिंग पर।',
  en: 'Packaging workshop on 5 December in Sagar, 10 am: labels and packing for export.',
};

if (!Number.isInteger(SIZE) || SIZE < 1 || SIZE > 100_000) throw new Error('BENCH_BROADCAST_SIZE: 1 to 100,000');
if (!Number.isInteger(WORKER_NICE) || WORKER_NICE < 0 || WORKER_NICE > 19) throw new Error('WORKER_NICE: 0 to 19');

/** Total time and count of a kind of call, and when the first began and the last ended (epoch ms). */
class Span {
  ms = 0;
  /** This process's CPU inside the calls: meaningful only when nothing else runs meanwhile. */
  cpuMs = 0;
  calls = 0;
  first = Number.NaN;
  last = Number.NaN;
  add(started: number, ended: number, cpu: NodeJS.CpuUsage) {
    this.ms += ended - started;
    this.cpuMs += (cpu.user + cpu.system) / 1000;
    this.calls += 1;
    if (Number.isNaN(this.first)) this.first = started;
    this.last = ended;
  }
}

/** Times every call to `target[method]` (a scratch model or queue of this process's own). */
function timeCalls(target: object, method: string, into: Span): void {
  const methods = target as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = methods[method]!.bind(target);
  methods[method] = async (...args: unknown[]) => {
    const started = epochMs();
    const cpu = process.cpuUsage();
    try {
      return await original(...args);
    } finally {
      into.add(started, epochMs(), process.cpuUsage(cpu));
    }
  };
}

// ---- the bot process, from /proc ----

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

/** utime + stime (s) and the nice value of a process or thread, from its /proc stat file. */
function statOf(path: string): { cpu: number; nice: number } | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    // After "pid (comm) ": state(3) ppid(4) … utime(14) stime(15) … nice(19), counted from 1 over the whole line.
    const fields = text
      .slice(text.lastIndexOf(')') + 2)
      .trim()
      .split(' ');
    return { cpu: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND, nice: Number(fields[16]) };
  } catch {
    return undefined;
  }
}

interface BotCpu {
  /** The whole process, every thread. */
  total: number;
  /** The main thread: the web server (webhooks, status callbacks). */
  web: number;
  /** The queue workers' thread, known by its nice value (NaN with WORKER_NICE=0: it cannot be told apart). */
  workers: number;
}

function botCpu(pid: number): BotCpu {
  const total = statOf(`/proc/${pid}/stat`)?.cpu ?? Number.NaN;
  const web = statOf(`/proc/${pid}/task/${pid}/stat`)?.cpu ?? Number.NaN;
  let workers = WORKER_NICE > 0 ? 0 : Number.NaN;
  if (WORKER_NICE > 0) {
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = tid === String(pid) ? undefined : statOf(`/proc/${pid}/task/${tid}/stat`);
        if (stat?.nice === WORKER_NICE) workers += stat.cpu;
      }
    } catch {
      workers = Number.NaN;
    }
  }
  return { total, web, workers };
}

/** CPU ms of the bot between two readings: the whole, its web and workers' threads, and the rest (V8, libuv). */
function botCpuBetween(before: BotCpu, after: BotCpu) {
  const total = (after.total - before.total) * 1000;
  const web = (after.web - before.web) * 1000;
  const workers = (after.workers - before.workers) * 1000;
  return { total, web, workers, helpers: total - web - (Number.isNaN(workers) ? 0 : workers) };
}

function rssOf(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return line ? Number(line[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** The bot's log lines at warn and above, counted by message. */
function logProblems(file: string): Map<string, number> {
  const problems = new Map<string, number>();
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return problems;
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.includes('"level":"info"') || line.includes('"level":"debug"')) continue;
    let key = `unparsed: ${line.slice(0, 80)}`;
    try {
      const entry = JSON.parse(line) as { level?: string; msg?: string; err?: { message?: string } };
      const cause = entry.err?.message ? ` (${entry.err.message.slice(0, 80)})` : '';
      key = `${entry.level ?? '?'}: ${entry.msg ?? '?'}${cause}`;
    } catch {}
    problems.set(key, (problems.get(key) ?? 0) + 1);
  }
  return problems;
}

// ---- start-up ----

const startedAt = new Date();
const loadAtStart = loadavg();
const workDir = mkdtempSync(join(tmpdir(), 'niryat-bench-broadcast-'));
const botLog = join(workDir, 'bot.log');
const services = await startLocalServices();
const twilio = await startTwilioLocal({ accountSid: ACCOUNT, authToken: TOKEN });
const botPort = await freePort();
const botUrl = `http://127.0.0.1:${botPort}`;
/** What the bot and the desk's runtime share: the stores, the queues, the Twilio account. */
const shared = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PUBLIC_BASE_URL: botUrl,
  MONGODB_URI: `${services.mongodbUri}bench_broadcast_${Date.now().toString(36)}`,
  REDIS_URL: services.redisUrl,
  QUEUE_PREFIX: `broadcast${Date.now()}`,
  TWILIO_ACCOUNT_SID: ACCOUNT,
  TWILIO_AUTH_TOKEN: TOKEN,
  TWILIO_WHATSAPP_FROM: `whatsapp:${BOT}`,
  TWILIO_API_BASE_URL: twilio.url,
  OUTBOUND_RATE_PER_SECOND: String(RATE),
  ...(process.env.BROADCAST_QUEUE_AHEAD_SECONDS
    ? { BROADCAST_QUEUE_AHEAD_SECONDS: process.env.BROADCAST_QUEUE_AHEAD_SECONDS }
    : {}),
};
// The desk's runtime first: it creates the indexes before the bot starts.
const config = loadConfig({
  ...shared,
  ROLE: 'web',
  PORT: '0',
  LOG_LEVEL: 'silent',
  SPOOL_DIR: join(workDir, 'desk-spool'),
});
let runtime: Runtime | undefined;
let bot: ChildProcess | undefined;

/** The bot as production starts it; resolves once it logged that it started (its workers' thread included). */
async function startBot(): Promise<ChildProcess> {
  const child = spawnOwned(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...shared,
      ROLE: 'all',
      PORT: String(botPort),
      WORKER_NICE: String(WORKER_NICE),
      // Production's level; the start-up line is at info. Delivery reports are not access-logged (src/http/app.ts).
      LOG_LEVEL: 'info',
      SPOOL_DIR: join(workDir, 'bot-spool'),
      SHUTDOWN_TIMEOUT_MS: '5000',
    },
  });
  const log = createWriteStream(botLog);
  child.stdout?.on('data', (chunk: Buffer) => log.write(chunk));
  child.stderr?.on('data', (chunk: Buffer) => log.write(chunk));
  child.once('exit', () => log.end());
  await waitForLine(child, /niryat setu started/, START_TIMEOUT_MS, 'the bot (ROLE=all)');
  return child;
}

interface Probe {
  startedAt: number;
  /** Webhook → the first reply's create at the Twilio server; undefined if none came. */
  ms?: number;
}

let nextProbe = 0;
/** "hi" from a new number (+918 and nine digits) every 1/PROBES_PER_SECOND s until `stop` says so. */
async function runProbes(stop: () => boolean): Promise<{ probes: Probe[]; phones: string[] }> {
  const probes: Probe[] = [];
  const phones: string[] = [];
  const pending: Promise<void>[] = [];
  const interval = 1000 / PROBES_PER_SECOND;
  const begin = performance.now();
  for (let i = 0; !stop(); i++) {
    const phone = `+918${String(nextProbe++).padStart(9, '0')}`;
    phones.push(phone);
    const probe: Probe = { startedAt: epochMs() };
    probes.push(probe);
    pending.push(
      (async () => {
        const replies = twilio
          .waitForMessages(1, { to: `whatsapp:${phone}`, timeoutMs: REPLY_TIMEOUT_MS })
          .catch(() => []);
        const response = await postSignedInbound({
          webhookUrl: `${botUrl}/webhooks/whatsapp/inbound`,
          authToken: TOKEN,
          params: whatsappInboundParams({ from: phone, to: BOT, body: 'hi', accountSid: ACCOUNT }),
        });
        if (response.status !== 200) throw new Error(`a webhook was answered ${response.status}`);
        const [first] = await replies;
        if (first) probe.ms = first.createdAt - probe.startedAt;
      })().catch(() => {}),
    );
    const wait = begin + (i + 1) * interval - performance.now();
    if (wait > 0) await delay(wait);
  }
  await Promise.all(pending);
  return { probes, phones };
}

function replyStats(probes: readonly Probe[]) {
  const times = ascending(probes.flatMap((probe) => (probe.ms === undefined ? [] : [probe.ms])));
  return {
    count: probes.length,
    answered: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times.at(-1) ?? Number.NaN,
  };
}

/** Messages accepted per second over [from, from + seconds): whole seconds, and the busiest sliding 1-s window. */
function rateOver(times: readonly number[], from: number, seconds: number) {
  const inside = ascending(times.filter((at) => at >= from && at < from + seconds * 1000));
  const buckets = new Array<number>(seconds).fill(0);
  for (const at of inside) buckets[Math.floor((at - from) / 1000)]! += 1;
  let slidingMax = 0;
  for (let start = 0, end = 0; end < inside.length; end++) {
    while (inside[end]! - inside[start]! >= 1000) start++;
    slidingMax = Math.max(slidingMax, end - start + 1);
  }
  return {
    buckets,
    total: inside.length,
    mean: inside.length / seconds,
    max: Math.max(...buckets),
    min: Math.min(...buckets),
    slidingMax,
  };
}

/**
 * What one page of the fan-out costs alone: SAMPLE_PAGES pages of FAN_OUT_PAGE_SIZE messages, as the broadcast kind
 * renders them, stored and queued by the product's dispatcher into a scratch database and a scratch queue (nothing
 * consumes it), while nothing else runs. `deferRecord` as the broadcast kind sets it now (queued, stored when sent)
 * or not (stored up front, as before); when deferred, each queued message is then stored as the send worker stores
 * it when it sends it (`storeDeferred`, one insert each). FerretDB's and Redis's CPU over the same time from /proc.
 */
async function pageCosts(rt: Runtime, phones: readonly string[], deferRecord: boolean) {
  const scratch = `scratch${deferRecord ? 'now' : 'before'}`;
  const scratchPrefix = `${rt.config.queuePrefix}${scratch}`;
  const connection = rt.mongo.useDb(`bench_broadcast_${scratch}`, { useCache: false });
  const outbound = outboundModel(connection);
  await outbound.createCollection();
  await outbound.createIndexes();
  const producer = createRedisConnection(rt.config.redisUrl, 'producer');
  const queue = new Queue(QUEUE_NAMES.outbound, { connection: producer, prefix: scratchPrefix });
  const insertSpan = new Span();
  const queued = new Span();
  timeCalls(outbound, 'insertMany', insertSpan);
  timeCalls(queue, 'addBulk', queued);
  const dispatcher = createOutboundDispatcher({
    outbound,
    queue,
    channels: rt.channels,
    order: new SendOrder(rt.redis, scratchPrefix),
    maxAttempts: rt.config.outbound.maxAttempts,
  });
  const key = `bcast:BSCRTCH${deferRecord ? 'N' : 'B'}:v1`;
  const pages = Math.min(SAMPLE_PAGES, Math.ceil(phones.length / FAN_OUT_PAGE_SIZE));
  const stored = new Span();
  const storedWhenSent = new Span();
  const storesCpu = (from: CpuSnapshot) => {
    const cpu = cpuBetween(from, cpuSnapshot(new Map()));
    return { ferret: (cpu.cpuSeconds.get('ferretdb') ?? 0) * 1000, redis: (cpu.cpuSeconds.get('redis') ?? 0) * 1000 };
  };
  try {
    const before = cpuSnapshot(new Map());
    for (let page = 0; page < pages; page++) {
      const messages = phones
        .slice(page * FAN_OUT_PAGE_SIZE, (page + 1) * FAN_OUT_PAGE_SIZE)
        .map((to, i): BulkMessage => {
          const recipient = { channel: 'whatsapp', to };
          const text = i % 3 === 0 ? TEXT.en : TEXT.hi;
          return {
            cause: fanOutCause(key, recipient),
            recipient,
            replies: [{ text }],
            campaign: `BSCRTCH${deferRecord ? 'N' : 'B'}`,
            deferRecord,
          };
        });
      const started = epochMs();
      const cpu = process.cpuUsage();
      await dispatcher.storeBulk(messages);
      stored.add(started, epochMs(), process.cpuUsage(cpu));
    }
    const planned = storesCpu(before);
    // The inserts while planning only: storeDeferred's below go through the same insertMany.
    const inserted = { ms: insertSpan.ms, cpuMs: insertSpan.cpuMs, calls: insertSpan.calls };
    let whenSent = { ferret: 0, redis: 0 };
    if (deferRecord) {
      const jobs = await queue.getJobs(['prioritized', 'waiting'], 0, -1);
      const afterPlanning = cpuSnapshot(new Map());
      for (const job of jobs) {
        const started = epochMs();
        const cpu = process.cpuUsage();
        await storeDeferred(outbound, job.data as SendJobData);
        storedWhenSent.add(started, epochMs(), process.cpuUsage(cpu));
      }
      whenSent = storesCpu(afterPlanning);
    }
    const documents = await outbound.estimatedDocumentCount();
    return { pages, stored, inserted, queued, planned, storedWhenSent, whenSent, documents };
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
    await producer.quit();
    await connection.dropDatabase();
  }
}

const MiB = 1024 * 1024;
const s = (ms: number) => (Number.isNaN(ms) ? '—' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);
const msOf = (ms: number, digits = 0) => (Number.isNaN(ms) ? '—' : `${ms.toFixed(digits)} ms`);
const mib = (bytes: number) => (Number.isNaN(bytes) ? '—' : `${Math.round(bytes / MiB)} MiB`);
const n = (value: number) => value.toLocaleString('en');
const loads = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');
/** Shares of one core, this process named for what it holds here. */
const shares = (share: CpuShare) =>
  formatShares({
    ...share,
    shares: share.shares.map(([label, pct]): [string, number] => [
      label === 'load generator' ? 'this process (Twilio server, probes, desk)' : label,
      pct,
    ]),
  });

try {
  runtime = await startRuntime(config, createLogger('silent'));
  const desk = runtime.domain.broadcasts;
  // The audience: SIZE users inside the 24-hour window (last wrote within the hour), a third in English.
  const insertStarted = performance.now();
  const now = Date.now();
  for (let start = 0; start < SIZE; start += INSERT_CHUNK) {
    const batch = [];
    for (let i = start; i < Math.min(SIZE, start + INSERT_CHUNK); i++) {
      const phone = memberPhone(i);
      batch.push({
        _id: phone,
        phone,
        language: i % 3 === 0 ? 'en' : 'hi',
        languageChosen: true,
        optedOut: false,
        consentEvents: [],
        lastInboundAt: new Date(now - (i % 3_000) * 1000 - 60_000),
        createdAt: new Date(now - 30 * 86_400_000),
        updatedAt: new Date(now - 60_000),
      });
    }
    await runtime.models.users.insertMany(batch, { ordered: false, lean: true });
  }
  const insertSeconds = (performance.now() - insertStarted) / 1000;
  // Inserted around the bot, so copied into its Redis copy of the audience fields once, as a first broadcast after
  // an import would; in use every write to a user keeps the copy (src/broadcasts/audience-mirror.ts).
  const mirror = new AudienceMirror(runtime.redis, config.queuePrefix, runtime.models.users);
  const copyStarted = performance.now();
  await mirror.rebuild();
  const copySeconds = (performance.now() - copyStarted) / 1000;

  const draft = await desk.draft(
    `bench-broadcast-${process.pid}`,
    {
      title: 'Packaging workshop',
      content: { text: TEXT, templates: {} },
      audience: { segment: {} },
      schedule: { kind: 'now' },
      createdBy: '+919999900000',
    },
    new Date(),
  );

  // Reading the audience alone (here, the same code the fan-out runs), and the preview an officer sees first.
  let started = performance.now();
  const readCpu = process.cpuUsage();
  const members = await audienceMembers(
    { users: runtime.models.users, sellers: runtime.models.sellers, groups: runtime.models.groups },
    draft.audience,
    mirror.asAudienceUsers(),
  );
  const audienceReadMs = performance.now() - started;
  const audienceReadCpu = process.cpuUsage(readCpu);
  const audienceReadCpuMs = (audienceReadCpu.user + audienceReadCpu.system) / 1000;
  started = performance.now();
  const preview = await desk.preview(draft._id);
  const previewMs = performance.now() - started;
  if (members.length !== SIZE || preview.inWindow !== SIZE)
    throw new Error(`the audience has ${members.length} members, ${preview.inWindow} in the window; expected ${SIZE}`);
  const phones = members.map((member) => member.identity);
  members.length = 0;
  const upFront = await pageCosts(runtime, phones, false);
  const whenSent = await pageCosts(runtime, phones, true);

  // The bot, once the samples above have had the machine to themselves.
  bot = await startBot();
  const botPid = bot.pid!;
  const labels = new Map([[botPid, 'bot']]);
  const botGone = () => bot!.exitCode !== null || bot!.signalCode !== null;

  // Baseline: replies with no broadcast; those numbers are then forgotten, so that the audience is SIZE exactly.
  const baselineEnds = performance.now() + BASELINE_SECONDS * 1000;
  const baseline = await runProbes(() => performance.now() >= baselineEnds);
  for (const phone of baseline.phones) await runtime.domain.users.erase(phone);

  const runKey = `bcast:${draft._id}:v${draft.version}`;
  const snapshotKey = `${config.queuePrefix}:bcastaud:${runKey}`;
  const rssBefore = rssOf(botPid);
  const peaks = { planningRss: rssBefore, rss: rssBefore };
  let planning = true;
  const sampler = setInterval(() => {
    const rss = rssOf(botPid);
    if (Number.isNaN(rss)) return;
    peaks.rss = Math.max(peaks.rss, rss);
    if (planning) peaks.planningRss = Math.max(peaks.planningRss, rss);
  }, SAMPLE_MS);

  // The snapshot's progress in Redis, as the fan-out writes it: its first entry, then its count.
  const snapshot = { firstWriteAt: Number.NaN, doneAt: Number.NaN };
  let polling = false;
  const snapshotPoller = setInterval(() => {
    if (polling || !Number.isNaN(snapshot.doneAt)) return;
    polling = true;
    const at = epochMs();
    void Promise.all([runtime!.redis.llen(snapshotKey), runtime!.redis.exists(`${snapshotKey}:done`)])
      .then(([length, done]) => {
        if (length > 0 && Number.isNaN(snapshot.firstWriteAt)) snapshot.firstWriteAt = at;
        if (done > 0) snapshot.doneAt = at;
      })
      .finally(() => {
        polling = false;
      });
  }, POLL_MS);

  const cpuAtConfirm = cpuSnapshot(labels);
  const botAtConfirm = botCpu(botPid);
  const confirmAt = epochMs();
  let probesStop = false;
  const during = runProbes(() => probesStop);
  await desk.confirm(draft._id, new Date());

  // Planned: the first wave queued, i.e. the run's fan-out job waits for its next wave (or completed, when the
  // audience fits in one). The snapshot's count appears in Redis once it is written.
  const jobData = (data: unknown) => (data ?? {}) as Partial<FanOutJobData>;
  let job = await runtime.queues.fanOut.getJob(fanOutJobId(runKey));
  let seenAt = epochMs();
  const planDeadline = performance.now() + PLAN_TIMEOUT_MS;
  // The job's processedOn moves with every wave: its first is when the fan-out began.
  let fanOutStarted = Number.NaN;
  while (!job?.finishedOn && !jobData(job?.data).waitingForWave) {
    if (Number.isNaN(fanOutStarted) && job?.processedOn) fanOutStarted = job.processedOn;
    if (performance.now() > planDeadline) throw new Error(`planning took over ${PLAN_TIMEOUT_MS / 60_000} min`);
    if (botGone()) throw new Error(`the bot exited (${bot.exitCode ?? bot.signalCode}) while planning; see ${botLog}`);
    if (job?.failedReason) throw new Error(`the fan-out failed: ${job.failedReason}`);
    await delay(POLL_MS);
    seenAt = epochMs();
    job = await runtime.queues.fanOut.getJob(fanOutJobId(runKey));
  }
  if (!job) throw new Error('the fan-out job is gone');
  const windowStart = epochMs();
  planning = false;
  clearInterval(snapshotPoller);
  const cpuAtPlanned = cpuSnapshot(labels);
  const botAtPlanned = botCpu(botPid);
  if (Number.isNaN(fanOutStarted)) fanOutStarted = job.processedOn ?? Number.NaN;
  const inOneWave = job.finishedOn !== undefined;
  const plannedAt = job.finishedOn ?? seenAt;
  const queued =
    (inOneWave ? (job.returnvalue as { queued?: number } | undefined)?.queued : jobData(job.data).queued) ?? Number.NaN;
  const lead = RATE * config.broadcasts.queueAheadSeconds;
  const audienceCount = Number(await runtime.redis.get(`${snapshotKey}:done`));
  const record = await desk.find(draft._id);
  if (record?.runs[0] !== runKey) throw new Error(`the run's key is ${record?.runs[0]}, not ${runKey}`);
  const sentWhilePlanning = twilio.messages.filter((m) => m.createdAt < plannedAt).length;

  // The send window.
  await delay(Math.max(0, windowStart + SEND_SECONDS * 1000 - epochMs()));
  const cpuAtEnd = cpuSnapshot(labels);
  const botAtEnd = botCpu(botPid);
  const ownAtEnd = epochMs();
  probesStop = true;
  const jobAtEnd = await runtime.queues.fanOut.getJob(fanOutJobId(runKey));
  const queuedAtEnd = jobAtEnd?.finishedOn
    ? ((jobAtEnd.returnvalue as { queued?: number } | undefined)?.queued ?? Number.NaN)
    : (jobData(jobAtEnd?.data).queued ?? Number.NaN);
  const waiting = await runtime.queues.outbound.getJobCountByTypes('prioritized', 'waiting', 'delayed');
  // When the send worker began each send job (BullMQ's processedOn); the send itself waits there for its slot.
  const taken = (await runtime.queues.outbound.getJobs(['completed', 'active'], 0, -1)).flatMap((sent) =>
    sent?.processedOn ? [sent.processedOn] : [],
  );
  const { probes } = await during;
  clearInterval(sampler);
  if (botGone()) throw new Error(`the bot exited (${bot.exitCode ?? bot.signalCode}) while sending; see ${botLog}`);

  await desk.steer(draft._id, 'cancel', new Date());
  started = performance.now();
  const report = await desk.report(draft._id);
  const reportMs = performance.now() - started;
  const problems = logProblems(botLog);

  // The numbers.
  const times = twilio.messages.map((m) => m.createdAt);
  const isMember = (to: string) => to.startsWith(`whatsapp:${MEMBER_PREFIX}`);
  const rate = rateOver(times, windowStart, SEND_SECONDS);
  const broadcastRate = rateOver(
    twilio.messages.filter((m) => isMember(m.to)).map((m) => m.createdAt),
    windowStart,
    SEND_SECONDS,
  );
  const takenRate = rateOver(taken, windowStart, SEND_SECONDS);
  const planningRate = (sentWhilePlanning / (plannedAt - confirmAt)) * 1000;
  const base = replyStats(baseline.probes);
  // Planning: until the first wave is queued.
  const whilePlanning = replyStats(probes.filter((probe) => probe.startedAt < plannedAt));
  const whileSending = replyStats(probes.filter((probe) => probe.startedAt >= plannedAt));
  const whileBroadcast = replyStats(probes);
  const planMs = plannedAt - confirmAt;
  const cpuPlanning = cpuBetween(cpuAtConfirm, cpuAtPlanned);
  const cpuSending = cpuBetween(cpuAtPlanned, cpuAtEnd);
  const botPlanning = botCpuBetween(botAtConfirm, botAtPlanned);
  const botSending = botCpuBetween(botAtPlanned, botAtEnd);
  const sent = Math.max(1, rate.total);
  const perMessage = (label: string) => ((cpuSending.cpuSeconds.get(label) ?? 0) * 1000) / sent;
  const botPerMessage = {
    total: botSending.total / sent,
    web: botSending.web / sent,
    workers: botSending.workers / sent,
    helpers: botSending.helpers / sent,
  };
  const allPerMessage = botPerMessage.total + perMessage('ferretdb') + perMessage('redis');
  const pages = Math.ceil(audienceCount / FAN_OUT_PAGE_SIZE);
  const firstWavePages = Math.ceil(queued / FAN_OUT_PAGE_SIZE);
  const pagesMs = plannedAt - snapshot.doneAt;
  const firstBroadcastAt = twilio.messages.reduce(
    (first, m) => (isMember(m.to) ? Math.min(first, m.createdAt) : first),
    Number.POSITIVE_INFINITY,
  );
  const waitingAtEnd = await runtime.queues.outbound.getPrioritizedCount();
  const met = (ok: boolean) => (ok ? 'yes' : '**no**');
  const windowMs = ownAtEnd - windowStart;

  console.log(
    `Broadcast benchmark, started ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, ${cpus().length} cores, load average (1 / 5 / 15 min) at start ${loads(loadAtStart)}, at the end ${loads(loadavg())}`,
  );
  console.log(
    `${n(SIZE)} synthetic users (inserted in ${insertSeconds.toFixed(1)} s, copied into the Redis audience copy in ${copySeconds.toFixed(1)} s), segment {} (everyone), all in the 24-hour window; send rate ${RATE}/s; queued in waves, ${config.broadcasts.queueAheadSeconds} s of sends ahead (BROADCAST_QUEUE_AHEAD_SECONDS); send window ${SEND_SECONDS} s from the moment the first wave was queued; ${PROBES_PER_SECOND} probe "hi"s a second from new numbers from confirm to the end of the window`,
  );
  console.log(
    `Arrangement: the bot alone in a child process, as production starts it (node --import tsx src/main.ts, ROLE=all: web server on the main thread, queue workers in a worker thread at nice ${WORKER_NICE}; NODE_ENV=production, LOG_LEVEL=info). This process: the local Twilio server (status callbacks on, to the bot), the probes (signed webhooks to the bot), and a ROLE=web runtime for the desk only (no workers; its HTTP server takes no requests). FerretDB and Redis are their own processes. All on one ${cpus().length}-core machine.`,
  );
  console.log('');
  console.log('| measure | result | baseline (same run) | goal | met? |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| confirm → the first wave planned and queued (${inOneWave ? 'the fan-out job completed: the audience fits in one wave' : 'the fan-out job waits for its next wave'}) | ${s(planMs)} (${n(queued)} of ${n(audienceCount)} recipients queued; the lead: ${n(lead)}) | audienceMembers alone: ${s(audienceReadMs)}; preview: ${s(previewMs)} | < ${GOALS.planSeconds} s | ${met(planMs < GOALS.planSeconds * 1000)} |`,
  );
  console.log(
    `| peak RSS of the bot process (both threads) while planning / over the run | ${mib(peaks.planningRss)} / ${mib(peaks.rss)} | before confirm: ${mib(rssBefore)} | — | — |`,
  );
  console.log(
    `| send rate over ${SEND_SECONDS} s, all messages accepted by the Twilio server: mean | ${rate.mean.toFixed(1)}/s (${((rate.mean / RATE) * 100).toFixed(1)}% of the limit; broadcast ${broadcastRate.mean.toFixed(1)}/s, replies ${(rate.mean - broadcastRate.mean).toFixed(1)}/s) | the limit: ${RATE}/s | ≥ ${GOALS.rateShare * 100}% of ${RATE}/s | ${met(rate.mean >= GOALS.rateShare * RATE)} |`,
  );
  console.log(
    `| send rate: busiest second / quietest second / busiest sliding 1-s window | ${rate.max} / ${rate.min} / ${rate.slidingMax} | the limit: ${RATE}/s | never above ${RATE} | ${met(rate.max <= RATE)} (whole seconds), ${met(rate.slidingMax <= RATE)} (sliding) |`,
  );
  console.log(
    `| for comparison, as the send worker began the jobs (BullMQ's processedOn; each then waits for its slot from the pacer, src/outbound/send-pacer.ts, so this counts jobs begun, not sends) | mean ${takenRate.mean.toFixed(1)}/s; busiest second ${takenRate.max}; busiest sliding 1-s window ${takenRate.slidingMax} | — | — | — |`,
  );
  console.log(
    `| reply p95 while it sends (webhook → first reply at the Twilio server), after planning | ${s(whileSending.p95)} (p50 ${s(whileSending.p50)}, max ${s(whileSending.max)}, ${whileSending.answered} of ${whileSending.count} answered) | no broadcast: p95 ${s(base.p95)} (p50 ${s(base.p50)}, max ${s(base.max)}, ${base.answered} of ${base.count}) | < ${GOALS.replyP95Seconds} s | ${met(whileSending.p95 < GOALS.replyP95Seconds * 1000)} |`,
  );
  console.log(
    `| reply p95 while planning (confirm → the first wave queued) | ${s(whilePlanning.p95)} (p50 ${s(whilePlanning.p50)}, max ${s(whilePlanning.max)}, ${whilePlanning.answered} of ${whilePlanning.count} answered) | no broadcast: p95 ${s(base.p95)} | < ${GOALS.replyP95Seconds} s | ${met(whilePlanning.p95 < GOALS.replyP95Seconds * 1000)} |`,
  );
  console.log(
    `| reply p95 from confirm to the end of the window | ${s(whileBroadcast.p95)} (${whileBroadcast.answered} of ${whileBroadcast.count}) | no broadcast: p95 ${s(base.p95)} | < ${GOALS.replyP95Seconds} s | ${met(whileBroadcast.p95 < GOALS.replyP95Seconds * 1000)} |`,
  );
  console.log(
    `| CPU per message sent, send window (/proc): the bot process | ${msOf(botPerMessage.total, 2)} (web thread ${msOf(botPerMessage.web, 2)}, workers' thread ${msOf(botPerMessage.workers, 2)}, V8/libuv helper threads ${msOf(botPerMessage.helpers, 2)}; ${n(rate.total)} messages) | — | — | — |`,
  );
  console.log(
    `| CPU per message sent, send window (/proc): FerretDB / Redis / bot + FerretDB + Redis | ${msOf(perMessage('ferretdb'), 2)} / ${msOf(perMessage('redis'), 2)} / ${msOf(allPerMessage, 2)} | this process (Twilio server, probes): ${msOf(perMessage('load generator'), 2)} | — | — |`,
  );
  console.log('');
  console.log(
    `Where planning went (the same run; the fan-out runs in the bot process: its start and end from BullMQ, the snapshot's progress polled in Redis every ${POLL_MS} ms):`,
  );
  console.log('');
  console.log('| step | time |');
  console.log('|---|---|');
  console.log(
    `| confirm → the fan-out job starts (fire job, then the fan-out job) | ${s(fanOutStarted - confirmAt)} |`,
  );
  console.log(
    `| audience read (the Redis copy of the users; fan-out start → the snapshot's first entry seen in Redis) | ${s(snapshot.firstWriteAt - fanOutStarted)} |`,
  );
  console.log(
    `| snapshot written to Redis (first entry seen → its count seen) | ${s(snapshot.doneAt - snapshot.firstWriteAt)} |`,
  );
  console.log(
    `| the first wave's pages (snapshot count seen → first wave queued): ${n(firstWavePages)} pages of ${FAN_OUT_PAGE_SIZE} | ${s(pagesMs)} (${msOf(pagesMs / firstWavePages)} a page) |`,
  );
  console.log(`| total: confirm → the first wave queued | ${s(planMs)} |`);
  console.log(
    `| confirm → the first broadcast message accepted by the Twilio server | ${s(firstBroadcastAt - confirmAt)} |`,
  );
  const perPage = (ms: number, of: { pages: number }) => ms / of.pages;
  console.log(
    `| alone, before confirming, in this process: audienceMembers (${n(SIZE)} users) | ${s(audienceReadMs)} (CPU here ${s(audienceReadCpuMs)}) |`,
  );
  console.log(
    `| alone: one page of ${FAN_OUT_PAGE_SIZE} stored and queued, stored up front (before) (mean of ${upFront.pages}, scratch collection and queue) | ${msOf(perPage(upFront.stored.ms, upFront))} (CPU here ${msOf(perPage(upFront.stored.cpuMs, upFront))}; FerretDB CPU ${msOf(perPage(upFront.planned.ferret, upFront))}; Redis CPU ${msOf(perPage(upFront.planned.redis, upFront))}) |`,
  );
  console.log(
    `|   of which insertMany / addBulk | ${msOf(perPage(upFront.inserted.ms, upFront))} (CPU here ${msOf(perPage(upFront.inserted.cpuMs, upFront))}) / ${msOf(perPage(upFront.queued.ms, upFront))} (CPU here ${msOf(perPage(upFront.queued.cpuMs, upFront))}) |`,
  );
  console.log(
    `| alone: one page of ${FAN_OUT_PAGE_SIZE} stored and queued, stored when sent (now) (mean of ${whenSent.pages}) | ${msOf(perPage(whenSent.stored.ms, whenSent))} (CPU here ${msOf(perPage(whenSent.stored.cpuMs, whenSent))}; FerretDB CPU ${msOf(perPage(whenSent.planned.ferret, whenSent))}; Redis CPU ${msOf(perPage(whenSent.planned.redis, whenSent))}) |`,
  );
  console.log(
    `|   of which insertMany (${whenSent.inserted.calls} calls) / addBulk | ${msOf(perPage(whenSent.inserted.ms, whenSent))} / ${msOf(perPage(whenSent.queued.ms, whenSent))} (CPU here ${msOf(perPage(whenSent.queued.cpuMs, whenSent))}) |`,
  );
  console.log(
    `|   then, at send time: the send worker's storeDeferred for that page's ${FAN_OUT_PAGE_SIZE}, one insert each (${n(whenSent.storedWhenSent.calls)} in all, ${n(whenSent.documents)} documents stored) | ${msOf(perPage(whenSent.storedWhenSent.ms, whenSent))} a page, ${msOf(whenSent.storedWhenSent.ms / Math.max(1, whenSent.storedWhenSent.calls), 2)} a message (CPU here ${msOf(whenSent.storedWhenSent.cpuMs / Math.max(1, whenSent.storedWhenSent.calls), 2)}; FerretDB ${msOf(whenSent.whenSent.ferret / Math.max(1, whenSent.storedWhenSent.calls), 2)}; Redis ${msOf(whenSent.whenSent.redis / Math.max(1, whenSent.storedWhenSent.calls), 2)}) |`,
  );
  console.log(
    `| alone, estimated: audience read + ${n(firstWavePages)} pages (the first wave), stored up front (before) / stored when sent (now) | ${s(audienceReadMs + firstWavePages * perPage(upFront.stored.ms, upFront))} / ${s(audienceReadMs + firstWavePages * perPage(whenSent.stored.ms, whenSent))} |`,
  );
  console.log(
    `| alone, estimated: audience read + ${n(pages)} pages (everyone at once, without waves), stored up front (before) / stored when sent (now) | ${s(audienceReadMs + pages * perPage(upFront.stored.ms, upFront))} / ${s(audienceReadMs + pages * perPage(whenSent.stored.ms, whenSent))} |`,
  );
  console.log('');
  console.log(
    `Sent while planning: ${n(sentWhilePlanning)} (${planningRate.toFixed(1)}/s). Still queued at the end of the window: ${n(waiting)} (so the window never ran dry: ${met(waiting > 0)}).`,
  );
  console.log(
    `The fan-out at the end of the window: ${n(queuedAtEnd)} of ${n(audienceCount)} recipients queued (${jobAtEnd?.finishedOn ? 'completed' : 'waiting for its next wave'}); sends waiting in the queue: ${n(waitingAtEnd)} (it waits while they are over the lead, ${n(lead)}).`,
  );
  console.log(
    `CPU while planning, % of one core: ${shares(cpuPlanning)}. The bot: ${s(botPlanning.total)} (web thread ${s(botPlanning.web)}, workers' thread ${s(botPlanning.workers)}, helpers ${s(botPlanning.helpers)}), ${((botPlanning.total * 1000) / Math.max(1, audienceCount)).toFixed(0)} µs per recipient.`,
  );
  console.log(
    `CPU while sending (${s(windowMs)}), % of one core: ${shares(cpuSending)}. The bot's threads: web ${((botSending.web / windowMs) * 100).toFixed(0)}%, workers ${((botSending.workers / windowMs) * 100).toFixed(0)}%, helpers ${((botSending.helpers / windowMs) * 100).toFixed(0)}%.`,
  );
  console.log(`Messages accepted by the Twilio server in each second of the window: ${rate.buckets.join(' ')}.`);
  console.log(
    `The desk's report after cancelling took ${s(reportMs)}: ${n(report.total)} messages, ${n(report.sent + report.delivered + report.read)} sent, ${n(report.queued)} queued, skipped ${JSON.stringify(report.skipped)}.`,
  );
  console.log(
    `The bot's log up to the cancel, warn and above: ${problems.size === 0 ? 'none' : [...problems].map(([key, count]) => `${count} × ${key}`).join('; ')}.`,
  );
} finally {
  if (bot) await stopChild(bot, 15_000);
  await twilio.close();
  await runtime?.stop();
  await services.stop();
  if (KEEP) console.log(`The bot's log is kept in ${botLog}.`);
  else rmSync(workDir, { recursive: true, force: true });
}
