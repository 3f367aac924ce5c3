/**
 * Registers every mongoose model on a connection, so `ensureIndexes` can build all indexes at start.
 */
import type { Connection } from 'mongoose';
import { sessionModel } from '../conversation/session-model.js';
import { ticketModel } from '../domain/tickets/ticket-model.js';
import { userModel } from '../domain/users/user-model.js';
import { outboundModel } from '../outbound/outbound-model.js';

export function registerModels(connection: Connection) {
  return {
    users: userModel(connection),
    sessions: sessionModel(connection),
    outbound: outboundModel(connection),
    tickets: ticketModel(connection),
  };
}

export type Models = ReturnType<typeof registerModels>;
