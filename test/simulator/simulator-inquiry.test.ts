/**
 * The demo's journey in the simulator, in a real headless Chromium, on the demo's sample data: a buyer joins a
 * group with its code and posts an inquiry; in a second pane, as a sample rice mill, the alert is there and the
 * seller quotes; back in the buyer's pane the quote has arrived and the shortlist shows it. Screenshot:
 * test-artifacts/simulator-inquiry.png.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_SELLERS, seedDemoData } from '../../scripts/demo-seed.js';
import { launchBrowser, openSimulator, seen } from '../support/browser.js';
import { startTestBot, type TestBot } from '../support/bot.js';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const BUYER = '+919800000001';
const MILL = SAMPLE_SELLERS[0]!;

describe('an inquiry in the simulator', () => {
  let bot: TestBot;
  let browser: Browser;
  beforeAll(async () => {
    bot = await startTestBot();
    await seedDemoData(bot.runtime.domain);
    browser = await launchBrowser();
    await mkdir(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
  });

  it('goes from a group post to a quote on the shortlist', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1400 }, locale: 'hi-IN' });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await openSimulator(page, bot.runtime.url!);
    const type = async (pane: Locator, text: string, expectReply: string | RegExp) => {
      const input = pane.getByTestId('message-input');
      await input.fill(text);
      await input.press('Enter');
      return seen(pane.getByTestId('bubble-out'), expectReply);
    };

    const buyer = page.getByTestId(`pane-${BUYER}`);
    const role = await type(buyer, 'JOIN RICE24', 'Sagar Rice Exporters');
    await role.getByTestId('choice-buyer').click();
    await seen(buyer.getByTestId('bubble-out'), 'Sagar Rice Exporters');
    await type(buyer, '50 ton sela chawal chahiye dubai ke liye', 'मेल खाते विक्रेताओं को भेज दूँ');
    const sent = await type(buyer, 'हाँ', /Q[A-Z2-9]{5}/);
    const code = /Q[A-Z2-9]{5}/.exec((await sent.textContent()) ?? '')?.[0] as string;

    // A second pane, as the sample rice mill: the alert is waiting there.
    await page.getByTestId('add-pane').click();
    const added = page.getByTestId('pane-+919800000004');
    await added.getByTestId('phone-input').fill(MILL.number);
    await added.getByTestId('phone-input').press('Enter');
    const mill = page.getByTestId(`pane-${MILL.number}`);
    const alert = await seen(mill.getByTestId('bubble-out'), `नई ख़रीद पूछताछ ${code}`);
    await alert.getByTestId(`choice-inq:${code}:quote`).click();
    await seen(mill.getByTestId('bubble-out'), 'अपना भाव लिखें');
    await type(mill, '450 dollar per ton FOB, 20 din me', 'ख़रीदार को यह भाव भेजूँ?');
    await type(mill, 'हाँ', 'आपका भाव ख़रीदार को भेज दिया गया');

    const notice = await seen(buyer.getByTestId('bubble-out'), 'ने भाव भेजा');
    await notice.getByTestId(`choice-inqb:${code}:shortlist`).click();
    const shortlist = await seen(buyer.getByTestId('bubble-out'), '1. पटेल राइस मिल, बीना');
    expect(await shortlist.textContent()).toContain('$450 प्रति टन FOB, 20 दिन में');

    await page.screenshot({ path: join(ARTIFACTS, 'simulator-inquiry.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
