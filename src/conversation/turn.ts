/**
 * The data a conversation turn works on and produces. The engine is a function of these: it reads a user, a
 * session and one message, and returns what should happen; the caller stores and sends it.
 */
import type { Attachment, Location } from '../channels/channel.js';
import type { Language } from './flow-schema.js';

/** One user message as the engine sees it. */
export interface TurnInput {
  text: string;
  /** The tapped button's or list row's id. */
  choiceId?: string;
  attachments: Attachment[];
  location?: Location;
}

/** The user fields a flow may read as `{{user.<field>}}` and actions may change. */
export interface UserView {
  phone: string;
  name?: string;
  profileName?: string;
  language: Language;
  languageChosen: boolean;
  optedOut: boolean;
}

export type UserChanges = Partial<Pick<UserView, 'name' | 'language' | 'languageChosen' | 'optedOut'>>;

/** Where a user is in a conversation; stored per phone number. */
export interface SessionState {
  flowId?: string;
  /** The ask step waiting for this user's answer. */
  stepId?: string;
  /** The version of the flow the step belongs to; a changed flow restarts instead of resuming a stale step. */
  flowVersion?: number;
  answers: Record<string, unknown>;
  /** Invalid answers given to the waiting step so far. */
  retries: number;
  /** Ask steps answered in this flow, newest last: what "back" returns to. */
  history: string[];
  /**
   * Where the user stands in each `resumable` flow they left half-way (by flow id): starting that flow again
   * continues there. Written at the end of every turn that waits inside a resumable flow, dropped when it ends.
   */
  suspended?: Record<string, SuspendedFlow>;
  /** A switch to another flow offered because the last answer read as another request (engine.ts). */
  offer?: { flowId: string; intent: string; text: string };
  /**
   * The buttons of the last message when nothing waits for an answer (related questions): the next message may
   * pick one by its number or title, as WhatsApp users without interactive buttons do.
   */
  buttons?: { id: string; title: string }[];
}

export interface SuspendedFlow {
  stepId: string;
  flowVersion: number;
  answers: Record<string, unknown>;
  history: string[];
  /** ISO time of the turn that left it; drafts older than SUSPENDED_FLOW_DAYS are not resumed. */
  savedAt: string;
}

export const EMPTY_SESSION: SessionState = { answers: {}, retries: 0, history: [] };

/** A message for the caller to send. `text` always carries the whole message, options numbered. */
export interface Reply {
  text: string;
  choices?: { id: string; title: string; description?: string }[];
  /** Content API template key of an interactive version (see TWILIO_CONTENT_SIDS). */
  templateKey?: string;
}

/**
 * What a turn asks the caller to record besides the session, by event type. The caller handles each type with a
 * handler registered under its name (src/inbound/turn-events.ts); a new kind of event is a new entry here and a
 * new handler there.
 */
export interface TurnEventMap {
  /** Opt-in, opt-out, or consent to share contact details, with the words that expressed it. */
  consent: { kind: 'opt_in' | 'opt_out' | 'share_contact' | 'withhold_contact'; evidence: string; statement?: string };
  /** A question for an officer (a ticket). */
  handoff: { flowId: string; stepId: string; topic?: string; question: string; answers: Record<string, unknown> };
  flow_failed: { flowId: string; stepId: string; reason: string };
  /** The user asked to erase their data: after this turn's reply, nothing that identifies them is kept. */
  forget_user: { reason?: string };
  /**
   * Something for other people than the one who wrote (matched sellers alerted, a buyer told of a quote, a group
   * post relayed): sent through the fan-out of that kind, after this turn's own replies are queued, or at `at`
   * (epoch ms: a reminder, an expiry).
   */
  fan_out: { kind: string; payload: Record<string, unknown>; at?: number };
}

export type TurnEventType = keyof TurnEventMap;

export type TurnEventOf<Type extends TurnEventType> = { type: Type } & TurnEventMap[Type];
export type TurnEvent = { [Type in TurnEventType]: TurnEventOf<Type> }[TurnEventType];

/** An event as the turn reports it: with the key of the step that raised it, for idempotent recording. */
export type KeyedTurnEvent = TurnEvent & { key: string };

export interface TurnResult {
  session: SessionState;
  userChanges: UserChanges;
  replies: Reply[];
  events: KeyedTurnEvent[];
}
