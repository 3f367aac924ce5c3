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

/** `skipped`: a bulk message not sent, for the `SkipReason` stored with it. */
export type OutboundStatus = 'pending' | 'skipped' | DeliveryStatus;

/**
 * Why a bulk message was not sent: the recipient opted out, is outside WhatsApp's 24-hour window and there is no
 * approved template, is not a WhatsApp user (reported by WhatsApp earlier), the broadcast was cancelled, or the
 * recipient had their data erased after it was planned (the bot no longer knows them).
 */
export const SKIP_REASONS = ['opted_out', 'outside_window', 'unreachable', 'cancelled', 'erased'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** An approved WhatsApp template (Content API) with its variables. */
export interface MessageTemplate {
  contentSid: string;
  variables: Record<string, string>;
}

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
  /** A broadcast's messages carry its id: they are reported, paused and cancelled together. */
  campaign?: string;
  /** Sent as this template rather than as free text. */
  template?: MessageTemplate;
  /** Sent instead when the recipient turns out to be outside the 24-hour window (at send time, or error 63016). */
  fallbackTemplate?: MessageTemplate;
  skipReason?: SkipReason;
  /** Sent again after a failure reported later by the provider (see late-failures.ts). */
  resends?: number;
  /** The provider's id of the attempt whose late failure was acted on (a repeated report is not acted on twice). */
  failedProviderId?: string;
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
    campaign: String,
    template: { contentSid: String, variables: Schema.Types.Mixed },
    fallbackTemplate: { contentSid: String, variables: Schema.Types.Mixed },
    skipReason: { type: String, enum: SKIP_REASONS },
    resends: Number,
    failedProviderId: String,
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
// A broadcast's report counts its messages by status (see src/broadcasts/broadcast-report.ts).
OutboundSchema.index({ campaign: 1, status: 1 });

export type OutboundModel = Model<OutboundRecord>;

export function outboundModel(connection: Connection): OutboundModel {
  return defineModel(connection, 'Outbound', OutboundSchema);
}
