/**
 * Every queue's name, options and job-id rule in one place. Web processes add jobs (producer connection); workers
 * consume them (blocking connection). Job ids derive from business keys, so adding the same work twice is a no-op
 * and a retried send never produces a second message.
 */
import { createHash } from 'node:crypto';
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export const QUEUE_NAMES = {
  /** One job per accepted inbound message: "drain this user's mailbox". */
  inbound: 'inbound',
  /** One job per outbound message part; rate-limited per queue across all workers. */
  outbound: 'outbound',
  /** Writes of staged delivery reports, one batch per job, one job at a time across all workers. */
  statuses: 'statuses',
  /** Periodic housekeeping: mailbox sweeper, session expiry. */
  maintenance: 'maintenance',
  /** One job per fan-out (a group post, an inquiry's alerts, a broadcast): expands its audience into sends. */
  fanOut: 'fan-out',
  /** A broadcast's runs coming due: at a time, or each period of a recurring one (BullMQ job schedulers). */
  broadcasts: 'broadcasts',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

const DAY_SECONDS = 24 * 60 * 60;

/**
 * A stable tag for a value that must not appear in a job id or a log line (a phone number): the first 16 hex digits
 * of its SHA-256. Enough to tell users apart and to find the same one again; not the number.
 */
export function anonymousTag(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}

/** Custom job ids must not contain ':' (BullMQ uses it in its own keys). */
export function jobId(...parts: string[]): string {
  return parts.map((part) => part.replace(/[^A-Za-z0-9_.+-]/g, '_')).join('-');
}

/** BullMQ's priorities run from 1 (first) to 2^21 - 1. */
const LOWEST_PRIORITY = 2 ** 21 - 1;

/**
 * The priority of a person's message (a drain, a send) from its place among that person's waiting work: everyone's
 * next before anyone's later ones, which is round-robin across people while each person's own stay in order. A
 * send's place also counts the person's messages not yet handled (see dispatch.ts), so the one with the least
 * waiting goes first: a newcomer's first reply passes the replies of people who sent a burst, rather than queueing
 * behind one message per other person.
 *
 * A first place gets no priority at all (0): BullMQ takes such jobs from its plain wait list, first in first out,
 * before any prioritized one, which is the same order and costs less than its priority set. Only messages queued
 * behind the same person's earlier ones pay for the priority.
 */
export function placePriority(place: number): number {
  const rounded = Math.round(place);
  return rounded <= 1 ? 0 : Math.min(LOWEST_PRIORITY - 1, rounded);
}

/**
 * Bulk messages (a fan-out's) come after every conversational reply: a person's reply never waits behind a relay or
 * a broadcast, while bulk sends use the rate the replies leave free.
 */
export const BULK_PRIORITY = LOWEST_PRIORITY;

export function inboundJobOptions(): JobsOptions {
  return {
    attempts: 10,
    backoff: { type: 'exponential', delay: 500 },
    removeOnComplete: { age: DAY_SECONDS, count: 100_000 },
    removeOnFail: { age: 7 * DAY_SECONDS },
  };
}

/** `retryBaseMs` (OUTBOUND_RETRY_BASE_MS) is the first retry's delay; each further retry waits twice as long. */
export function outboundJobOptions(maxAttempts: number, retryBaseMs = 1_000): JobsOptions {
  return {
    attempts: maxAttempts,
    backoff: { type: 'exponential', delay: retryBaseMs },
    removeOnComplete: { age: DAY_SECONDS, count: 100_000 },
    removeOnFail: { age: 7 * DAY_SECONDS },
  };
}

/**
 * A flush of staged delivery reports (see status-inbox.ts). Retried under the same id, so it resumes the batch it
 * claimed; finished flushes are of no further interest and are not kept.
 */
export function statusFlushJobOptions(): JobsOptions {
  return {
    attempts: 10,
    backoff: { type: 'exponential', delay: 500 },
    removeOnComplete: true,
    removeOnFail: { age: 7 * DAY_SECONDS },
  };
}

export interface Queues {
  inbound: Queue;
  outbound: Queue;
  statuses: Queue;
  maintenance: Queue;
  fanOut: Queue;
  broadcasts: Queue;
  close(): Promise<void>;
}

export function createQueues(connection: Redis, prefix: string): Queues {
  const make = (name: QueueName) => {
    const queue = new Queue(name, { connection, prefix });
    // Without a listener BullMQ prints every reconnect attempt while Redis is away; a failed call reports itself
    // to its caller (and the webhook's message goes to the spool), and /readyz reports Redis.
    queue.on('error', () => {});
    return queue;
  };
  const inbound = make(QUEUE_NAMES.inbound);
  const outbound = make(QUEUE_NAMES.outbound);
  const statuses = make(QUEUE_NAMES.statuses);
  const maintenance = make(QUEUE_NAMES.maintenance);
  const fanOut = make(QUEUE_NAMES.fanOut);
  const broadcasts = make(QUEUE_NAMES.broadcasts);
  const all = [inbound, outbound, statuses, maintenance, fanOut, broadcasts];
  return {
    inbound,
    outbound,
    statuses,
    maintenance,
    fanOut,
    broadcasts,
    close: async () => {
      await Promise.all(all.map((queue) => queue.close()));
    },
  };
}
