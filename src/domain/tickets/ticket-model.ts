/**
 * A question handed to an administrator (a flow's `handoff` step, later the FAQ's low-confidence answers). The id
 * derives from the message that raised it, so handling that message again does not open a second ticket.
 */
import { type Connection, type Model, Schema } from 'mongoose';
import { defineModel } from '../../persistence/define-model.js';
import { type IdListModel, idListModel } from '../../persistence/id-lists.js';

export interface TicketRecord {
  _id: string;
  phone: string;
  language: 'hi' | 'en';
  topic: string;
  question: string;
  answers: Record<string, unknown>;
  flowId: string;
  status: 'open' | 'answered' | 'closed';
  /** The officer's answer, who gave it (their number) and when. */
  answer?: string;
  answeredBy?: string;
  answeredAt?: Date;
  /** When officers were reminded that it waits. */
  remindedAt?: Date;
  createdAt: Date;
}

const TicketSchema = new Schema<TicketRecord>(
  {
    _id: { type: String, required: true },
    phone: { type: String, required: true },
    language: { type: String, required: true },
    topic: { type: String, required: true },
    question: { type: String, required: true },
    answers: { type: Schema.Types.Mixed, default: {} },
    flowId: { type: String, required: true },
    status: { type: String, required: true, default: 'open' },
    answer: String,
    answeredBy: String,
    answeredAt: Date,
    remindedAt: Date,
  },
  { collection: 'tickets', timestamps: { createdAt: true, updatedAt: true }, minimize: false },
);
TicketSchema.index({ status: 1, createdAt: 1 });
TicketSchema.index({ status: 1, answeredAt: -1 });

export type TicketModel = Model<TicketRecord>;

export function ticketModel(connection: Connection): TicketModel {
  return defineModel(connection, 'Ticket', TicketSchema);
}

/** The open tickets' ids under one key: what officers list (see tickets.ts). */
export function ticketQueueModel(connection: Connection): IdListModel {
  return idListModel(connection, 'TicketQueue', 'ticket_queue');
}
