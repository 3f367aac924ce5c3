/**
 * FAQ answers and the hand-off to an officer on the real services, through signed webhooks and the local Twilio
 * server: a seller asks in Hindi about packing credit and gets the Hindi answer with its source; a question the
 * knowledge base cannot answer becomes a ticket; the officer answers it on WhatsApp and the answer reaches the
 * asker as the district office's; saved as an entry, the next person asking the same gets it at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { chatAs } from '../support/conversation.js';
import { uniquePhone } from '../support/phones.js';

describe('FAQ and hand-off', () => {
  let bot: TestBot;
  const officer = uniquePhone();
  beforeAll(async () => {
    bot = await startTestBot({ OFFICER_NUMBERS: officer });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('answers from the knowledge base with the source, in Hindi', async () => {
    const seller = chatAs(bot, uniquePhone());
    const replies = await seller.say('पैकिंग क्रेडिट क्या होता है और कैसे मिलता है?');
    expect(replies[0]).toContain('पैकिंग क्रेडिट (प्री-शिपमेंट क्रेडिट) वह कर्ज़ है');
    expect(replies[0]).toContain('स्रोत: ODOP निर्यात कार्यशाला, सागर');
  });

  it('hands an unanswerable question to an officer, whose answer reaches the asker and is used at once', async () => {
    const asker = chatAs(bot, uniquePhone());
    const question = 'GST refund kaise milega export par?';
    expect((await asker.say(question))[0]).toContain('इसका जवाब मेरे पास अभी नहीं है');

    // Someone who is not an officer cannot see the questions.
    expect((await chatAs(bot, uniquePhone()).say('tickets'))[0]).toContain('DIC सागर के अधिकारियों के लिए है');

    const desk = chatAs(bot, officer);
    const list = await desk.say('tickets');
    expect(list.at(-1)).toContain(`[faq] "${question}"`);
    const number = /(\d+)\. \[faq\] "GST refund/.exec(list.at(-1) as string)?.[1] as string;
    expect((await desk.say(number))[0]).toContain(`सवाल: "${question}"`);
    const answer = 'निर्यात पर GST रिफ़ंड GST पोर्टल से मिलता है; अपने CA या सागर के GST कार्यालय से प्रक्रिया पूछें।';
    expect((await desk.say(answer))[0]).toContain('क्या इसे FAQ में सहेज दूँ');
    expect(asker.all().at(-1)).toBe(`DIC सागर कार्यालय से आपके सवाल का जवाब:\n"${question}"\n\n${answer}`);
    expect((await desk.say('हाँ'))[0]).toContain('सहेज दिया');
    const ticket = (await bot.runtime.models.tickets.find({ phone: asker.phone }).lean())[0];
    expect(ticket).toMatchObject({ status: 'answered', answer, answeredBy: officer });

    // The next person who asks the same gets the saved answer, with the office as its source.
    const next = await chatAs(bot, uniquePhone()).say('export par GST refund kaise milega?');
    expect(next[0]).toContain(answer);
    expect(next[0]).toContain('स्रोत: DIC सागर कार्यालय का उत्तर');
    // Answered questions leave the officers' list.
    expect((await desk.say('tickets')).at(-1)).not.toContain(question);
  }, 60_000);
});
