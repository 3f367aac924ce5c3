/**
 * A seller registers in the simulator, in a real headless Chromium, tapping the buttons where the bot offers them
 * and typing the rest, as a newcomer meeting the product would; the screenshot is test-artifacts/
 * simulator-seller-registration.png.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openSimulator, seen } from '../support/browser.js';
import { startTestBot, type TestBot } from '../support/bot.js';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const SELLER = '+919800000001';

describe('seller registration in the simulator', () => {
  let bot: TestBot;
  let browser: Browser;
  beforeAll(async () => {
    bot = await startTestBot();
    browser = await launchBrowser();
    await mkdir(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
  });

  it('registers a rice mill from the menu to the saved profile', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 }, locale: 'en-IN' });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await openSimulator(page, bot.runtime.url!);
    const seller = page.getByTestId(`pane-${SELLER}`);
    const replies = seller.getByTestId('bubble-out');
    const type = async (text: string, expectReply: string | RegExp) => {
      const input = seller.getByTestId('message-input');
      await input.fill(text);
      await input.press('Enter');
      return seen(replies, expectReply);
    };

    await type('hello', 'Choose your language');
    await (await seen(replies, 'Choose your language')).getByTestId('choice-en').click();
    const menu = await seen(replies, 'Main menu');
    await menu.getByTestId('list-button').click();
    await seller.getByTestId('list-sheet').getByTestId('choice-seller').click();
    await seen(replies, 'What is your name?');
    await type('Ramesh Patel', 'name of your firm');
    await type('Patel Rice Mill, Bina', 'Which products do you sell?');
    const products = await type('sela chawal, soya DOC', 'I understood these products');
    expect(await products.locator('.text').textContent()).toContain('1. Parboiled rice');
    await products.getByTestId('choice-yes').click();
    await type('50 MT', /Soybean meal.*how much/);
    await type('200 quintal', 'Which certificates');
    await type('1, 2', 'Your export experience?');
    await type('2', 'Which tehsil');
    await type('Bina', 'Send a photo');
    await type('skip', 'may we give that buyer');
    const summary = await type('yes', 'Please check your details');
    const text = await summary.locator('.text').textContent();
    expect(text).toContain('  • Parboiled rice: 50 MT a month');
    expect(text).toContain('Tehsil: Bina');
    await summary.getByTestId('choice-save').click();
    await seen(replies, 'Patel Rice Mill, Bina is registered');

    await page.screenshot({ path: join(ARTIFACTS, 'simulator-seller-registration.png'), fullPage: true });
    const record = await bot.runtime.models.sellers.findById(`sim:${SELLER}`).lean();
    expect(record).toMatchObject({ businessName: 'Patel Rice Mill, Bina', tehsil: 'bina' });
    expect(pageErrors).toEqual([]);
  });
});
