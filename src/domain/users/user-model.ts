/**
 * A person who writes to the bot, keyed by phone number: the phone is the `_id`, because lookups by `_id` are the
 * only ones FerretDB 1.x serves from an index (any other filter scans the collection). Consent and opt-out are
 * recorded with their time, as WhatsApp's opt-in rules require; `lastInboundAt` tells whether we are inside the
 * 24-hour service window.
 */
import { type Connection, type InferSchemaType, type Model, Schema } from 'mongoose';
import { CONSENT_KINDS } from '../consent/consent.js';
import { defineModel } from '../../persistence/define-model.js';

const ConsentEventSchema = new Schema(
  {
    kind: { type: String, enum: CONSENT_KINDS, required: true },
    at: { type: Date, required: true },
    evidence: { type: String, required: true },
    statement: { type: String },
    key: { type: String },
  },
  { _id: false },
);

export const UserSchema = new Schema(
  {
    _id: { type: String, required: true },
    phone: { type: String, required: true },
    profileName: { type: String },
    name: { type: String },
    language: { type: String, enum: ['hi', 'en'], default: 'hi' },
    /** Until the user picks a language, it is guessed from each message. */
    languageChosen: { type: Boolean, default: false },
    optedOut: { type: Boolean, default: false },
    consentEvents: { type: [ConsentEventSchema], default: [] },
    lastInboundAt: { type: Date },
    /** Reported by WhatsApp as not one of its users (error 63003 or 63024): no bulk messages to them. */
    unreachable: { code: Number, at: Date },
  },
  { timestamps: true, collection: 'users' },
);

export type UserRecord = InferSchemaType<typeof UserSchema>;
export type UserModel = Model<UserRecord>;

export function userModel(connection: Connection): UserModel {
  return defineModel(connection, 'User', UserSchema) as UserModel;
}
