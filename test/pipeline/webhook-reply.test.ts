import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';

describe('signed WhatsApp webhook → reply at the local Twilio server', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('greets a new user in Hindi and asks for a language', async () => {
    const response = await bot.sendWhatsApp('+919800000201', 'नमस्ते');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<Response/>');
    const replies = await bot.repliesTo('+919800000201', 2);
    expect(replies[0]).toContain('नमस्ते! मैं निर्यात सेतु हूँ');
    expect(replies[1]).toContain('अपनी भाषा चुनें');
    expect(replies[1]).toContain('1. हिन्दी');
  });
});
