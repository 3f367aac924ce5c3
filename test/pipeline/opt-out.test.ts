/**
 * STOP on WhatsApp opts the user out of broadcasts and alerts at once and records it with the words and the time;
 * a sentence that merely contains a stop word does not; START opts back in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { uniquePhone } from '../support/phones.js';

describe('STOP and START on WhatsApp', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  async function userAtMainMenu(): Promise<string> {
    const phone = uniquePhone();
    await bot.sendWhatsApp(phone, 'hi');
    await bot.sendWhatsApp(phone, '2');
    await bot.repliesTo(phone, 3);
    return phone;
  }

  const userOf = (phone: string) => bot.runtime.models.users.findOne({ phone }).lean();

  it('opts out on STOP, records the evidence and time, and opts back in on START', async () => {
    const phone = await userAtMainMenu();

    const stopSentAt = Date.now();
    await bot.sendWhatsApp(phone, 'STOP');
    const afterStop = await bot.repliesTo(phone, 4);
    expect(afterStop[3]).toBe(
      'You will no longer receive broadcasts or alerts from Niryat Setu. Send START to resume. You can still use the menu and ask questions.',
    );
    const optedOut = await userOf(phone);
    expect(optedOut?.optedOut).toBe(true);
    expect(optedOut?.consentEvents).toHaveLength(1);
    const [event] = optedOut!.consentEvents;
    expect(event).toMatchObject({ kind: 'opt_out', evidence: 'STOP' });
    expect(event!.at.getTime()).toBeGreaterThanOrEqual(stopSentAt - 1_000);
    expect(event!.at.getTime()).toBeLessThanOrEqual(Date.now());

    await bot.sendWhatsApp(phone, 'START');
    const afterStart = await bot.repliesTo(phone, 6);
    expect(afterStart[4]).toContain('Welcome back! Broadcasts and alerts are on again.');
    expect(afterStart[5]).toContain('Main menu');
    const optedIn = await userOf(phone);
    expect(optedIn?.optedOut).toBe(false);
    expect(optedIn?.consentEvents.map(({ kind, evidence }) => ({ kind, evidence }))).toEqual([
      { kind: 'opt_out', evidence: 'STOP' },
      { kind: 'opt_in', evidence: 'START' },
    ]);
  });

  it.each(['रोकें', 'unsubscribe', 'band karo'])('opts out on "%s" too', async (says) => {
    const phone = await userAtMainMenu();
    await bot.sendWhatsApp(phone, says);
    await bot.repliesTo(phone, 4);
    const user = await userOf(phone);
    expect(user?.optedOut).toBe(true);
    expect(user?.consentEvents.map(({ kind, evidence }) => ({ kind, evidence }))).toEqual([
      { kind: 'opt_out', evidence: says },
    ]);
  });

  it('does not opt out on a sentence that only contains a stop word', async () => {
    const phone = await userAtMainMenu();
    await bot.sendWhatsApp(phone, 'mere timer ko roko');
    const replies = await bot.repliesTo(phone, 5);
    expect(replies.slice(3).join('\n')).not.toContain('no longer receive');
    await bot.settle();
    const user = await userOf(phone);
    expect(user?.optedOut).toBe(false);
    expect(user?.consentEvents ?? []).toEqual([]);
  });
});
