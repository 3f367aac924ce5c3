/**
 * The few error types the product raises. Each carries a stable `code` and the context an operator needs to act;
 * users never see these messages (they get a bilingual text from the conversation layer instead).
 */
export class AppError extends Error {
  readonly code: string;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, context: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.context = context;
  }
}

/** The environment is wrong: names the variable and what was expected. */
export class ConfigError extends AppError {
  constructor(
    readonly variable: string,
    expected: string,
  ) {
    super('CONFIG_INVALID', `${variable}: ${expected}`, { variable });
  }
}

/** A write would break a unique index, e.g. a second record for the same phone number. */
export class DuplicateKeyError extends AppError {
  constructor(collection: string, key: Record<string, unknown>, options?: { cause?: unknown }) {
    super(
      'DUPLICATE_KEY',
      `${collection}: a record with ${JSON.stringify(key)} already exists`,
      { collection, key },
      options,
    );
  }
}

/** A required service (Redis, MongoDB, the local FerretDB build) could not be reached or started. */
export class ServiceUnavailableError extends AppError {
  constructor(service: string, detail: string, options?: { cause?: unknown }) {
    super('SERVICE_UNAVAILABLE', `${service}: ${detail}`, { service }, options);
  }
}

/** An inbound webhook body that cannot be understood (missing sender, malformed fields). */
export class InvalidInboundError extends AppError {
  constructor(channel: string, detail: string, context: Record<string, unknown> = {}) {
    super('INVALID_INBOUND', `${channel}: ${detail}`, { channel, ...context });
  }
}

/**
 * A provider refused or failed a send. `retryable` says whether trying again can help (rate limit, 5xx, network);
 * permanent failures (invalid number, opted out, outside the 24-hour window) must not be retried.
 */
export class SendError extends AppError {
  constructor(
    readonly channel: string,
    readonly providerCode: number | undefined,
    readonly retryable: boolean,
    detail: string,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super('SEND_FAILED', `${channel}: ${detail}`, { channel, providerCode, retryable }, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
  readonly retryAfterMs: number | undefined;
}
