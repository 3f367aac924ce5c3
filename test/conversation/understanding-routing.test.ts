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

  it('"packing credit kya hai?" gets an answer in Hindi that promises no figure, then the language choice', async () => {
    const t = transcript();
    const replies = await t.send('packing credit kya hai?');
    expect(replies[0]).toContain('आपका सवाल DIC सागर की टीम को भेज दिया गया है');
    expect(replies[0]).toContain('कोई गलत दर या नियम न बताऊँ');
    expect(replies[1]).toContain('अपनी भाषा चुनें');
    expect(t.events).toEqual([
      expect.objectContaining({ type: 'handoff', topic: 'faq', question: 'packing credit kya hai?' }),
    ]);
  });

  it('an English question is answered in English', async () => {
    const t = transcript();
    const replies = await t.send('How can I get a letter of credit from the bank for my first export?');
    expect(replies[0]).toContain('Your question has gone to the DIC Sagar team');
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
    const answered = await t.send('1');
    expect(answered[0]).toContain('Your question has gone to the DIC Sagar team');
    // The ticket carries the question, not the "1".
    expect(t.events.at(-1)).toMatchObject({ type: 'handoff', topic: 'faq', question: 'packing credit kya hai?' });

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
