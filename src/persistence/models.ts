/**
 * Registers every mongoose model on a connection, so `ensureIndexes` can build all indexes at start.
 */
import type { Connection } from 'mongoose';
import { userModel } from '../domain/users/user-model.js';

export function registerModels(connection: Connection): void {
  userModel(connection);
}
