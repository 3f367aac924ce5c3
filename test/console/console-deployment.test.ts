/**
 * The console as deployed: its configuration, the cookie and headers in production (behind TLS at a proxy), the
 * simulator behind the sign-in where the bot listens beyond this machine, and the password hashes themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/console/passwords.js';
import { loadConfig } from '../../src/config.js';
import { withoutSecretFields } from '../../src/domain/audit/audit-log.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { testConfig } from '../support/config.js';
import { createOfficer, postLogin, signIn, TEST_PASSWORD } from '../support/console.js';

const SECRET = 'a-production-secret-of-at-least-32-characters';

describe('configuration', () => {
  const valid = () => ({
    MONGODB_URI: 'mongodb://127.0.0.1:27017/x',
    REDIS_URL: 'redis://127.0.0.1:6379',
    TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: 'test-auth-token-123',
    TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886',
  });

  it('has working defaults outside production, and none for the secret in production', () => {
    const development = loadConfig(valid()).console;
    expect(development.sessionSecret?.length).toBeGreaterThanOrEqual(32);
    expect(development).toMatchObject({ sessionIdleMinutes: 480, loginMaxFailures: 5, lockMinutes: 15 });
    expect(loadConfig({ ...valid(), NODE_ENV: 'production' }).console.sessionSecret).toBeUndefined();
    expect(loadConfig({ ...valid(), NODE_ENV: 'production', CONSOLE_SESSION_SECRET: SECRET }).console).toMatchObject({
      sessionSecret: SECRET,
    });
  });

  it('refuses a short secret, naming the variable', () => {
    expect(() => loadConfig({ ...valid(), CONSOLE_SESSION_SECRET: 'short' })).toThrow(/^CONSOLE_SESSION_SECRET: /);
    expect(() => loadConfig({ ...valid(), CONSOLE_LOCK_MINUTES: '0' })).toThrow(/^CONSOLE_LOCK_MINUTES: /);
  });
});

describe('passwords', () => {
  it('are hashed with scrypt, its parameters and a fresh salt stored beside the hash', async () => {
    const [a, b] = await Promise.all([hashPassword(TEST_PASSWORD), hashPassword(TEST_PASSWORD)]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(TEST_PASSWORD, a)).toBe(true);
    expect(await verifyPassword(`${TEST_PASSWORD} `, a)).toBe(false);
    // A tampered record cannot make a check run for minutes, nor match.
    expect(await verifyPassword(TEST_PASSWORD, a.replace('$32768$', '$1073741824$'))).toBe(false);
    expect(await verifyPassword(TEST_PASSWORD, 'plain-text')).toBe(false);
  });

  it('must be long enough', () => {
    expect(passwordProblem('short')?.en).toMatch(/12 characters/);
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toBeDefined();
    expect(passwordProblem(TEST_PASSWORD)).toBeUndefined();
  });
});

describe('in production', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ NODE_ENV: 'production', CONSOLE_SESSION_SECRET: SECRET });
    await createOfficer(bot.runtime, 'prod.admin', 'admin');
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('sets a Secure cookie when the proxy says TLS was used, and sends HSTS', async () => {
    const response = await postLogin(
      bot.runtime.url!,
      { username: 'prod.admin', password: TEST_PASSWORD },
      { 'x-forwarded-proto': 'https' },
    );
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('ns_console='));
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  it('never sets the cookie over plain http', async () => {
    const response = await postLogin(bot.runtime.url!, { username: 'prod.admin', password: TEST_PASSWORD });
    expect(response.headers.getSetCookie().filter((line) => line.startsWith('ns_console='))).toEqual([]);
  });
});

describe('the simulator', () => {
  let open: TestBot;
  beforeAll(async () => {
    // Listening on every address: the simulator is then for signed-in officers only.
    open = await startTestBot({ HOST: '0.0.0.0', SIMULATOR_ENABLED: 'true' });
    await createOfficer(open.runtime, 'sim.viewer', 'viewer');
  });
  afterAll(async () => {
    await open?.stop();
  });

  it('asks for an officer where the bot listens beyond this machine', async () => {
    const base = open.runtime.url!;
    const api = await fetch(`${base}/simulator/api/chats/+919800000001`);
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: 'not_signed_in' });
    const page = await fetch(`${base}/simulator`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/admin/login?next=%2Fsimulator');

    const viewer = await signIn(base, 'sim.viewer');
    const chats = await viewer.request('GET', '/simulator/api/chats/+919800000001');
    expect(chats.status).toBe(200);
    const html = await viewer.request('GET', '/simulator');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('stays open to this machine when the bot listens on it alone', async () => {
    const local = await startTestBot({ SIMULATOR_ENABLED: 'true' });
    try {
      expect(testConfig().http.host).toBe('127.0.0.1');
      const chats = await fetch(`${local.runtime.url!}/simulator/api/chats/+919800000001`);
      expect(chats.status).toBe(200);
    } finally {
      await local.stop();
    }
  });
});

describe('audit snapshots', () => {
  it('drop secret fields at any depth and keep the rest storable', () => {
    const snapshot = withoutSecretFields({
      username: 'rk.sharma',
      passwordHash: 'scrypt$…',
      nested: { authToken: 'x', sessionSecret: 'y', hashtag: '#odop', list: [{ csrfToken: 'z', keep: 1 }] },
      $where: 'sleep(1)',
      'a.b': 1,
      when: new Date(0),
    });
    expect(snapshot).toEqual({
      username: 'rk.sharma',
      nested: { hashtag: '#odop', list: [{ keep: 1 }] },
      '＄where': 'sleep(1)',
      'a．b': 1,
      when: new Date(0),
    });
  });
});
