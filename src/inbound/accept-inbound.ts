/**
 * The fast half of inbound handling, run inside the webhook request: drop duplicates, put the message in its
 * sender's mailbox and schedule a drain. The slow half (the conversation turn) runs in a worker.
 */
import type { Queue } from 'bullmq';
import type { InboundMessage } from '../channels/channel.js';
import { placePriority, inboundJobOptions, jobId } from '../queue/queues.js';
import { type AcceptOutcome, Mailbox } from './mailbox.js';

export type AcceptInbound = (message: InboundMessage) => Promise<AcceptOutcome>;

export function createInboundAcceptor(mailbox: Mailbox, queue: Queue): AcceptInbound {
  return async (message) => {
    const { outcome, place } = await mailbox.accept(message);
    // A duplicate schedules its drain too, under the same job id, so a no-op when the first delivery's drain exists.
    // It matters when the first attempt reached the mailbox but not the queue (Redis went away in between, and the
    // message was spooled and replayed): the message is then drained now, not at the next sweep.
    await queue.add(
      'drain',
      { user: Mailbox.userOf(message) },
      {
        ...inboundJobOptions(),
        jobId: jobId('drain', message.channel, message.messageId),
        // Fair across people: a user's first waiting message before anyone's later ones, so a newcomer is not
        // drained behind a crowd's backlog. (A drain handles its user's whole mailbox, in order.)
        priority: placePriority(place),
      },
    );
    return outcome;
  };
}
