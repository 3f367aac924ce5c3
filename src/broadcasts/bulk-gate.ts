/**
 * The check right before each bulk message goes (see send-worker.ts): a cancelled broadcast's messages are skipped
 * and a paused one's wait; a person who opted out, or whom WhatsApp reported as not one of its users, gets nothing;
 * a broadcast's free-form message to someone whose 24-hour window has closed since it was planned goes as its
 * template, or not at all; someone who had their data erased since it was planned gets nothing, and the report
 * counts them without their number. Other bulk messages (group posts, alerts) are answers to what people asked for
 * and are checked for opt-out only.
 */
import type { Users } from '../domain/users/users.js';
import type { BulkGate } from '../outbound/send-worker.js';
import type { BroadcastControl } from './broadcast-control.js';
import { howToReach } from './window.js';

/** How long a paused broadcast's message waits before it asks again. */
export const PAUSED_RECHECK_MS = 5_000;

export function bulkGate(deps: { users: Users; control: BroadcastControl; now?: () => number }): BulkGate {
  const now = deps.now ?? Date.now;
  return async ({ recipient, campaign, isTemplate, hasFallbackTemplate }) => {
    if (campaign) {
      const state = await deps.control.state(campaign);
      if (state === 'cancelled') return { skip: 'cancelled' };
      if (state === 'paused') return { holdMs: PAUSED_RECHECK_MS };
    }
    const user = await deps.users.find(recipient.to);
    if (user?.optedOut) return { skip: 'opted_out' };
    if (!campaign) return { send: 'as_planned' };
    // Planned from the people the bot knows: someone it no longer knows had their data erased since.
    if (!user) return { skip: 'erased' };
    const way = howToReach(
      {
        channel: recipient.channel,
        optedOut: user.optedOut,
        unreachable: user.unreachable !== undefined,
        lastInboundAt: user.lastInboundAt ?? 0,
      },
      isTemplate || hasFallbackTemplate,
      now(),
    );
    if (way === 'text' || (way === 'template' && isTemplate)) return { send: 'as_planned' };
    if (way === 'template') return { send: 'as_template' };
    return { skip: way };
  };
}
