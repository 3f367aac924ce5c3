/**
 * Questions handed to an officer. A ticket's id derives from the turn that raised it, so a turn handled again after
 * a crash does not open a second one. The open ones are listed under one key (`ticket_queue`, read by `_id`), so
 * officers see them without a scan of the collection; an answer takes a ticket off the list.
 */
import type { IdLists } from '../../persistence/id-lists.js';
import type { TicketModel, TicketRecord } from './ticket-model.js';

/** The key of the list of open tickets. */
const OPEN = 'open';

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
  find(id: string): Promise<TicketRecord | null>;
  /** The open tickets, oldest first. */
  openTickets(): Promise<TicketRecord[]>;
  /** The answered tickets, the latest answer first, at most `limit`: what officers review and save as FAQ. */
  answeredTickets(limit: number): Promise<TicketRecord[]>;
  /** Records an officer's answer; null when the ticket is gone or was answered already. */
  answer(id: string, answer: { text: string; by: string; at: Date }): Promise<TicketRecord | null>;
  /** Marks tickets as reminded about (officers are reminded once per ticket). */
  markReminded(ids: readonly string[], at: Date): Promise<void>;
  eraseOf(phone: string): Promise<number>;
}

export function createTickets(model: TicketModel, queue: IdLists): Tickets {
  const find = async (id: string) => model.findById(id).lean<TicketRecord>();
  return {
    async open(id, ticket) {
      await model.updateOne({ _id: id }, { $setOnInsert: { ...ticket, status: 'open' } }, { upsert: true });
      await queue.add(OPEN, id);
    },

    find,

    async openTickets() {
      const found = await Promise.all((await queue.read(OPEN)).map((id) => find(id)));
      return found.filter((ticket): ticket is TicketRecord => ticket?.status === 'open');
    },

    async answeredTickets(limit) {
      return model.find({ status: 'answered' }).sort({ answeredAt: -1 }).limit(limit).lean<TicketRecord[]>();
    },

    async answer(id, answer) {
      const ticket = await find(id);
      if (ticket?.status !== 'open') return null;
      const answered = await model
        .findOneAndUpdate(
          { _id: id },
          { $set: { status: 'answered', answer: answer.text, answeredBy: answer.by, answeredAt: answer.at } },
          { returnDocument: 'after' },
        )
        .lean<TicketRecord>();
      await queue.remove(OPEN, id);
      return answered;
    },

    async markReminded(ids, at) {
      for (const id of ids) await model.updateOne({ _id: id }, { $set: { remindedAt: at } });
    },

    async eraseOf(phone) {
      const result = await model.deleteMany({ phone });
      return result.deletedCount;
    },
  };
}
