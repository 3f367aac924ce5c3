/**
 * A local stand-in for Twilio's Messages API, used by tests, the demo and the benchmarks. It accepts exactly what
 * the twilio SDK sends for `client.messages.create`, answers like Twilio (Message JSON, error bodies, Basic auth),
 * records every accepted message, fails chosen numbers on request and posts signed status callbacks. A small
 * control API under `/_local/` lets another process (the demo) inspect and steer it.
 *
 * Two kinds of failure, as real Twilio has them: `failNext`/`failAlways` refuse the create itself with an HTTP
 * error; `failAfterAccept`/`failAlwaysAfterAccept` accept it (201) and report the failure later in its status
 * callbacks (`failed` or `undelivered` with `ErrorCode`), which is how most WhatsApp failures arrive (63016 outside
 * the 24-hour window, 30001 queue overflow, 63018 rate, 63003/63024 not a WhatsApp user).
 *
 * Control API (JSON bodies):
 * - `GET /_local/health`; `GET /_local/messages[?to=+E164]`; `DELETE /_local/messages` (also forgets failure rules).
 * - `POST /_local/fail {"to", "code", "status": 400-599, "message"?, "times"?, "always"?, "retryAfterSeconds"?}`:
 *   the next `times` creates to `to` (default 1; every one with `"always": true`) fail with that HTTP status.
 * - `POST /_local/fail {"to", "after": "accept", "code", "status"?: "failed" | "undelivered", "message"?, "times"?,
 *   "always"?}`: those creates are accepted and fail later in their status callbacks (default "undelivered").
 *   `"after": "create"` is the default, the immediate failure above.
 *
 * Run alone: `TWILIO_ACCOUNT_SID=AC… TWILIO_AUTH_TOKEN=… tsx scripts/twilio-local/server.ts --port 4010`
 * prints `READY <url>` once it listens.
 */
import { EventEmitter, setMaxListeners } from 'node:events';
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import twilio from 'twilio';
import { randomSid, TWILIO_API_VERSION } from './inbound.js';

export interface TwilioLocalOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  accountSid: string;
  authToken: string;
  /** Pause before each status callback (queued, sent, delivered, read). Default 50 ms. */
  callbackDelayMs?: number;
}

/** One accepted `Messages.json` create call. */
export interface RecordedMessage {
  sid: string;
  accountSid: string;
  /** As sent, e.g. 'whatsapp:+919812345678'. */
  to: string;
  from: string | undefined;
  messagingServiceSid: string | undefined;
  body: string | undefined;
  contentSid: string | undefined;
  /** The JSON string the SDK sent. */
  contentVariables: string | undefined;
  mediaUrl: string[];
  statusCallback: string | undefined;
  /** Epoch milliseconds, sub-millisecond resolution. */
  createdAt: number;
  /** Set when a late-failure rule took this message: the error code its status callbacks end with. */
  failedWith?: number;
}

export interface FailureSpec {
  /** Twilio error code, e.g. 21211, 20429. */
  code: number;
  /** HTTP status of the error response, e.g. 400, 429, 503. */
  status: number;
  message?: string;
  /** How many of the next creates to that number fail. Default 1. */
  times?: number;
  /** Sent as a Retry-After header (seconds), for rate-limit errors. */
  retryAfterSeconds?: number;
}

/** The final status of a message that Twilio accepted and could not deliver. */
export type LateFailureStatus = 'failed' | 'undelivered';

export interface LateFailureSpec {
  /** Twilio error code sent as `ErrorCode`, e.g. 63016, 30001, 63018, 63003, 63024. */
  code: number;
  /** Default 'undelivered' (Twilio sent it on, WhatsApp refused it); 'failed' means it was never sent. */
  status?: LateFailureStatus;
  /** How many of the next accepted creates to that number fail. Default 1. */
  times?: number;
  /** `ErrorMessage` and (for WhatsApp) `ChannelStatusMessage`; default Twilio's wording for the code. */
  message?: string;
}

export interface TwilioLocal {
  /** Base URL without trailing slash, e.g. 'http://127.0.0.1:4010'. */
  readonly url: string;
  /** Accepted messages in arrival order (a live view; `clear()` empties it). */
  readonly messages: readonly RecordedMessage[];
  /** Makes the next `times` creates to `to` ('+E164' or 'whatsapp:+E164') fail with a Twilio error. */
  failNext(to: string, failure: FailureSpec): void;
  /** Makes every create to `to` fail until `clear()`. */
  failAlways(to: string, failure: Omit<FailureSpec, 'times'>): void;
  /**
   * Accepts the next `times` creates to `to` ('+E164' or 'whatsapp:+E164') with 201 as usual, then ends their status
   * callbacks with `spec.status` and `ErrorCode=spec.code` instead of delivered/read. An immediate failure rule for
   * the same number takes precedence (that create is refused and does not use up this rule).
   */
  failAfterAccept(to: string, spec: LateFailureSpec): void;
  /** Like `failAfterAccept` for every create to `to` until `clear()`, e.g. 63003 for a number not on WhatsApp. */
  failAlwaysAfterAccept(to: string, spec: Omit<LateFailureSpec, 'times'>): void;
  /** Forgets recorded messages and failure rules (immediate and late). */
  clear(): void;
  /** Resolves with the matching messages once at least `count` have arrived; rejects after `timeoutMs` (5 s). */
  waitForMessages(count: number, opts?: { to?: string; timeoutMs?: number }): Promise<RecordedMessage[]>;
  close(): Promise<void>;
}

interface FailureRule {
  code: number;
  status: number;
  message: string | undefined;
  remaining: number;
  retryAfterSeconds: number | undefined;
}

interface LateFailureRule {
  code: number;
  status: LateFailureStatus;
  message: string | undefined;
  remaining: number;
}

/** What a late-failure rule makes of one accepted message's callbacks. */
interface LateFailure {
  code: number;
  status: LateFailureStatus;
  message: string;
}

interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

type HttpResult = { status: number; body?: unknown; headers?: Record<string, string> };

const DEFAULT_CALLBACK_DELAY_MS = 50;
const DEFAULT_WAIT_TIMEOUT_MS = 5_000;
const CALLBACK_TIMEOUT_MS = 5_000;
const CALLBACK_SOCKETS = 32;
const MAX_BODY_BYTES = 1_000_000;
const MAX_TEXT_LENGTH = 1_600;
const STATUS_SEQUENCE = ['queued', 'sent', 'delivered', 'read'] as const;
const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const ACCOUNTS_PATH = /^\/2010-04-01\/Accounts\//;

/** Twilio's wording for the codes tests usually simulate; anything else gets a generic message. */
const KNOWN_ERROR_MESSAGES: Readonly<Record<number, string>> = {
  20429: 'Too Many Requests',
  21211: "Invalid 'To' Phone Number",
  21408: 'Permission to send an SMS has not been enabled for the region indicated by the To number',
  21610: 'Attempt to send to unsubscribed recipient',
  21614: "'To' number is not a valid mobile number",
  30001: 'Queue overflow',
  30003: 'Unreachable destination handset',
  30004: 'Message blocked',
  30005: 'Unknown destination handset',
  30006: 'Landline or unreachable carrier',
  30007: 'Message filtered',
  30008: 'Unknown error',
  63003: 'Channel could not find To address',
  63016: 'Failed to send freeform message because you are outside the allowed window.',
  63018: 'Rate limit exceeded for Channel',
  63024: 'Invalid message recipient',
};

export async function startTwilioLocal(opts: TwilioLocalOptions): Promise<TwilioLocal> {
  const callbackDelayMs = opts.callbackDelayMs ?? DEFAULT_CALLBACK_DELAY_MS;
  const messages: RecordedMessage[] = [];
  const failures = new Map<string, FailureRule>();
  // Kept apart from `failures`: a number can have both, and the immediate one decides first.
  const lateFailures = new Map<string, LateFailureRule>();
  const arrivals = new EventEmitter().setMaxListeners(0);
  // Aborts pending status callbacks at close so that no timer or socket outlives the server.
  const shutdown = new AbortController();
  // Every pending status callback waits on this one signal: hundreds at once under a broadcast are expected.
  setMaxListeners(0, shutdown.signal);
  // Kept-alive sockets to the bot, as many as Twilio would open at once: a fresh connection per callback (4 per
  // message) would cost more than the callback, and load the bot with work Twilio does not give it.
  const callbackAgent = new Agent({ keepAlive: true, maxSockets: CALLBACK_SOCKETS });

  const setFailure = (to: string, failure: FailureSpec, remaining: number) => {
    failures.set(numberKey(to), {
      code: failure.code,
      status: failure.status,
      message: failure.message,
      remaining,
      retryAfterSeconds: failure.retryAfterSeconds,
    });
  };

  const setLateFailure = (to: string, spec: LateFailureSpec, remaining: number) => {
    lateFailures.set(numberKey(to), {
      code: spec.code,
      status: spec.status ?? 'undelivered',
      message: spec.message,
      remaining,
    });
  };

  const takeLateFailure = (to: string): LateFailure | undefined => {
    const rule = takeRule(lateFailures, to);
    if (!rule) return undefined;
    return { code: rule.code, status: rule.status, message: rule.message ?? errorMessage(rule.code) };
  };

  const clear = () => {
    messages.length = 0;
    failures.clear();
    lateFailures.clear();
  };

  const createMessage = (accountSid: string, form: URLSearchParams): HttpResult => {
    const invalid = invalidCreate(form);
    if (invalid) return errorResult(invalid.status, invalid.code, invalid.message);
    const to = form.get('To') ?? '';
    const failure = takeRule(failures, to);
    if (failure) {
      const headers: Record<string, string> =
        failure.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(failure.retryAfterSeconds) };
      return { ...errorResult(failure.status, failure.code, failure.message), headers };
    }
    const message: RecordedMessage = {
      sid: randomSid('SM'),
      accountSid,
      to,
      from: form.get('From') ?? undefined,
      messagingServiceSid: form.get('MessagingServiceSid') ?? undefined,
      body: form.get('Body') ?? undefined,
      contentSid: form.get('ContentSid') ?? undefined,
      contentVariables: form.get('ContentVariables') ?? undefined,
      mediaUrl: form.getAll('MediaUrl'),
      statusCallback: form.get('StatusCallback') ?? undefined,
      createdAt: performance.timeOrigin + performance.now(),
    };
    // Taken only once the create is accepted: a refused create never reaches the stage where it could fail late.
    const lateFailure = takeLateFailure(to);
    if (lateFailure) message.failedWith = lateFailure.code;
    messages.push(message);
    arrivals.emit('message', message);
    if (message.statusCallback) {
      void sendStatusCallbacks(message, message.statusCallback, opts.authToken, callbackDelayMs, lateFailure, {
        agent: callbackAgent,
        shutdown: shutdown.signal,
      });
    }
    return { status: 201, body: messageResource(message) };
  };

  /** Twilio's message list, filtered by `To` and `DateSent>` as the SDK's `messages.list` sends them, one page. */
  const listMessages = (accountSid: string, url: URL): HttpResult => {
    const to = url.searchParams.get('To');
    const after = url.searchParams.get('DateSent>');
    const since = after ? Date.parse(after) : Number.NEGATIVE_INFINITY;
    const found = messages
      .filter((message) => (to === null || sameNumber(message.to, to)) && message.createdAt >= since)
      .reverse()
      .map(messageResource);
    const uri = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
    return {
      status: 200,
      body: {
        messages: found,
        end: Math.max(0, found.length - 1),
        first_page_uri: `${uri}?PageSize=${found.length}&Page=0`,
        next_page_uri: null,
        page: 0,
        page_size: found.length,
        previous_page_uri: null,
        start: 0,
        uri,
      },
    };
  };

  const control = async (request: IncomingMessage, url: URL): Promise<HttpResult> => {
    const route = `${request.method} ${url.pathname}`;
    if (route === 'GET /_local/health') return { status: 200, body: { ok: true } };
    if (route === 'GET /_local/messages') {
      const to = url.searchParams.get('to');
      return { status: 200, body: to ? messages.filter((m) => sameNumber(m.to, to)) : messages };
    }
    if (route === 'DELETE /_local/messages') {
      clear();
      return { status: 204 };
    }
    if (route === 'POST /_local/fail') {
      const spec = parseFailRequest(await readBody(request));
      if (typeof spec === 'string') return { status: 400, body: { error: spec } };
      const remaining = spec.always ? Number.POSITIVE_INFINITY : (spec.times ?? 1);
      if (spec.after === 'accept') setLateFailure(spec.to, spec, remaining);
      else setFailure(spec.to, spec, remaining);
      return { status: 204 };
    }
    return { status: 404, body: { error: `no control route ${route}` } };
  };

  const api = async (request: IncomingMessage, url: URL): Promise<HttpResult> => {
    if (!isAuthorized(request, opts.accountSid, opts.authToken)) {
      return {
        ...errorResult(401, 20003, 'Authenticate'),
        headers: { 'WWW-Authenticate': 'Basic realm="Twilio API"' },
      };
    }
    const match = MESSAGES_PATH.exec(url.pathname);
    if (!match) return errorResult(404, 20404, `The requested resource ${url.pathname} was not found`);
    if (match[1] !== opts.accountSid) return errorResult(401, 20003, 'Authenticate');
    if (request.method === 'GET') return listMessages(opts.accountSid, url);
    if (request.method !== 'POST') return errorResult(405, 20004, 'Method not allowed');
    return createMessage(opts.accountSid, new URLSearchParams(await readBody(request)));
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://twilio.local');
    const handle = url.pathname.startsWith('/_local/')
      ? control(request, url)
      : ACCOUNTS_PATH.test(url.pathname)
        ? api(request, url)
        : Promise.resolve(errorResult(404, 20404, `The requested resource ${url.pathname} was not found`));
    handle
      .catch((error: unknown) => {
        if (error instanceof BodyTooLargeError) return errorResult(413, 20413, error.message);
        return errorResult(500, 20500, `Internal Server Error: ${String(error)}`);
      })
      .then((result) => respond(response, result));
  });
  // Longer than the clients' idle timeouts, so that a kept-alive socket is never closed under a request in flight.
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A deep accept queue, so that a benchmark's burst of new connections is queued rather than reset.
    server.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1', backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    messages,
    failNext: (to, failure) => setFailure(to, failure, failure.times ?? 1),
    failAlways: (to, failure) => setFailure(to, failure, Number.POSITIVE_INFINITY),
    failAfterAccept: (to, spec) => setLateFailure(to, spec, spec.times ?? 1),
    failAlwaysAfterAccept: (to, spec) => setLateFailure(to, spec, Number.POSITIVE_INFINITY),
    clear,
    waitForMessages: (count, waitOpts = {}) =>
      waitForMessages(messages, arrivals, count, waitOpts.to, waitOpts.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS),
    close: async () => {
      shutdown.abort();
      callbackAgent.destroy();
      arrivals.removeAllListeners();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Uses up one turn of the number's rule, if it has one; a rule with no turns left is forgotten. */
function takeRule<Rule extends { remaining: number }>(rules: Map<string, Rule>, to: string): Rule | undefined {
  const key = numberKey(to);
  const rule = rules.get(key);
  if (!rule) return undefined;
  rule.remaining -= 1;
  if (rule.remaining <= 0) rules.delete(key);
  return rule;
}

/** The checks Twilio applies before accepting a message, in its order, with its codes. */
function invalidCreate(form: URLSearchParams): { status: number; code: number; message: string } | undefined {
  const to = form.get('To');
  const from = form.get('From');
  if (!to) return { status: 400, code: 21604, message: "A 'To' phone number is required." };
  if (!from && !form.get('MessagingServiceSid')) {
    return { status: 400, code: 21603, message: "A 'From' phone number is required." };
  }
  if (from && to.startsWith('whatsapp:') !== from.startsWith('whatsapp:')) {
    return { status: 400, code: 21910, message: 'Invalid From and To pair. From and To should be of the same channel' };
  }
  if (!form.get('Body') && !form.get('ContentSid') && form.getAll('MediaUrl').length === 0) {
    return { status: 400, code: 21602, message: 'Message body is required.' };
  }
  if ((form.get('Body') ?? '').length > MAX_TEXT_LENGTH) {
    return {
      status: 400,
      code: 21617,
      message: `The concatenated message body exceeds the ${MAX_TEXT_LENGTH} character limit.`,
    };
  }
  return undefined;
}

/** The Message resource as Twilio returns it from a create (status 'queued', or 'accepted' via a service). */
function messageResource(message: RecordedMessage): Record<string, unknown> {
  const created = rfc2822(new Date(message.createdAt));
  const uri = `/2010-04-01/Accounts/${message.accountSid}/Messages/${message.sid}`;
  return {
    account_sid: message.accountSid,
    api_version: TWILIO_API_VERSION,
    body: message.body ?? '',
    date_created: created,
    date_sent: null,
    date_updated: created,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: message.from ?? null,
    messaging_service_sid: message.messagingServiceSid ?? null,
    num_media: String(message.mediaUrl.length),
    num_segments: '1',
    price: null,
    price_unit: 'USD',
    sid: message.sid,
    status: message.from ? 'queued' : 'accepted',
    subresource_uris: { media: `${uri}/Media.json` },
    to: message.to,
    uri: `${uri}.json`,
  };
}

/**
 * Posts queued → sent → delivered → read, or the shorter sequence of a late failure, signed like Twilio; a callback
 * that cannot be delivered is dropped.
 */
async function sendStatusCallbacks(
  message: RecordedMessage,
  callbackUrl: string,
  authToken: string,
  delayMs: number,
  lateFailure: LateFailure | undefined,
  connection: { agent: Agent; shutdown: AbortSignal },
): Promise<void> {
  for (const status of statusSequence(lateFailure)) {
    try {
      await delay(delayMs, undefined, { signal: connection.shutdown });
      const params = statusCallbackParams(message, status, lateFailure);
      await postCallback(callbackUrl, new URLSearchParams(params).toString(), connection.agent, {
        'Content-Type': 'application/x-www-form-urlencoded',
        'User-Agent': 'TwilioProxy/1.1',
        'X-Twilio-Signature': twilio.getExpectedTwilioSignature(authToken, callbackUrl, params),
      });
    } catch {
      if (connection.shutdown.aborted) return;
    }
  }
}

/** One POST over node:http (the bot's callback URL is http here); resolves once the response has been read. */
function postCallback(url: string, body: string, agent: Agent, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', agent, headers, timeout: CALLBACK_TIMEOUT_MS }, (response) => {
      response.resume();
      response.on('end', resolve);
      response.on('error', reject);
    });
    outgoing.on('timeout', () =>
      outgoing.destroy(new Error(`status callback timed out after ${CALLBACK_TIMEOUT_MS} ms`)),
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * A failed message never left Twilio, so it goes queued → failed; an undelivered one was sent on and refused
 * downstream (WhatsApp, the carrier), so queued → sent → undelivered. Nothing follows a failure.
 */
function statusSequence(lateFailure: LateFailure | undefined): readonly string[] {
  if (!lateFailure) return STATUS_SEQUENCE;
  return lateFailure.status === 'undelivered' ? ['queued', 'sent', 'undelivered'] : ['queued', 'failed'];
}

function statusCallbackParams(
  message: RecordedMessage,
  status: string,
  lateFailure: LateFailure | undefined,
): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: message.accountSid,
    ApiVersion: TWILIO_API_VERSION,
    MessageSid: message.sid,
    MessageStatus: status,
    SmsSid: message.sid,
    SmsStatus: status,
    To: message.to,
  };
  if (message.from) params.From = message.from;
  if (message.messagingServiceSid) params.MessagingServiceSid = message.messagingServiceSid;
  if (message.to.startsWith('whatsapp:')) params.ChannelPrefix = 'whatsapp';
  if (status === 'delivered' || status === 'read') params.EventType = status.toUpperCase();
  // Only the final status carries the error; the queued and sent before it were ordinary.
  if (lateFailure && status === lateFailure.status) {
    params.ErrorCode = String(lateFailure.code);
    params.ErrorMessage = lateFailure.message;
    if (params.ChannelPrefix === 'whatsapp') params.ChannelStatusMessage = lateFailure.message;
  }
  return params;
}

function waitForMessages(
  messages: readonly RecordedMessage[],
  arrivals: EventEmitter,
  count: number,
  to: string | undefined,
  timeoutMs: number,
): Promise<RecordedMessage[]> {
  const matches = (message: RecordedMessage) => to === undefined || sameNumber(message.to, to);
  const found = messages.filter(matches);
  if (found.length >= count) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const onMessage = (message: RecordedMessage) => {
      if (!matches(message)) return;
      found.push(message);
      if (found.length < count) return;
      stop();
      resolve(found);
    };
    const timer = setTimeout(() => {
      stop();
      const target = to === undefined ? '' : ` to ${to}`;
      reject(new Error(`twilio-local: ${found.length} of ${count} messages${target} arrived within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = () => {
      clearTimeout(timer);
      arrivals.off('message', onMessage);
    };
    arrivals.on('message', onMessage);
  });
}

function isAuthorized(request: IncomingMessage, accountSid: string, authToken: string): boolean {
  const [scheme, encoded] = (request.headers.authorization ?? '').split(' ');
  if (scheme !== 'Basic' || !encoded) return false;
  return Buffer.from(encoded, 'base64').toString('utf8') === `${accountSid}:${authToken}`;
}

function errorResult(status: number, code: number, message?: string): HttpResult {
  const body: TwilioErrorBody = {
    code,
    message: message ?? errorMessage(code),
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status,
  };
  return { status, body };
}

function errorMessage(code: number): string {
  return KNOWN_ERROR_MESSAGES[code] ?? `Simulated Twilio error ${code}`;
}

function respond(response: ServerResponse, result: HttpResult): void {
  const headers: Record<string, string> = { 'Twilio-Request-Id': randomSid('RQ'), ...result.headers };
  if (result.body === undefined) {
    response.writeHead(result.status, headers).end();
    return;
  }
  const json = JSON.stringify(result.body);
  response
    .writeHead(result.status, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(json)),
    })
    .end(json);
}

class BodyTooLargeError extends Error {}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

type FailRequest = { to: string; always?: boolean } & (
  | ({ after: 'create' } & FailureSpec)
  | ({ after: 'accept' } & LateFailureSpec)
);

function isLateFailureStatus(value: unknown): value is LateFailureStatus {
  return value === 'failed' || value === 'undelivered';
}

/** Validates the control API's JSON; returns the problem as a string. */
function parseFailRequest(text: string): FailRequest | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'body must be JSON';
  }
  if (typeof value !== 'object' || value === null) return 'body must be a JSON object';
  const {
    to,
    code,
    status,
    message,
    times,
    always,
    retryAfterSeconds,
    after = 'create',
  } = value as Record<string, unknown>;
  if (typeof to !== 'string' || to === '') return 'to: a phone number is required';
  if (!Number.isInteger(code)) return 'code: an integer Twilio error code is required';
  if (message !== undefined && typeof message !== 'string') return 'message: must be a string';
  if (times !== undefined && (!Number.isInteger(times) || (times as number) < 1)) return 'times: a positive integer';
  if (always !== undefined && typeof always !== 'boolean') return 'always: must be a boolean';
  const common = { to, code: code as number, message, times: times as number | undefined, always };
  if (after === 'accept') {
    // Here `status` is the message's final status, not an HTTP one: the create itself succeeds.
    if (status !== undefined && !isLateFailureStatus(status)) {
      return "status: 'failed' or 'undelivered' when after is 'accept'";
    }
    if (retryAfterSeconds !== undefined) return "retryAfterSeconds: only for after 'create' (an HTTP error)";
    return { ...common, after, status };
  }
  if (after !== 'create') return "after: 'create' (the default) or 'accept'";
  if (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599) {
    return 'status: an HTTP error status (400-599) is required';
  }
  if (retryAfterSeconds !== undefined && typeof retryAfterSeconds !== 'number') return 'retryAfterSeconds: a number';
  return { ...common, after, status: status as number, retryAfterSeconds };
}

/** Failure rules and filters match numbers with or without the 'whatsapp:' prefix. */
function numberKey(address: string): string {
  return address.replace(/^whatsapp:/, '').trim();
}

function sameNumber(a: string, b: string): boolean {
  return numberKey(a) === numberKey(b);
}

/** Twilio's date format: 'Thu, 24 Aug 2023 05:01:45 +0000'. */
function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'callback-delay-ms': { type: 'string', default: String(DEFAULT_CALLBACK_DELAY_MS) },
    },
  });
  const accountSid = process.env.TWILIO_ACCOUNT_SID;
  const authToken = process.env.TWILIO_AUTH_TOKEN;
  if (!accountSid || !authToken) {
    console.error('twilio-local: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (the credentials clients will use)');
    process.exit(2);
  }
  const local = await startTwilioLocal({
    port: Number(values.port),
    host: values.host,
    accountSid,
    authToken,
    callbackDelayMs: Number(values['callback-delay-ms']),
  });
  console.log(`READY ${local.url}`);
  const stop = () => void local.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
