/**
 * The officers' dashboard in a real headless Chromium against the whole bot (FerretDB, Redis, the local Twilio
 * server): an administrator signs in, reads the numbers, creates a group that two people join on WhatsApp, composes
 * a broadcast to it and watches it complete, answers a question the bot could not (the asker gets the answer on
 * WhatsApp) and sees the numbers change; the same pages on a phone screen; the flows drawn by mermaid under their
 * own CSP; a viewer sees no change buttons and is refused a change; nobody signed out gets a page, a script or the
 * flows. Screenshots go to test-artifacts/ (and the README's to docs/ when UPDATE_DOCS_SCREENSHOTS=1, so that a test
 * run leaves the checkout as it found it).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SellerProfile } from '../../src/domain/sellers/sellers.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { launchBrowser, PAGE_WAIT_MS } from '../support/browser.js';
import { createOfficer, TEST_PASSWORD } from '../support/console.js';
import { chatAs } from '../support/conversation.js';
import { eventually } from '../support/eventually.js';
import { uniquePhone } from '../support/phones.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const DOCS = join(ROOT, 'docs');
const AT = new Date('2026-11-20T05:00:00Z');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const QUESTION = 'GST refund kaise milega export par?';
const ANSWER = 'निर्यात पर GST रिफ़ंड GST पोर्टल से मिलता है; अपने CA या सागर के GST कार्यालय से प्रक्रिया पूछें।';

function seller(name: string, businessName: string, productId: string, category: string, tehsil: string) {
  return {
    name,
    businessName,
    products: [
      { productId, category, label: productId.replace('_', ' '), capacity: { value: 200, unit: 'MT' as const } },
    ],
    certifications: ['fssai' as const],
    exportExperience: 'direct' as const,
    tehsil,
    photos: [],
    contactConsent: { given: true, at: AT, evidence: 'हाँ', statement: 'क्या ख़रीदार आपका नंबर देख सकते हैं?' },
  } satisfies SellerProfile;
}

/** Problems the page reports: script errors and anything the CSP refused. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    // The viewer's refused change is the one failure asked for.
    const refusedOnPurpose = response.status() === 403 && response.request().method() === 'POST';
    if (response.status() >= 400 && !refusedOnPurpose) problems.push(`${response.status()} ${response.url()}`);
  });
  return problems;
}

async function signInAt(page: Page, base: string, username: string, path = '/admin/'): Promise<void> {
  await page.goto(`${base}${path}`);
  // Without a session the page sends the browser to the sign-in form, which brings it back.
  await page.waitForURL(/\/admin\/login\?next=/);
  await page.fill('#username', username);
  await page.fill('#password', TEST_PASSWORD);
  await Promise.all([page.waitForURL((url) => url.pathname === path), page.click('button[type="submit"]')]);
  await ready(page);
}

/** The page has drawn its view from the API. */
async function ready(page: Page): Promise<void> {
  await page.locator('[data-testid="view"][data-ready="true"]').waitFor({ timeout: PAGE_WAIT_MS });
}

async function open(page: Page, base: string, path: string): Promise<void> {
  await page.goto(`${base}${path}`);
  await ready(page);
}

const kpi = (page: Page, name: string) => page.getByTestId(`kpi-${name}-value`).textContent();

describe('officers’ dashboard in a real Chromium', () => {
  let bot: TestBot;
  let browser: Browser;
  let adminContext: BrowserContext;
  let base: string;
  let ticketPath = '';
  let inquiry = '';
  let broadcastPath = '';
  const mill = uniquePhone();

  beforeAll(async () => {
    bot = await startTestBot();
    base = bot.runtime.url!;
    browser = await launchBrowser();
    await Promise.all([mkdir(ARTIFACTS, { recursive: true }), mkdir(DOCS, { recursive: true })]);
    await createOfficer(bot.runtime, 'meera', 'admin');
    await createOfficer(bot.runtime, 'arjun', 'viewer');
    const sellers = bot.runtime.domain.sellers;
    await sellers.register(mill, seller('Ramesh', 'Shree Ram Rice Mill', 'parboiled_rice', 'rice', 'khurai'), AT);
    await sellers.register(uniquePhone(), seller('Kamla', 'Bina Dal Udyog', 'pigeon_pea', 'agri-other', 'bina'), AT);
    await sellers.register(
      uniquePhone(),
      seller('Sita', 'Sagar Stone Crafts', 'stone_craft', 'stone-craft', 'sagar'),
      AT,
    );
    await sellers.register(uniquePhone(), seller('Imran', 'Rahatgarh Rice', 'basmati_rice', 'rice', 'rahatgarh'), AT);
    // A buyer's inquiry, matched to the rice mill, who quotes: the numbers and the inquiry pages have something.
    const buyer = chatAs(bot, uniquePhone());
    await buyer.say('mujhe 50 ton sela chawal chahiye dubai ke liye');
    const sent = (await buyer.say('haan')).join('\n');
    inquiry = /Q[A-Z2-9]{5}/.exec(sent)?.[0] ?? '';
    expect(inquiry, sent).not.toBe('');
    const quoting = chatAs(bot, mill);
    await quoting.say('भाव भेजें', { buttonPayload: `inq:${inquiry}:quote` });
    await quoting.say('450 dollar per ton FOB, min 20 ton, 20 din me');
    expect((await quoting.say('haan')).join('\n')).toContain('आपका भाव ख़रीदार को भेज दिया गया');
    adminContext = await browser.newContext({ viewport: DESKTOP, locale: 'hi-IN' });
  });
  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
  });

  it('serves nothing of the dashboard without a session', async () => {
    const page = await fetch(`${base}/admin/groups?x=1`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fgroups%3Fx%3D1');
    for (const path of ['/admin/assets/app.js', '/admin/assets/vendor/mermaid.min.js', '/admin/api/flows']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(401);
    }
  });

  it('lets an admin create a group, broadcast to it, answer a question and see the numbers change', async () => {
    const page = await adminContext.newPage();
    const problems = watchProblems(page);
    await signInAt(page, base, 'meera');

    // The numbers, in Hindi first, with figures beside the bars.
    await expect(page.locator('h1').first().textContent()).resolves.toBe('कार्यक्रम के आँकड़े');
    await expect(kpi(page, 'sellers')).resolves.toBe('4');
    await expect(kpi(page, 'inquiries')).resolves.toBe('1');
    await expect(kpi(page, 'match-rate')).resolves.toBe('100%');
    await expect(page.getByTestId('by-category').textContent()).resolves.toMatch(/चावल.*2/); // names in the page's language
    await expect(page.getByTestId('by-tehsil').textContent()).resolves.toMatch(/खुरई.*1/);
    const openBefore = Number(await kpi(page, 'tickets'));
    await page.screenshot({ path: join(ARTIFACTS, 'console-home-desktop.png'), fullPage: true });

    // A group, with its invite link and QR code.
    await page.getByTestId('nav-groups').click();
    await ready(page);
    await page.getByTestId('group-code').fill('dash7');
    await page.getByTestId('group-name').fill('Sagar Dal Exporters');
    await Promise.all([page.waitForURL(/\/admin\/groups\/DASH7$/), page.getByTestId('group-create').click()]);
    await ready(page);
    await expect(page.getByTestId('invite').textContent()).resolves.toContain('JOIN DASH7');
    await expect(page.getByTestId('invite-link').getAttribute('href')).resolves.toBe(
      'https://wa.me/14155238886?text=JOIN%20DASH7',
    );
    await expect
      .poll(() => page.getByTestId('invite-qr').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);

    // Two people join on WhatsApp with the code (and so are inside the 24-hour window).
    const members = [chatAs(bot, uniquePhone()), chatAs(bot, uniquePhone())];
    for (const [index, member] of members.entries()) {
      expect((await member.say('JOIN DASH7')).join('\n')).toContain('Sagar Dal Exporters');
      expect((await member.say(index === 0 ? 'ख़रीदार' : 'विक्रेता')).join('\n')).toContain('जुड़ गए');
    }
    await page.reload();
    await ready(page);
    await expect(page.getByTestId('members').locator('tbody tr').count()).resolves.toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, 'console-group-desktop.png'), fullPage: true });

    // A broadcast to the group: composed, previewed, confirmed, followed until it completes.
    await open(page, base, '/admin/broadcasts');
    await page.getByTestId('compose').click();
    await ready(page);
    await page.getByTestId('bc-title').fill('Packaging workshop');
    await page.getByTestId('bc-group-DASH7').check();
    await page.getByTestId('bc-text-hi').fill('पैकेजिंग कार्यशाला: 5 दिसंबर, सुबह 11 बजे, DIC सागर।');
    await page.getByTestId('bc-text-en').fill('Packaging workshop: 5 December, 11 am, DIC Sagar.');
    await page.getByTestId('bc-preview').click();
    await expect(page.getByTestId('preview-recipients').textContent()).resolves.toBe('2');
    await expect(page.getByTestId('preview-opted-out').textContent()).resolves.toBe('0');
    await page.screenshot({ path: join(ARTIFACTS, 'console-compose-desktop.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/admin\/broadcasts\/[A-Za-z0-9]+$/), page.getByTestId('bc-confirm').click()]);
    await ready(page);
    broadcastPath = new URL(page.url()).pathname;
    await page.locator('[data-testid="bc-progress"][data-state="complete"]').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('bc-progress-text').textContent()).resolves.toContain('2 में से 2 पूरे');
    for (const member of members) {
      await eventually(() => expect(bot.sentTo(member.phone).join('\n')).toContain('पैकेजिंग कार्यशाला: 5 दिसंबर'));
    }
    await page.screenshot({ path: join(ARTIFACTS, 'console-broadcast-desktop.png'), fullPage: true });

    // A question the bot cannot answer becomes an open question on the dashboard.
    const asker = chatAs(bot, uniquePhone());
    expect((await asker.say(QUESTION))[0]).toContain('इसका जवाब मेरे पास अभी नहीं है');
    await open(page, base, '/admin/');
    await expect(kpi(page, 'tickets')).resolves.toBe(String(openBefore + 1));

    await open(page, base, '/admin/tickets');
    await Promise.all([page.waitForURL(/\/admin\/tickets\/.+/), page.getByRole('link', { name: QUESTION }).click()]);
    await ready(page);
    ticketPath = new URL(page.url()).pathname;
    await page.getByTestId('ticket-answer').fill(ANSWER);
    await page.getByTestId('ticket-send').click();
    await expect(page.getByTestId('ticket-answer-text').textContent()).resolves.toBe(ANSWER);
    await page.getByTestId('save-faq').waitFor();
    // The answer reaches the asker at the (local) Twilio server.
    await eventually(() => expect(bot.sentTo(asker.phone).at(-1)).toContain(ANSWER));
    // Saved as a FAQ entry, with more ways to ask it.
    await page.getByTestId('faq-phrasings-hi').fill('निर्यात पर जीएसटी वापसी कैसे मिलेगी');
    await page.getByTestId('faq-phrasings-en').fill('How do I get a GST refund on export?');
    await Promise.all([page.waitForURL(/\/admin\/faq\/added-/), page.getByTestId('faq-save').click()]);
    await ready(page);
    await expect(page.getByTestId('faq-entry').textContent()).resolves.toContain(ANSWER);
    await page.getByTestId('faq-add-en').fill('GST refund for exporters');
    await page.getByTestId('faq-add').click();
    await expect.poll(() => page.getByTestId('faq-entry').textContent()).toContain('GST refund for exporters');
    // Answered, it has left the open list and is among the answered ones.
    await open(page, base, '/admin/tickets');
    await expect(page.getByTestId('view').textContent()).resolves.not.toContain(QUESTION);
    await Promise.all([page.waitForURL(/status=answered/), page.getByTestId('tickets-switch').click()]);
    await ready(page);
    await expect(page.getByTestId('tickets').textContent()).resolves.toContain(QUESTION);

    // The numbers changed: the question is answered, the broadcast has its funnel.
    await open(page, base, '/admin/');
    await expect(kpi(page, 'tickets')).resolves.toBe(String(openBefore));
    await expect(page.getByTestId('chart-funnels').textContent()).resolves.toContain('Packaging workshop');
    await page.screenshot({ path: join(ARTIFACTS, 'console-home-after-desktop.png'), fullPage: true });
    if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') await page.screenshot({ path: join(DOCS, 'console-home.png') });

    // An inquiry's matches say why each seller was chosen, in the officer's language, with the quote.
    await open(page, base, '/admin/inquiries');
    await Promise.all([page.waitForURL(/\/admin\/inquiries\/Q/), page.getByRole('link', { name: inquiry }).click()]);
    await ready(page);
    const match = page.getByTestId('match').filter({ hasText: 'Shree Ram Rice Mill' });
    await expect(match.textContent()).resolves.toContain('450');
    const hindiReasons = (await match.getByTestId('reasons').textContent()) ?? '';
    expect(hindiReasons).toMatch(/[\u0900-\u097F]/);

    // The language switch redraws the page in English and is remembered.
    await page.getByTestId('lang-switch').click();
    await ready(page);
    const englishReasons = (await match.getByTestId('reasons').textContent()) ?? '';
    expect(englishReasons).not.toMatch(/[\u0900-\u097F]/);
    expect(englishReasons).not.toBe(hindiReasons);
    await open(page, base, '/admin/');
    await expect(page.locator('h1').first().textContent()).resolves.toBe('Programme numbers');
    await expect(page.getByTestId('nav-broadcasts').textContent()).resolves.toBe('Broadcasts');
    await page.getByTestId('lang-switch').click();
    await ready(page);

    // Sellers: a search, a profile, alerts paused.
    await open(page, base, '/admin/sellers');
    await page.getByTestId('seller-q').fill('Rice');
    await page.getByTestId('seller-q').press('Enter');
    await expect.poll(() => page.getByTestId('sellers').locator('tbody tr').count()).toBe(2);
    // The tehsil is chosen and shown by its name, not its id.
    await page.locator('select[name="tehsil"]').selectOption('khurai');
    await page.getByTestId('seller-q').press('Enter');
    await expect.poll(() => page.getByTestId('sellers').locator('tbody tr').count()).toBe(1);
    await expect(page.getByTestId('sellers').locator('tbody').textContent()).resolves.toMatch(/Khurai|खुरई/);
    await Promise.all([page.waitForURL(/\/admin\/sellers\/.+/), page.getByRole('link', { name: 'Ramesh' }).click()]);
    await ready(page);
    await page.getByTestId('seller-pause').click();
    await page.getByTestId('seller-resume').waitFor();
    expect((await bot.runtime.domain.sellers.find(mill))?.alertsOn).toBe(false);

    // Every CSV link downloads a file.
    const csv = await page.evaluate(async () => {
      const response = await fetch('/admin/api/export/sellers.csv?q=Rice&limit=100');
      return { type: response.headers.get('content-type'), text: await response.text() };
    });
    expect(csv.type).toContain('text/csv');
    expect(csv.text).toContain('Shree Ram Rice Mill');

    expect(problems).toEqual([]);
  }, 60_000);

  it('fits a phone screen, and draws the flows under their own CSP', async () => {
    const phone = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      locale: 'hi-IN',
      storageState: await adminContext.storageState(),
    });
    const page = await phone.newPage();
    const problems = watchProblems(page);
    const pages: [path: string, name: string][] = [
      ['/admin/', 'home'],
      ['/admin/groups/DASH7', 'group'],
      ['/admin/broadcasts', 'broadcasts'],
      [broadcastPath, 'broadcast'],
      [`/admin/inquiries/${inquiry}`, 'inquiry'],
    ];
    for (const [path, name] of pages) {
      await open(page, base, path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} is wider than the phone`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(ARTIFACTS, `console-${name}-phone.png`), fullPage: true });
    }
    // The menu folds behind its button.
    await expect(page.getByTestId('nav').isVisible()).resolves.toBe(false);
    await page.locator('#menu-toggle').click();
    await expect(page.getByTestId('nav-tickets').isVisible()).resolves.toBe(true);

    const flows = await page.goto(`${base}/admin/flows/greeting`);
    expect(flows?.headers()['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(flows?.headers()['content-security-policy']).not.toContain("script-src 'self' 'unsafe");
    await page.locator('[data-testid="flow-diagram"] svg').waitFor({ timeout: PAGE_WAIT_MS });
    await expect(page.locator('[data-testid="flow-diagram"] svg g.node').count()).resolves.toBeGreaterThan(2);
    await expect(page.locator('[data-testid="flow-diagram"] parsererror').count()).resolves.toBe(0);
    await expect(page.getByTestId('flow-diagram').textContent()).resolves.toContain('welcome');
    await page.screenshot({ path: join(ARTIFACTS, 'console-flow-phone.png'), fullPage: true });
    const home = await page.goto(`${base}/admin/`);
    expect(home?.headers()['content-security-policy']).toContain("style-src 'self';");
    expect(problems).toEqual([]);
    await phone.close();
  }, 30_000);

  it('shows a viewer no change buttons, and the API refuses their changes', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'hi-IN' });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await signInAt(page, base, 'arjun');
    await expect(page.getByTestId('viewer-note').isVisible()).resolves.toBe(true);
    await expect(kpi(page, 'sellers')).resolves.toBe('4');

    await open(page, base, '/admin/groups');
    await expect(page.getByTestId('new-group').count()).resolves.toBe(0);
    await open(page, base, '/admin/groups/DASH7');
    await expect(page.getByTestId('members').locator('tbody tr').count()).resolves.toBe(2);
    await expect(page.locator('[data-testid="member-mute"], [data-testid="member-remove"]').count()).resolves.toBe(0);
    await open(page, base, '/admin/broadcasts');
    await expect(page.getByTestId('compose').count()).resolves.toBe(0);
    await open(page, base, '/admin/sellers');
    await Promise.all([page.waitForURL(/\/admin\/sellers\/.+/), page.getByRole('link', { name: 'Ramesh' }).click()]);
    await ready(page);
    await expect(page.getByTestId('seller-profile').textContent()).resolves.toContain('Shree Ram Rice Mill');
    await expect(page.locator('[data-testid="seller-pause"], [data-testid="seller-resume"]').count()).resolves.toBe(0);
    await open(page, base, ticketPath);
    await expect(page.getByTestId('ticket-answer-text').textContent()).resolves.toBe(ANSWER);
    await expect(page.locator('[data-testid="ticket-send"], [data-testid="save-faq"]').count()).resolves.toBe(0);
    await expect(page.locator('main button:not(.secondary)').count()).resolves.toBe(0);

    // Even with their own session and its CSRF token, a change is refused.
    const refused = await page.evaluate(async () => {
      const session = await (await fetch('/admin/api/session')).json();
      const response = await fetch('/admin/api/groups', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ code: 'VIEW9', name: 'Not allowed' }),
      });
      return { status: response.status, body: await response.json() };
    });
    expect(refused).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await bot.runtime.domain.groups.find('VIEW9')).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  }, 30_000);
});
