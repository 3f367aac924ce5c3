/**
 * An officer on WhatsApp composes, previews and confirms a broadcast to a group, in Hindi and in English; the members
 * get it in their language; the officer reads its report and cancels a scheduled one. Someone who is not an
 * officer is told it is not for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { chatAs } from '../support/conversation.js';
import { eventually } from '../support/eventually.js';
import { uniquePhone } from '../support/phones.js';

describe('an officer sends a broadcast on WhatsApp', () => {
  let bot: TestBot;
  const officer = uniquePhone();

  beforeAll(async () => {
    bot = await startTestBot({ OFFICER_NUMBERS: officer });
    // An officer who chose Hindi: writing the English version does not switch the conversation to English.
    await bot.runtime.models.users.create({
      _id: officer,
      phone: officer,
      language: 'hi',
      languageChosen: true,
      consentEvents: [],
    });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  async function groupWith(members: { phone: string; language: 'hi' | 'en' }[]): Promise<string> {
    const code = `OB${Math.floor(Math.random() * 1e6)}`;
    await bot.runtime.domain.groups.create(
      { code, name: 'Stone craft', description: '', productFocus: [] },
      new Date(),
    );
    for (const { phone, language } of members) {
      await bot.runtime.models.users.create({
        _id: phone,
        phone,
        language,
        lastInboundAt: new Date(),
        consentEvents: [],
      });
      await bot.runtime.domain.groups.join(code, { phone, role: 'seller', name: 'M' }, new Date());
    }
    return code;
  }

  it('composes in Hindi, previews, confirms; members get it in their language; the report counts them', async () => {
    const hindi = uniquePhone();
    const english = uniquePhone();
    const code = await groupWith([
      { phone: hindi, language: 'hi' },
      { phone: english, language: 'en' },
    ]);
    const desk = chatAs(bot, officer);
    expect((await desk.say('broadcast'))[0]).toContain('सूचनाएँ (ब्रॉडकास्ट): क्या करना है?');
    expect((await desk.say('1'))[0]).toContain('यह किसे भेजनी है?');
    expect((await desk.say('1'))[0]).toContain('ग्रुपों के कोड लिखें');
    expect((await desk.say(code.toLowerCase()))[0]).toContain('संदेश हिंदी में लिखें');
    await desk.say('पैकेजिंग कार्यशाला 5 दिसंबर, DIC सागर, सुबह 10 बजे');
    expect((await desk.say('Packaging workshop on 5 December at DIC Sagar, 10 am'))[0]).toContain('कब भेजनी है?');
    expect((await desk.say('kal subah'))[0]).toContain('यह समय समझ नहीं आया');
    const preview = (await desk.say('अभी'))[0] ?? '';
    expect(preview).toContain(`किसे: ग्रुप ${code}`);
    expect(preview).toContain('पाने वाले: 2');
    expect(preview).toContain('• संदेश जाएगा: 2 (इनमें टेम्पलेट से: 0)');
    expect(preview).toContain('• ऑप्ट-आउट कर चुके: 0');
    expect(preview).toContain('भेज दूँ?');
    const done = (await desk.say('हाँ'))[0] ?? '';
    expect(done).toMatch(/^हो गया: सूचना B[A-Z0-9]{5} अभी भेजी जाएगी।/);

    await eventually(() => {
      expect(bot.sentTo(hindi)).toEqual(['पैकेजिंग कार्यशाला 5 दिसंबर, DIC सागर, सुबह 10 बजे']);
      expect(bot.sentTo(english)).toEqual(['Packaging workshop on 5 December at DIC Sagar, 10 am']);
    });

    await desk.say('broadcast');
    const list = (await desk.say('2'))[0] ?? '';
    expect(list).toMatch(/^1\. B[A-Z0-9]{5} \(भेजी गई\): "Packaging workshop on 5 December at DIC Sagar, 10 am"/);
    await eventually(async () => {
      await desk.say('broadcast');
      await desk.say('2');
      const report = (await desk.say('1'))[0] ?? '';
      expect(report).toContain('कुल: 2');
      expect(report).toMatch(/पहुँची: \d, पढ़ी गई: \d/);
      expect(report).toContain('• कतार में: 0');
      await desk.say('कुछ नहीं');
    });
  });

  it('schedules one in English for a date, then cancels it before it goes', async () => {
    const member = uniquePhone();
    const code = await groupWith([{ phone: member, language: 'en' }]);
    const desk = chatAs(bot, officer);
    await bot.runtime.models.users.updateOne({ _id: officer }, { $set: { language: 'en', languageChosen: true } });
    await desk.say('broadcast');
    await desk.say('new');
    await desk.say('groups');
    await desk.say(code);
    await desk.say('skip');
    await desk.say('Farm demonstration at Rahatgarh next month');
    const nextYear = new Date().getFullYear() + 1;
    const preview = (await desk.say(`5/1/${nextYear} 10:30`))[0] ?? '';
    expect(preview).toContain(`When: on 5/1/${nextYear} at 10:30`);
    expect(preview).toContain('Time to send: under a minute');
    expect((await desk.say('yes'))[0]).toMatch(/^Done: broadcast B[A-Z0-9]{5} goes on 5\/1\//);

    await desk.say('broadcast');
    expect((await desk.say('2'))[0]).toMatch(/^1\. B[A-Z0-9]{5} \(scheduled\): "Farm demonstration/);
    expect((await desk.say('1'))[0]).toContain('What would you like to do with it?');
    expect((await desk.say('3'))[0]).toMatch(/^Done: broadcast B[A-Z0-9]{5} is now cancelled\.$/);
    expect(bot.sentTo(member)).toEqual([]);
  });

  it('tells someone who is not an officer that broadcasts are for officers', async () => {
    const replies = await chatAs(bot, uniquePhone()).say('broadcast');
    expect(replies[0]).toContain('सूचनाएँ DIC सागर के अधिकारी ही भेज सकते हैं');
  });
});
