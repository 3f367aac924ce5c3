/**
 * Questions handed to an officer. A ticket's id derives from the turn that raised it, so a turn handled again after
 * a crash does not open a second one.
 */
import type { TicketModel } from './ticket-model.js';

export interface NewTicket {
  phone: string;
  language: 'hi' | 'en';
  topic: string;
  question: string;
  answers: Record<string, unknown>;
  flowId: string;
}

export interface Tickets {
  /** Opens the ticket `id` unless it exists. */
  open(id: string, ticket: NewTicket): Promise<void>;
  eraseOf(phone: string): Promise<number>;
}

export function createTickets(model: TicketModel): Tickets {
  return {
    async open(id, ticket) {
      await model.updateOne({ _id: id }, { $setOnInsert: { ...ticket, status: 'open' } }, { upsert: true });
    },
    async eraseOf(phone) {
      const result = await model.deleteMany({ phone });
      return result.deletedCount;
    },
  };
}
