/**
 * Load generation for the webhook benchmark: signed Twilio webhooks prepared ahead of time, a steady open-loop
 * sender, autocannon runs, and the small statistics the report needs.
 *
 * Why a sender of our own for the fixed-rate runs: autocannon's `overallRate` is a per-second budget per connection.
 * Each connection sends its share back to back at the start of every second and then waits for the next one, so
 * "200 req/s" arrives as a ~100 ms burst at ~2,000 req/s followed by ~900 ms of silence. That measures how a burst is
 * absorbed, not latency at a steady rate. `paced()` starts one request every 1/rate seconds whatever the responses
 * do (open loop), and times each one from its scheduled start, so a server that falls behind cannot hide it
 * (no coordinated omission).
 */
import { Agent, request } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import autocannon from 'autocannon';
import { signedInboundRequest, whatsappInboundParams } from '../twilio-local/inbound.js';

/** One inbound webhook, signed for one URL. */
export interface PreparedWebhook {
  /** The sender, '+E164'. */
  from: string;
  messageSid: string;
  headers: Record<string, string>;
  body: string;
}

export interface PrepareOptions {
  webhookUrl: string;
  authToken: string;
  accountSid: string;
  /** Our WhatsApp number, '+E164'. */
  botNumber: string;
  /** Senders, used round-robin. */
  users: readonly string[];
  count: number;
  /** Distinguishes the MessageSids of one batch from another's. */
  batch: number;
  text: string;
}

/** `count` webhooks with unique MessageSids, each signed exactly as Twilio signs it. */
export function prepareWebhooks(opts: PrepareOptions): PreparedWebhook[] {
  const prepared: PreparedWebhook[] = [];
  for (let i = 0; i < opts.count; i++) {
    const from = opts.users[i % opts.users.length]!;
    // 'SM' + 32 hex digits, like Twilio's; unique per batch and index.
    const messageSid = `SM${opts.batch.toString(16).padStart(8, '0')}${i.toString(16).padStart(24, '0')}`;
    const params = whatsappInboundParams({
      from,
      to: opts.botNumber,
      body: opts.text,
      accountSid: opts.accountSid,
      messageSid,
      profileName: `Bench ${i % opts.users.length}`,
    });
    const { headers, body } = signedInboundRequest({ webhookUrl: opts.webhookUrl, authToken: opts.authToken, params });
    prepared.push({ from, messageSid, headers, body });
  }
  return prepared;
}

/** `count` Indian mobile numbers starting at `9000000000 + offset`, as '+E164'. */
export function phoneNumbers(offset: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `+91${9_000_000_000 + offset + i}`);
}

/** Epoch milliseconds with sub-millisecond resolution; the local Twilio server stamps messages the same way. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

export interface PacedResult {
  offered: number;
  /** Responses with a 2xx status. */
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Milliseconds from the request's scheduled start to the end of its response, 2xx only. */
  latencies: number[];
  /** Seconds from the first scheduled start to the last response. */
  elapsedSeconds: number;
  /** Seconds the sender needed to start every request (≈ count / rate when it kept up). */
  sendSeconds: number;
  /** Epoch ms at which each request was handed to the socket layer, by index. */
  sentAt: number[];
  /** HTTP status by index; 0 for an error. */
  statuses: number[];
  /** Latency by index (ms from the scheduled start to the end of the response); NaN unless 2xx. */
  latencyAt: number[];
  /** Connection errors by code (ECONNRESET, timeout, …). */
  errorCodes: Map<string, number>;
  /**
   * By index: ms from the scheduled start until the request had a connected socket (waiting for a free socket in
   * the pool, or for a new connection to be accepted); NaN unless 2xx. The rest of the latency is the server's.
   */
  connectWaitAt: number[];
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Sends `webhooks` in order at `rate` per second (open loop: a slow response never delays the next request) over
 * kept-alive connections, opening more (up to 256) when responses lag.
 */
export async function paced(url: string, webhooks: readonly PreparedWebhook[], rate: number): Promise<PacedResult> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const count = webhooks.length;
  const intervalMs = 1000 / rate;
  const latencies: number[] = [];
  const sentAt = new Array<number>(count).fill(0);
  const statuses = new Array<number>(count).fill(0);
  const latencyAt = new Array<number>(count).fill(Number.NaN);
  const connectWaitAt = new Array<number>(count).fill(Number.NaN);
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  const errorCodes = new Map<string, number>();
  let finished = 0;
  let lastEnd = 0;
  let allDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    allDone = resolve;
  });
  const settle = () => {
    lastEnd = performance.now();
    finished += 1;
    if (finished === count) allDone();
  };

  const fire = (index: number, scheduled: number) => {
    const webhook = webhooks[index]!;
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { ...webhook.headers, 'Content-Length': Buffer.byteLength(webhook.body) },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          statuses[index] = status;
          if (status >= 200 && status < 300) {
            ok += 1;
            latencyAt[index] = performance.now() - scheduled;
            connectWaitAt[index] = connected - scheduled;
            latencies.push(latencyAt[index]);
          } else {
            non2xx += 1;
          }
          settle();
        });
      },
    );
    let connected = Number.NaN;
    req.on('socket', (socket) => {
      if (!socket.connecting) connected = performance.now();
      else socket.once('connect', () => (connected = performance.now()));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => {
      errors += 1;
      const code = error.code ?? error.message;
      errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
      settle();
    });
    sentAt[index] = epochMs();
    req.end(webhook.body);
  };

  const start = performance.now();
  let next = 0;
  while (next < count) {
    const due = Math.min(count, Math.floor((performance.now() - start) / intervalMs) + 1);
    while (next < due) {
      fire(next, start + next * intervalMs);
      next += 1;
    }
    if (next < count) await delay(Math.max(0, start + next * intervalMs - performance.now()));
  }
  const sendSeconds = (performance.now() - start) / 1000;
  if (count > 0) await done;
  agent.destroy();
  return {
    offered: count,
    ok,
    non2xx,
    errors,
    latencies,
    elapsedSeconds: (lastEnd - start) / 1000,
    sendSeconds,
    sentAt,
    statuses,
    latencyAt,
    errorCodes,
    connectWaitAt,
  };
}

export interface CannonResult {
  /** 2xx responses per second over the run. */
  okPerSecond: number;
  ok: number;
  non2xx: number;
  errors: number;
  p50: number;
  p99: number;
  sent: number;
}

export interface CannonOptions {
  url: string;
  webhooks: readonly PreparedWebhook[];
  connections: number;
  durationSeconds: number;
  /** autocannon's overallRate: a per-second budget, spent in a burst at the start of each second (see above). */
  overallRate?: number;
}

/**
 * An autocannon run that cycles through the prepared webhooks, one per request. Latencies are recorded as measured
 * (`ignoreCoordinatedOmission`): with a rate, autocannon would otherwise back-fill samples at a 1 ms interval
 * (its `Math.ceil(1 / rate)`), which drags every percentile towards zero.
 */
export async function cannon(opts: CannonOptions): Promise<CannonResult> {
  const target = new URL(opts.url);
  let next = 0;
  const first = opts.webhooks[0]!;
  const result = await autocannon({
    url: target.origin,
    connections: opts.connections,
    duration: opts.durationSeconds,
    ...(opts.overallRate ? { overallRate: opts.overallRate, ignoreCoordinatedOmission: true } : {}),
    requests: [
      {
        method: 'POST',
        path: target.pathname,
        headers: first.headers,
        body: first.body,
        setupRequest: (req) => {
          const webhook = opts.webhooks[next % opts.webhooks.length]!;
          next += 1;
          return { ...req, headers: webhook.headers, body: webhook.body };
        },
      },
    ],
  });
  return {
    okPerSecond: result['2xx'] / result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    p50: result.latency.p50,
    p99: result.latency.p99,
    sent: next,
  };
}

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function ascending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}
