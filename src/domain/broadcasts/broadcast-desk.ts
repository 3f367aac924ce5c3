/**
 * What officers do with broadcasts, from the WhatsApp flow and (next) the web console: the one interface both call.
 * Implemented in src/broadcasts/, which schedules and sends; actions and pages see only this.
 */
import type { BroadcastRecord } from './broadcast-model.js';
import type { BroadcastEdit, NewBroadcast } from './broadcasts.js';

export interface BroadcastPreview {
  /** Everyone the audience names. */
  recipients: number;
  /** Inside the 24-hour window: they get the text. */
  inWindow: number;
  /** Outside it, with a template for their language: they get the template. */
  asTemplate: number;
  /** Outside it with no template: skipped. */
  outsideWindowSkipped: number;
  optedOut: number;
  /** Reported by WhatsApp as not its users. */
  unreachable: number;
  /** At the configured send rate, for the messages that will go. */
  estimatedSeconds: number;
}

export interface BroadcastReport {
  /** Messages planned so far, over all runs. */
  total: number;
  /** Planned, not yet accepted by Twilio. */
  queued: number;
  sent: number;
  delivered: number;
  read: number;
  /** Failed or undelivered, by Twilio error code ("none" when it gave none). */
  failed: Record<string, number>;
  /** By reason: opted_out, outside_window, unreachable, cancelled. */
  skipped: Record<string, number>;
}

export type BroadcastAction = 'pause' | 'resume' | 'cancel';

export interface BroadcastDesk {
  /** Creates a draft; the same `key` (a turn, a request) gives the same broadcast. */
  draft(key: string, broadcast: NewBroadcast, at: Date): Promise<BroadcastRecord>;
  find(id: string): Promise<BroadcastRecord | null>;
  latest(limit: number): Promise<BroadcastRecord[]>;
  preview(id: string): Promise<BroadcastPreview>;
  /** Schedules a draft as its schedule says (now, at a time, recurring). */
  confirm(id: string, at: Date): Promise<BroadcastRecord>;
  /** Changes a draft, scheduled or paused broadcast; a scheduled one is scheduled again, never twice. */
  edit(id: string, edit: BroadcastEdit, at: Date): Promise<BroadcastRecord>;
  /** Returns the updated broadcast, or null if there is none or the action does not apply to its status. */
  steer(id: string, action: BroadcastAction, at: Date): Promise<BroadcastRecord | null>;
  report(id: string): Promise<BroadcastReport>;
}
