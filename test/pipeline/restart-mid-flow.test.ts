/**
 * A deploy or crash between two answers does not lose the conversation: the session lives in the database, so a
 * new runtime on the same database and queues continues where the user stopped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { TwilioLocal } from '../../scripts/twilio-local/server.js';
import { startLocalTwilio, startTestBot, type TestBot } from '../support/bot.js';
import { uniquePhone } from '../support/phones.js';
import { uniqueMongoUri, uniqueName } from '../support/services.js';

describe('restart in the middle of a flow', () => {
  let twilio: TwilioLocal | undefined;
  const bots: TestBot[] = [];
  afterAll(async () => {
    await twilio?.close();
    for (const bot of bots) await bot.stop();
  });

  it('continues the officer request after the runtime was replaced', async () => {
    // No status callbacks during the test: one in flight would hold the old runtime's HTTP server open at stop.
    twilio = await startLocalTwilio(60_000);
    // Both runtimes share the database, the queue prefix and the Twilio server, as two deploys of one bot would.
    const shared = { MONGODB_URI: uniqueMongoUri(), QUEUE_PREFIX: uniqueName('q') };
    const phone = uniquePhone();

    const before = await startTestBot(shared, { twilio });
    bots.push(before);
    await before.sendWhatsApp(phone, 'hi');
    await before.repliesTo(phone, 2);
    await before.sendWhatsApp(phone, '2'); // English
    await before.repliesTo(phone, 3);
    await before.sendWhatsApp(phone, '3'); // Talk to an officer
    const asked = await before.repliesTo(phone, 4);
    expect(asked[3]).toContain('Please write your question or need in one message');
    await before.settle();
    await before.stop();

    const after = await startTestBot(shared, { twilio });
    bots.push(after);
    const question = 'We need APEDA registration help to export 20 MT of sela rice to Dubai';
    expect((await after.sendWhatsApp(phone, question)).status).toBe(200);
    const replies = await after.repliesTo(phone, 5);
    expect(replies[4]).toBe(
      'Thank you! Your message has gone to the DIC Sagar team. The reply will come in this chat.',
    );

    const tickets = await after.runtime.models.tickets.find({ phone }).lean();
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({
      phone,
      language: 'en',
      topic: 'officer_request',
      flowId: 'main_menu',
      question,
      answers: { need: question },
      status: 'open',
    });
    const session = await after.runtime.models.sessions.findOne({ phone }).lean();
    expect(session?.flowId).toBeUndefined();
    expect(session?.version).toBe(4);
  });
});
