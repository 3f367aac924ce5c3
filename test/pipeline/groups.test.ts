/**
 * Buyer-seller groups on the real services, through signed webhooks and the local Twilio server: joining with the
 * invite code, a post relayed once to every other member (numbers hidden without consent, muted members skipped),
 * a post that reads as an inquiry taken through the inquiry steps, leaving, and a relay to fifty members that does
 * not hold back a member's own conversation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { chatAs } from '../support/conversation.js';
import { eventually } from '../support/eventually.js';
import { uniquePhone } from '../support/phones.js';

const AT = new Date('2026-11-30T05:00:00Z');

describe('groups', () => {
  let bot: TestBot;
  beforeAll(async () => {
    // A slow sender, so that a relay to fifty members takes seconds and a reply must find its way past it.
    bot = await startTestBot({ OUTBOUND_RATE_PER_SECOND: '10' });
    await bot.runtime.domain.groups.create(
      { code: 'RICE24', name: 'Sagar Rice Exporters', description: 'Rice buyers and mills', productFocus: ['rice'] },
      AT,
    );
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('joins with the code, relays a post to the others once, hides a number, and leaves', async () => {
    const asha = chatAs(bot, uniquePhone());
    expect(await asha.say('JOIN RICE24')).toEqual([expect.stringContaining('Sagar Rice Exporters में आप किस रूप में')]);
    expect(await asha.say('ख़रीदार')).toEqual([expect.stringContaining('आप Sagar Rice Exporters से जुड़ गए')]);
    expect(await asha.say('join rice24')).toEqual([expect.stringContaining('आप Sagar Rice Exporters में पहले से हैं')]);

    const mill = chatAs(bot, uniquePhone());
    await mill.say('JOIN RICE24');
    await mill.say('seller');
    const muted = uniquePhone();
    await bot.runtime.domain.groups.join('RICE24', { phone: muted, role: 'seller', name: 'Muted Mill' }, AT);
    const moderator = uniquePhone();
    await bot.runtime.domain.groups.join('RICE24', { phone: moderator, role: 'moderator', name: 'DIC' }, AT);
    // The moderator mutes a member from WhatsApp, by number.
    expect(await chatAs(bot, moderator).say(`MUTE RICE24 ${muted.slice(3)}`)).toEqual([
      expect.stringContaining('हो गया। ग्रुप RICE24: सदस्य म्यूट कर दिया गया'),
    ]);
    expect(await asha.say(`REMOVE RICE24 ${mill.phone}`)).toEqual([expect.stringContaining('ग्रुप के संचालक ही कर सकते हैं')]);
    expect(await bot.runtime.domain.groups.moderate('RICE24', asha.phone, mill.phone, 'remove')).toBe('not_allowed');

    expect(await asha.say('post')).toEqual([expect.stringContaining('ग्रुप RICE24 के लिए अपना संदेश लिखें')]);
    expect(await asha.say('Kal mandi band hai kya? Call me on 9876543210')).toEqual([
      expect.stringContaining('आपका संदेश Sagar Rice Exporters के सदस्यों को भेजा जा रहा है'),
    ]);
    const relayed = mill.all().filter((text) => text.startsWith('[Sagar Rice Exporters]'));
    expect(relayed).toHaveLength(1);
    expect(relayed[0]).toContain('(ख़रीदार):\nKal mandi band hai kya? Call me on [नंबर छिपाया गया]');
    expect(relayed[0]).not.toContain('9876543210');
    expect(bot.sentTo(muted)).toEqual([]);
    expect(asha.all().filter((text) => text.startsWith('[Sagar Rice Exporters]'))).toEqual([]);

    // A post that is an inquiry becomes one (and is not relayed as chatter).
    await asha.say('post');
    expect(await asha.say('50 ton sela chawal chahiye dubai ke liye')).toEqual([
      expect.stringContaining('क्या इसे मेल खाते विक्रेताओं को भेज दूँ?'),
    ]);
    await asha.say('nahi');

    expect((await mill.say('LEAVE RICE24')).at(-1)).toContain('क्या आप ग्रुप RICE24 छोड़ना चाहते हैं?');
    expect(await mill.say('haan')).toEqual([expect.stringContaining('आपने ग्रुप RICE24 छोड़ दिया')]);
    expect((await bot.runtime.domain.groups.find('RICE24'))?.members.map((m) => m.phone)).not.toContain(mill.phone);
  }, 60_000);

  it('relays to fifty members exactly once while a member’s own conversation is answered at once', async () => {
    await bot.runtime.domain.groups.create(
      { code: 'DAL58', name: 'Dal Network', description: 'Pulses', productFocus: ['pulses'] },
      AT,
    );
    const members = Array.from({ length: 50 }, () => uniquePhone());
    for (const phone of members) {
      await bot.runtime.domain.groups.join('DAL58', { phone, role: 'seller', name: '' }, AT);
    }
    const poster = chatAs(bot, members[0] as string);
    await poster.say('post');
    await bot.sendWhatsApp(poster.phone, 'Sabko namaste, naya stock aaya hai');

    // While the relay goes out at 10 a second, another member asks for the menu.
    const asker = members[25] as string;
    await eventually(() => expect(bot.twilio.messages.some((m) => m.body?.startsWith('[Dal Network]'))).toBe(true), {
      timeoutMs: 10_000,
    });
    const asked = Date.now();
    await bot.sendWhatsApp(asker, 'menu');
    await eventually(() => expect(bot.sentTo(asker).some((text) => text.includes('मुख्य मेनू'))).toBe(true), {
      timeoutMs: 10_000,
    });
    const answeredIn = Date.now() - asked;
    const relayedBeforeAnswer = bot.twilio.messages.filter((m) => m.body?.startsWith('[Dal Network]')).length;
    // The reply did not wait for the relay: most of it was still to go.
    expect(relayedBeforeAnswer).toBeLessThan(40);
    expect(answeredIn).toBeLessThan(3_000);

    await bot.settle(30_000);
    for (const phone of members.slice(1)) {
      expect(
        bot.sentTo(phone).filter((text) => text.startsWith('[Dal Network]')),
        phone,
      ).toHaveLength(1);
    }
    expect(bot.sentTo(poster.phone).filter((text) => text.startsWith('[Dal Network]'))).toEqual([]);
  }, 90_000);
});
