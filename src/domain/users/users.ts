/**
 * The people who write to the bot: recorded on each message, changed by their conversations (name, language,
 * opt-out), and erased on request.
 */
import { trusted } from 'mongoose';
import { AppError } from '../../errors.js';
import { withDuplicateKeyAsError } from '../../persistence/mongo.js';
import type { ConsentEvent } from '../consent/consent.js';
import type { UserModel, UserRecord } from './user-model.js';

export type Language = 'hi' | 'en';

/** What the rest of the product reads of a user. */
export interface UserProfile {
  phone: string;
  name?: string;
  profileName?: string;
  language: Language;
  languageChosen: boolean;
  optedOut: boolean;
  /** When they last wrote (epoch ms): free-form messages reach them until 24 hours after it. */
  lastInboundAt?: number;
  /** WhatsApp said the number is not one of its users (63003/63024): bulk messages no longer go to it. */
  unreachable?: { code: number; at: Date };
}

export type UserChanges = Partial<Pick<UserProfile, 'name' | 'language' | 'languageChosen' | 'optedOut'>>;

export interface InboundContact {
  phone: string;
  at: Date;
  /** The name WhatsApp shows for the sender, when it sends one. */
  profileName?: string;
}

export interface Users {
  /** Records that `phone` wrote at `at` (creating the user on a first message) and returns the user. */
  recordInbound(contact: InboundContact): Promise<UserProfile>;
  find(phone: string): Promise<UserProfile | null>;
  /**
   * Applies a turn's changes and consent. Consent carries its turn's key: run again after a crash, the update finds
   * that key recorded and changes nothing (the changes were applied with it, in the same update).
   */
  apply(phone: string, changes: UserChanges, consent: readonly ConsentEvent[]): Promise<void>;
  erase(phone: string): Promise<void>;
  /** Records that WhatsApp reported `phone` as not one of its users; a message from them clears it. */
  markUnreachable(phone: string, code: number, at: Date): Promise<void>;
}

export function createUsers(model: UserModel): Users {
  return {
    async recordInbound({ phone, at, profileName }) {
      const user = await model
        .findOneAndUpdate(
          { _id: phone },
          {
            $set: { lastInboundAt: at, ...(profileName ? { profileName } : {}) },
            // They wrote, so WhatsApp reaches them (again).
            $unset: { unreachable: 1 },
            $setOnInsert: { phone, consentEvents: [] },
          },
          { upsert: true, returnDocument: 'after' },
        )
        .lean<UserRecord>();
      if (!user) throw new AppError('USER_UPSERT_FAILED', 'could not record the sender of a message');
      return profileOf(user);
    },

    async find(phone) {
      const user = await model.findById(phone).lean<UserRecord>();
      return user ? profileOf(user) : null;
    },

    async apply(phone, changes, consent) {
      if (Object.keys(changes).length === 0 && consent.length === 0) return;
      const keys = [...new Set(consent.map((event) => event.key))];
      const notRecordedYet = keys.length > 0 ? { 'consentEvents.key': trusted({ $nin: keys }) } : {};
      await model.updateOne(
        { _id: phone, ...notRecordedYet },
        {
          $set: changes,
          ...(consent.length > 0
            ? { $push: { consentEvents: { $each: consent.map((event) => ({ ...event })) } } }
            : {}),
        },
      );
    },

    async erase(phone) {
      await model.deleteOne({ _id: phone });
    },

    async markUnreachable(phone, code, at) {
      await model.updateOne({ _id: phone }, { $set: { unreachable: { code, at } } });
    },
  };
}

function profileOf(user: UserRecord): UserProfile {
  return {
    phone: user.phone,
    language: (user.language as Language | undefined) ?? 'hi',
    languageChosen: user.languageChosen ?? false,
    optedOut: user.optedOut ?? false,
    ...(user.name ? { name: user.name } : {}),
    ...(user.profileName ? { profileName: user.profileName } : {}),
    ...(user.lastInboundAt ? { lastInboundAt: new Date(user.lastInboundAt).getTime() } : {}),
    ...(user.unreachable?.code
      ? { unreachable: { code: user.unreachable.code, at: user.unreachable.at as Date } }
      : {}),
  };
}

/** Registers a phone number; a second registration of the same number raises `DuplicateKeyError`. */
export async function createUser(
  model: UserModel,
  user: { phone: string; profileName?: string; language?: Language },
): Promise<UserRecord> {
  const created = await withDuplicateKeyAsError('users', { phone: user.phone }, () =>
    model.create({ _id: user.phone, ...user }),
  );
  return created.toObject();
}

export async function findUser(model: UserModel, phone: string): Promise<UserRecord | null> {
  return model.findById(phone).lean<UserRecord>();
}
