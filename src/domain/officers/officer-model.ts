/**
 * A district officer's account for the web console. The password is kept only as a hash (made and checked by
 * src/console/passwords.ts); `sessionEpoch` is copied into each session at sign-in, so raising it ("log out
 * everywhere", a new password, a disabled account) ends every session at once without finding them.
 */
import { type Connection, type Model, Schema } from 'mongoose';
import { defineModel } from '../../persistence/define-model.js';

export const OFFICER_ROLES = ['admin', 'viewer'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

export interface OfficerRecord {
  _id: string;
  /** Lower-case, /^[a-z0-9._-]{3,32}$/: what the officer types to sign in. */
  username: string;
  displayName: string;
  role: OfficerRole;
  passwordHash: string;
  sessionEpoch: number;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const OfficerSchema = new Schema<OfficerRecord>(
  {
    _id: { type: String, required: true },
    username: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    role: { type: String, enum: OFFICER_ROLES, required: true },
    passwordHash: { type: String, required: true },
    sessionEpoch: { type: Number, required: true, default: 1 },
    disabled: { type: Boolean, required: true, default: false },
  },
  { collection: 'officers', timestamps: true },
);

export type OfficerModel = Model<OfficerRecord>;

export function officerModel(connection: Connection): OfficerModel {
  return defineModel(connection, 'Officer', OfficerSchema);
}
