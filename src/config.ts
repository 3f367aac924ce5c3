/**
 * The environment, parsed and validated once into a typed config. A wrong or missing value stops start-up with a
 * `ConfigError` naming the variable and what is expected; nothing else in `src/` reads `process.env`.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';

const url = (protocols: string[]) => {
  const expected = `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`;
  return z.string({ message: expected }).refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: expected },
  );
};

const integer = (min: number, max: number) =>
  z.coerce
    .number({ message: `a whole number from ${min} to ${max}` })
    .int({ message: `a whole number from ${min} to ${max}` })
    .min(min, { message: `a whole number from ${min} to ${max}` })
    .max(max, { message: `a whole number from ${min} to ${max}` });

const pattern = (regex: RegExp, expected: string) =>
  z.string({ message: expected }).regex(regex, { message: expected });

const flag = z.enum(['true', 'false'], { message: 'true or false' }).transform((v) => v === 'true');

export const EnvSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'], { message: 'development, test or production' })
    .default('development'),
  ROLE: z.enum(['web', 'worker', 'all'], { message: 'web, worker or all' }).default('all'),
  WORKER_NICE: integer(0, 19).default(10),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: integer(0, 65535).default(3000),
  PUBLIC_BASE_URL: url(['http:', 'https:']).default('http://localhost:3000'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'a pino level' })
    .default('info'),
  HTTP_BODY_LIMIT_KB: integer(1, 10_240).default(64),
  SHUTDOWN_TIMEOUT_MS: integer(100, 120_000).default(10_000),

  MONGODB_URI: url(['mongodb:', 'mongodb+srv:']),
  REDIS_URL: url(['redis:', 'rediss:']),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}-]+$/, { message: 'letters, digits, _ - { }' })
    .default('niryat'),

  TWILIO_ACCOUNT_SID: pattern(/^AC[0-9a-fA-F]{32}$/, 'AC followed by 32 hex digits'),
  TWILIO_AUTH_TOKEN: z
    .string({ message: 'the account auth token (at least 8 characters)' })
    .min(8, { message: 'the account auth token (at least 8 characters)' }),
  TWILIO_WHATSAPP_FROM: pattern(/^whatsapp:\+[1-9]\d{6,14}$/, 'whatsapp:+<E.164 number>'),
  TWILIO_MESSAGING_SERVICE_SID: z
    .string()
    .regex(/^MG[0-9a-fA-F]{32}$/, { message: 'MG followed by 32 hex digits' })
    .optional(),
  TWILIO_API_BASE_URL: url(['http:', 'https:']).optional(),
  TWILIO_CONTENT_SIDS: z
    .string()
    .default('{}')
    .transform((raw, ctx) => {
      try {
        const parsed: unknown = JSON.parse(raw);
        const result = z.record(z.string(), z.string().regex(/^HX[0-9a-fA-F]{32}$/)).safeParse(parsed);
        if (result.success) return result.data;
      } catch {}
      ctx.addIssue({ code: 'custom', message: 'a JSON object of template key → HX… content SID' });
      return z.NEVER;
    }),

  OUTBOUND_RATE_PER_SECOND: integer(1, 400).default(20),
  OUTBOUND_MAX_ATTEMPTS: integer(1, 20).default(6),
  OUTBOUND_RETRY_BASE_MS: integer(10, 600_000).default(1_000),
  OUTBOUND_LATE_RETRY_MS: integer(10, 3_600_000).default(30_000),
  BROADCAST_QUEUE_AHEAD_SECONDS: integer(1, 86_400).default(60),
  STATUS_BATCH_MS: integer(10, 60_000).default(500),
  INBOUND_CONCURRENCY: integer(1, 256).default(16),
  SESSION_IDLE_MINUTES: integer(1, 60 * 24 * 30).default(60 * 24),
  INBOUND_DEDUPE_DAYS: integer(1, 30).default(7),
  INQUIRY_EXPIRY_DAYS: integer(2, 90).default(14),
  MATCH_TOP_N: integer(1, 50).default(5),
  OFFICER_NUMBERS: z
    .string()
    .default('')
    .transform((value, context) => {
      const numbers = value
        .split(',')
        .map((number) => number.trim())
        .filter(Boolean);
      for (const number of numbers) {
        if (!/^(sim:)?\+[1-9]\d{6,14}$/.test(number)) {
          context.addIssue({ code: 'custom', message: `'${number}' is no number like +919812345678` });
        }
      }
      return numbers;
    }),
  TICKET_REMINDER_MINUTES: integer(5, 7 * 24 * 60).default(120),
  SIMULATOR_ENABLED: flag.optional(),
  SIMULATOR_SECRET: z
    .string()
    .min(16, 'expected at least 16 characters (it opens the simulator to anyone who has it)')
    .optional(),
  FLOWS_DIR: z.string().min(1).default('flows'),
  SPOOL_DIR: z.string().min(1).default('.data/spool'),
  INTAKE_REDIS_TIMEOUT_MS: integer(100, 10_000).default(1_500),
  CONSOLE_SESSION_SECRET: z
    .string()
    .min(32, "expected at least 32 characters (it signs the officers' session cookies)")
    .optional(),
  CONSOLE_SESSION_IDLE_MINUTES: integer(1, 60 * 24 * 7).default(60 * 8),
  CONSOLE_LOGIN_MAX_FAILURES: integer(1, 100).default(5),
  CONSOLE_LOCK_MINUTES: z.coerce
    .number({ message: 'minutes from 0.01 to 1440 (decimals allowed)' })
    .min(0.01, { message: 'minutes from 0.01 to 1440 (decimals allowed)' })
    .max(1440, { message: 'minutes from 0.01 to 1440 (decimals allowed)' })
    .default(15),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  role: Env['ROLE'];
  /** CPU priority (nice) a ROLE=worker process lowers itself to, so that a web process on the same cores answers first. */
  workerNice: number;
  http: { host: string; port: number; publicBaseUrl: string; bodyLimitKb: number };
  logLevel: Env['LOG_LEVEL'];
  shutdownTimeoutMs: number;
  mongodbUri: string;
  redisUrl: string;
  queuePrefix: string;
  twilio: {
    accountSid: string;
    authToken: string;
    whatsappFrom: string;
    messagingServiceSid: string | undefined;
    apiBaseUrl: string | undefined;
    contentSids: Record<string, string>;
  };
  /** `retryBaseMs`: the first retry's delay; each further retry waits twice as long. */
  /**
   * `lateRetryMs`: the wait before sending again a message Twilio reported later as failed for its queue or rate
   * (30001, 63018); doubling for each further try.
   */
  outbound: {
    ratePerSecond: number;
    maxAttempts: number;
    retryBaseMs: number;
    lateRetryMs: number;
    statusBatchMs: number;
  };
  /** A broadcast queues this many seconds of sends (at the send rate) ahead of them, not its whole audience at once. */
  broadcasts: { queueAheadSeconds: number };
  inbound: { concurrency: number; dedupeDays: number };
  sessionIdleMinutes: number;
  /** Days an inquiry stays open (the buyer is reminded a day before); how many sellers each inquiry alerts. */
  inquiries: { expiryDays: number; topN: number };
  /** District officers' numbers (allow-list): they answer tickets on WhatsApp; reminded after `reminderMinutes`. */
  officers: { numbers: string[]; reminderMinutes: number };
  simulatorEnabled: boolean;
  /** Opens the simulator beyond this machine to whoever has it; without it, the simulator is local only. */
  simulatorSecret: string | undefined;
  /** Directory of the flow files, resolved against the working directory. */
  flowsDir: string;
  /** Webhooks that arrive while Redis is away wait here (durable, this machine's disk) until it is back. */
  spoolDir: string;
  /** How long a webhook waits for Redis before its message goes to the spool. */
  intakeRedisTimeoutMs: number;
  /**
   * The officers' web console. `sessionSecret` is undefined only in production without CONSOLE_SESSION_SECRET:
   * the console then stays off (a fixed development secret would let anyone forge a session there).
   */
  console: {
    sessionSecret: string | undefined;
    sessionIdleMinutes: number;
    loginMaxFailures: number;
    lockMinutes: number;
  };
}

/** Signs console sessions outside production only; production needs its own CONSOLE_SESSION_SECRET. */
const DEVELOPMENT_CONSOLE_SECRET = 'niryat-setu-development-console-secret-not-for-production';

/** Parses the environment. Throws a `ConfigError` for the first wrong variable, in the order of `.env.example`. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set", as in a .env line `FOO=`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const given = cleaned[variable];
    const expected =
      given === undefined ? `missing; expected ${issue.message}` : `expected ${issue.message}, got '${given}'`;
    throw new ConfigError(variable, expected);
  }
  const env = result.data;
  return {
    env: env.NODE_ENV,
    role: env.ROLE,
    workerNice: env.WORKER_NICE,
    http: {
      host: env.HOST,
      port: env.PORT,
      publicBaseUrl: env.PUBLIC_BASE_URL.replace(/\/$/, ''),
      bodyLimitKb: env.HTTP_BODY_LIMIT_KB,
    },
    logLevel: env.LOG_LEVEL,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    mongodbUri: env.MONGODB_URI,
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX,
    twilio: {
      accountSid: env.TWILIO_ACCOUNT_SID,
      authToken: env.TWILIO_AUTH_TOKEN,
      whatsappFrom: env.TWILIO_WHATSAPP_FROM,
      messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID,
      apiBaseUrl: env.TWILIO_API_BASE_URL,
      contentSids: env.TWILIO_CONTENT_SIDS,
    },
    outbound: {
      ratePerSecond: env.OUTBOUND_RATE_PER_SECOND,
      maxAttempts: env.OUTBOUND_MAX_ATTEMPTS,
      retryBaseMs: env.OUTBOUND_RETRY_BASE_MS,
      lateRetryMs: env.OUTBOUND_LATE_RETRY_MS,
      statusBatchMs: env.STATUS_BATCH_MS,
    },
    broadcasts: { queueAheadSeconds: env.BROADCAST_QUEUE_AHEAD_SECONDS },
    inbound: { concurrency: env.INBOUND_CONCURRENCY, dedupeDays: env.INBOUND_DEDUPE_DAYS },
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    inquiries: { expiryDays: env.INQUIRY_EXPIRY_DAYS, topN: env.MATCH_TOP_N },
    officers: { numbers: env.OFFICER_NUMBERS, reminderMinutes: env.TICKET_REMINDER_MINUTES },
    // The simulator bypasses WhatsApp, so it is off in production unless asked for.
    simulatorEnabled: env.SIMULATOR_ENABLED ?? env.NODE_ENV !== 'production',
    simulatorSecret: env.SIMULATOR_SECRET,
    flowsDir: resolve(env.FLOWS_DIR),
    spoolDir: resolve(env.SPOOL_DIR),
    intakeRedisTimeoutMs: env.INTAKE_REDIS_TIMEOUT_MS,
    console: {
      sessionSecret:
        env.CONSOLE_SESSION_SECRET ?? (env.NODE_ENV === 'production' ? undefined : DEVELOPMENT_CONSOLE_SECRET),
      sessionIdleMinutes: env.CONSOLE_SESSION_IDLE_MINUTES,
      loginMaxFailures: env.CONSOLE_LOGIN_MAX_FAILURES,
      lockMinutes: env.CONSOLE_LOCK_MINUTES,
    },
  };
}
