/**
 * How the admin API answers what went wrong: 400 naming the first bad field, 404 for an unknown id, 409/422 for a
 * domain refusal. Messages name fields and codes, never a person's number (they reach logs and screens).
 */
import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';
import { AppError } from '../../errors.js';
import { maskPhoneNumbers } from '../../log.js';

export type InputPart = 'params' | 'query' | 'body';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error: string; field?: string; in?: InputPart; message?: string },
  ) {
    super(body.message ?? body.error);
  }
}

export function notFound(what: string): ApiError {
  return new ApiError(404, { error: 'not_found', message: `no such ${what}` });
}

export function conflict(error: string, message: string): ApiError {
  return new ApiError(409, { error, message });
}

/** The first problem zod found, as the field's path (`content.text.hi`, `status[$ne]`) and what is wrong with it. */
export function invalidInput(part: InputPart, error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).map(String);
  if (issue?.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return new ApiError(400, {
      error: 'invalid',
      field: [...path, key].join('.'),
      in: part,
      message: `unknown field '${key}'`,
    });
  }
  return new ApiError(400, {
    error: 'invalid',
    field: path.join('.') || part,
    in: part,
    message: issue?.message ?? 'invalid',
  });
}

/** Domain errors by code: what the officer can fix (422) or what the record's state refuses (409). */
const DOMAIN_STATUS: Readonly<Record<string, number>> = {
  GROUP_CODE_TAKEN: 409,
  INVALID_GROUP_CODE: 422,
  INVALID_BROADCAST: 422,
  BROADCAST_NOT_EDITABLE: 409,
  BROADCAST_NOT_FOUND: 404,
  SELLER_NOT_FOUND: 404,
  INQUIRY_NOT_FOUND: 404,
};

export const apiErrorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  if (error instanceof ApiError) {
    res.status(error.status).json(error.body);
    return;
  }
  if (error instanceof AppError && DOMAIN_STATUS[error.code]) {
    const status = DOMAIN_STATUS[error.code] as number;
    const field = typeof error.context.field === 'string' ? { field: error.context.field, in: 'body' as const } : {};
    res.status(status).json({
      error: status === 404 ? 'not_found' : error.code.toLowerCase(),
      ...field,
      message: maskPhoneNumbers(error.message),
    });
    return;
  }
  req.log?.error({ err: error }, 'admin api request failed');
  res.status(500).json({ error: 'internal_error' });
};
