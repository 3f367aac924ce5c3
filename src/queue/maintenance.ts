/**
 * Periodic housekeeping, as BullMQ job schedulers (one run per interval across all workers):
 * - sweep-mailboxes: schedules a drain for users whose messages wait with no live drainer (a crashed worker);
 * - sweep-statuses: resumes delivery-report batches abandoned by a flush, and flushes reports left without one;
 * - expire-sessions: clears half-finished conversations idle for longer than the configured time, so their answers
 *   do not linger (FerretDB has no TTL indexes, and expiry here is a job anyway).
 */
import { type Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { trusted } from 'mongoose';
import type { SessionModel } from '../conversation/session-model.js';
import type { Mailbox } from '../inbound/mailbox.js';
import type { StatusInbox } from '../outbound/status-inbox.js';
import type { Logger } from '../log.js';
import { inboundJobOptions, jobId, QUEUE_NAMES } from './queues.js';

export const SWEEP_EVERY_MS = 30_000;
export const EXPIRE_EVERY_MS = 10 * 60_000;

export async function scheduleMaintenance(maintenance: Queue): Promise<void> {
  await maintenance.upsertJobScheduler('sweep-mailboxes', { every: SWEEP_EVERY_MS }, { name: 'sweep-mailboxes' });
  await maintenance.upsertJobScheduler('sweep-statuses', { every: SWEEP_EVERY_MS }, { name: 'sweep-statuses' });
  await maintenance.upsertJobScheduler('expire-sessions', { every: EXPIRE_EVERY_MS }, { name: 'expire-sessions' });
}

export interface MaintenanceDeps {
  connection: Redis;
  prefix: string;
  mailbox: Mailbox;
  statusInbox: StatusInbox;
  inbound: Queue;
  sessions: SessionModel;
  sessionIdleMs: number;
  logger: Logger;
}

export async function sweepMailboxes(deps: Pick<MaintenanceDeps, 'mailbox' | 'inbound'>, now: Date): Promise<number> {
  const users = await deps.mailbox.orphanedUsers();
  const bucket = String(Math.floor(now.getTime() / SWEEP_EVERY_MS));
  await deps.inbound.addBulk(
    users.map((user) => ({
      name: 'drain',
      data: { user },
      opts: { ...inboundJobOptions(), jobId: jobId('sweep', user, bucket) },
    })),
  );
  return users.length;
}

export async function expireSessions(
  deps: Pick<MaintenanceDeps, 'sessions' | 'sessionIdleMs'>,
  now: Date,
): Promise<number> {
  const cutoff = new Date(now.getTime() - deps.sessionIdleMs);
  const result = await deps.sessions.updateMany(
    // Our own operators are marked trusted: sanitizeFilter would otherwise treat them as user data.
    { updatedAt: trusted({ $lt: cutoff }), flowId: trusted({ $exists: true }) },
    { $unset: { flowId: 1, stepId: 1, flowVersion: 1 }, $set: { answers: {}, history: [], retries: 0 } },
  );
  return result.modifiedCount;
}

export function createMaintenanceWorker(deps: MaintenanceDeps): Worker {
  return new Worker(
    QUEUE_NAMES.maintenance,
    async (job) => {
      const now = new Date();
      if (job.name === 'sweep-mailboxes') {
        const swept = await sweepMailboxes(deps, now);
        if (swept > 0) deps.logger.warn({ swept }, 'rescheduled drains for orphaned mailboxes');
        return swept;
      }
      if (job.name === 'sweep-statuses') {
        const resumed = await deps.statusInbox.sweep(now);
        if (resumed > 0) deps.logger.warn({ resumed }, 'resumed abandoned delivery-report batches');
        return resumed;
      }
      if (job.name === 'expire-sessions') return expireSessions(deps, now);
      return undefined;
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: 1 },
  );
}
