/**
 * Consumes "flush" jobs: writes one batch of staged delivery reports (see status-inbox.ts). The queue's global
 * concurrency is 1, so batches are written one after another across every worker process; delivery-status.ts relies
 * on that to check and write a status without a lock.
 */
import { type Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { QUEUE_NAMES } from '../queue/queues.js';
import type { DeliveryStatusBook } from './delivery-status.js';
import { isLateFailure, type LateFailures } from './late-failures.js';
import type { StatusFlushJobData, StatusInbox } from './status-inbox.js';

const STALLED_FLUSH_LOCK_MS = 10_000;
const STALLED_FLUSH_CHECK_MS = 5_000;

export interface StatusWorkerDeps {
  connection: Redis;
  prefix: string;
  inbox: StatusInbox;
  book: DeliveryStatusBook;
  /** Acts on failures reported after the send (see late-failures.ts); without it they are only recorded. */
  lateFailures?: LateFailures;
  logger: Logger;
}

/** Makes the statuses queue run one flush at a time across all workers; safe to call from every worker process. */
export async function limitToOneFlush(statuses: Queue): Promise<void> {
  await statuses.setGlobalConcurrency(1);
}

export function createStatusWorker(deps: StatusWorkerDeps): Worker<StatusFlushJobData> {
  return new Worker<StatusFlushJobData>(
    QUEUE_NAMES.statuses,
    async (job) => {
      const batch = job.data.batch ?? deps.inbox.batchKey(job.id!);
      const claimed = await deps.inbox.claim(batch, job.data.batch !== undefined);
      const entries = claimed.reports.length + claimed.sends.length;
      if (entries === 0) return { entries };
      const outcomes = await deps.book.applyBatch(claimed);
      // Before the batch is marked written: a flush retried after a crash acts on them again (which is safe).
      if (deps.lateFailures) {
        for (const report of claimed.reports.filter(isLateFailure)) await deps.lateFailures.handle(report, new Date());
      }
      await deps.inbox.written(batch);
      if (outcomes.missing > 0) {
        deps.logger.warn({ missing: outcomes.missing }, 'delivery reports for messages that are not stored');
      }
      return { entries, ...outcomes };
    },
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: 1,
      // One flush at a time across all workers: a flush taken by a worker that died holds every later one back until
      // it is found stalled. BullMQ's defaults (a 30 s lock, checked every 30 s) held delivery reports, and the
      // action on late failures, for about 70 s after a kill -9; a flush renews its lock while it runs.
      lockDuration: STALLED_FLUSH_LOCK_MS,
      stalledInterval: STALLED_FLUSH_CHECK_MS,
    },
  );
}

/**
 * The delivery-report sweep (every 30 s): resumes batches abandoned by a flush, and schedules a flush for reports
 * left without one.
 */
export function statusSweepTask(inbox: StatusInbox) {
  return {
    name: 'sweep-statuses',
    everyMs: 30_000,
    run: (now: Date) => inbox.sweep(now),
    report: 'resumed abandoned delivery-report batches',
  };
}
