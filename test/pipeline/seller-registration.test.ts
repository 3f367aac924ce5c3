/**
 * Seller registration end to end, through signed webhooks, the queues, the real FerretDB and the local Twilio
 * server: in Hindi with Devanagari digits, in Hinglish with typos, half-finished and resumed, and run again after a
 * crash between the save and the session.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/channels/channel.js';
import { handleInbound } from '../../src/inbound/handle-inbound.js';
import { BOT_NUMBER, startTestBot, type TestBot } from '../support/bot.js';
import { chatAs } from '../support/conversation.js';
import { inboundHandlerDeps } from '../support/handler-deps.js';
import { uniquePhone } from '../support/phones.js';

const PHOTO = {
  url: 'https://api.twilio.com/2010-04-01/Accounts/AC00/Messages/MM01/Media/ME01',
  contentType: 'image/jpeg',
};

describe('seller registration', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  const sellerOf = (phone: string) => bot.runtime.models.sellers.findById(phone).lean();

  it('a Hindi seller registers with Devanagari digits, and the profile and consent are stored', async () => {
    const seller = chatAs(bot, uniquePhone());
    expect((await seller.say('नमस्ते'))[1]).toContain('अपनी भाषा चुनें');
    expect((await seller.say('१'))[0]).toContain('1. विक्रेता: पंजीकरण / प्रोफ़ाइल');
    const start = await seller.say('१');
    expect(start[0]).toContain('विक्रेता पंजीकरण में लगभग 3 मिनट');
    expect(start[1]).toBe('आपका नाम क्या है?');
    expect(await seller.say('रामू प्रसाद')).toEqual([expect.stringContaining('फ़र्म या व्यवसाय का नाम')]);
    expect((await seller.say('श्री राम राइस मिल'))[0]).toContain('आप कौन-से उत्पाद बेचते हैं?');

    const products = await seller.say('सेला चावल और सोया खली');
    expect(products[0]).toContain('1. सेला चावल');
    expect(products[0]).toContain('2. सोया खली (सोयाबीन डीओसी)');
    expect(products[0]).toContain('क्या यह सही है?');
    expect((await seller.say('हाँ'))[0]).toMatch(/^सेला चावल: आप हर महीने कितना दे सकते हैं\?/);
    expect((await seller.say('५० टन'))[0]).toMatch(/^सोया खली \(सोयाबीन डीओसी\): आप हर महीने/);
    expect((await seller.say('२०० क्विंटल'))[0]).toContain('कौन-से प्रमाणपत्र');
    expect((await seller.say('१, २'))[0]).toContain('निर्यात का अनुभव?');
    const tehsils = await seller.say('२');
    expect(tehsils[0]).toContain('किस तहसील');
    expect(tehsils[0]).toContain('2. बीना');
    expect((await seller.say('बीना'))[0]).toContain('फ़ोटो भेजें');
    expect((await seller.say('', { media: [PHOTO] }))[0]).toContain('फ़ोटो मिल गई (1/3)');
    expect((await seller.say('बस'))[0]).toContain('क्या हम आपका नाम, फ़र्म का नाम और WhatsApp नंबर');

    const summary = await seller.say('हाँ');
    expect(summary).toHaveLength(1);
    expect(summary[0]).toBe(
      [
        'कृपया अपना विवरण जाँच लें:',
        '',
        'नाम: रामू प्रसाद',
        'व्यवसाय: श्री राम राइस मिल',
        'उत्पाद और मासिक क्षमता:',
        '  • सेला चावल: 50 टन प्रति माह',
        '  • सोया खली (सोयाबीन डीओसी): 200 क्विंटल प्रति माह',
        'प्रमाणपत्र: IEC (आयात-निर्यात कोड), FSSAI',
        'निर्यात अनुभव: व्यापारी/निर्यातक के ज़रिए',
        'तहसील: बीना',
        'फ़ोटो: 1',
        'खरीदारों को संपर्क दिखाना: हाँ',
        '',
        'सेव करें?',
        '',
        '1. हाँ, सेव करें',
        '2. शुरू से भरूँगा',
        '3. रहने दें',
      ].join('\n'),
    );
    expect(await sellerOf(seller.phone)).toBeNull();

    const saved = await seller.say('१');
    expect(saved[0]).toContain('✅ श्री राम राइस मिल का पंजीकरण हो गया');

    const record = await sellerOf(seller.phone);
    expect(record).toMatchObject({
      name: 'रामू प्रसाद',
      businessName: 'श्री राम राइस मिल',
      productIds: ['parboiled_rice', 'soybean_meal'],
      categories: ['rice', 'soybean-meal'],
      products: [
        { productId: 'parboiled_rice', category: 'rice', capacity: { value: 50, unit: 'MT' } },
        { productId: 'soybean_meal', category: 'soybean-meal', capacity: { value: 200, unit: 'quintal' } },
      ],
      certifications: ['iec', 'fssai'],
      exportExperience: 'indirect',
      tehsil: 'bina',
      photos: [PHOTO],
      alertsOn: true,
      needsReview: false,
      contactConsent: { given: true, evidence: 'हाँ' },
    });
    expect(record?.contactConsent.statement).toContain('क्या हम आपका नाम, फ़र्म का नाम और WhatsApp नंबर');
    const user = await bot.runtime.models.users.findById(seller.phone).lean();
    expect(user?.name).toBe('रामू प्रसाद');
    expect(user?.consentEvents).toEqual([
      expect.objectContaining({
        kind: 'share_contact',
        evidence: 'हाँ',
        key: expect.stringContaining('#seller_registration.record_consent'),
      }),
    ]);
  });

  it('a Hinglish seller with typos registers; an unknown product is kept and flagged for an officer', async () => {
    const seller = chatAs(bot, uniquePhone());
    await seller.say('hello');
    await seller.say('2'); // English
    expect((await seller.say('register'))[1]).toBe('What is your name?');
    await seller.say('Mohan Lal');
    await seller.say('Lal Agro Foods');
    const products = await seller.say('sela chaval, soya doc aur kathal papad');
    expect(products[0]).toContain('1. Parboiled rice');
    expect(products[0]).toContain('2. Soybean meal (soya DOC)');
    expect(products[0]).toContain('3. kathal papad (not in our list yet; an officer will review it)');
    await seller.say('yes');
    expect((await seller.say('50 tan'))[0]).toMatch(/^Soybean meal \(soya DOC\): how much/);
    expect((await seller.say('2 container'))[0]).toMatch(/^kathal papad: how much/);
    // A number without a unit is asked about, not guessed.
    expect((await seller.say('500'))[0]).toBe('500 of what? Add the unit, e.g. "500 MT".');
    await seller.say('500 kg');
    await seller.say('7'); // no certificates
    await seller.say('1'); // not exported yet
    expect((await seller.say('devri'))[0]).toContain('Send a photo');
    await seller.say('skip');
    const summary = await seller.say('no');
    expect(summary[0]).toContain('Certifications: None');
    expect(summary[0]).toContain('Tehsil: Deori');
    expect(summary[0]).toContain('Contact shown to buyers: No');
    expect(summary[0]).toContain('  • kathal papad (not in our list yet; an officer will review it): 500 kg a month');
    await seller.say('yes save');

    const record = await sellerOf(seller.phone);
    expect(record).toMatchObject({
      productIds: ['parboiled_rice', 'soybean_meal'],
      unmatchedProducts: ['kathal papad'],
      needsReview: true,
      certifications: [],
      exportExperience: 'none',
      tehsil: 'deori',
      photos: [],
      contactConsent: { given: false, evidence: 'no' },
    });
    expect(record?.products[1]?.capacity).toEqual({ value: 2, unit: 'container' });
    // The officers get a ticket to add it to the catalog (or tell the seller what it is), once.
    const tickets = await bot.runtime.models.tickets.find({ phone: seller.phone }).lean();
    expect(tickets).toEqual([
      expect.objectContaining({
        topic: 'catalog_review',
        question: 'Products not in the catalog, from Lal Agro Foods: kathal papad',
        status: 'open',
      }),
    ]);
    expect(record?.contactConsent.statement).toContain('may we give that buyer your name');
  });

  it('a registration left for the menu resumes where it stopped; "cancel" drops it', async () => {
    const seller = chatAs(bot, uniquePhone());
    await seller.say('hi');
    await seller.say('2');
    await seller.say('1');
    await seller.say('Sunita Devi');
    expect((await seller.say('menu'))[0]).toContain('Main menu');
    const resumed = await seller.say('1');
    expect(resumed[0]).toBe(
      'You stopped here last time, so let us carry on from there. (Send "cancel" to start afresh.)',
    );
    expect(resumed[1]).toContain('What is the name of your firm or business?');
    expect((await seller.say('back'))[0]).toBe('What is your name?');
    await seller.say('Sunita Devi');
    expect((await seller.say('cancel'))[0]).toContain('OK, cancelled.');
    const afresh = await seller.say('register');
    expect(afresh[0]).toContain('Seller registration takes about 3 minutes');
    expect(afresh[1]).toBe('What is your name?');
  });

  it('a crash after the save but before the session is stored leaves exactly one seller', async () => {
    const phone = uniquePhone();
    const seller = chatAs(bot, phone);
    await seller.say('hi');
    await seller.say('2');
    for (const answer of ['register', 'Asha', 'Asha Stone Crafts', 'stone idols', 'yes', '300 pieces'])
      await seller.say(answer);
    // "pieces" is no unit the capacity question takes: the seller is asked again and writes it in kg.
    for (const answer of ['2 MT', '7', '3', 'sagar', 'skip', 'yes']) await seller.say(answer);
    expect(seller.all().at(-1)).toContain('Save them?');

    const deps = inboundHandlerDeps(bot);
    const message: InboundMessage = {
      channel: 'whatsapp',
      messageId: `SM${randomUUID().replaceAll('-', '')}`,
      from: phone,
      to: BOT_NUMBER,
      text: '1',
      attachments: [],
      receivedAt: new Date(),
    };
    const crashOnSave = {
      ...deps.sessions,
      save: async () => {
        throw new Error('simulated crash before the session is stored');
      },
    };
    await expect(handleInbound({ ...deps, sessions: crashOnSave }, message)).rejects.toThrow('simulated crash');
    expect(await bot.runtime.models.sellers.countDocuments({ phone })).toBe(1);
    const firstSave = await sellerOf(phone);

    await handleInbound(deps, message);
    await bot.settle();
    expect(await bot.runtime.models.sellers.countDocuments({ phone })).toBe(1);
    const afterRerun = await sellerOf(phone);
    expect(afterRerun?.createdAt).toEqual(firstSave?.createdAt);
    expect(afterRerun).toMatchObject({
      businessName: 'Asha Stone Crafts',
      productIds: ['stone_craft'],
      tehsil: 'sagar',
    });
    expect(seller.all().filter((reply) => reply.includes('is registered'))).toHaveLength(1);
  });
});
