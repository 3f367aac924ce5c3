/**
 * Free text through the whole bot (signed webhooks, queues, FerretDB, the local Twilio server): a new buyer's
 * first message is understood and answered in its language, and reaches the officers as a ticket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { chatAs } from '../support/conversation.js';
import { uniquePhone } from '../support/phones.js';

describe('free text from a new user', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('an inquiry in Hinglish is read back in Hindi and, with no seller to match, handed to the officers', async () => {
    const buyer = chatAs(bot, uniquePhone());
    const replies = await buyer.say('mujhe 50 ton sela chawal chahiye dubai ke liye');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('• मात्रा: 50 टन (50,000 किलो)');
    expect(replies[0]).toContain('क्या इसे मेल खाते विक्रेताओं को भेज दूँ?');
    const sent = await buyer.say('haan');
    expect(sent[0]).toContain('अभी कोई पंजीकृत विक्रेता इससे मेल नहीं खाता');
    const tickets = await bot.runtime.models.tickets.find({ phone: buyer.phone }).lean();
    expect(tickets).toEqual([
      expect.objectContaining({
        topic: 'buyer_inquiry',
        question: 'mujhe 50 ton sela chawal chahiye dubai ke liye',
        status: 'open',
      }),
    ]);
  });

  it('a question in English is answered in English', async () => {
    const asker = chatAs(bot, uniquePhone());
    const replies = await asker.say('What documents do I need for a phytosanitary certificate?');
    expect(replies[0]).toContain('A phytosanitary certificate');
    expect(replies[0]).toContain('Source:');
    expect(replies[1]).toContain('Choose your language');
  });
});
