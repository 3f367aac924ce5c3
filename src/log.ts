/**
 * Structured logs (pino). Phone numbers are personal data: they are redacted from known fields and masked inside
 * free text, so logs can be shared with an operator without leaking who wrote to the bot.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

const PHONE_IN_TEXT = /(\+?\d{2,3})\d{5,}(\d{2})/g;

/** `+919812345678` → `+91*******78`: enough to tell numbers apart in a log, not enough to call one. */
export function maskPhoneNumbers(text: string): string {
  return text.replace(PHONE_IN_TEXT, (_match, head: string, tail: string) => `${head}*******${tail}`);
}

export const REDACTED_PATHS = [
  'from',
  'to',
  'phone',
  '*.from',
  '*.to',
  '*.phone',
  'req.body.From',
  'req.body.To',
  'req.body.WaId',
  'req.body.Body',
  'req.headers["x-twilio-signature"]',
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'niryat-setu' },
      redact: {
        paths: REDACTED_PATHS,
        censor: (value) => (typeof value === 'string' ? maskPhoneNumbers(value) : '[redacted]'),
      },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        // Free-text fields (error messages, URLs with query strings) can carry a number too.
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? maskPhoneNumbers(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination,
  );
}
