/**
 * An `httpClient` for the twilio SDK that sends its API calls to another base URL (the local Twilio-compatible
 * server used by tests, the demo and benchmarks). twilio-node has no base-URL option; this is its supported seam.
 * Only used when `TWILIO_API_BASE_URL` is configured: in production the SDK's own client talks to Twilio.
 */
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

type RequestOptions<TData> = RequestClient.RequestOptions<TData>;
type SdkResponse<TData> = Awaited<ReturnType<RequestClient['request']>> & { body: TData };

/** What the client saw of one response; lets the channel read headers the SDK's errors do not keep. */
export interface ObservedResponse {
  statusCode: number;
  headers: Record<string, string>;
}

export interface RedirectingHttpClientOptions {
  /** Where `https://api.twilio.com/...` (and any other `*.twilio.com` host) goes, e.g. 'http://127.0.0.1:4010'. */
  baseUrl: string;
  /** Per-request timeout when the SDK gives none (the SDK's default is 30 s). */
  timeoutMs?: number;
  /** Requests in flight at once; more wait their turn. Default 20, the SDK's own sockets per host. */
  maxConcurrentRequests?: number;
  onResponse?: (response: ObservedResponse) => void;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_CONCURRENT_REQUESTS = 20;
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const JSON_CONTENT_TYPE = 'application/json';

/**
 * Extends the SDK's `RequestClient` only so that it type-checks as the `httpClient` option; every request goes
 * through `request()` below, on Node's fetch (undici), whose global dispatcher keeps connections alive.
 */
export class RedirectingHttpClient extends twilio.RequestClient {
  readonly baseUrl: URL;
  private readonly onResponse: ((response: ObservedResponse) => void) | undefined;
  private readonly slots: ConcurrencyLimit;

  constructor(options: RedirectingHttpClientOptions) {
    super({ timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, keepAlive: true });
    this.baseUrl = new URL(options.baseUrl);
    this.onResponse = options.onResponse;
    this.slots = new ConcurrencyLimit(options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS);
  }

  /**
   * undici opens a new socket for every concurrent request to an origin, without limit; a burst of thousands of
   * sends would overflow the server's accept backlog. Capping requests in flight bounds the sockets, which are
   * then reused, as the SDK's https.Agent (maxSockets 20) does in production.
   */
  override async request<TData>(opts: RequestOptions<TData>): Promise<SdkResponse<TData>> {
    const release = await this.slots.acquire();
    try {
      return await this.send(opts);
    } finally {
      release();
    }
  }

  private async send<TData>(opts: RequestOptions<TData>): Promise<SdkResponse<TData>> {
    const url = redirectTwilioUrl(opts.uri, this.baseUrl);
    if (opts.params) appendQuery(url, opts.params);
    const headers = await requestHeaders(opts);
    const response = await fetch(url, {
      method: opts.method.toUpperCase(),
      headers,
      body: requestBody(opts.data, headers[contentTypeKey(headers)]),
      redirect: opts.allowRedirects ? 'follow' : 'manual',
      signal: AbortSignal.timeout(opts.timeout ?? this.defaultTimeout),
    });
    const responseHeaders = Object.fromEntries(response.headers);
    const body = await responseBody(response);
    this.onResponse?.({ statusCode: response.status, headers: responseHeaders });
    // The SDK types the response body with the request's data type; at runtime it parses whatever comes back
    // (axios hands it parsed JSON, as we do), so this cast only restates the SDK's own loose contract.
    return {
      statusCode: response.status,
      body: body as TData,
      headers: responseHeaders,
      toString: () => `HTTP ${response.status}`,
    };
  }
}

/** A counting semaphore: at most `limit` holders, the others wait in arrival order. */
class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`maxConcurrentRequests: ${limit} is not >= 1`);
  }

  async acquire(): Promise<() => void> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Hand the slot straight to the next waiter, so the count never dips and lets a newcomer jump the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }
}

/** Keeps the path and query of the SDK's URL and swaps only the Twilio origin for the base URL (and its path). */
export function redirectTwilioUrl(uri: string, baseUrl: URL): URL {
  const original = new URL(uri);
  if (!isTwilioHost(original.hostname)) return original;
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  return new URL(`${basePath}${original.pathname}${original.search}`, baseUrl.origin);
}

function isTwilioHost(hostname: string): boolean {
  return hostname === 'twilio.com' || hostname.endsWith('.twilio.com');
}

/** The headers the SDK's RequestClient would send: the SDK's own plus the auth header it derives. */
async function requestHeaders<TData>(opts: RequestOptions<TData>): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(opts.headers ?? {})) {
    // undici manages connection reuse itself and rejects most values of this hop-by-hop header.
    if (name.toLowerCase() !== 'connection') headers[name] = value;
  }
  if (opts.username && opts.password) {
    headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
  } else if (opts.authStrategy) {
    headers.Authorization = await opts.authStrategy.getAuthString();
  }
  return headers;
}

function contentTypeKey(headers: Record<string, string>): string {
  return Object.keys(headers).find((name) => name.toLowerCase() === 'content-type') ?? 'Content-Type';
}

/** Mirrors the SDK: form data for form requests, JSON for JSON requests, nothing otherwise. */
function requestBody(data: unknown, contentType: string | undefined): string | undefined {
  if (data === undefined || data === null) return undefined;
  if (contentType === FORM_CONTENT_TYPE) return encodeForm(data);
  if (contentType === JSON_CONTENT_TYPE) return JSON.stringify(data);
  return undefined;
}

/**
 * Form-encodes the way the SDK does (`qs.stringify(data, { arrayFormat: 'repeat' })`): arrays become repeated keys
 * (`MediaUrl=a&MediaUrl=b`), undefined is left out. The SDK serializes values to strings before this point.
 */
export function encodeForm(data: unknown): string {
  if (typeof data !== 'object' || data === null) throw new TypeError(`form data must be an object, got ${typeof data}`);
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(data)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined) continue;
      if (typeof item === 'object' && item !== null) {
        throw new TypeError(`form field ${key}: nested objects are not supported`);
      }
      form.append(key, item === null ? '' : String(item));
    }
  }
  return form.toString();
}

function appendQuery(url: URL, params: object): void {
  const query = new URLSearchParams(encodeForm(params));
  for (const [key, value] of query) url.searchParams.append(key, value);
}

async function responseBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!(response.headers.get('content-type') ?? '').includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
