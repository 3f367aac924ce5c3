/**
 * The console's security, against the real runtime (real Redis sessions, real FerretDB accounts): signing in and
 * out, 401/403 on every route, CSRF, lockout after wrong passwords, operator injection, no password hash in any
 * answer, logout everywhere, the audit log, cookie flags and headers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import {
  type ConsoleClient,
  cookieHeader,
  createOfficer,
  postLogin,
  signIn,
  TEST_PASSWORD,
} from '../support/console.js';

/** Every route of the console's own API, as [method, path]. */
const API_ROUTES: Array<[string, string]> = [
  ['GET', '/admin/api/session'],
  ['POST', '/admin/api/logout'],
  ['POST', '/admin/api/logout-everywhere'],
  ['POST', '/admin/api/password'],
  ['GET', '/admin/api/officers'],
  ['POST', '/admin/api/officers'],
  ['PATCH', '/admin/api/officers/o_0000'],
  ['GET', '/admin/api/audit'],
];
const ADMIN_ROUTES = API_ROUTES.filter(([, path]) => /officers|audit/.test(path));

let bot: TestBot;
let base: string;
/** Every answer's text, checked at the end for a password hash. */
const answers: string[] = [];

async function text(response: Response): Promise<string> {
  const body = await response.text();
  answers.push(body);
  return body;
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return JSON.parse(await text(response)) as Record<string, unknown>;
}

beforeAll(async () => {
  bot = await startTestBot({ CONSOLE_LOGIN_MAX_FAILURES: '3', CONSOLE_LOCK_MINUTES: '0.05' });
  base = bot.runtime.url!;
  await createOfficer(bot.runtime, 'rk.sharma', 'admin');
  await createOfficer(bot.runtime, 'viewer.one', 'viewer');
});

afterAll(async () => {
  for (const body of answers) {
    expect(body).not.toMatch(/passwordHash|scrypt\$/);
  }
  await bot?.stop();
});

describe('signing in', () => {
  it('signs in with the right password and answers the officer and a CSRF token, never the hash', async () => {
    const response = await postLogin(base, { username: 'RK.Sharma', password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body.officer).toMatchObject({ username: 'rk.sharma', role: 'admin', displayName: 'Officer rk.sharma' });
    expect(body.csrfToken).toMatch(/^[0-9a-f]{64}$/);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('ns_console='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).not.toMatch(/; Secure/i);
    expect(cookie).toMatch(/; Path=\//);
  });

  it('refuses a wrong password and an unknown username alike', async () => {
    const wrong = await postLogin(base, { username: 'viewer.one', password: 'not the password' });
    const unknown = await postLogin(base, { username: 'nobody.here', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await json(wrong), await json(unknown)];
    expect(a).toEqual(b);
    expect(a.error).toBe('wrong_credentials');
    expect(a.message).toMatchObject({ hi: expect.any(String), en: 'Wrong username or password.' });
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('regenerates the session at sign-in: a planted session id is not kept', async () => {
    const first = await signIn(base, 'viewer.one');
    const response = await fetch(`${base}/admin/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: first.cookie },
      body: JSON.stringify({ username: 'viewer.one', password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(200);
    await text(response);
    expect(cookieHeader(response)).not.toBe(first.cookie);
    // The old session is gone.
    expect((await first.request('GET', '/admin/api/session')).status).toBe(401);
  });

  it('serves a bilingual sign-in page without inline script, under a strict CSP, and signs in from its form', async () => {
    const page = await fetch(`${base}/admin/login`);
    expect(page.status).toBe(200);
    const html = await text(page);
    expect(html).toContain('साइन इन करें');
    expect(html).toContain('Sign in');
    expect(html).not.toMatch(/<script|<style|style=/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const css = await fetch(`${base}/admin/assets/login.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);

    const form = await fetch(`${base}/admin/api/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
      body: new URLSearchParams({ username: 'viewer.one', password: TEST_PASSWORD, next: '/admin/broadcasts' }),
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/admin/broadcasts');
    const offsite = await fetch(`${base}/admin/api/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'viewer.one', password: TEST_PASSWORD, next: '//evil.example/' }),
    });
    expect(offsite.headers.get('location')).toBe('/admin/');

    const wrong = await fetch(`${base}/admin/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'viewer.one', password: 'nope nope nope' }),
    });
    expect(wrong.status).toBe(401);
    expect(await text(wrong)).toContain('Wrong username or password.');
  });

  it('refuses a login posted from another site', async () => {
    const response = await postLogin(
      base,
      { username: 'rk.sharma', password: TEST_PASSWORD },
      { origin: 'https://evil.example' },
    );
    expect(response.status).toBe(403);
    expect((await json(response)).error).toBe('cross_origin');
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});

describe('every route', () => {
  it('answers 401 without a session', async () => {
    for (const [method, path] of [...API_ROUTES, ['GET', '/admin/api/no-such-route'] as [string, string]]) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(method === 'GET' ? {} : { body: '{}' }),
      });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(await json(response)).toMatchObject({ error: 'not_signed_in' });
    }
  });

  it('answers 401 to a forged session cookie', async () => {
    const response = await fetch(`${base}/admin/api/session`, {
      headers: { cookie: 'ns_console=s%3Aforged.c2lnbmF0dXJl' },
    });
    expect(response.status).toBe(401);
  });

  it('answers 403 to a viewer on the admin routes, and serves them the session', async () => {
    const viewer = await signIn(base, 'viewer.one');
    for (const [method, path] of ADMIN_ROUTES) {
      const response = await viewer.request(method, path, method === 'GET' ? undefined : {});
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(await json(response)).toMatchObject({ error: 'forbidden', needs: 'admin' });
    }
    const session = await viewer.request('GET', '/admin/api/session');
    expect(session.status).toBe(200);
    expect(await json(session)).toMatchObject({
      officer: { username: 'viewer.one', role: 'viewer', displayName: 'Officer viewer.one' },
      csrfToken: viewer.csrfToken,
    });
  });

  it('answers 403 to a change with a forged or missing CSRF token, and does not make it', async () => {
    const admin = await signIn(base, 'rk.sharma');
    const officer = { username: 'csrf.victim', displayName: 'X', role: 'admin', password: 'a long enough password' };
    for (const csrf of [null, 'f'.repeat(64), `${admin.csrfToken}x`, '']) {
      for (const [method, path] of API_ROUTES.filter(([m]) => m !== 'GET')) {
        const response = await admin.request(method, path, officer, { csrf });
        expect(response.status, `${method} ${path} with token ${csrf}`).toBe(403);
        expect(await json(response)).toMatchObject({ error: 'csrf_invalid' });
      }
    }
    expect(await bot.runtime.domain.officers.findByUsername('csrf.victim')).toBeNull();
    // Still signed in: none of the refused posts was a logout.
    expect((await admin.request('GET', '/admin/api/session')).status).toBe(200);
  });

  it('names the field of malformed input', async () => {
    const admin = await signIn(base, 'rk.sharma');
    const missing = await admin.request('POST', '/admin/api/officers', { username: 'ok.name', role: 'admin' });
    expect(missing.status).toBe(400);
    expect(await json(missing)).toMatchObject({ error: 'invalid_input', field: 'displayName' });
    const role = await admin.request('POST', '/admin/api/officers', {
      username: 'ok.name',
      displayName: 'OK',
      role: 'root',
      password: 'a long enough password',
    });
    expect(await json(role)).toMatchObject({ error: 'invalid_input', field: 'role' });
    const weak = await admin.request('POST', '/admin/api/officers', {
      username: 'ok.name',
      displayName: 'OK',
      role: 'viewer',
      password: 'short',
    });
    expect(weak.status).toBe(400);
    expect(await json(weak)).toMatchObject({ error: 'weak_password', field: 'password' });
    const page = await admin.request('GET', '/admin/api/audit?pageSize=abc');
    expect(page.status).toBe(400);
    expect(await json(page)).toMatchObject({ field: 'pageSize' });
  });
});

describe('wrong passwords', () => {
  it('locks a username after repeated wrong passwords, even for the right one, until the lock passes', async () => {
    await createOfficer(bot.runtime, 'lock.me', 'viewer');
    const wrong = () => postLogin(base, { username: 'lock.me', password: 'guess guess guess' });
    const first = await wrong();
    expect(first.status).toBe(401);
    await text(first);
    const startedAt = Date.now();
    const second = await wrong();
    expect(second.status).toBe(401);
    await text(second);
    // Slowed: the second wrong password in a row answers later.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(200);
    const third = await wrong();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await json(third)).toMatchObject({ error: 'locked' });

    const right = await postLogin(base, { username: 'lock.me', password: TEST_PASSWORD });
    expect(right.status).toBe(429);
    expect(right.headers.getSetCookie()).toEqual([]);
    await text(right);
    // Another username from the same address is not locked.
    expect((await postLogin(base, { username: 'viewer.one', password: TEST_PASSWORD })).status).toBe(200);

    await sleep(3_200);
    const after = await postLogin(base, { username: 'lock.me', password: TEST_PASSWORD });
    expect(after.status).toBe(200);
    await text(after);
    // The right password cleared the count: one more wrong one is a plain 401.
    const again = await wrong();
    expect(again.status).toBe(401);
    await text(again);
  });
});

describe('operator injection', () => {
  it('refuses objects in place of the username or password', async () => {
    const cases: Array<[unknown, string]> = [
      [{ username: { $ne: null }, password: { $ne: null } }, 'username'],
      [{ username: 'rk.sharma', password: { $gt: '' } }, 'password'],
      [{ username: ['rk.sharma'], password: TEST_PASSWORD }, 'username'],
      [{ username: { $regex: '.*' }, password: TEST_PASSWORD }, 'username'],
    ];
    for (const [body, field] of cases) {
      const response = await postLogin(base, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await json(response)).toMatchObject({ error: 'invalid_input', field });
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    const form = await fetch(`${base}/admin/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username[$ne]=x&password[$ne]=x',
    });
    expect(form.status).toBe(400);
    await text(form);
  });

  it('finds nothing with an operator as a username, in the domain itself', async () => {
    const officers = bot.runtime.domain.officers;
    await expect(officers.findByUsername({ $ne: null } as unknown as string)).rejects.toThrow(/username/);
    await expect(officers.findForSignIn({ $gt: '' } as unknown as string)).rejects.toThrow(/username/);
  });

  it('treats filter values as plain text', async () => {
    const admin = await signIn(base, 'rk.sharma');
    await admin.request('POST', '/admin/api/officers', {
      username: 'filter.target',
      displayName: 'F',
      role: 'viewer',
      password: 'a long enough password',
    });
    const all = await json(await admin.request('GET', '/admin/api/audit'));
    expect((all.entries as unknown[]).length).toBeGreaterThan(0);
    for (const query of [
      `action=${encodeURIComponent('{"$ne":null}')}`,
      `username=${encodeURIComponent('{"$gt":""}')}`,
      'targetType=%24ne',
    ]) {
      const response = await admin.request('GET', `/admin/api/audit?${query}`);
      expect(response.status, query).toBe(200);
      expect((await json(response)).entries, query).toEqual([]);
    }
    // `a[$ne]=x` is a key of its own (express's simple query parser), not an operator: ignored.
    const bracket = await admin.request('GET', '/admin/api/audit?action[$ne]=nothing&pageSize=100');
    expect(bracket.status).toBe(200);
    expect(((await json(bracket)).entries as unknown[]).length).toBe(
      ((await json(await admin.request('GET', '/admin/api/audit?pageSize=100'))).entries as unknown[]).length,
    );
    // Repeating a field makes it a list: refused, not turned into $in.
    const repeated = await admin.request('GET', '/admin/api/audit?action=a&action=b');
    expect(repeated.status).toBe(400);
    expect(await json(repeated)).toMatchObject({ field: 'action' });
  });
});

describe('sessions end', () => {
  it('on logout', async () => {
    const viewer = await signIn(base, 'viewer.one');
    const out = await viewer.request('POST', '/admin/api/logout');
    expect(out.status).toBe(200);
    await text(out);
    expect((await viewer.request('GET', '/admin/api/session')).status).toBe(401);
  });

  it('everywhere at once, from any one of them', async () => {
    await createOfficer(bot.runtime, 'two.phones', 'viewer');
    const laptop = await signIn(base, 'two.phones');
    const phone = await signIn(base, 'two.phones');
    expect((await phone.request('GET', '/admin/api/session')).status).toBe(200);
    const out = await laptop.request('POST', '/admin/api/logout-everywhere');
    expect(out.status).toBe(200);
    await text(out);
    expect((await phone.request('GET', '/admin/api/session')).status).toBe(401);
    expect((await laptop.request('GET', '/admin/api/session')).status).toBe(401);
    // Signing in again works.
    const back = await signIn(base, 'two.phones');
    expect((await back.request('GET', '/admin/api/session')).status).toBe(200);
  });

  it('when an administrator disables the account', async () => {
    const admin = await signIn(base, 'rk.sharma');
    const created = await json(
      await admin.request('POST', '/admin/api/officers', {
        username: 'leaving.soon',
        displayName: 'Leaving',
        role: 'viewer',
        password: 'a long enough password',
      }),
    );
    const id = (created.officer as { id: string }).id;
    const leaving = await signIn(base, 'leaving.soon', 'a long enough password');
    const disabled = await admin.request('PATCH', `/admin/api/officers/${id}`, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(await json(disabled)).toMatchObject({ officer: { disabled: true } });
    expect((await leaving.request('GET', '/admin/api/session')).status).toBe(401);
    expect((await postLogin(base, { username: 'leaving.soon', password: 'a long enough password' })).status).toBe(401);
  });

  it('elsewhere when the password changes, but not here', async () => {
    await createOfficer(bot.runtime, 'new.password', 'viewer');
    const here = await signIn(base, 'new.password');
    const there = await signIn(base, 'new.password');
    const changed = await here.request('POST', '/admin/api/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'another long password',
    });
    expect(changed.status).toBe(200);
    const { csrfToken } = await json(changed);
    expect((await there.request('GET', '/admin/api/session')).status).toBe(401);
    // This session carries on under a new id (the cookie is renewed with it); its old id is over too.
    expect((await here.request('GET', '/admin/api/session')).status).toBe(401);
    const session = await fetch(`${base}/admin/api/session`, { headers: { cookie: cookieHeader(changed) } });
    expect(session.status).toBe(200);
    expect((await json(session)).csrfToken).toBe(csrfToken);
    expect((await postLogin(base, { username: 'new.password', password: TEST_PASSWORD })).status).toBe(401);
    expect((await postLogin(base, { username: 'new.password', password: 'another long password' })).status).toBe(200);
  });
});

describe('officers and the audit log', () => {
  let admin: ConsoleClient;
  beforeAll(async () => {
    admin = await signIn(base, 'rk.sharma');
  });

  it('creates an officer, records who, what and when with before and after, and never the hash', async () => {
    const response = await admin.request('POST', '/admin/api/officers', {
      username: 'New.Officer',
      displayName: 'नया अधिकारी',
      role: 'viewer',
      password: 'a long enough password',
    });
    expect(response.status).toBe(201);
    const { officer } = (await json(response)) as { officer: Record<string, unknown> };
    expect(officer).toMatchObject({ username: 'new.officer', displayName: 'नया अधिकारी', role: 'viewer' });
    expect(Object.keys(officer)).not.toContain('passwordHash');

    const duplicate = await admin.request('POST', '/admin/api/officers', {
      username: 'new.officer',
      displayName: 'Again',
      role: 'viewer',
      password: 'a long enough password',
    });
    expect(duplicate.status).toBe(409);
    await text(duplicate);

    const audit = await json(await admin.request('GET', '/admin/api/audit?action=officer.create&pageSize=1'));
    expect(audit).toMatchObject({ page: 1, pageSize: 1 });
    const [entry] = audit.entries as Array<Record<string, unknown>>;
    expect(entry).toMatchObject({
      who: { username: 'rk.sharma' },
      action: 'officer.create',
      target: { type: 'officer', id: officer.id },
      before: null,
      after: { username: 'new.officer', role: 'viewer' },
    });
    expect(Date.now() - new Date(entry!.when as string).getTime()).toBeLessThan(10_000);

    const stored = await bot.runtime.models.audit.find({}).lean();
    expect(JSON.stringify(stored)).not.toMatch(/passwordHash|scrypt\$/);
  });

  it('lists officers without hashes, and pages the audit log newest first with a cap', async () => {
    const list = await json(await admin.request('GET', '/admin/api/officers'));
    const officers = list.officers as Array<Record<string, unknown>>;
    expect(officers.map((officer) => officer.username)).toContain('rk.sharma');
    for (const officer of officers) expect(Object.keys(officer)).not.toContain('passwordHash');

    const capped = await json(await admin.request('GET', '/admin/api/audit?pageSize=100000'));
    expect(capped.pageSize).toBe(100);
    const first = await json(await admin.request('GET', '/admin/api/audit?pageSize=2'));
    const second = await json(await admin.request('GET', '/admin/api/audit?pageSize=2&page=2'));
    const whens = [...(first.entries as Array<{ when: string }>), ...(second.entries as Array<{ when: string }>)].map(
      (entry) => new Date(entry.when).getTime(),
    );
    expect(whens.length).toBeGreaterThanOrEqual(3);
    expect([...whens].sort((a, b) => b - a)).toEqual(whens);
    expect(first.hasMore).toBe(true);
  });

  it('keeps at least one active administrator', async () => {
    const me = (await json(await admin.request('GET', '/admin/api/officers'))).officers as Array<{
      id: string;
      username: string;
    }>;
    const others = me.filter((officer) => officer.username !== 'rk.sharma');
    // Every other administrator there is gets demoted first (tests above created some), then the last is refused.
    for (const officer of others) {
      await text(await admin.request('PATCH', `/admin/api/officers/${officer.id}`, { role: 'viewer' }));
    }
    const self = me.find((officer) => officer.username === 'rk.sharma')!;
    const refused = await admin.request('PATCH', `/admin/api/officers/${self.id}`, { disabled: true });
    expect(refused.status).toBe(409);
    expect(await json(refused)).toMatchObject({ error: 'last_admin' });
  });
});
