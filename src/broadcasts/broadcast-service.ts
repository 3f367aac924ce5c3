/**
 * The broadcast desk (src/domain/broadcasts/broadcast-desk.ts) on the record, the schedule, the control state and
 * the stored messages. Each step writes the record last only where the record is what a retry looks at: a pause
 * holds the sends (Redis) before the record says paused, and a cancel stops them before the runs are unplanned.
 */
import { type AudienceModels, type AudienceUsers, audienceMembers } from '../domain/broadcasts/audience.js';
import { AppError } from '../errors.js';
import type { BroadcastDesk, BroadcastPreview } from '../domain/broadcasts/broadcast-desk.js';
import type { BroadcastRecord } from '../domain/broadcasts/broadcast-model.js';
import type { Broadcasts } from '../domain/broadcasts/broadcasts.js';
import type { OutboundModel } from '../outbound/outbound-model.js';
import type { BroadcastControl } from './broadcast-control.js';
import { recipientOf } from '../fan-outs/recipients.js';
import { broadcastReport } from './broadcast-report.js';
import type { BroadcastSchedule } from './broadcast-schedule.js';
import { planFor } from './recipient-plan.js';

export class BroadcastNotFoundError extends AppError {
  constructor(broadcastId: string) {
    super('BROADCAST_NOT_FOUND', `no broadcast ${broadcastId}`, { broadcastId });
  }
}

export function createBroadcastDesk(deps: {
  broadcasts: Broadcasts;
  schedule: BroadcastSchedule;
  control: BroadcastControl;
  models: AudienceModels;
  /** Where the users' fields are read (the Redis copy, audience-mirror.ts); the database when not given. */
  audienceUsers?: AudienceUsers;
  outbound: OutboundModel;
  /** The configured send rate (messages a second), for the preview's estimate. */
  ratePerSecond: number;
  now?: () => number;
}): BroadcastDesk {
  const now = deps.now ?? Date.now;
  const found = async (id: string): Promise<BroadcastRecord> => {
    const broadcast = await deps.broadcasts.find(id);
    if (!broadcast) throw new BroadcastNotFoundError(id);
    return broadcast;
  };

  return {
    draft: (key, broadcast, at) => deps.broadcasts.create(deps.broadcasts.codeFor(key), broadcast, at),
    find: (id) => deps.broadcasts.find(id),
    latest: (limit) => deps.broadcasts.latest(limit),

    async preview(id) {
      const broadcast = await found(id);
      const members = await audienceMembers(deps.models, broadcast.audience, deps.audienceUsers);
      const preview: BroadcastPreview = {
        recipients: members.length,
        inWindow: 0,
        asTemplate: 0,
        outsideWindowSkipped: 0,
        optedOut: 0,
        unreachable: 0,
        estimatedSeconds: 0,
      };
      const at = now();
      for (const member of members) {
        const plan = planFor(member, recipientOf(member.identity).channel, broadcast.content, at);
        if ('skip' in plan) {
          if (plan.skip === 'opted_out') preview.optedOut += 1;
          else if (plan.skip === 'unreachable') preview.unreachable += 1;
          else preview.outsideWindowSkipped += 1;
        } else if (plan.send === 'template') preview.asTemplate += 1;
        else preview.inWindow += 1;
      }
      preview.estimatedSeconds = Math.ceil((preview.inWindow + preview.asTemplate) / Math.max(1, deps.ratePerSecond));
      return preview;
    },

    async confirm(id, at) {
      const broadcast = await found(id);
      if (broadcast.status !== 'draft') return broadcast;
      const scheduled = (await deps.broadcasts.setStatus(id, 'scheduled', at)) as BroadcastRecord;
      await deps.schedule.plan(scheduled);
      return scheduled;
    },

    async edit(id, edit, at) {
      const before = await found(id);
      const after = await deps.broadcasts.edit(id, edit, at);
      if (before.status === 'scheduled' || before.status === 'paused') {
        // The old version's runs are removed, and would start nothing if one got away (see broadcast-schedule.ts).
        await deps.schedule.unplan(before);
        await deps.schedule.plan(after);
      }
      return after;
    },

    async steer(id, action, at) {
      const broadcast = await deps.broadcasts.find(id);
      if (!broadcast) return null;
      // "sent" means every message is planned; many may still be waiting for their turn to go.
      const live = broadcast.status === 'scheduled' || broadcast.status === 'sending' || broadcast.status === 'sent';
      if (action === 'pause') {
        if (!live) return null;
        await deps.control.pause(broadcast._id);
        return deps.broadcasts.setStatus(broadcast._id, 'paused', at);
      }
      if (action === 'resume') {
        if (broadcast.status !== 'paused') return null;
        await deps.control.resume(broadcast._id);
        const resumed = await deps.broadcasts.setStatus(broadcast._id, broadcast.resumeTo ?? 'scheduled', at);
        // A single broadcast whose time came while it was paused starts now.
        const due =
          broadcast.schedule.kind !== 'recurring' &&
          broadcast.runs.length === 0 &&
          (broadcast.schedule.kind === 'now' || new Date(broadcast.schedule.at).getTime() <= now());
        if (resumed && due) await deps.schedule.fireNow(resumed);
        return resumed;
      }
      if (broadcast.status === 'cancelled') return null;
      await deps.control.cancel(broadcast._id);
      await deps.schedule.unplan(broadcast);
      return deps.broadcasts.setStatus(broadcast._id, 'cancelled', at);
    },

    report: async (id) => broadcastReport(deps.outbound, await found(id)),
  };
}
