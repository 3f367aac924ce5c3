/**
 * Consumes "drain" jobs: handles a user's waiting messages in order under that user's lock. A message that keeps
 * failing (a bug, bad data) is set aside after a few tries instead of blocking everything the user sends after it.
 */
import { DelayedError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { InboundMessage } from '../channels/channel.js';
import type { Logger } from '../log.js';
import { QUEUE_NAMES } from '../queue/queues.js';
import { messageKey } from './handle-inbound.js';
import type { DeadLetters } from './dead-letters.js';
import type { Mailbox } from './mailbox.js';

const MAX_FAILURES_PER_MESSAGE = 5;
/** How soon a drain that found its user's lock held looks again. */
const BUSY_RETRY_MS = 200;
const DAY_SECONDS = 24 * 60 * 60;

export interface InboundWorkerDeps {
  connection: Redis;
  /** A non-blocking connection for the failure counters. */
  redis: Redis;
  prefix: string;
  concurrency: number;
  mailbox: Mailbox;
  deadLetters: DeadLetters;
  /** Handles one message; `waitingBehind` of the sender's messages wait after it (they weigh on its replies' turn). */
  handle: (message: InboundMessage, waitingBehind: number) => Promise<void>;
  logger: Logger;
}

export function createInboundWorker(deps: InboundWorkerDeps): Worker {
  const handleOrSetAside = async (message: InboundMessage, waitingBehind: number) => {
    try {
      await deps.handle(message, waitingBehind);
    } catch (error) {
      const key = messageKey(message);
      const failuresKey = `${deps.prefix}:inbox:failures:${key}`;
      const failures = await deps.redis.incr(failuresKey);
      await deps.redis.expire(failuresKey, DAY_SECONDS);
      if (failures < MAX_FAILURES_PER_MESSAGE) throw error;
      deps.logger.error({ err: error, key, failures }, 'inbound message set aside after repeated failures');
      await deps.deadLetters.setAside(key, message, error, failures, new Date());
      await deps.redis.del(failuresKey);
    }
  };
  return new Worker(
    QUEUE_NAMES.inbound,
    async (job, token) => {
      const { user, all } = job.data as { user: string; all?: boolean };
      // One message per drain job (each message has its own job), so that drains take turns across people; the
      // sweeper's drains (`all`) take a whole mailbox, since nothing else is scheduled for it.
      const outcome = await deps.mailbox.drain(user, job.id!, handleOrSetAside, all ? Number.POSITIVE_INFINITY : 1);
      if (outcome === 'busy') {
        // Another drain is handling this user; this job's message is still to come: look again shortly.
        await job.moveToDelayed(Date.now() + BUSY_RETRY_MS, token);
        throw new DelayedError();
      }
      return outcome;
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: deps.concurrency },
  );
}
