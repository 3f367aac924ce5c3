/**
 * Turns replies into stored outbound messages and queues them. Storing comes first, keyed by the cause, so a
 * handler that runs again after a crash finds the same documents and queues them under the same job ids.
 */
import type { ChannelRegistry } from '../channels/channel-registry.js';
import type { Reply } from '../conversation/turn.js';
import { jobId, outboundJobOptions } from '../queue/queues.js';
import type { Queue } from 'bullmq';
import type { OutboundModel, OutboundRecord } from './outbound-model.js';
import { splitText } from './split-text.js';

export interface Recipient {
  channel: string;
  to: string;
}

export interface OutboundDispatcher {
  /** Stores the replies to `cause` as outbound messages (a no-op for parts already stored). */
  store(cause: string, recipient: Recipient, replies: readonly Reply[]): Promise<void>;
  /** Queues every stored, unsent message of `cause`. */
  enqueueStored(cause: string): Promise<void>;
}

export function createOutboundDispatcher(deps: {
  outbound: OutboundModel;
  queue: Queue;
  channels: ChannelRegistry;
  maxAttempts: number;
  /** Delay before the first retry of a failed send (doubling after); 1 s when not given. */
  retryBaseMs?: number;
}): OutboundDispatcher {
  return {
    async store(cause, recipient, replies) {
      const maxLength = deps.channels.get(recipient.channel).maxTextLength;
      const documents = replies
        .flatMap((reply) => splitReply(reply, maxLength))
        .map((part, index) => ({
          _id: outboundId(cause, index),
          channel: recipient.channel,
          to: recipient.to,
          cause,
          part: index,
          text: part.text,
          choices: part.choices ?? [],
          ...(part.templateKey ? { templateKey: part.templateKey } : {}),
          mediaUrls: [],
          status: 'pending' as const,
          statusRank: 0,
          attempts: 0,
        }));
      if (documents.length === 0) return;
      try {
        await deps.outbound.insertMany(documents, { ordered: false });
      } catch (error) {
        // Parts stored by an earlier run of the same handler are expected; anything else is not.
        if (!isOnlyDuplicates(error)) throw error;
      }
    },

    async enqueueStored(cause) {
      const pending = await deps.outbound
        .find({ cause, status: 'pending' }, { _id: 1 })
        .sort({ part: 1 })
        .lean<Pick<OutboundRecord, '_id'>[]>();
      if (pending.length === 0) return;
      await deps.queue.addBulk(
        pending.map(({ _id }) => ({
          name: 'send',
          data: { outboundId: _id },
          opts: { ...outboundJobOptions(deps.maxAttempts, deps.retryBaseMs), jobId: _id },
        })),
      );
    },
  };
}

/** A reply longer than one message becomes several; only the last carries the choices (they follow the text). */
function splitReply(reply: Reply, maxLength: number): Reply[] {
  const parts = splitText(reply.text, maxLength);
  return parts.map((text, i) => (i === parts.length - 1 ? { ...reply, text } : { text }));
}

export function outboundId(cause: string, part: number): string {
  return jobId('out', cause, String(part));
}

function isOnlyDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
  if (Array.isArray(writeErrors) && writeErrors.length > 0) {
    return writeErrors.every((writeError) => (writeError.code ?? writeError.err?.code) === 11000);
  }
  return (error as { code?: number }).code === 11000;
}
