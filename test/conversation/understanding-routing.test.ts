/**
 * Free text routed on its meaning, through the shipped flows: a first message is answered in the language it was
 * written in before the language is asked; a question or an inquiry in the middle of another question is offered,
 * not met with the same re-prompt; look-alikes of STOP opt nobody out.
 */
import { describe, expect, it } from 'vitest';
import { transcript } from '../support/transcript.js';

describe('a new user whose first message asks for something', () => {
  it('gets the inquiry read back in Hinglish-speaker Hindi, for confirmation', async () => {
    const t = transcript();
    const replies = await t.send('mujhe 50 ton sela chawal chahiye dubai ke liye');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('मैंने आपकी पूछताछ ऐसे समझी');
    expect(replies[0]).toContain('• उत्पाद: सेला चावल');
    expect(replies[0]).toContain('• मात्रा: 50 टन (50,000 किलो)');
    expect(replies[0]).toContain('• कहाँ भेजना है: संयुक्त अरब अमीरात');
    expect(replies[0]).toContain('क्या इसे मेल खाते विक्रेताओं को भेज दूँ?');
    // "No" sends nothing anywhere.
    expect(await t.send('nahi')).toEqual([expect.stringContaining('ठीक है, पूछताछ नहीं भेजी')]);
    expect(t.events).toEqual([]);
  });

  it('asks only for what the inquiry lacks: the product, then the quantity', async () => {
    const t = transcript();
    expect(await t.send('koi supplier hai? dubai bhejna hai')).toEqual([expect.stringContaining('कौन-सा उत्पाद चाहिए')]);
    expect(await t.send('kota stone')).toEqual([expect.stringContaining('कितनी मात्रा चाहिए')]);
    const confirm = await t.send('20 ton');
    expect(confirm[0]).toContain('• उत्पाद: कोटा स्टोन');
    expect(confirm[0]).toContain('• मात्रा: 20 टन');
    expect(confirm[0]).toContain('• कहाँ भेजना है: संयुक्त अरब अमीरात');
  });

  it('"packing credit kya hai?" gets the Hindi answer with its source and related questions, then the language choice', async () => {
    const t = transcript();
    const replies = await t.send('packing credit kya hai?');
    expect(replies[0]).toContain('पैकिंग क्रेडिट (प्री-शिपमेंट क्रेडिट) वह कर्ज़ है');
    // No figure: the amount and terms are the bank's to say.
    expect(replies[0]).toContain('अपनी बैंक शाखा से पूछें');
    expect(replies[0]).toContain('स्रोत: ODOP निर्यात कार्यशाला, सागर');
    // Each button carries the answers given so far, so that "more" does not lead back to them.
    expect(t.lastReplies[0]?.choices?.map((choice) => choice.id)).toEqual([
      'faq:post-shipment-credit|packing-credit',
      'faq:export-loan-apply|packing-credit',
      'faq:export-credit-interest|packing-credit',
    ]);
    expect(replies[1]).toContain('अपनी भाषा चुनें');
    expect(t.events).toEqual([]);
  });

  it('a related question is picked by its number, and a question nobody has answered goes to an officer', async () => {
    const t = transcript({ user: { language: 'hi', languageChosen: true } });
    await t.send('packing credit kya hai?');
    expect((await t.send('1'))[0]).toContain('पोस्ट-शिपमेंट');
    const unknown = await t.send('GST refund kaise milega export par?');
    expect(unknown[0]).toContain('इसका जवाब मेरे पास अभी नहीं है');
    expect(t.events).toEqual([
      expect.objectContaining({ type: 'handoff', topic: 'faq', question: 'GST refund kaise milega export par?' }),
    ]);
  });

  it('an English question is answered in English', async () => {
    const t = transcript();
    const replies = await t.send('What is a letter of credit (LC)?');
    expect(replies[0]).toContain('Source: ODOP export workshop, Sagar');
    expect(t.user.language).toBe('en');
  });

  it('a greeting still gets the welcome and the language question first', async () => {
    const t = transcript();
    const replies = await t.send('namastey');
    expect(replies[0]).toContain('नमस्ते! मैं निर्यात सेतु हूँ');
    expect(replies[1]).toContain('अपनी भाषा चुनें');
  });

  it('chit-chat starts nothing: an apology and the menu', async () => {
    const t = transcript({ user: { language: 'en', languageChosen: true } });
    const replies = await t.send('who will win the cricket match today?');
    expect(replies[0]).toBe('Sorry, I did not understand that.');
    expect(replies[1]).toContain('Main menu');
  });
});

describe('look-alikes of STOP', () => {
  for (const text of [
    'mere timer ko roko',
    "don't stop sending me rice inquiries",
    'मशीन बंद हो गई है',
    'bus stop kahan hai',
  ]) {
    it(`"${text}" opts nobody out`, async () => {
      const t = transcript({ user: { language: 'hi', languageChosen: true } });
      await t.send(text);
      expect(t.user.optedOut).toBe(false);
      expect(t.events.filter((event) => event.type === 'consent')).toEqual([]);
    });
  }
});

describe('another request in the middle of a question', () => {
  /** A seller registering in English, at the capacity question. */
  async function atCapacityQuestion() {
    const t = transcript({ user: { language: 'en', languageChosen: true } });
    for (const answer of ['register', 'Ramesh', 'Ramesh Rice Mill', 'sela rice', 'yes']) await t.send(answer);
    expect(t.lastReplies.at(-1)?.text).toMatch(/^Parboiled rice: how much can you supply each month\?/);
    return t;
  }

  it('is offered, not re-prompted; taking it up answers the question and the registration resumes later', async () => {
    const t = await atCapacityQuestion();
    const offer = await t.send('packing credit kya hai?');
    expect(offer).toEqual([
      'That looks like a question about exporting. Shall I take it up first? Your answers to this question are kept.\n\n1. Yes, that first\n2. No, I will answer',
    ]);
    // The answer is to the question, not to the "1".
    const answered = await t.send('1');
    expect(answered[0]).toContain('Packing credit (pre-shipment credit) is a loan');

    const resumed = await t.send('register');
    expect(resumed[0]).toContain('You stopped here last time');
    expect(resumed[1]).toMatch(/^Parboiled rice: how much can you supply each month\?/);
    expect((await t.send('40 MT'))[0]).toContain('Which certificates do you have?');
  });

  it('"no" to the offer asks the question again', async () => {
    const t = await atCapacityQuestion();
    expect((await t.send('soya DOC ka rate kya chal raha hai dubai ke liye'))[0]).toContain(
      'That looks like an inquiry to buy',
    );
    const again = await t.send('no');
    expect(again).toEqual([expect.stringMatching(/^Parboiled rice: how much can you supply each month\?/)]);
    expect((await t.send('40 MT'))[0]).toContain('Which certificates do you have?');
  });

  it('an answer after the offer is taken as the answer', async () => {
    const t = await atCapacityQuestion();
    await t.send('IEC kaise banta hai?');
    expect((await t.send('40 MT'))[0]).toContain('Which certificates do you have?');
  });

  it('a request for the menu in a sentence is followed at once', async () => {
    const t = await atCapacityQuestion();
    const replies = await t.send('please show me the main menu options');
    expect(replies.at(-1)).toContain('Main menu');
  });
});
