/**
 * FAQ answers and the hand-off to an officer on the real services, through signed webhooks and the local Twilio
 * server: a seller asks in Hindi about packing credit and gets the Hindi answer with its source; a question the
 * knowledge base cannot answer becomes a ticket; the officer answers it on WhatsApp and the answer reaches the
 * asker as the district office's; saved as an entry, in both languages and with the officer's other phrasings,
 * the next person asking the same gets it at once, in their language. "aur batao" continues with a related
 * answer; events an officer enters on WhatsApp are listed under the answers on events.
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
    // An officer who chose Hindi: writing the English version of an answer does not switch the chat to English.
    await bot.runtime.models.users.create({
      _id: officer,
      phone: officer,
      language: 'hi',
      languageChosen: true,
      consentEvents: [],
    });
  });

  async function englishReader(): Promise<ReturnType<typeof chatAs>> {
    const phone = uniquePhone();
    await bot.runtime.models.users.create({
      _id: phone,
      phone,
      language: 'en',
      languageChosen: true,
      consentEvents: [],
    });
    return chatAs(bot, phone);
  }
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
    expect((await desk.say('हाँ'))[0]).toContain('यही जवाब अंग्रेज़ी में भी लिख दें');
    const english = 'GST on exports is refunded through the GST portal; ask your CA or the GST office in Sagar how.';
    expect((await desk.say(english))[0]).toContain('और किन शब्दों में पूछ सकते हैं');
    expect((await desk.say('exporter ko GST wapas kab milta hai\nनिर्यात पर जीएसटी वापसी'))[0]).toContain(
      'किस विषय का सवाल है',
    );
    expect((await desk.say('अन्य'))[0]).toContain('सहेज दिया');
    const ticket = (await bot.runtime.models.tickets.find({ phone: asker.phone }).lean())[0];
    expect(ticket).toMatchObject({ status: 'answered', answer, answeredBy: officer });

    // The next person who asks the same gets the saved answer, with the office as its source; in English, the
    // English one; and the officer's other phrasings find it too.
    const next = await chatAs(bot, uniquePhone()).say('export par GST refund kaise milega?');
    expect(next[0]).toContain(answer);
    expect(next[0]).toContain('स्रोत: DIC सागर कार्यालय का उत्तर');
    const inEnglish = await (await englishReader()).say('How do I get a GST refund on export?');
    expect(inEnglish[0]).toContain(english);
    expect(inEnglish[0]).toContain('Source: Answer from the DIC Sagar office');
    expect((await chatAs(bot, uniquePhone()).say('निर्यात पर जीएसटी वापसी'))[0]).toContain(answer);
    // Answered questions leave the officers' list.
    expect((await desk.say('tickets')).at(-1)).not.toContain(question);
  }, 60_000);

  it('"aur batao" after an answer goes on with a related question, not back to the same', async () => {
    const phone = uniquePhone();
    await bot.runtime.models.users.create({
      _id: phone,
      phone,
      language: 'hi',
      languageChosen: true,
      consentEvents: [],
    });
    const seller = chatAs(bot, phone);
    const first = await seller.say('पैकिंग क्रेडिट क्या होता है और कैसे मिलता है?');
    expect(first[0]).toContain('पैकिंग क्रेडिट (प्री-शिपमेंट क्रेडिट) वह कर्ज़ है');
    const more = await seller.say('aur batao');
    expect(more[0]).toContain('स्रोत:');
    expect(more[0]).not.toContain('पैकिंग क्रेडिट (प्री-शिपमेंट क्रेडिट) वह कर्ज़ है');
    const again = await seller.say('और बताइए');
    expect(again[0]).toContain('स्रोत:');
    expect(again[0]).not.toContain('पैकिंग क्रेडिट (प्री-शिपमेंट क्रेडिट) वह कर्ज़ है');
    expect(again[0]).not.toBe(more[0]);
  }, 60_000);

  it('an event an officer enters is in the answers on events at once, and in the list anyone gets', async () => {
    const before = await chatAs(bot, uniquePhone()).say('पैकेजिंग और ब्रांडिंग कार्यशाला कब होगी');
    expect(before[0]).toContain('अब तक तय तारीख़ें: अभी कोई नहीं।');

    const desk = chatAs(bot, officer);
    await desk.say('cancel'); // the tickets list of the test before still waits for a number
    expect((await desk.say('add event'))[0]).toContain('कार्यक्रम: क्या करना है?');
    expect((await desk.say('1'))[0]).toContain('किस तरह का कार्यक्रम है?');
    expect((await desk.say('2'))[0]).toContain('नाम हिंदी में लिखें');
    expect((await desk.say('चावल निर्यातकों के लिए पैकेजिंग कार्यशाला'))[0]).toContain('अब नाम अंग्रेज़ी में');
    expect((await desk.say('Packaging workshop for rice exporters'))[0]).toContain('तारीख़ और समय लिखें');
    expect((await desk.say('1/1/2020 10:00'))[0]).toContain('यह तारीख़ समझ नहीं आई, या बीत चुकी है');
    const year = new Date().getUTCFullYear() + 1;
    expect((await desk.say(`15/1/${year} 11:00`))[0]).toContain('कहाँ होगा?');
    const added = await desk.say('कलेक्टोरेट सभाकक्ष, सागर');
    expect(added[0]).toContain(`15 जनवरी ${year} को 11:00 बजे — पैकेजिंग-ब्रांडिंग कार्यशाला: चावल निर्यातकों के लिए`);

    const line = `15 जनवरी ${year} को 11:00 बजे — पैकेजिंग-ब्रांडिंग कार्यशाला: चावल निर्यातकों के लिए पैकेजिंग कार्यशाला, कलेक्टोरेट सभाकक्ष, सागर`;
    const after = await chatAs(bot, uniquePhone()).say('पैकेजिंग और ब्रांडिंग कार्यशाला कब होगी');
    expect(after[0]).toContain('अब तक तय तारीख़ें (DIC सागर कार्यालय ने दर्ज कीं):');
    expect(after[0]).toContain(line);
    // A farm demonstration's answer lists only farm demonstrations.
    expect((await chatAs(bot, uniquePhone()).say('खेत पर प्रदर्शन कार्यक्रम कब होगा'))[0]).toContain(
      'अब तक तय तारीख़ें: अभी कोई नहीं।',
    );
    const reader = await englishReader();
    const list = await reader.say('events');
    expect(list[0]).toContain(
      `15 January ${year} at 11:00 — Packaging and branding workshop: Packaging workshop for rice exporters`,
    );

    // Called off, it leaves the answers.
    expect((await desk.say('event'))[0]).toContain('कार्यक्रम: क्या करना है?');
    expect((await desk.say('3'))[0]).toContain('कौन सा कार्यक्रम रद्द करना है?');
    expect((await desk.say('1'))[0]).toContain('रद्द कर दिया');
    expect((await chatAs(bot, uniquePhone()).say('पैकेजिंग और ब्रांडिंग कार्यशाला कब होगी'))[0]).toContain(
      'अब तक तय तारीख़ें: अभी कोई नहीं।',
    );
  }, 90_000);
});
