/**
 * The audit log of the officers' console: one entry per change, naming who made it, what it was, what it touched,
 * when, and the record before and after (with secrets removed before it is written).
 */
import { type Connection, type Model, Schema } from 'mongoose';
import { defineModel } from '../../persistence/define-model.js';

export interface AuditRecord {
  _id: string;
  who: { officerId: string; username: string };
  /** `<subject>.<verb>`, e.g. 'broadcast.schedule', 'officer.create'. */
  action: string;
  target: { type: string; id: string };
  when: Date;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const AuditSchema = new Schema<AuditRecord>(
  {
    _id: { type: String, required: true },
    who: {
      officerId: { type: String, required: true },
      username: { type: String, required: true },
    },
    action: { type: String, required: true },
    target: {
      type: { type: String, required: true },
      // Empty for a change to a whole kind of thing (e.g. a setting) rather than one record.
      id: { type: String, default: '' },
    },
    when: { type: Date, required: true },
    before: { type: Schema.Types.Mixed, default: null },
    after: { type: Schema.Types.Mixed, default: null },
  },
  { collection: 'audit', minimize: false },
);
// Officers read it newest first, a page at a time.
AuditSchema.index({ when: -1, _id: -1 });

export type AuditModel = Model<AuditRecord>;

export function auditModel(connection: Connection): AuditModel {
  return defineModel(connection, 'Audit', AuditSchema);
}
