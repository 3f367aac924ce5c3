/**
 * The programme's events as officers enter them: export-readiness training camps, packaging-and-branding
 * workshops, farm demonstrations. The workshop report only proposes them; their dates and places come from the
 * district office, so the FAQ's answers on events list what officers entered here, under their source, and never a
 * date of their own. The collection stays small (a district's calendar), so the upcoming ones are one indexed read.
 */
import { createHash } from 'node:crypto';
import { type Connection, type Model, Schema, trusted } from 'mongoose';
import { defineModel } from '../../persistence/define-model.js';

export const EVENT_KINDS = [
  'training_camp',
  'packaging_workshop',
  'farm_demonstration',
  'marketplace_training',
  'other',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface ProgrammeEventRecord {
  /** Derived from the turn or request that entered it: entering it again after a crash adds nothing. */
  _id: string;
  kind: EventKind;
  /** As the officer wrote it; one language may be missing (the reader then gets the other). */
  title: { hi?: string; en?: string };
  startsAt: Date;
  place: string;
  /** Who entered it: an officer's number (WhatsApp) or console account. */
  addedBy: string;
  at: Date;
  cancelledAt?: Date;
}

const ProgrammeEventSchema = new Schema<ProgrammeEventRecord>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true, enum: EVENT_KINDS },
    title: { hi: String, en: String },
    startsAt: { type: Date, required: true },
    place: { type: String, required: true },
    addedBy: { type: String, required: true },
    at: { type: Date, required: true },
    cancelledAt: Date,
  },
  { collection: 'programme_events' },
);
ProgrammeEventSchema.index({ startsAt: 1 });

export type ProgrammeEventModel = Model<ProgrammeEventRecord>;

export function programmeEventModel(connection: Connection): ProgrammeEventModel {
  return defineModel(connection, 'ProgrammeEvent', ProgrammeEventSchema);
}

export type NewProgrammeEvent = Omit<ProgrammeEventRecord, '_id' | 'cancelledAt'>;

export interface ProgrammeEvents {
  /** Adds an event once per `key` (the entering turn's idempotency key); returns it. */
  add(key: string, event: NewProgrammeEvent): Promise<ProgrammeEventRecord>;
  /** Events not cancelled that start at or after `now`, soonest first; of `kinds` when given. */
  upcoming(now: Date, kinds?: readonly EventKind[], limit?: number): Promise<ProgrammeEventRecord[]>;
  cancel(id: string, at: Date): Promise<ProgrammeEventRecord | null>;
}

/** How many upcoming events an answer lists at most. */
export const UPCOMING_LIMIT = 5;

export function createProgrammeEvents(model: ProgrammeEventModel): ProgrammeEvents {
  return {
    async add(key, event) {
      const _id = `ev-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
      const added = await model
        .findOneAndUpdate({ _id }, { $setOnInsert: event }, { upsert: true, returnDocument: 'after' })
        .lean<ProgrammeEventRecord>();
      return added as ProgrammeEventRecord;
    },

    async upcoming(now, kinds, limit = UPCOMING_LIMIT) {
      const found = await model
        .find({ startsAt: trusted({ $gte: now }) })
        .sort({ startsAt: 1 })
        .lean<ProgrammeEventRecord[]>();
      return found.filter((event) => !event.cancelledAt && (!kinds || kinds.includes(event.kind))).slice(0, limit);
    },

    async cancel(id, at) {
      return model
        .findOneAndUpdate({ _id: id }, { $set: { cancelledAt: at } }, { returnDocument: 'after' })
        .lean<ProgrammeEventRecord>();
    },
  };
}
