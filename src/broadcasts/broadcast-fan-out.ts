/**
 * The fan-out kind of a broadcast run (see src/outbound/fan-out.ts): its audience is the run's snapshot, read a page
 * at a time; each member gets the text, the template, or a recorded skip (recipient-plan.ts). A cancelled broadcast
 * plans no further page; when every page is queued the broadcast is marked sent (a recurring one waits for its next
 * period).
 */
import type { AudienceMember, AudienceModels, AudienceUsers } from '../domain/broadcasts/audience.js';
import { audienceMembers } from '../domain/broadcasts/audience.js';
import type { Broadcasts } from '../domain/broadcasts/broadcasts.js';
import type { Recipient } from '../outbound/dispatch.js';
import type { FanOutKind } from '../outbound/fan-out.js';
import { recentReads, recipientOf } from '../fan-outs/recipients.js';
import type { AudienceSnapshots } from './audience-snapshot.js';
import type { BroadcastControl } from './broadcast-control.js';
import { planFor } from './recipient-plan.js';

export const BROADCAST = 'broadcast';

export interface BroadcastRunPayload {
  broadcastId: string;
  runKey: string;
}

type Member = Recipient & { member: AudienceMember };

export function broadcastFanOut(deps: {
  broadcasts: Broadcasts;
  models: AudienceModels;
  /** Where the users' fields are read (the Redis copy, audience-mirror.ts); the database when not given. */
  audienceUsers?: AudienceUsers;
  snapshots: AudienceSnapshots;
  control: BroadcastControl;
  /** The send rate and how many seconds of it to queue ahead (see FanOutPace). */
  pace: { perSecond: number; aheadSeconds: number };
  now?: () => number;
}): FanOutKind<BroadcastRunPayload, Member> {
  const now = deps.now ?? Date.now;
  // Each page's members are rendered right after it is read; the record is read once per page.
  const records = recentReads((id) => deps.broadcasts.find(id), 20);

  return {
    pace: { perSecond: deps.pace.perSecond, lead: deps.pace.perSecond * deps.pace.aheadSeconds },
    // A paused broadcast queues nothing more; what is queued waits in the send worker (bulk-gate.ts).
    held: async ({ broadcastId }) => (await deps.control.state(broadcastId)) === 'paused',

    async audience({ broadcastId, runKey }, cursor, limit) {
      records.forget(broadcastId);
      const broadcast = await records.get(broadcastId);
      if (!broadcast || (await deps.control.state(broadcastId)) === 'cancelled') return { recipients: [] };
      const total = await deps.snapshots.ensure(runKey, () =>
        audienceMembers(deps.models, broadcast.audience, deps.audienceUsers),
      );
      if (cursor === undefined) await deps.broadcasts.recordRunSize(broadcastId, runKey, total);
      const start = Number(cursor ?? 0);
      const members = await deps.snapshots.page(runKey, start, limit);
      return {
        recipients: members.map((member) => ({ ...recipientOf(member.identity), member })),
        ...(start + limit < total ? { next: String(start + limit) } : {}),
      };
    },

    async render({ broadcastId }, recipient) {
      const broadcast = await records.get(broadcastId);
      if (!broadcast) return [];
      const plan = planFor(recipient.member, recipient.channel, broadcast.content, now());
      const media = broadcast.content.mediaUrl ? { mediaUrls: [broadcast.content.mediaUrl] } : {};
      // Stored as they are sent: queueing a large audience is not held up by the database (see BulkMessage).
      const base = { campaign: broadcastId, deferRecord: true, ...media };
      if ('skip' in plan) return { ...base, replies: [{ text: `[not sent: ${plan.skip}]` }], skip: plan.skip };
      if (plan.send === 'template') return { ...base, replies: [{ text: plan.text }], template: plan.template };
      return {
        ...base,
        replies: [{ text: plan.text }],
        ...(plan.fallbackTemplate ? { fallbackTemplate: plan.fallbackTemplate } : {}),
      };
    },

    async finished({ broadcastId }) {
      const broadcast = await deps.broadcasts.find(broadcastId);
      if (broadcast?.status !== 'sending') return;
      await deps.broadcasts.setStatus(
        broadcastId,
        broadcast.schedule.kind === 'recurring' ? 'scheduled' : 'sent',
        new Date(),
      );
    },
  };
}
