/**
 * Consumes "send" jobs through the one rate-limited outbound queue. Retryable failures (rate limits, 5xx, network)
 * back off and retry; permanent ones (invalid number, opted out, outside the 24-hour window) fail at once. The
 * provider id is stored before the job completes, so a job that runs again does not send again.
 */
import { DelayedError, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { trusted } from 'mongoose';
import type { OutboundMessage } from '../channels/channel.js';
import type { ChannelRegistry } from '../channels/channel-registry.js';
import { SendError } from '../errors.js';
import type { Metrics } from '../http/metrics.js';
import type { Logger } from '../log.js';
import { QUEUE_NAMES } from '../queue/queues.js';
import type { DeliveryStatusBook } from './delivery-status.js';
import { type OutboundModel, type OutboundRecord, STATUS_RANK } from './outbound-model.js';

export interface SendWorkerDeps {
  connection: Redis;
  prefix: string;
  outbound: OutboundModel;
  /** Where status reports that beat the stored provider id wait. */
  statuses: DeliveryStatusBook;
  channels: ChannelRegistry;
  ratePerSecond: number;
  /** Template key → approved Content SID, for interactive messages. */
  contentSids: Record<string, string>;
  metrics: Metrics;
  logger: Logger;
}

/**
 * One person's messages go out in the order they were stored (the parts of a long reply, the replies of one turn,
 * then the next turn's), although many sends run at once: a message waits while an earlier one to the same person
 * is still unsent, checking again every ORDER_RECHECK_MS. Earlier messages older than ORDER_HOLD_MAX_MS no longer
 * hold anything back, so a message stuck in long retries (or stored and never queued) delays the rest only so long.
 */
const ORDER_RECHECK_MS = 30;
const ORDER_HOLD_MAX_MS = 60_000;

export function createSendWorker(deps: SendWorkerDeps): Worker {
  const worker: Worker = new Worker(
    QUEUE_NAMES.outbound,
    async (job, token) => {
      const { outboundId } = job.data as { outboundId: string };
      const record = await deps.outbound.findById(outboundId).lean<OutboundRecord>();
      if (!record) return 'missing';
      if (record.providerId || record.status === 'failed') return 'done-before';
      if (await earlierUnsent(deps.outbound, record, Date.now())) {
        await job.moveToDelayed(Date.now() + ORDER_RECHECK_MS, token);
        throw new DelayedError();
      }
      const channel = deps.channels.get(record.channel);
      try {
        const result = await channel.send(toMessage(record, deps.contentSids));
        await deps.outbound.updateOne(
          { _id: outboundId },
          {
            $set: { providerId: result.providerId, status: result.status, statusRank: STATUS_RANK[result.status] },
            // An earlier attempt's error no longer describes a message that went out.
            $unset: { error: 1, errorCode: 1 },
            $inc: { attempts: 1 },
          },
        );
        await deps.statuses.applyParked(result.providerId);
        deps.metrics.outboundMessages.inc({ channel: channel.name, outcome: 'sent' });
        return result.providerId;
      } catch (error) {
        if (!(error instanceof SendError)) throw error;
        const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        const final = !error.retryable || lastAttempt;
        await deps.outbound.updateOne(
          { _id: outboundId },
          {
            $set: {
              error: error.message,
              ...(error.providerCode !== undefined ? { errorCode: error.providerCode } : {}),
              ...(final ? { status: 'failed', statusRank: STATUS_RANK.failed } : {}),
            },
            $inc: { attempts: 1 },
          },
        );
        deps.metrics.outboundMessages.inc({ channel: channel.name, outcome: final ? 'failed' : 'retry' });
        if (!error.retryable) throw new UnrecoverableError(error.message);
        if (error.retryAfterMs !== undefined) {
          // The provider said when to come back: pause the whole queue, not just this job.
          await worker.rateLimit(error.retryAfterMs);
          throw Worker.RateLimitError();
        }
        throw error;
      }
    },
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: Math.min(Math.max(deps.ratePerSecond, 1), 32),
      limiter: { max: deps.ratePerSecond, duration: 1_000 },
    },
  );
  return worker;
}

/** Whether a message to the same person, stored before `record` (or an earlier part of it), is still unsent. */
async function earlierUnsent(outbound: OutboundModel, record: OutboundRecord, now: number): Promise<boolean> {
  const earlier = await outbound.exists({
    channel: record.channel,
    to: record.to,
    status: 'pending',
    // trusted: our own operators, which sanitizeFilter would otherwise wrap in $eq as if they were user data.
    createdAt: trusted({ $gte: new Date(now - ORDER_HOLD_MAX_MS), $lte: record.createdAt }),
    $or: [
      { createdAt: trusted({ $lt: record.createdAt }) },
      { cause: record.cause, part: trusted({ $lt: record.part }) },
    ],
  });
  return earlier !== null;
}

function toMessage(record: OutboundRecord, contentSids: Record<string, string>): OutboundMessage {
  const contentSid = record.templateKey ? contentSids[record.templateKey] : undefined;
  return {
    to: record.to,
    text: record.text,
    ...(record.choices.length > 0 ? { choices: record.choices } : {}),
    ...(record.mediaUrls.length > 0 ? { mediaUrls: record.mediaUrls } : {}),
    ...(contentSid ? { template: { contentSid, variables: {} } } : {}),
  };
}
