/**
 * A broadcast: an officer's message (a training camp, a packaging workshop, a farm demonstration) to one or more
 * groups or to a segment of the people the bot knows, sent now, at a time, or on a recurring schedule.
 *
 * Read and written by `_id` only (FerretDB 1.x reads the whole collection for any other filter); officers list the
 * latest few, which reads the collection once (broadcasts are tens a month, not thousands).
 */
import { type Connection, type Model, Schema } from 'mongoose';
import { defineModel } from '../../persistence/define-model.js';

export type BroadcastLanguage = 'hi' | 'en';

/** An approved WhatsApp template (Twilio Content API), for recipients outside the 24-hour window. */
export interface BroadcastTemplate {
  contentSid: string;
  /** The template's variables by position ("1", "2", …), as Twilio's ContentVariables takes them. */
  variables: Record<string, string>;
}

export interface BroadcastContent {
  /** The message in each language written; a recipient gets theirs, or the other one when only one was written. */
  text: Partial<Record<BroadcastLanguage, string>>;
  mediaUrl?: string;
  /** Per language: the template sent to recipients outside the window; without one they are skipped. */
  templates: Partial<Record<BroadcastLanguage, BroadcastTemplate>>;
}

export const SEGMENT_ROLES = ['seller', 'buyer'] as const;
export type SegmentRole = (typeof SEGMENT_ROLES)[number];

/** Everyone the bot knows who matches every condition given (none given: everyone). */
export interface Segment {
  /** Registered sellers, or buyers (members of a group with the buyer role). */
  role?: SegmentRole;
  /** Sellers with a product in one of these catalog categories. */
  categories?: string[];
  /** Sellers in one of these tehsils. */
  tehsils?: string[];
  language?: BroadcastLanguage;
  /** Registered (sellers) or first met (everyone else) on or after this day. */
  registeredSince?: Date;
}

/** One or more groups (their members), or a segment. */
export type Audience = { groups: string[] } | { segment: Segment };

export type Schedule =
  | { kind: 'now' }
  | { kind: 'at'; at: Date }
  /** A cron pattern read in Asia/Kolkata (five fields, or six with seconds first). */
  | { kind: 'recurring'; cron: string };

/**
 * draft → scheduled → sending → sent; a recurring broadcast goes back to scheduled after each run. `paused` holds
 * its sends (and its next runs) until resumed; `cancelled` is final.
 */
export const BROADCAST_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'paused', 'cancelled'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

export interface BroadcastRecord {
  /** A short code an officer types, e.g. "B7K2MX". */
  _id: string;
  title: string;
  content: BroadcastContent;
  audience: Audience;
  schedule: Schedule;
  status: BroadcastStatus;
  /** The status a paused broadcast goes back to when resumed. */
  resumeTo?: BroadcastStatus;
  /** Raised by each edit: a run planned for an earlier version does not start. */
  version: number;
  /** The key of each run started (one for a single broadcast, one per period for a recurring one). */
  runs: string[];
  /** How many recipients each run's audience held when it started (what the report counts against). */
  runSizes: { run: string; recipients: number }[];
  /** The officer who created it. */
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

const TemplateSchema = new Schema(
  { contentSid: { type: String, required: true }, variables: { type: Schema.Types.Mixed, default: {} } },
  { _id: false },
);

const BroadcastSchema = new Schema<BroadcastRecord>(
  {
    _id: { type: String, required: true },
    title: { type: String, required: true },
    content: {
      text: { hi: String, en: String },
      mediaUrl: String,
      templates: { hi: TemplateSchema, en: TemplateSchema },
    },
    // Shapes checked by the domain (broadcasts.ts) before they are stored.
    audience: { type: Schema.Types.Mixed, required: true },
    schedule: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: BROADCAST_STATUSES, required: true },
    resumeTo: { type: String, enum: BROADCAST_STATUSES },
    version: { type: Number, required: true, default: 1 },
    runs: { type: [String], default: [] },
    runSizes: { type: [{ _id: false, run: String, recipients: Number }], default: [] },
    createdBy: { type: String, required: true },
  },
  { collection: 'broadcasts', timestamps: true, minimize: false },
);

export type BroadcastModel = Model<BroadcastRecord>;

export function broadcastModel(connection: Connection): BroadcastModel {
  return defineModel(connection, 'Broadcast', BroadcastSchema);
}
