/**
 * Where each user is in a conversation, keyed by phone number. `appliedMessageKeys` remembers the last inbound
 * messages whose turn was saved, so a message handled again after a crash is recognised and not run twice.
 * The domain stores the conversation's state as data; what a flow, step or answer means is the engine's business.
 */
import { type Connection, type Model, Schema } from 'mongoose';
import { defineModel } from '../../persistence/define-model.js';

/** The conversation state of one user, as the engine hands it over. */
export interface ConversationState {
  flowId?: string;
  stepId?: string;
  flowVersion?: number;
  answers: Record<string, unknown>;
  retries: number;
  history: string[];
  /** Half-finished resumable flows by flow id (the engine's drafts), kept across other flows and idle expiry. */
  suspended?: Record<string, unknown>;
  /** A switch to another flow the engine offered and awaits a yes or no to. */
  offer?: Record<string, unknown>;
  /** The buttons of the last message, for a reply by number (the engine's business what they mean). */
  buttons?: Record<string, unknown>[];
}

export interface SessionRecord extends ConversationState {
  /** The phone number: lookups by `_id` are the only indexed ones on FerretDB 1.x. */
  _id: string;
  phone: string;
  appliedMessageKeys: string[];
  /**
   * Set when the user asked to erase their data: the turn's last reply is still sent, then every trace of the
   * user is removed, this session included. A run again after a crash finds the flag and finishes the erasure.
   */
  forgetAfterReply?: boolean;
  /** Optimistic concurrency: a save only lands on the version it read. */
  version: number;
  updatedAt: Date;
}

const SessionSchema = new Schema<SessionRecord>(
  {
    _id: { type: String, required: true },
    phone: { type: String, required: true },
    flowId: String,
    stepId: String,
    flowVersion: Number,
    answers: { type: Schema.Types.Mixed, default: {} },
    retries: { type: Number, default: 0 },
    history: { type: [String], default: [] },
    suspended: { type: Schema.Types.Mixed },
    offer: { type: Schema.Types.Mixed },
    buttons: { type: [Schema.Types.Mixed], default: undefined },
    appliedMessageKeys: { type: [String], default: [] },
    forgetAfterReply: Boolean,
    version: { type: Number, default: 0 },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'sessions', minimize: false },
);
// The expiry job finds idle sessions by this.
SessionSchema.index({ updatedAt: 1 });

export type SessionModel = Model<SessionRecord>;

export function sessionModel(connection: Connection): SessionModel {
  return defineModel(connection, 'Session', SessionSchema);
}
