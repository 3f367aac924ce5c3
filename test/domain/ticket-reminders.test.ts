/**
 * Officers are reminded of questions that waited too long for an answer, once per question, and not of answered
 * ones; the open list and answers on the real FerretDB server.
 */
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalizedText } from '../../src/conversation/actions/action.js';
import { createTickets, type Tickets } from '../../src/domain/tickets/tickets.js';
import { ticketReminderTask } from '../../src/faq/ticket-reminders.js';
import { registerModels } from '../../src/model-registry.js';
import { IdLists } from '../../src/persistence/id-lists.js';
import { connectMongo, ensureIndexes } from '../../src/persistence/mongo.js';
import { uniqueMongoUri } from '../support/services.js';

const question = (text: string) => ({
  phone: '+919800000401',
  language: 'hi' as const,
  topic: 'faq',
  question: text,
  answers: {},
  flowId: 'faq',
});

describe('tickets and the officers’ reminder', () => {
  let mongo: Connection;
  let tickets: Tickets;
  beforeAll(async () => {
    mongo = await connectMongo({ uri: uniqueMongoUri(), autoIndex: false });
    const models = registerModels(mongo);
    await ensureIndexes(mongo);
    tickets = createTickets(models.tickets, new IdLists(models.ticketQueue));
  });
  afterAll(async () => {
    await mongo.dropDatabase();
    await mongo.close();
  });

  it('lists open questions until answered, and reminds of each waiting one once', async () => {
    await tickets.open('t1', question('GST refund?'));
    await tickets.open('t1', question('GST refund?'));
    await tickets.open('t2', question('HS code?'));
    expect((await tickets.openTickets()).map((ticket) => ticket._id)).toEqual(['t1', 't2']);
    expect(await tickets.answer('t2', { text: 'Ask DIC Sagar.', by: '+919800000499', at: new Date() })).toMatchObject({
      status: 'answered',
    });
    expect(await tickets.answer('t2', { text: 'again', by: '+919800000499', at: new Date() })).toBeNull();

    const sent: { key: string; text: LocalizedText }[] = [];
    const task = ticketReminderTask({
      tickets,
      waitMinutes: 60,
      notifyOfficers: async (key, text) => {
        sent.push({ key, text });
      },
    });
    const created = (await tickets.find('t1'))?.createdAt as Date;
    expect(await task.run(new Date(created.getTime() + 30 * 60_000))).toBe(0);
    expect(await task.run(new Date(created.getTime() + 61 * 60_000))).toBe(1);
    expect(await task.run(new Date(created.getTime() + 120 * 60_000))).toBe(0);
    expect(sent).toEqual([
      {
        key: 'ticket-reminder:t1',
        text: expect.objectContaining({ hi: expect.stringContaining('1 सवाल 60 मिनट से ज़्यादा से जवाब की राह देख रहे हैं') }),
      },
    ]);
  });
});
