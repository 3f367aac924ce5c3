/**
 * Where a verified webhook goes: into Redis (the mailbox, or the delivery-status inbox) when Redis answers in
 * time, else into the local spool (spool.ts), which replays it when Redis is back. The webhook route answers 200
 * for `accepted`, `duplicate`, `staged` and `spooled` alike, and 503 on `IntakeUnavailableError`, when neither
 * Redis nor the disk could keep the message: Twilio then uses its fallback URL, and nothing was half-stored.
 */
import type { InboundMessage, StatusUpdate } from '../channels/channel.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { AcceptInbound } from './accept-inbound.js';
import type { Spool, SpooledItem } from './spool.js';

export class IntakeUnavailableError extends AppError {
  constructor(what: string, cause: unknown) {
    super('INTAKE_UNAVAILABLE', `${what}: Redis did not answer and the spool could not keep it`, { what }, { cause });
  }
}

export interface IntakeDeps {
  acceptInbound: AcceptInbound;
  applyStatus: (channel: string, update: StatusUpdate) => Promise<void>;
  spool: Spool;
  /** How long a webhook waits for Redis before its message goes to the spool (well inside Twilio's 15 s). */
  redisTimeoutMs: number;
  logger: Logger;
}

export interface Intake {
  inbound(message: InboundMessage): Promise<'accepted' | 'duplicate' | 'spooled'>;
  status(channel: string, update: StatusUpdate): Promise<'staged' | 'spooled'>;
  /** Moves what waits in the spool into Redis; returns how many, or 0 when Redis is still away. */
  replay(): Promise<number>;
  /** How many spool segments wait. */
  waiting(): number;
}

class RedisTimeout extends Error {}

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RedisTimeout(`no answer from Redis within ${ms} ms`)), ms);
  });
  // A late result of the abandoned attempt is harmless (a replay is dropped as a duplicate); its error is not news.
  work.catch(() => {});
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createIntake(deps: IntakeDeps): Intake {
  let replaying: Promise<number> | undefined;

  const keep = (item: SpooledItem, what: string, cause: unknown) => {
    try {
      deps.spool.append(item);
    } catch (error) {
      throw new IntakeUnavailableError(what, error);
    }
    deps.logger.warn({ err: cause, kind: item.kind }, 'Redis unavailable: webhook kept in the local spool');
  };

  const replayItem = async (item: SpooledItem) => {
    if (item.kind === 'inbound') {
      const message = item.message as unknown as InboundMessage & { receivedAt: string };
      await deps.acceptInbound({ ...message, receivedAt: new Date(message.receivedAt) });
    } else {
      const update = item.update as unknown as StatusUpdate & { at: string };
      await deps.applyStatus(item.channel, { ...update, at: new Date(update.at) });
    }
  };

  /**
   * Hands `item` to Redis through `accept` within the time allowed, or keeps it in the spool: behind whatever
   * already waits there (so one person's messages keep their order), or because Redis did not answer in time.
   */
  const intoRedisOrSpool = async <T>(
    item: SpooledItem,
    what: string,
    accept: () => Promise<T>,
  ): Promise<T | 'spooled'> => {
    if (!deps.spool.isEmpty) {
      keep(item, what, 'spool not yet replayed');
      return 'spooled';
    }
    try {
      return await withinTime(accept(), deps.redisTimeoutMs);
    } catch (error) {
      keep(item, what, error);
      return 'spooled';
    }
  };

  return {
    inbound: (message) =>
      intoRedisOrSpool(
        { kind: 'inbound', message: { ...message } as unknown as Record<string, unknown> },
        'inbound message',
        () => deps.acceptInbound(message),
      ),

    status: (channel, update) =>
      intoRedisOrSpool(
        { kind: 'status', channel, update: { ...update } as unknown as Record<string, unknown> },
        'delivery report',
        async () => {
          await deps.applyStatus(channel, update);
          return 'staged' as const;
        },
      ),

    waiting: () => deps.spool.count,

    replay() {
      // One replay at a time: a second caller waits for the one running.
      replaying ??= deps.spool
        .replay(replayItem)
        .catch((error) => {
          deps.logger.warn({ err: error }, 'spool replay paused: Redis still unavailable');
          return 0;
        })
        .then((count) => {
          if (count > 0) deps.logger.info({ count }, 'replayed spooled webhooks into Redis');
          return count;
        })
        .finally(() => {
          replaying = undefined;
        });
      return replaying;
    },
  };
}

/** How often a web process looks for Redis to come back while webhooks wait in its spool. */
export const REPLAY_EVERY_MS = 500;

/** Replays the spool whenever something waits in it and Redis answers; `stop` ends the loop at shutdown. */
export function startSpoolReplayer(intake: Intake, redisUp: () => Promise<boolean>): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(async () => {
        if (stopped || intake.waiting() === 0 || !(await redisUp())) return;
        await intake.replay();
      })
      .catch(() => {}); // replay logs its own failures; the next tick tries again
  }, REPLAY_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
