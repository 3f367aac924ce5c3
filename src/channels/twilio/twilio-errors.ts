/**
 * Turns whatever `client.messages.create` threw into a `SendError` that says whether a retry can help. The split
 * decides between a BullMQ retry and a dead letter, so it follows Twilio's error codes, not just HTTP statuses.
 */
import { SendError } from '../../errors.js';

/** Codes that never succeed on retry: bad or unreachable recipient, opted out, outside the 24-hour window. */
const PERMANENT_CODES: ReadonlySet<number> = new Set([21211, 21408, 21610, 21614, 63003, 63016, 63024]);
/**
 * Codes that mean "later": Twilio's and the channel's rate limits, Twilio's queue overflow, and its immediate
 * "queue full" (21611: the sender's queue holds too many messages; they drain at the sender's rate).
 */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([20429, 21611, 30001, 63018]);
const RATE_LIMIT_CODE = 20429;

/** What the SDK's `RestException` (and its RFC 9457 `TwilioServiceException`) carries. */
interface TwilioFailure {
  status: number | undefined;
  code: number | undefined;
  message: string;
}

export function isRetryableTwilioFailure(status: number | undefined, code: number | undefined): boolean {
  if (code !== undefined && PERMANENT_CODES.has(code)) return false;
  if (code !== undefined && RETRYABLE_CODES.has(code)) return true;
  // No HTTP answer at all (refused, reset, timed out): the message may or may not exist. Retrying is safe because
  // the outbound job keys on a business id and stores the SID once known.
  if (status === undefined) return true;
  return status === 429 || status >= 500;
}

/**
 * @param responseHeaders headers of the failed response when the HTTP client could observe them; the SDK's
 *   exceptions drop headers, so without them a 429 carries no retry delay.
 */
export function toSendError(channel: string, error: unknown, responseHeaders?: Record<string, string>): SendError {
  const failure = describeFailure(error);
  const retryable = isRetryableTwilioFailure(failure.status, failure.code);
  const rateLimited = failure.status === 429 || failure.code === RATE_LIMIT_CODE;
  const retryAfterMs = rateLimited ? parseRetryAfter(headerValue(responseHeaders, 'retry-after')) : undefined;
  const where = failure.status === undefined ? 'no HTTP response' : `HTTP ${failure.status}`;
  const code = failure.code === undefined ? '' : ` code ${failure.code}`;
  return new SendError(channel, failure.code, retryable, `Twilio ${where}${code}: ${failure.message}`, {
    cause: error,
    retryAfterMs,
  });
}

function describeFailure(error: unknown): TwilioFailure {
  if (typeof error !== 'object' || error === null) {
    return { status: undefined, code: undefined, message: String(error) };
  }
  const { status, code, message } = error as { status?: unknown; code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  if (typeof status === 'number') {
    // TwilioServiceException reports a missing code as 0.
    return { status, code: typeof code === 'number' && code !== 0 ? code : undefined, message: text };
  }
  return { status: undefined, code: undefined, message: withNetworkCause(text, error) };
}

/** fetch reports only 'fetch failed'; the reason (ECONNREFUSED, a timeout) is in the cause. */
function withNetworkCause(message: string, error: object): string {
  const cause = (error as { cause?: unknown }).cause;
  if (typeof cause !== 'object' || cause === null) return message;
  const { code, message: causeMessage } = cause as { code?: unknown; message?: unknown };
  const detail = typeof code === 'string' ? code : typeof causeMessage === 'string' ? causeMessage : undefined;
  return detail ? `${message} (${detail})` : message;
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Retry-After is either delay seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
