/**
 * WhatsApp's customer-service window: free-form messages reach a person until 24 hours after their last message;
 * after that only an approved template does. `howToReach` is the one rule for a broadcast's recipient, used when
 * the run is planned (recipient-plan.ts) and again right before each send (bulk-gate.ts).
 */
import type { SkipReason } from '../outbound/outbound-model.js';

export const WINDOW_MS = 24 * 60 * 60 * 1000;

export function inWindow(lastInboundAt: number, now: number): boolean {
  return lastInboundAt > 0 && now - lastInboundAt < WINDOW_MS;
}

/** The channels with such a window (the simulator has none). */
const WINDOWED_CHANNELS: ReadonlySet<string> = new Set(['whatsapp']);

export function hasWindow(channel: string): boolean {
  return WINDOWED_CHANNELS.has(channel);
}

export interface Reachability {
  channel: string;
  optedOut: boolean;
  unreachable: boolean;
  /** When they last wrote (epoch ms); 0 if never. */
  lastInboundAt: number;
}

/** The text, the template (their window has closed and there is one), or why nothing goes to them. */
export function howToReach(person: Reachability, hasTemplate: boolean, now: number): 'text' | 'template' | SkipReason {
  if (person.optedOut) return 'opted_out';
  if (person.unreachable) return 'unreachable';
  if (!hasWindow(person.channel) || inWindow(person.lastInboundAt, now)) return 'text';
  return hasTemplate ? 'template' : 'outside_window';
}
