import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, findUser } from '../../src/domain/users/users.js';
import { userModel } from '../../src/domain/users/user-model.js';
import { DuplicateKeyError } from '../../src/errors.js';
import { connectMongo, ensureIndexes } from '../../src/persistence/mongo.js';
import { registerModels } from '../../src/model-registry.js';
import { uniqueMongoUri } from '../support/services.js';

describe('mongoose on the real FerretDB server', () => {
  let mongo: Connection;

  beforeAll(async () => {
    mongo = await connectMongo({ uri: uniqueMongoUri(), autoIndex: false });
    registerModels(mongo);
    await ensureIndexes(mongo);
  });
  afterAll(async () => {
    await mongo.dropDatabase();
    await mongo.close();
  });

  it('round-trips a document, Devanagari and dates included', async () => {
    const users = userModel(mongo);
    await createUser(users, { phone: '+919800000001', profileName: 'रामू राइस मिल', language: 'hi' });
    const found = await findUser(users, '+919800000001');
    expect(found?.profileName).toBe('रामू राइस मिल');
    expect(found?.language).toBe('hi');
    expect(found?.optedOut).toBe(false);
    expect(found?.createdAt).toBeInstanceOf(Date);
  });

  it('turns a unique index violation into a DuplicateKeyError naming the key', async () => {
    const users = userModel(mongo);
    await createUser(users, { phone: '+919800000002' });
    const second = createUser(users, { phone: '+919800000002' });
    await expect(second).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(second).rejects.toMatchObject({
      code: 'DUPLICATE_KEY',
      message: 'users: a record with {"phone":"+919800000002"} already exists',
    });
    expect(await users.countDocuments({ phone: '+919800000002' })).toBe(1);
  });

  it('treats operator objects in filters as data (sanitizeFilter)', async () => {
    const users = userModel(mongo);
    const injected = { $ne: 'nobody' } as unknown as string;
    // Wrapped in $eq, the object can only be compared as a value, and a phone number is never an object.
    await expect(users.findOne({ phone: injected }).lean()).rejects.toThrow(/Cast to string failed/);
  });
});
