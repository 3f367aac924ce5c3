/**
 * Periodic housekeeping as BullMQ job schedulers: one run per interval across all workers. The queue knows only
 * that a task has a name, an interval and something to run; each task lives with the module whose data it keeps
 * (the mailbox sweep in inbound/, the delivery-report sweep in outbound/, session expiry in domain/sessions/), and
 * the composition root hands them in.
 */
import { type Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { QUEUE_NAMES } from './queues.js';

export interface MaintenanceTask {
  /** The scheduler's and job's name, e.g. `sweep-mailboxes`. */
  name: string;
  everyMs: number;
  /** Does one round; returns how much it did (logged when not zero, if `report` says how). */
  run(now: Date): Promise<number>;
  /** A log line for a round that did something, e.g. "rescheduled drains for orphaned mailboxes". */
  report?: string;
}

export async function scheduleMaintenance(maintenance: Queue, tasks: readonly MaintenanceTask[]): Promise<void> {
  for (const task of tasks) {
    await maintenance.upsertJobScheduler(task.name, { every: task.everyMs }, { name: task.name });
  }
}

export interface MaintenanceWorkerDeps {
  connection: Redis;
  prefix: string;
  tasks: readonly MaintenanceTask[];
  logger: Logger;
}

export function createMaintenanceWorker(deps: MaintenanceWorkerDeps): Worker {
  const byName = new Map(deps.tasks.map((task) => [task.name, task]));
  return new Worker(
    QUEUE_NAMES.maintenance,
    async (job) => {
      const task = byName.get(job.name);
      if (!task) {
        deps.logger.warn({ job: job.name }, 'maintenance job with no task of that name (left from an older version?)');
        return undefined;
      }
      const done = await task.run(new Date());
      if (done > 0 && task.report) deps.logger.warn({ task: task.name, done }, task.report);
      return done;
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: 1 },
  );
}
