/**
 * The quote loop on the real services, through signed webhooks and the local Twilio server: a buyer posts an
 * inquiry in Hinglish, only the right sellers are alerted (not a paused one, not one who sent STOP, not a seller of
 * something else), one sends a quote in his own words and one declines, the buyer is told and sees the shortlist,
 * closes the inquiry, and the seller who quoted hears how it ended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SellerProfile } from '../../src/domain/sellers/sellers.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { chatAs } from '../support/conversation.js';
import { eventually } from '../support/eventually.js';
import { uniquePhone } from '../support/phones.js';

const AT = new Date('2026-11-30T05:00:00Z');

function profile(businessName: string, productId: string, category: string, overrides: Partial<SellerProfile> = {}) {
  return {
    name: 'Ramesh',
    businessName,
    products: [{ productId, category, label: productId, capacity: { value: 500, unit: 'MT' as const } }],
    certifications: [],
    exportExperience: 'direct' as const,
    tehsil: 'khurai',
    photos: [],
    contactConsent: { given: true, at: AT, evidence: 'हाँ', statement: 'क्या ख़रीदार आपका नंबर देख सकते हैं?' },
    ...overrides,
  } satisfies SellerProfile;
}

describe('an inquiry from post to shortlist', () => {
  let bot: TestBot;
  const quoting = uniquePhone();
  const declining = uniquePhone();
  const paused = uniquePhone();
  const stopped = uniquePhone();
  const stoneSeller = uniquePhone();

  beforeAll(async () => {
    bot = await startTestBot();
    const sellers = bot.runtime.domain.sellers;
    await sellers.register(quoting, profile('Shree Ram Rice Mill', 'parboiled_rice', 'rice'), AT);
    await sellers.register(
      declining,
      profile('Bina Agro', 'parboiled_rice', 'rice', {
        exportExperience: 'indirect',
        contactConsent: { given: false, at: AT, evidence: 'नहीं', statement: 'क्या ख़रीदार आपका नंबर देख सकते हैं?' },
      }),
      AT,
    );
    await sellers.register(paused, profile('Paused Mills', 'parboiled_rice', 'rice'), AT);
    await sellers.setAlerts(paused, false, AT);
    await sellers.register(stopped, profile('Stopped Mills', 'parboiled_rice', 'rice'), AT);
    await sellers.register(stoneSeller, profile('Sagar Stone Craft', 'kota_stone', 'stone'), AT);
    // A seller who sends STOP is no longer matched (nor sent anything in bulk).
    await chatAs(bot, stopped).say('STOP');
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('alerts the right sellers, carries a quote back, and closes with the responders told', async () => {
    const buyer = chatAs(bot, uniquePhone());
    const read = await buyer.say('mujhe 50 ton sela chawal chahiye dubai ke liye');
    expect(read).toEqual([expect.stringContaining('क्या इसे मेल खाते विक्रेताओं को भेज दूँ?')]);

    const sent = await buyer.say('haan');
    expect(sent).toEqual([expect.stringMatching(/आपकी पूछताछ Q[A-Z2-9]{5} 2 मेल खाते विक्रेताओं को भेज दी गई है/)]);
    const code = /Q[A-Z2-9]{5}/.exec(sent[0] as string)?.[0] as string;

    // Only the two available sellers of parboiled rice got the alert, with why they were chosen.
    const alert = bot.sentTo(quoting).at(-1) as string;
    expect(alert).toContain(`नई ख़रीद पूछताछ ${code}`);
    expect(alert).toContain('• उत्पाद: सेला चावल');
    expect(alert).toContain('आपको इसलिए चुना गया');
    expect(bot.sentTo(declining).at(-1)).toContain(`नई ख़रीद पूछताछ ${code}`);
    for (const phone of [paused, stopped, stoneSeller]) {
      expect(bot.sentTo(phone).join('\n')).not.toContain(code);
    }

    // The seller taps "Send a quote" and writes it his way.
    const mill = chatAs(bot, quoting);
    const ask = await mill.say('भाव भेजें', { buttonPayload: `inq:${code}:quote` });
    // (The chat's first message is the alert itself.)
    expect(ask.at(-1)).toContain(`पूछताछ ${code} के लिए अपना भाव लिखें`);
    const confirm = await mill.say('450 dollar per ton FOB, min 20 ton, 20 din me');
    expect(confirm[0]).toContain('$450 प्रति टन FOB, न्यूनतम ऑर्डर 20 टन, 20 दिन में');
    expect(await mill.say('haan')).toEqual([expect.stringContaining('आपका भाव ख़रीदार को भेज दिया गया')]);
    expect(buyer.all().at(-1)).toContain(`आपकी पूछताछ ${code} (सेला चावल) पर Shree Ram Rice Mill ने भाव भेजा`);

    // The other declines with one tap.
    const decline = await chatAs(bot, declining).say('अभी नहीं', { buttonPayload: `inq:${code}:declined` });
    expect(decline.at(-1)).toContain('ठीक है, इस बार नहीं');

    // The buyer's shortlist: the quote, and the number of the seller who agreed to share it.
    const shortlist = (await buyer.say('मेरी पूछताछ')).at(-1);
    expect(shortlist).toContain('1. Shree Ram Rice Mill (खुरई)');
    expect(shortlist).toContain('$450 प्रति टन FOB');
    expect(shortlist).toContain(`संपर्क: ${quoting}`);
    expect(shortlist).not.toContain('Bina Agro');

    expect(await buyer.say('सौदा हो गया, बंद करें')).toEqual([expect.stringContaining(`पूछताछ ${code} बंद कर दी गई`)]);
    expect(bot.sentTo(quoting).at(-1)).toContain(`ख़रीदार ने पूछताछ ${code} (सेला चावल) पूरी होने पर बंद कर दी`);
    expect(bot.sentTo(declining).at(-1)).not.toContain('बंद कर दी');

    // What an officer reads: each match with its score and reasons, the answers with their times.
    const stored = await bot.runtime.domain.inquiries.find(code);
    expect(stored?.state).toBe('fulfilled');
    expect(stored?.matches.map((match) => match.sellerId).sort()).toEqual([quoting, declining].sort());
    const quoted = stored?.matches.find((match) => match.sellerId === quoting);
    expect(quoted?.reasons.map((reason) => reason.text.en).join(' ')).toContain('Parboiled rice');
    expect(quoted?.response).toMatchObject({ kind: 'quote', quote: { price: { amount: 450, currency: 'USD' } } });

    // A tap on the alert after the close changes nothing.
    const late = await mill.say('रुचि है', { buttonPayload: `inq:${code}:interested` });
    expect(late.at(-1)).toContain('यह पूछताछ अब बंद है');
  }, 60_000);

  it('takes a quote typed without the button as the answer to the newest alert', async () => {
    const buyer = chatAs(bot, uniquePhone());
    await buyer.say('100 quintal sela chawal chahiye, nepal bhejna hai');
    const sent = await buyer.say('haan');
    const code = /Q[A-Z2-9]{5}/.exec(sent[0] as string)?.[0] as string;
    expect(bot.sentTo(declining).at(-1)).toContain(`नई ख़रीद पूछताछ ${code}`);

    const mill = chatAs(bot, declining);
    const confirm = await mill.say('₹2,900 प्रति क्विंटल, कम से कम 50 क्विंटल, १५ दिन में');
    expect(confirm.at(-1)).toContain(`पूछताछ ${code} के ख़रीदार को यह भाव भेजूँ?`);
    expect(confirm.at(-1)).toContain('₹2,900 प्रति क्विंटल, न्यूनतम ऑर्डर 50 क्विंटल, 15 दिन में');
    await mill.say('हाँ');
    expect(buyer.all().at(-1)).toContain(`आपकी पूछताछ ${code} (सेला चावल) पर Bina Agro ने भाव भेजा`);
    // Without an unanswered alert, a price is just a message (here: a buyer's inquiry, read back for confirmation).
    expect((await buyer.say('₹2,900 प्रति क्विंटल')).join('\n')).not.toContain('भाव भेजूँ');
  });

  it('reminds the buyer before expiry, then expires it and tells the buyer and the sellers who answered', async () => {
    const buyer = uniquePhone();
    const inquiries = bot.runtime.domain.inquiries;
    const code = inquiries.codeFor(`expiry-test-${buyer}`);
    const now = Date.now();
    await inquiries.open(
      code,
      {
        buyerPhone: buyer,
        text: 'kota stone 500 sqft',
        productId: 'kota_stone',
        category: 'building-materials',
        productLabel: { hi: 'कोटा स्टोन', en: 'Kota stone' },
        certifications: [],
        language: 'hi',
        expiresAt: new Date(now - 1_000),
      },
      [{ sellerId: stoneSeller, score: 80, reasons: [], alertedAt: new Date(now - 60_000) }],
      new Date(now - 60_000),
    );
    await inquiries.respond(code, stoneSeller, { kind: 'interested' }, new Date(now - 30_000));

    await bot.runtime.fanOut.start('inquiry_reminder', `reminder-${code}`, { inquiryId: code });
    await bot.settle();
    expect(bot.sentTo(buyer)).toEqual([expect.stringContaining(`आपकी पूछताछ ${code} (कोटा स्टोन) कल बंद हो जाएगी`)]);

    await bot.runtime.fanOut.start('inquiry_expiry', `expiry-${code}`, { inquiryId: code });
    // (A fan-out retried after a failure waits as a delayed job, which `settle` does not wait for.)
    await eventually(() => expect(bot.sentTo(stoneSeller).at(-1)).toContain(`पूछताछ ${code}`), { timeoutMs: 20_000 });
    await bot.settle();
    expect(bot.sentTo(buyer).at(-1)).toContain(`आपकी पूछताछ ${code} (कोटा स्टोन) का समय पूरा हुआ`);
    expect(bot.sentTo(buyer).at(-1)).toContain('1 विक्रेताओं ने जवाब दिया था');
    expect(bot.sentTo(stoneSeller).at(-1)).toContain(`पूछताछ ${code} (कोटा स्टोन) का समय पूरा हुआ`);
    expect((await inquiries.find(code))?.state).toBe('expired');

    // Closed already: a late reminder sends nothing.
    const sentBefore = bot.sentTo(buyer).length;
    await bot.runtime.fanOut.start('inquiry_reminder', `reminder-again-${code}`, { inquiryId: code });
    await bot.settle();
    expect(bot.sentTo(buyer)).toHaveLength(sentBefore);
  });
});
