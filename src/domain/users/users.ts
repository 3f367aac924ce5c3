import { withDuplicateKeyAsError } from '../../persistence/mongo.js';
import type { UserModel, UserRecord } from './user-model.js';

export interface NewUser {
  phone: string;
  profileName?: string;
  language?: 'hi' | 'en';
}

/** Registers a phone number; a second registration of the same number raises `DuplicateKeyError`. */
export async function createUser(users: UserModel, user: NewUser): Promise<UserRecord> {
  const created = await withDuplicateKeyAsError('users', { phone: user.phone }, () =>
    users.create({ _id: user.phone, ...user }),
  );
  return created.toObject();
}

export async function findUser(users: UserModel, phone: string): Promise<UserRecord | null> {
  return users.findById(phone).lean<UserRecord>();
}
