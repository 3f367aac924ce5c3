/**
 * Failures WhatsApp reports after Twilio accepted a message (HTTP 201, then a status callback `failed` or
 * `undelivered` with an `ErrorCode`), acted on where they arrive:
 *
 * - 63016, outside the 24-hour window: sent again as the broadcast's template for the recipient's language where
 *   there is one; otherwise a broadcast's message is recorded as skipped (outside the window), which is what it
 *   is, and a reply stays undelivered with the code.
 * - 30001 (Twilio's queue overflowed) and 63018 (WhatsApp's rate limit): sent again later, a few times, further
 *   apart each time.
 * - 63003 and 63024, not a WhatsApp user: the number is marked, and bulk messages no longer go to it (a message
 *   from them clears the mark).
 *
 * Runs inside the status flush (one at a time across all workers, see status-worker.ts), after the batch has
 * recorded the failure, so it is the only writer of the message's status. A report acted on is remembered on the
 * message (`failedProviderId`): the same callback delivered twice does nothing the second time. A message sent again
 * gets a new attempt key (`resend`), so the send worker's record of the first send does not stop the second.
 */
import type { Queue } from 'bullmq';
import type { Logger } from '../log.js';
import { BULK_PRIORITY, jobId, outboundJobOptions, placePriority } from '../queue/queues.js';
import { SENDABLE_FIELDS, type SendableRecord, type SendJobData, sendJob } from './dispatch.js';
import { type OutboundModel, type OutboundRecord, STATUS_RANK } from './outbound-model.js';
import type { StagedReport, StatusInbox } from './status-inbox.js';

export const OUTSIDE_WINDOW = 63016;
export const RETRY_LATER_CODES: ReadonlySet<number> = new Set([30001, 63018]);
export const NOT_ON_WHATSAPP_CODES: ReadonlySet<number> = new Set([63003, 63024]);

export type LateFailureOutcome = 'resent' | 'resent_as_template' | 'skipped' | 'unreachable' | 'given_up' | 'none';

export interface LateFailureDeps {
  outbound: OutboundModel;
  queue: Queue;
  inbox: StatusInbox;
  /** Records that WhatsApp does not reach `to` (not one of its users). */
  markUnreachable(to: string, code: number, at: Date): Promise<void>;
  maxAttempts: number;
  /** Sends again after a 30001/63018 report, at most this many times (default 3). */
  maxResends?: number;
  /** Pause before the first such resend, doubling after (default 30 s). */
  resendDelayMs?: number;
  logger: Logger;
}

/** What a resend needs of the failed message: what a send needs, and what its attempts were. */
type FailedMessage = SendableRecord & Pick<OutboundRecord, 'resends' | 'providerId' | 'failedProviderId'>;

export function isLateFailure(report: StagedReport): boolean {
  if (report.status !== 'failed' && report.status !== 'undelivered') return false;
  const code = report.errorCode;
  return code === OUTSIDE_WINDOW || RETRY_LATER_CODES.has(code ?? 0) || NOT_ON_WHATSAPP_CODES.has(code ?? 0);
}

export function createLateFailures(deps: LateFailureDeps) {
  const maxResends = deps.maxResends ?? 3;
  const resendDelayMs = deps.resendDelayMs ?? 30_000;

  /** Sends the message again (as its fallback template if `asTemplate`), after `delayMs`, and records the attempt. */
  const resend = async (message: FailedMessage, report: StagedReport, delayMs: number, asTemplate?: boolean) => {
    const attempt = (message.resends ?? 0) + 1;
    // Unordered: the person's later messages may have gone already; a reply keeps its priority, bulk stays last.
    const { seq, ...unordered } = message;
    const data: SendJobData = {
      ...sendJob(unordered, 0),
      ...(asTemplate && message.fallbackTemplate ? { template: message.fallbackTemplate } : {}),
      ...(seq === undefined ? { bulk: true as const } : {}),
      resend: attempt,
    };
    // The job first, under an id of the attempt: a flush retried after a crash queues the same job again.
    await deps.queue.add('send', data, {
      ...outboundJobOptions(deps.maxAttempts),
      jobId: jobId(message._id, `r${attempt}`),
      priority: seq === undefined ? BULK_PRIORITY : placePriority(1),
      delay: delayMs,
    });
    await deps.outbound.updateOne(
      { _id: message._id },
      {
        $set: {
          status: 'queued',
          statusRank: STATUS_RANK.queued,
          failedProviderId: report.providerId,
          resends: attempt,
          ...(asTemplate && message.fallbackTemplate ? { template: message.fallbackTemplate } : {}),
        },
      },
    );
    await deps.inbox.rememberApplied([{ id: message._id, rank: STATUS_RANK.queued }]);
  };

  return {
    /** Acts on one report the batch has just recorded; `isLateFailure(report)` must hold. */
    async handle(report: StagedReport, at: Date): Promise<LateFailureOutcome> {
      const message = await findMessage(deps.outbound, report);
      // Not ours, erased since, or this very report acted on already.
      if (!message || message.failedProviderId === report.providerId) return 'none';
      if (message.providerId && message.providerId !== report.providerId) return 'none';
      const code = report.errorCode as number;

      if (NOT_ON_WHATSAPP_CODES.has(code)) {
        await deps.markUnreachable(message.to, code, at);
        await deps.outbound.updateOne({ _id: message._id }, { $set: { failedProviderId: report.providerId } });
        return 'unreachable';
      }
      if (code === OUTSIDE_WINDOW) {
        if (message.fallbackTemplate?.contentSid && !message.template?.contentSid) {
          await resend(message, report, 0, true);
          return 'resent_as_template';
        }
        // A reply stays undelivered, with its code: only a broadcast's message counts as skipped in a report.
        if (!message.campaign) return 'none';
        await deps.outbound.updateOne(
          { _id: message._id },
          {
            $set: {
              status: 'skipped',
              statusRank: STATUS_RANK.skipped,
              skipReason: 'outside_window',
              failedProviderId: report.providerId,
            },
          },
        );
        return 'skipped';
      }
      // 30001, 63018: later.
      const done = message.resends ?? 0;
      if (done >= maxResends) return 'given_up';
      await resend(message, report, resendDelayMs * 2 ** done);
      deps.logger.info({ outboundId: message._id, code, attempt: done + 1 }, 'sending again after a late failure');
      return 'resent';
    },
  };
}

export type LateFailures = ReturnType<typeof createLateFailures>;

const FIELDS = { ...SENDABLE_FIELDS, resends: 1, providerId: 1, failedProviderId: 1 } as const;

async function findMessage(outbound: OutboundModel, report: StagedReport): Promise<FailedMessage | null> {
  // By our reference when the report carries it (an `_id` read); by the provider's id otherwise (a scan on FerretDB).
  if (report.reference) return outbound.findById(report.reference, FIELDS).lean<FailedMessage>();
  return outbound.findOne({ providerId: report.providerId }, FIELDS).lean<FailedMessage>();
}
