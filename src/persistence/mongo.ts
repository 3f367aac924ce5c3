/**
 * The MongoDB connection. One mongoose connection per process, created explicitly (no global `mongoose.connect`)
 * so tests can hold several, each on its own database. Queries stay inside what FerretDB 1.x supports, so the same
 * code runs on FerretDB in development and on MongoDB in production.
 */
import mongoose, { type Connection } from 'mongoose';
import { DuplicateKeyError, ServiceUnavailableError } from '../errors.js';

export interface MongoOptions {
  uri: string;
  /** Builds indexes automatically on first use; off in production, where `syncIndexes` runs at start instead. */
  autoIndex: boolean;
  serverSelectionTimeoutMs?: number;
}

export async function connectMongo(options: MongoOptions): Promise<Connection> {
  const connection = mongoose.createConnection(options.uri, {
    autoIndex: options.autoIndex,
    autoCreate: true,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
  });
  // User input ends up in filters (phone numbers, codes): wrap any `$` operator smuggled in as data.
  connection.set('sanitizeFilter', true);
  connection.set('strictQuery', true);
  try {
    await connection.asPromise();
  } catch (error) {
    await connection.close().catch(() => {});
    throw new ServiceUnavailableError('mongodb', `cannot connect: ${(error as Error).message}`, { cause: error });
  }
  return connection;
}

/** Creates every model's collection and indexes now, so unique indexes hold before the first write. */
export async function ensureIndexes(connection: Connection): Promise<void> {
  for (const model of Object.values(connection.models)) {
    await model.createCollection().catch((error: { code?: number }) => {
      if (error.code !== 48) throw error; // 48: NamespaceExists
    });
    await model.createIndexes();
  }
}

export async function pingMongo(connection: Connection): Promise<boolean> {
  try {
    await connection.db?.admin().ping();
    return connection.readyState === 1;
  } catch {
    return false;
  }
}

interface MongoServerErrorLike {
  code?: number;
  keyValue?: Record<string, unknown>;
  errmsg?: string;
  message?: string;
}

/**
 * Runs a write and turns a unique-index violation (E11000) into a `DuplicateKeyError` naming the collection and
 * the key. FerretDB does not fill `keyValue`, so the caller's own key is reported instead.
 */
export async function withDuplicateKeyAsError<T>(
  collection: string,
  key: Record<string, unknown>,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const serverError = error as MongoServerErrorLike;
    if (serverError?.code === 11000)
      throw new DuplicateKeyError(collection, serverError.keyValue ?? key, { cause: error });
    throw error;
  }
}
