/**
 * When a broadcast's runs start: a "fire" job on the broadcasts queue, now or delayed to its time, or made by a
 * BullMQ job scheduler each period of a recurring one (its cron read in Asia/Kolkata). A fire job names the
 * version it was planned for: after an edit (which plans a new one and removes the old), a fire job of the old
 * version that got away starts nothing. A run's key is the broadcast and the version (or the period's time), so a
 * fire job that runs twice starts one fan-out.
 */
import { type Job, type Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { BroadcastRecord } from '../domain/broadcasts/broadcast-model.js';
import type { Broadcasts } from '../domain/broadcasts/broadcasts.js';
import type { Logger } from '../log.js';
import { jobId, QUEUE_NAMES } from '../queue/queues.js';
import { BROADCAST, type BroadcastRunPayload } from './broadcast-fan-out.js';

export const BROADCAST_TIME_ZONE = 'Asia/Kolkata';

interface FireJobData {
  broadcastId: string;
  version: number;
}

export class BroadcastSchedule {
  constructor(private readonly queue: Queue) {}

  /** Plans the broadcast's runs as its schedule says. */
  async plan(broadcast: BroadcastRecord): Promise<void> {
    const data: FireJobData = { broadcastId: broadcast._id, version: broadcast.version };
    const { schedule } = broadcast;
    if (schedule.kind === 'recurring') {
      await this.queue.upsertJobScheduler(
        schedulerId(broadcast._id),
        { pattern: schedule.cron, tz: BROADCAST_TIME_ZONE },
        { name: 'fire', data, opts: { removeOnComplete: { age: 30 * 24 * 60 * 60 }, attempts: 10 } },
      );
      return;
    }
    const at = schedule.kind === 'at' ? new Date(schedule.at).getTime() : Date.now();
    await this.queue.add('fire', data, {
      jobId: fireJobId(broadcast._id, broadcast.version),
      delay: Math.max(0, at - Date.now()),
      attempts: 10,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { age: 30 * 24 * 60 * 60 },
    });
  }

  /** Removes what `plan` planned for this version (a job that already started is not stopped here). */
  async unplan(broadcast: BroadcastRecord): Promise<void> {
    await this.queue.removeJobScheduler(schedulerId(broadcast._id));
    const job = await this.queue.getJob(fireJobId(broadcast._id, broadcast.version));
    if (job && (await job.isDelayed())) await job.remove();
  }

  /** Starts a run now (a paused broadcast whose time came while paused). */
  async fireNow(broadcast: BroadcastRecord): Promise<void> {
    await this.queue.add('fire', { broadcastId: broadcast._id, version: broadcast.version } satisfies FireJobData, {
      jobId: jobId('bcast-resumed', broadcast._id, `v${broadcast.version}`),
      attempts: 10,
      removeOnComplete: { age: 30 * 24 * 60 * 60 },
    });
  }
}

function schedulerId(broadcastId: string): string {
  return jobId('bcast', broadcastId);
}

function fireJobId(broadcastId: string, version: number): string {
  return jobId('bcast', broadcastId, `v${version}`);
}

/** The key of the run a fire job starts: per version, or per period of a recurring broadcast. */
function runKeyOf(job: Job<FireJobData>, broadcast: BroadcastRecord): string {
  const period = job.opts.prevMillis;
  return broadcast.schedule.kind === 'recurring' && period !== undefined
    ? `bcast:${broadcast._id}:t${period}`
    : `bcast:${broadcast._id}:v${broadcast.version}`;
}

export function createBroadcastWorker(deps: {
  connection: Redis;
  prefix: string;
  broadcasts: Broadcasts;
  startFanOut(kind: string, key: string, payload: BroadcastRunPayload): Promise<void>;
  logger: Logger;
}): Worker<FireJobData> {
  return new Worker<FireJobData>(
    QUEUE_NAMES.broadcasts,
    async (job) => {
      const { broadcastId, version } = job.data;
      const broadcast = await deps.broadcasts.find(broadcastId);
      if (!broadcast || broadcast.version !== version) return { started: false, reason: 'replaced' };
      if (broadcast.status === 'cancelled' || broadcast.status === 'paused' || broadcast.status === 'draft') {
        deps.logger.info({ broadcastId, status: broadcast.status }, 'broadcast run not started');
        return { started: false, reason: broadcast.status };
      }
      const runKey = runKeyOf(job, broadcast);
      const at = new Date();
      await deps.broadcasts.recordRun(broadcastId, runKey, at);
      await deps.broadcasts.setStatus(broadcastId, 'sending', at);
      await deps.startFanOut(BROADCAST, runKey, { broadcastId, runKey });
      deps.logger.info({ broadcastId, runKey }, 'broadcast run started');
      return { started: true, runKey };
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: 1 },
  );
}
