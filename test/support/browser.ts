/**
 * A real headless Chromium for page tests: Debian's package driven by playwright-core (no browser download is
 * possible here, and none is needed). CHROMIUM_PATH points elsewhere when the browser lives somewhere else.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps trying to reach Google's services, and on a closed network
// those refused connections slow down or break the page's own requests.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: install it with \`apt-get install chromium\` ` +
        '(npm test does this through scripts/test.sh), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** How long a page test waits for what a person would wait for (a reply, a connection). */
export const PAGE_WAIT_MS = 15_000;

/** Waits until one of `locator`'s elements shows `text`, as a person waiting for a message would. */
export async function seen(locator: Locator, text: string | RegExp): Promise<Locator> {
  const match = locator.filter({ hasText: text }).last();
  await match.waitFor({ state: 'visible', timeout: PAGE_WAIT_MS });
  return match;
}

/** Opens the simulator page and waits for its live connection to the bot. */
export async function openSimulator(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/simulator`);
  await page.locator('[data-testid="connection"][data-state="open"]').waitFor({ timeout: PAGE_WAIT_MS });
}
