/**
 * Consumes "send" jobs through the one outbound queue, at the rate the pacer keeps (send-pacer.ts). Retryable failures (rate limits, 5xx, network)
 * back off and retry; permanent ones (invalid number, opted out, outside the 24-hour window) fail at once.
 *
 * Never twice: as soon as the provider has accepted a message, its id is recorded in Redis
 * (`<prefix>:outsid:<outbound id>`, kept 7 days), then on the document (retried in place). A job that runs again
 * finds it there and does not send: it completes the document if the database write was lost. The job carries the
 * message itself (see dispatch.ts), so a send reads nothing from the database.
 *
 * In order: one person's messages go out in the order they were stored (the parts of a long reply, the replies of
 * one turn, then the next turn's), although many sends run at once. A job whose predecessor in the recipient's
 * sequence has not gone out yet waits (a short delay, checked again), up to the hold limit; see send-order.ts.
 * Waiting costs one Redis read per check and no database query.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { OutboundMessage, SendResult } from '../channels/channel.js';
import type { ChannelRegistry } from '../channels/channel-registry.js';
import { SendError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import type { Logger } from '../log.js';
import { QUEUE_NAMES } from '../queue/queues.js';
import { type SendJobData, storeDeferred } from './dispatch.js';
import { type OutboundModel, STATUS_RANK, type SkipReason } from './outbound-model.js';
import { SendPacer } from './send-pacer.js';
import type { StatusInbox } from './status-inbox.js';
import { ORDER_HOLD_MAX_MS, type Recipient, type SendOrder } from './send-order.js';

export interface SendWorkerDeps {
  /** BullMQ's connection for the worker. */
  connection: Redis;
  /** A plain client for the worker's own keys (sent ids, send order). */
  redis: Redis;
  prefix: string;
  outbound: OutboundModel;
  order: SendOrder;
  /** Records each accepted send (provider id, status), written to the document with the next batch. */
  statuses: StatusInbox;
  channels: ChannelRegistry;
  ratePerSecond: number;
  /** Template key → approved Content SID, for interactive messages. */
  contentSids: Record<string, string>;
  metrics: Metrics;
  logger: Logger;
  /**
   * Whether a bulk message (a fan-out's) may still go, and how: asked right before sending, so that somebody who
   * opted out after the fan-out was planned receives nothing, a paused broadcast waits and a cancelled one stops.
   * Without it, bulk messages go as planned.
   */
  bulkGate?: BulkGate;
}

/**
 * `send`: as planned, or as its fallback template (the recipient's window closed since it was planned); `skip`: not
 * at all, recorded with the reason; `holdMs`: not yet (its broadcast is paused), asked again after that long.
 */
export type BulkVerdict = { send: 'as_planned' | 'as_template' } | { skip: SkipReason } | { holdMs: number };

export type BulkGate = (message: {
  recipient: Recipient;
  campaign?: string;
  /** Sent as a template already: the 24-hour window does not matter. */
  isTemplate: boolean;
  hasFallbackTemplate: boolean;
}) => Promise<BulkVerdict>;

const STALLED_SEND_LOCK_MS = 10_000;
const STALLED_SEND_CHECK_MS = 5_000;

/** First re-check of a waiting message; the pause grows with the wait (a tenth of it) up to ORDER_RECHECK_MAX_MS. */
const ORDER_RECHECK_MS = 20;
const ORDER_RECHECK_MAX_MS = 500;
/** How long the provider id of a sent message stays in Redis: longer than any job is retried. */
const SENT_ID_SECONDS = 7 * 24 * 60 * 60;
/**
 * The provider's clock and ours may differ a little: look this much earlier than the unfinished attempt began. Kept
 * short, because an earlier message with the same words (a second "Main menu") must not be taken for this one.
 */
const IN_FLIGHT_CLOCK_SLACK_MS = 1_000;
/** Tries, and the pause before the second (doubling after), of a write that must not be lost after a send. */
const SAVE_ATTEMPTS = 4;
const SAVE_RETRY_MS = 50;

export function createSendWorker(deps: SendWorkerDeps): Worker {
  const pacer = new SendPacer(deps.redis, deps.prefix, deps.ratePerSecond);
  const sentIdKey = (outboundId: string) => `${deps.prefix}:outsid:${outboundId}`;
  /** When the first attempt to send `outboundId` began (epoch ms): a later attempt without a provider id checks. */
  const inflightKey = (outboundId: string) => `${deps.prefix}:outtry:${outboundId}`;

  const worker: Worker = new Worker(
    QUEUE_NAMES.outbound,
    async (job: Job<SendJobData>, token) => {
      const data = job.data;
      const { outboundId } = data;
      // A send again after a failure reported later is a new message at the provider, remembered apart.
      const sendKey = data.resend ? `${outboundId}~r${data.resend}` : outboundId;
      const ordered = orderOf(job);
      const [sentAs, sentUpTo] = ordered
        ? await deps.redis.mget(sentIdKey(sendKey), deps.order.sentKey(ordered))
        : [await deps.redis.get(sentIdKey(sendKey)), null];
      // A message that already went out (sentAs) has nothing left to wait for.
      if (ordered && !sentAs && !deps.order.mayGo(ordered.seq, sentUpTo ?? null, ordered.holdUntil)) {
        const waited = Math.max(0, Date.now() - job.timestamp);
        const pause = Math.min(ORDER_RECHECK_MAX_MS, Math.max(ORDER_RECHECK_MS, Math.floor(waited / 10)));
        await job.moveToDelayed(Date.now() + pause, token);
        throw new DelayedError();
      }
      const advance = async () => {
        if (ordered) await deps.order.advance(ordered, ordered.seq);
      };

      if (sentAs) {
        // Sent by an earlier attempt that did not get to record it (or died before completing): record it (again),
        // do not send again.
        await advance();
        await persist(() => deps.statuses.recordSend({ outboundId, providerId: sentAs, status: 'queued' }));
        deps.logger.warn({ outboundId, providerId: sentAs }, 'outbound message sent before; provider id restored');
        return sentAs;
      }

      let sendAsTemplate = data.template;
      const verdict: BulkVerdict =
        data.bulk && deps.bulkGate
          ? await deps.bulkGate({
              recipient: { channel: data.channel, to: data.to },
              ...(data.campaign ? { campaign: data.campaign } : {}),
              isTemplate: data.template !== undefined,
              hasFallbackTemplate: data.fallbackTemplate !== undefined,
            })
          : { send: 'as_planned' };
      if ('holdMs' in verdict) {
        await job.moveToDelayed(Date.now() + verdict.holdMs, token);
        throw new DelayedError();
      }
      // Its document, if it was queued without one, before anything is recorded on it.
      await storeDeferred(deps.outbound, data, 'skip' in verdict ? verdict.skip : undefined);
      if ('skip' in verdict) {
        await deps.outbound.updateOne(
          { _id: outboundId },
          { $set: { status: 'skipped', statusRank: STATUS_RANK.skipped, skipReason: verdict.skip } },
        );
        deps.metrics.outboundMessages.inc({ channel: data.channel, outcome: 'skipped' });
        return 'skipped';
      }
      if (verdict.send === 'as_template') sendAsTemplate = data.fallbackTemplate;

      const channel = deps.channels.get(data.channel);
      // An attempt that started before and left no provider id either failed, or was handed to the provider and
      // died before reading the answer. The provider keeps no idempotency key, so look the message up there
      // before sending it again.
      const startedBefore = await deps.redis.set(
        inflightKey(sendKey),
        String(Date.now()),
        'EX',
        SENT_ID_SECONDS,
        'GET',
      );
      if (startedBefore && channel.findSent) {
        const since = new Date(Number(startedBefore) - IN_FLIGHT_CLOCK_SLACK_MS);
        const found = (await channel.findSent(data.to, since).catch(() => [])).find((sent) => sent.text === data.text);
        if (found) {
          await persist(() => deps.redis.set(sentIdKey(sendKey), found.providerId, 'EX', SENT_ID_SECONDS));
          await advance();
          await persist(() => deps.statuses.recordSend({ outboundId, providerId: found.providerId, status: 'queued' }));
          deps.logger.warn(
            { outboundId, providerId: found.providerId },
            'outbound message found at the provider; not sent again',
          );
          return found.providerId;
        }
      }
      await pacer.take(!data.bulk);
      let result: SendResult;
      try {
        result = await channel.send(toMessage({ ...data, template: sendAsTemplate }, deps.contentSids));
      } catch (error) {
        if (!(error instanceof SendError)) throw error;
        // The provider answered with an error: this attempt certainly sent nothing, so the next one need not look.
        if (error.providerCode !== undefined) await deps.redis.del(inflightKey(sendKey));
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
        // Given up on: the next message to this person no longer waits for it.
        if (final) await advance();
        deps.metrics.outboundMessages.inc({ channel: channel.name, outcome: final ? 'failed' : 'retry' });
        if (!error.retryable) throw new UnrecoverableError(error.message);
        if (error.retryAfterMs !== undefined) {
          // The provider said when to come back: no send at all before then, in any process (the pacer gives no
          // slot). The job itself is retried as a counted attempt (BullMQ's RateLimitError would put it back
          // uncounted, and with priorities it can lose its place: taskforcesh/bullmq#1915).
          await pacer.hold(error.retryAfterMs);
        }
        throw error;
      }

      // Accepted by the provider: from here on the message must never be sent again. The id goes to Redis first
      // (one fast write) and the next message to this person may go; then the document is completed.
      const { providerId } = result;
      await Promise.all([
        persist(() => deps.redis.set(sentIdKey(sendKey), providerId, 'EX', SENT_ID_SECONDS)).catch((error: unknown) =>
          deps.logger.error({ err: error, outboundId }, 'could not record the sent id in Redis'),
        ),
        advance().catch((error: unknown) =>
          deps.logger.error({ err: error, outboundId }, 'could not release the next message in order'),
        ),
      ]);
      await persist(() => deps.statuses.recordSend({ outboundId, providerId, status: result.status }));
      deps.metrics.outboundMessages.inc({ channel: channel.name, outcome: 'sent' });
      return providerId;
    },
    {
      connection: deps.connection,
      prefix: deps.prefix,
      // The rate is kept by the pacer (send-pacer.ts), not BullMQ's limiter: enough sends at once to keep every
      // slot used while earlier ones wait for the provider's answer.
      concurrency: Math.min(Math.max(deps.ratePerSecond, 1), 100),
      // A send taken by a worker that then died must be back in the queue well within ORDER_HOLD_MAX_MS (60 s), or
      // the person's next message stops waiting for it and overtakes it. BullMQ's defaults (a 30 s lock, checked
      // every 30 s) can take a minute; a send is one HTTP call, and BullMQ renews the lock while it runs.
      lockDuration: STALLED_SEND_LOCK_MS,
      stalledInterval: STALLED_SEND_CHECK_MS,
    },
  );
  return worker;
}

/** The job's place in its recipient's sequence, if it was queued with one. */
function orderOf(job: Job<SendJobData>): (Recipient & { seq: number; holdUntil: number }) | undefined {
  const { seq, channel, to, holdUntil } = job.data;
  if (seq === undefined) return undefined;
  return { channel, to, seq, holdUntil: holdUntil ?? job.timestamp + ORDER_HOLD_MAX_MS };
}

/** Runs a write that must not be lost, trying again in place a few times before giving up. */
async function persist<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= SAVE_ATTEMPTS) throw error;
      await delay(SAVE_RETRY_MS * 2 ** (attempt - 1));
    }
  }
}

function toMessage(data: SendJobData, contentSids: Record<string, string>): OutboundMessage {
  const contentSid = data.templateKey ? contentSids[data.templateKey] : undefined;
  const template = data.template ?? (contentSid ? { contentSid, variables: {} } : undefined);
  return {
    to: data.to,
    text: data.text,
    ...(data.choices && data.choices.length > 0 ? { choices: data.choices } : {}),
    // A template carries its own media, if any.
    ...(data.mediaUrls && data.mediaUrls.length > 0 && !data.template ? { mediaUrls: data.mediaUrls } : {}),
    ...(template ? { template } : {}),
    reference: data.outboundId,
  };
}
