/**
 * An `httpClient` for the twilio SDK that sends its API calls to another base URL (the local Twilio-compatible
 * server used by tests, the demo and benchmarks). twilio-node has no base-URL option; this is its supported seam.
 * Only used when `TWILIO_API_BASE_URL` is configured: in production the SDK's own client talks to Twilio.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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
 * through `request()` below, on node:http(s) with kept-alive sockets. The agent opens at most
 * `maxConcurrentRequests` sockets and queues further requests, as the SDK's own https.Agent (20 sockets) does in
 * production: a burst of thousands of sends reuses them instead of overflowing the server's accept backlog. (Node's
 * fetch was measured at about twice the CPU per send.) Redirects are not followed: Twilio's API does not answer
 * message creation with one, and neither does the local server.
 */
export class RedirectingHttpClient extends twilio.RequestClient {
  readonly baseUrl: URL;
  private readonly onResponse: ((response: ObservedResponse) => void) | undefined;
  private readonly agents: { http: HttpAgent; https: HttpsAgent };

  constructor(options: RedirectingHttpClientOptions) {
    super({ timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, keepAlive: true });
    this.baseUrl = new URL(options.baseUrl);
    this.onResponse = options.onResponse;
    const maxSockets = options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS;
    if (!Number.isInteger(maxSockets) || maxSockets < 1) {
      throw new RangeError(`maxConcurrentRequests: ${maxSockets} is not >= 1`);
    }
    this.agents = {
      http: new HttpAgent({ keepAlive: true, maxSockets }),
      https: new HttpsAgent({ keepAlive: true, maxSockets }),
    };
  }

  override async request<TData>(opts: RequestOptions<TData>): Promise<SdkResponse<TData>> {
    const url = redirectTwilioUrl(opts.uri, this.baseUrl);
    if (opts.params) appendQuery(url, opts.params);
    const headers = await requestHeaders(opts);
    const body = requestBody(opts.data, headers[contentTypeKey(headers)]);
    const response = await send(url, {
      method: opts.method.toUpperCase(),
      headers,
      body,
      agent: url.protocol === 'https:' ? this.agents.https : this.agents.http,
      timeoutMs: opts.timeout ?? this.defaultTimeout,
    });
    this.onResponse?.({ statusCode: response.statusCode, headers: response.headers });
    // The SDK types the response body with the request's data type; at runtime it parses whatever comes back
    // (axios hands it parsed JSON, as we do), so this cast only restates the SDK's own loose contract.
    return {
      statusCode: response.statusCode,
      body: response.body as TData,
      headers: response.headers,
      toString: () => `HTTP ${response.statusCode}`,
    };
  }
}

interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

/** One request; the body is parsed as JSON when the response says it is JSON. */
function send(
  url: URL,
  opts: {
    method: string;
    headers: Record<string, string>;
    body: string | undefined;
    agent: HttpAgent;
    timeoutMs: number;
  },
): Promise<RawResponse> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: opts.method, headers: opts.headers, agent: opts.agent }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(incoming.headers)) {
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({
          statusCode: incoming.statusCode ?? 0,
          headers,
          body: parseBody(Buffer.concat(chunks).toString('utf8'), headers['content-type']),
        });
      });
    });
    outgoing.setTimeout(opts.timeoutMs, () => {
      outgoing.destroy(new Error(`${opts.method} ${url.origin}${url.pathname} timed out after ${opts.timeoutMs} ms`));
    });
    outgoing.on('error', reject);
    outgoing.end(opts.body);
  });
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
    // The agent manages connection reuse; the SDK's hop-by-hop header would fight it.
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

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!(contentType ?? '').includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
