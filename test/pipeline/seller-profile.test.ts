/**
 * A registered seller's profile end to end: edit a product's capacity, pause and resume alerts, and delete their
 * data, after which the database holds nothing that identifies them (checked by queries, not by the reply).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { type Chat, chatAs } from '../support/conversation.js';
import { uniquePhone } from '../support/phones.js';

describe('a registered seller', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  /** An English-speaking seller of parboiled rice and wheat, registered through the flow. */
  async function registeredSeller(name = 'Vikram Singh', firm = 'Singh Rice Mill'): Promise<Chat> {
    const seller = chatAs(bot, uniquePhone());
    await seller.say('hi', { profileName: name });
    await seller.say('2');
    const answers = ['register', name, firm, 'sela rice, gehun', 'yes', '100 MT', '40 MT'];
    for (const answer of [...answers, '1', '3', 'khurai', 'skip', 'yes', '1']) await seller.say(answer);
    expect(seller.all().at(-1)).toContain(`${firm} is registered`);
    return seller;
  }

  it('changes a product capacity, adds a product and removes one', async () => {
    const seller = await registeredSeller();
    const profile = await seller.say('menu').then(() => seller.say('1'));
    expect(profile[0]).toContain('Your seller profile:');
    expect(profile[0]).toContain('  • Parboiled rice: 100 MT a month');
    expect(profile[0]).toContain('Inquiry alerts: On');

    expect((await seller.say('2'))[0]).toContain('Which product would you like to add');
    expect((await seller.say('sela'))[0]).toMatch(/^Parboiled rice: how much/);
    const saved = await seller.say('150 MT');
    expect(saved[0]).toBe('✅ Saved.');
    expect(saved[1]).toContain('  • Parboiled rice: 150 MT a month');

    await seller.say('2');
    await seller.say('chana');
    await seller.say('300 quintal');
    expect((await seller.say('3'))[0]).toContain('3. Chickpea');
    const removed = await seller.say('2');
    expect(removed[1]).not.toContain('Wheat');

    const record = await bot.runtime.models.sellers.findById(seller.phone).lean();
    expect(record?.productIds).toEqual(['parboiled_rice', 'chickpea']);
    expect(record?.products[0]?.capacity).toEqual({ value: 150, unit: 'MT' });
  });

  it('pauses and resumes inquiry alerts', async () => {
    const seller = await registeredSeller();
    await seller.say('menu');
    await seller.say('1');
    const paused = await seller.say('4');
    expect(paused[0]).toContain('Inquiry alerts are paused');
    expect(paused[1]).toContain('Inquiry alerts: Paused');
    expect((await bot.runtime.models.sellers.findById(seller.phone).lean())?.alertsOn).toBe(false);
    expect((await seller.say('4'))[0]).toContain('Inquiry alerts are on again');
    expect((await bot.runtime.models.sellers.findById(seller.phone).lean())?.alertsOn).toBe(true);
  });

  it('edits a field of the profile', async () => {
    const seller = await registeredSeller();
    await seller.say('menu');
    await seller.say('1');
    await seller.say('1'); // change details
    expect((await seller.say('Firm name'))[0]).toBe('Send the new firm name.');
    const saved = await seller.say('Singh Agro Exports');
    expect(saved[1]).toContain('Business: Singh Agro Exports');
  });

  it('deletes their data: asked first, told after, and nothing that identifies them is left', async () => {
    const seller = await registeredSeller('Kamla Bai Ahirwar', 'Ahirwar Dona Pattal Udyog');
    const { phone } = seller;
    await seller.say('menu');
    await seller.say('1');
    expect((await seller.say('5'))[0]).toContain('This permanently deletes your seller profile');
    // "no" keeps everything.
    expect((await seller.say('no'))[0]).toContain('Your seller profile:');
    await seller.say('5');
    const done = await seller.say('yes');
    expect(done).toEqual([
      'Your data has been deleted. Thank you for using Niryat Setu. Send "hi" any time to start again.',
    ]);
    // The confirmation is sent before the erasure runs (so a crash between them still finishes it): wait for it.
    await bot.settle();

    const { models } = bot.runtime;
    expect(await models.sellers.countDocuments({ phone })).toBe(0);
    expect(await models.users.countDocuments({ phone })).toBe(0);
    expect(await models.sessions.countDocuments({ phone })).toBe(0);
    expect(await models.tickets.countDocuments({ phone })).toBe(0);
    expect(await models.outbound.countDocuments({ to: phone })).toBe(0);
    for (const model of Object.values(models)) {
      const documents = await (model as typeof models.users).find({}).lean();
      const text = JSON.stringify(documents);
      expect(text, `${model.collection.name} still holds the phone number`).not.toContain(phone.slice(1));
      expect(text, `${model.collection.name} still holds the name`).not.toContain('Kamla Bai');
      expect(text, `${model.collection.name} still holds the firm`).not.toContain('Ahirwar Dona');
    }
    // Anonymous counts stay.
    const erasures = await models.sellerErasures.find({}).lean();
    expect(erasures.some((erasure) => erasure.tehsil === 'khurai' && erasure.productIds.includes('wheat'))).toBe(true);

    // Writing again starts as a new person.
    const again = await seller.say('hi');
    expect(again[0]).toContain('नमस्ते! मैं निर्यात सेतु हूँ');
  });
});
