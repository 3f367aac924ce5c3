/**
 * Where each user is in a conversation, keyed by phone number. `appliedMessageKeys` remembers the last inbound
 * messages whose turn was saved, so a message handled again after a crash is recognised and not run twice.
 */
import { type Connection, type Model, Schema } from 'mongoose';
import { defineModel } from '../persistence/define-model.js';
import type { SessionState } from './turn.js';

export interface SessionRecord extends SessionState {
  /** The phone number: lookups by `_id` are the only indexed ones on FerretDB 1.x. */
  _id: string;
  phone: string;
  appliedMessageKeys: string[];
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
    appliedMessageKeys: { type: [String], default: [] },
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
