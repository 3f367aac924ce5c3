/**
 * The fast half of inbound handling, run inside the webhook request: drop duplicates, put the message in its
 * sender's mailbox and schedule a drain. The slow half (the conversation turn) runs in a worker.
 */
import type { Queue } from 'bullmq';
import type { InboundMessage } from '../channels/channel.js';
import { inboundJobOptions, jobId } from '../queue/queues.js';
import { type AcceptOutcome, Mailbox } from './mailbox.js';

export type AcceptInbound = (message: InboundMessage) => Promise<AcceptOutcome>;

export function createInboundAcceptor(mailbox: Mailbox, queue: Queue): AcceptInbound {
  return async (message) => {
    const outcome = await mailbox.accept(message);
    if (outcome === 'accepted') {
      const user = Mailbox.userOf(message);
      await queue.add(
        'drain',
        { user },
        { ...inboundJobOptions(), jobId: jobId('drain', message.channel, message.messageId) },
      );
    }
    return outcome;
  };
}
