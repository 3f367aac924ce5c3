/**
 * The simulator speaks for any number it is given, so it is kept apart from WhatsApp: a simulated number is its own
 * identity (a simulator STOP leaves the real WhatsApp user with that number subscribed), and the simulator serves
 * this machine only unless a secret opens it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { chatAs } from '../support/conversation.js';
import { uniquePhone } from '../support/phones.js';

async function simulatorSays(bot: TestBot, from: string, text: string, headers: Record<string, string> = {}) {
  return fetch(`${bot.runtime.url}/simulator/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ from, text }),
  });
}

describe('a simulated number', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('never acts as the WhatsApp user with that number: a simulator STOP leaves them subscribed', async () => {
    const phone = uniquePhone();
    const real = chatAs(bot, phone);
    await real.say('hi');
    await real.say('2');

    expect((await simulatorSays(bot, phone, 'STOP')).status).toBe(202);
    await bot.settle();

    const whatsappUser = await bot.runtime.models.users.findById(phone).lean();
    expect(whatsappUser?.optedOut).toBe(false);
    expect(whatsappUser?.consentEvents ?? []).toEqual([]);
    const simulated = await bot.runtime.models.users.findById(`sim:${phone}`).lean();
    expect(simulated?.optedOut).toBe(true);
    // And the real person got nothing from it.
    expect(bot.sentTo(phone).some((text) => text.includes('You will no longer receive'))).toBe(false);
  });

  it('is refused from another machine (a proxied request), with a clear reason', async () => {
    const response = await simulatorSays(bot, uniquePhone(), 'hi', { 'x-forwarded-for': '203.0.113.9' });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: 'simulator_forbidden',
      detail: 'the simulator serves this machine only; set SIMULATOR_SECRET to open it to others',
    });
    const page = await fetch(`${bot.runtime.url}/simulator`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(page.status).toBe(403);
  });
});

describe('a simulator opened with SIMULATOR_SECRET', () => {
  const SECRET = 'open-sesame-for-officers-2026';
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ SIMULATOR_SECRET: SECRET });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('lets in a remote browser with the key, once, by cookie; refuses a wrong key', async () => {
    const remote = { 'x-forwarded-for': '203.0.113.9' };
    const opened = await fetch(`${bot.runtime.url}/simulator?key=${SECRET}`, { headers: remote });
    expect(opened.status).toBe(200);
    const cookie = opened.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^simulator_key=.*HttpOnly/i);
    const withCookie = await simulatorSays(bot, uniquePhone(), 'hi', { ...remote, cookie: cookie.split(';')[0] ?? '' });
    expect(withCookie.status).toBe(202);

    const wrong = await simulatorSays(bot, uniquePhone(), 'hi', {
      ...remote,
      'x-simulator-key': 'not-the-secret-at-all',
    });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).detail).toBe('the simulator needs its key: open /simulator?key=<SIMULATOR_SECRET>');
  });
});
