/**
 * Every message the bot sends, one document per part (long text is split). The id derives from what caused the
 * message (an inbound message, a broadcast and recipient) and is also the BullMQ job id, so the same message is
 * never queued twice; the provider id, stored before the job completes, keeps a retried job from sending twice.
 *
 * The hot path reads and writes these documents by `_id` alone: FerretDB 1.24 (SQLite) hands only a filter that is
 * `_id` and nothing else to SQLite, and reads and decodes the whole collection for any other (indexed fields and
 * `_id` plus another condition included). Part `n` of a cause is `outboundId(cause, n)`, status reports carry the id
 * back as their reference, and the order of one person's messages lives in Redis (`seq`, see send-order.ts).
 */
import { type Connection, type Model, Schema } from 'mongoose';
import { defineModel } from '../persistence/define-model.js';
import type { DeliveryStatus } from '../channels/channel.js';

/** `skipped`: a bulk message not sent, because its recipient may no longer receive it (opted out since planned). */
export type OutboundStatus = 'pending' | 'skipped' | DeliveryStatus;

/** Statuses only move forward: a late "delivered" callback never overwrites "read". */
export const STATUS_RANK: Record<OutboundStatus, number> = {
  pending: 0,
  skipped: 6,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  read: 5,
  undelivered: 6,
  failed: 6,
};

export interface OutboundRecord {
  _id: string;
  channel: string;
  to: string;
  /** What caused it: `<channel>:<message id>` for a reply. */
  cause: string;
  part: number;
  /** Position among all messages to this recipient on this channel (see send-order.ts); absent on older documents. */
  seq?: number;
  text: string;
  choices: { id: string; title: string; description?: string }[];
  templateKey?: string;
  mediaUrls: string[];
  status: OutboundStatus;
  statusRank: number;
  providerId?: string;
  errorCode?: number;
  error?: string;
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
}

const OutboundSchema = new Schema<OutboundRecord>(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    to: { type: String, required: true },
    cause: { type: String, required: true },
    part: { type: Number, required: true },
    seq: Number,
    text: { type: String, required: true },
    choices: { type: [{ _id: false, id: String, title: String, description: String }], default: [] },
    templateKey: String,
    mediaUrls: { type: [String], default: [] },
    status: { type: String, required: true, default: 'pending' },
    statusRank: { type: Number, required: true, default: 0 },
    providerId: String,
    errorCode: Number,
    error: String,
    attempts: { type: Number, default: 0 },
  },
  { collection: 'outbound_messages', timestamps: true },
);
// Only for delivery reports that carry no reference (see delivery-status.ts); everything else goes by `_id`.
OutboundSchema.index({ providerId: 1 });

export type OutboundModel = Model<OutboundRecord>;

export function outboundModel(connection: Connection): OutboundModel {
  return defineModel(connection, 'Outbound', OutboundSchema);
}
