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
}

export const EMPTY_SESSION: SessionState = { answers: {}, retries: 0, history: [] };

/** A message for the caller to send. `text` always carries the whole message, options numbered. */
export interface Reply {
  text: string;
  choices?: { id: string; title: string; description?: string }[];
  /** Content API template key of an interactive version (see TWILIO_CONTENT_SIDS). */
  templateKey?: string;
}

/** Something the caller records besides the session: consent, a hand-off to an officer. */
export type TurnEvent =
  | { type: 'consent'; kind: 'opt_in' | 'opt_out' | 'share_contact'; evidence: string }
  | {
      type: 'handoff';
      flowId: string;
      stepId: string;
      topic?: string;
      question: string;
      answers: Record<string, unknown>;
    }
  | { type: 'flow_failed'; flowId: string; stepId: string; reason: string };

export interface TurnResult {
  session: SessionState;
  userChanges: UserChanges;
  replies: Reply[];
  events: TurnEvent[];
}
