/**
 * Consumes "send" jobs through the one rate-limited outbound queue. Retryable failures (rate limits, 5xx, network)
 * back off and retry; permanent ones (invalid number, opted out, outside the 24-hour window) fail at once. The
 * provider id is stored before the job completes, so a job that runs again does not send again.
 */
import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { OutboundMessage } from '../channels/channel.js';
import type { ChannelRegistry } from '../channels/channel-registry.js';
import { SendError } from '../errors.js';
import type { Metrics } from '../http/metrics.js';
import type { Logger } from '../log.js';
import { QUEUE_NAMES } from '../queue/queues.js';
import { type OutboundModel, type OutboundRecord, STATUS_RANK } from './outbound-model.js';

export interface SendWorkerDeps {
  connection: Redis;
  prefix: string;
  outbound: OutboundModel;
  channels: ChannelRegistry;
  ratePerSecond: number;
  /** Template key → approved Content SID, for interactive messages. */
  contentSids: Record<string, string>;
  metrics: Metrics;
  logger: Logger;
}

export function createSendWorker(deps: SendWorkerDeps): Worker {
  const worker: Worker = new Worker(
    QUEUE_NAMES.outbound,
    async (job) => {
      const { outboundId } = job.data as { outboundId: string };
      const record = await deps.outbound.findById(outboundId).lean<OutboundRecord>();
      if (!record) return 'missing';
      if (record.providerId || record.status === 'failed') return 'done-before';
      const channel = deps.channels.get(record.channel);
      try {
        const result = await channel.send(toMessage(record, deps.contentSids));
        await deps.outbound.updateOne(
          { _id: outboundId },
          {
            $set: { providerId: result.providerId, status: result.status, statusRank: STATUS_RANK[result.status] },
            $inc: { attempts: 1 },
          },
        );
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
