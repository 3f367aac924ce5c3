import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openSimulator, seen } from '../support/browser.js';
import { startTestBot, type TestBot } from '../support/bot.js';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const SELLER = '+919800000001';
const BUYER = '+919800000002';

async function type(pane: Locator, text: string): Promise<void> {
  const input = pane.getByTestId('message-input');
  await input.fill(text);
  await input.press('Enter');
}

describe('simulator page in a real Chromium', () => {
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

  it('lets a seller greet the bot, pick Hindi and reach the main menu, while a buyer chats apart', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'hi-IN' });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await openSimulator(page, bot.runtime.url!);

    await expect(page.getByTestId('banner').textContent()).resolves.toContain('real pipeline');
    const seller = page.getByTestId(`pane-${SELLER}`);
    const buyer = page.getByTestId(`pane-${BUYER}`);
    await expect(page.locator('[data-testid^="pane-+"]').count()).resolves.toBe(3);
    await expect(seller.getByTestId('label-input').inputValue()).resolves.toBe('Seller');
    await expect(page.getByTestId('pane-+919800000003').getByTestId('label-input').inputValue()).resolves.toBe('Admin');

    // The seller says hello and is asked for a language, with a button per language.
    await type(seller, 'नमस्ते');
    await seen(seller.getByTestId('bubble-in'), 'नमस्ते');
    await seen(seller.getByTestId('bubble-out'), 'नमस्ते! मैं निर्यात सेतु हूँ');
    const question = await seen(seller.getByTestId('bubble-out'), 'अपनी भाषा चुनें / Choose your language:');
    const hindi = question.getByTestId('choice-hi');
    await expect(hindi.textContent()).resolves.toBe('हिन्दी');
    await expect(question.getByTestId('choice-en').textContent()).resolves.toBe('English (अंग्रेज़ी)');
    // Line breaks in the bot's text stay line breaks.
    expect(await question.locator('.text').textContent()).toContain('\n1. हिन्दी\n2. English (अंग्रेज़ी)');
    await expect(question.locator('.text').evaluate((node) => getComputedStyle(node).whiteSpace)).resolves.toBe(
      'pre-wrap',
    );

    // Tapping "हिन्दी" sends it as the person's reply and brings the Hindi main menu, a list of five options.
    await hindi.click();
    await seen(seller.getByTestId('bubble-in'), 'हिन्दी');
    const menu = await seen(seller.getByTestId('bubble-out'), 'मुख्य मेनू: आप क्या करना चाहेंगे?');
    expect(await menu.locator('.text').textContent()).toContain('1. विक्रेता: पंजीकरण / प्रोफ़ाइल\n2. मदद और कमांड');
    await menu.getByTestId('list-button').click();
    const sheet = seller.getByTestId('list-sheet');
    await sheet.waitFor({ state: 'visible' });
    const help = sheet.getByTestId('choice-help');
    await expect(help.locator('.row-title').textContent()).resolves.toBe('मदद और कमांड');
    await expect(help.locator('.row-description').textContent()).resolves.toBe('बॉट कैसे काम करता है');
    await expect(sheet.getByTestId('choice-seller').textContent()).resolves.toContain('विक्रेता: पंजीकरण / प्रोफ़ाइल');
    await expect(sheet.getByTestId('choice-officer').textContent()).resolves.toContain('अधिकारी से बात करें');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
    const sellerBubbles = await seller.locator('[data-testid^="bubble-"]').count();
    // नमस्ते, welcome, language question, हिन्दी, main menu.
    expect(sellerBubbles).toBe(5);

    // A buyer, another number, gets a greeting of their own; the seller's chat is left as it was.
    await type(buyer, 'hi');
    await seen(buyer.getByTestId('bubble-out'), 'नमस्ते! मैं निर्यात सेतु हूँ');
    await seen(buyer.getByTestId('bubble-out'), 'अपनी भाषा चुनें');
    await buyer.getByTestId('choice-en').waitFor();
    await expect(buyer.getByTestId('bubble-in').allTextContents()).resolves.toEqual([expect.stringContaining('hi')]);
    await expect(seller.locator('[data-testid^="bubble-"]').count()).resolves.toBe(sellerBubbles);
    await expect(seller.getByTestId('typing').isHidden()).resolves.toBe(true);

    // After a reload the chats come back from the server.
    await openSimulator(page, bot.runtime.url!);
    await seen(seller.getByTestId('bubble-out'), 'मुख्य मेनू');
    await expect(seller.locator('[data-testid^="bubble-"]').count()).resolves.toBe(sellerBubbles);

    await page.screenshot({ path: join(ARTIFACTS, 'simulator.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('stacks the panes on a phone-sized screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    await openSimulator(page, bot.runtime.url!);
    const seller = page.getByTestId(`pane-${SELLER}`);
    const buyer = page.getByTestId(`pane-${BUYER}`);
    await seen(seller.getByTestId('bubble-out'), 'मुख्य मेनू');
    const [sellerBox, buyerBox] = [await seller.boundingBox(), await buyer.boundingBox()];
    expect(buyerBox!.y).toBeGreaterThan(sellerBox!.y + sellerBox!.height - 1);
    expect(buyerBox!.x).toBe(sellerBox!.x);
    expect(sellerBox!.width).toBeLessThanOrEqual(390);
    // Nothing sticks out sideways.
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, 'simulator-phone.png'), fullPage: true });
    await page.close();
  });

  it('adds a number, changes a number, refuses a malformed one and clears a chat', async () => {
    const page = await browser.newPage();
    await openSimulator(page, bot.runtime.url!);
    await page.getByTestId('add-pane').click();
    const added = page.getByTestId('pane-+919800000004');
    await added.waitFor();
    await expect(added.getByTestId('label-input').inputValue()).resolves.toBe('User 4');

    const phone = added.getByTestId('phone-input');
    await phone.fill('98000');
    await phone.press('Enter');
    await added.getByTestId('phone-error').waitFor();
    await phone.fill('+91 98000 00077');
    await phone.press('Enter');
    const renamed = page.getByTestId('pane-+919800000077');
    await renamed.waitFor();
    await expect(renamed.getByTestId('phone-error').isHidden()).resolves.toBe(true);
    await type(renamed, 'hi');
    await seen(renamed.getByTestId('bubble-out'), 'अपनी भाषा चुनें');
    // The new number survives a reload.
    await openSimulator(page, bot.runtime.url!);
    await seen(renamed.getByTestId('bubble-out'), 'अपनी भाषा चुनें');

    await renamed.getByTestId('clear-chat').click();
    await renamed.getByTestId('empty').waitFor();
    await expect(renamed.locator('[data-testid^="bubble-"]').count()).resolves.toBe(0);
    await renamed.getByTestId('remove-pane').click();
    await expect(page.locator('[data-testid^="pane-+"]').count()).resolves.toBe(3);
    await page.close();
  });

  it('shows the text as text, never as markup', async () => {
    const page = await browser.newPage();
    await openSimulator(page, bot.runtime.url!);
    const admin = page.getByTestId('pane-+919800000003');
    await type(admin, '<img src=x onerror="window.hacked=1"><b>bold</b>');
    const bubble = await seen(admin.getByTestId('bubble-in'), '<b>bold</b>');
    await expect(bubble.locator('img, b').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).resolves.toBeUndefined();
    await page.close();
  });
});
