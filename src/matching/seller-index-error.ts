import { AppError } from '../errors.js';
import { maskPhoneNumbers } from '../log.js';

/**
 * The seller index could not do what was asked (Redis refused or is gone, or a stored entry is unreadable). Seller
 * ids are phone numbers, so neither the message nor the context names one, and the Redis error kept as the cause
 * is a copy without the command's arguments (ioredis attaches them to its errors) and with numbers masked.
 */
export class SellerIndexError extends AppError {
  constructor(operation: string, detail: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super(
      'SELLER_INDEX_FAILED',
      `seller index ${operation}: ${maskPhoneNumbers(detail)}`,
      { operation, ...context },
      cause === undefined ? undefined : { cause: withoutPersonalData(cause) },
    );
  }
}

/** Wraps whatever a Redis call threw; a SellerIndexError passes through. */
export function indexFailure(
  operation: string,
  error: unknown,
  context: Record<string, unknown> = {},
): SellerIndexError {
  if (error instanceof SellerIndexError) return error;
  return new SellerIndexError(operation, describe(error), context, error);
}

function withoutPersonalData(error: unknown): Error {
  const copy = new Error(maskPhoneNumbers(describe(error)));
  copy.name = error instanceof Error ? error.name : 'Error';
  return copy;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
