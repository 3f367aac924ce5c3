/**
 * The console's JSON error answers, one shape for all: `{ error, field?, message: { hi, en } }`. `error` is a
 * stable code for scripts; `message` is what an officer reads.
 */
import type { Response } from 'express';
import type { z } from 'zod';

export interface Bilingual {
  hi: string;
  en: string;
}

export function sendError(
  res: Response,
  status: number,
  error: string,
  message: Bilingual,
  extra: Record<string, unknown> = {},
): void {
  res.status(status).json({ error, ...extra, message });
}

/** 400 naming the first field the input got wrong (a path like `audience.groups.0`). */
export function sendInvalidInput(res: Response, zodError: z.ZodError): void {
  const issue = zodError.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
  sendError(
    res,
    400,
    'invalid_input',
    { hi: `"${field}" सही नहीं है: ${issue?.message ?? ''}`, en: `"${field}" is not valid: ${issue?.message ?? ''}` },
    { field, detail: issue?.message },
  );
}
