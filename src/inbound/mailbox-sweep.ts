/**
 * The mailbox sweep (every 30 s): schedules a drain for users whose messages wait with no live drainer, e.g. after a
 * worker crashed holding their lock.
 */
import type { Queue } from 'bullmq';
import { anonymousTag, inboundJobOptions, jobId } from '../queue/queues.js';
import type { Mailbox } from './mailbox.js';

export const SWEEP_EVERY_MS = 30_000;

export async function sweepMailboxes(deps: { mailbox: Mailbox; inbound: Queue }, now: Date): Promise<number> {
  const users = await deps.mailbox.orphanedUsers();
  for (const user of users) await deps.mailbox.markScheduled(user);
  const bucket = String(Math.floor(now.getTime() / SWEEP_EVERY_MS));
  await deps.inbound.addBulk(
    users.map((user) => ({
      name: 'drain',
      data: { user, all: true },
      // The job id names the user by a tag, not by number: job ids show up in Redis tools and logs.
      opts: { ...inboundJobOptions(), jobId: jobId('sweep', anonymousTag(user), bucket), priority: 1 },
    })),
  );
  return users.length;
}

export function mailboxSweepTask(deps: { mailbox: Mailbox; inbound: Queue }) {
  return {
    name: 'sweep-mailboxes',
    everyMs: SWEEP_EVERY_MS,
    run: (now: Date) => sweepMailboxes(deps, now),
    report: 'rescheduled drains for orphaned mailboxes',
  };
}
