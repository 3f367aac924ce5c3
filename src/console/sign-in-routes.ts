/**
 * Signing in and out of the console:
 *
 *   GET  /admin/login                    the sign-in page (a plain form)
 *   POST /admin/api/login                { username, password } as JSON or a form → the officer and a CSRF token
 *
 * and, for a signed-in officer (`sessionRoutes`):
 *
 *   GET  /admin/api/session              who is signed in, their role, the CSRF token
 *   POST /admin/api/logout               ends this session
 *   POST /admin/api/logout-everywhere    ends every session of this officer
 *   POST /admin/api/password             { currentPassword, newPassword }: ends the other sessions
 *
 * The login POST has no CSRF token to send (no session yet): SameSite=Strict and the origin check guard it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Request, type RequestHandler, type Response, Router } from 'express';
import { z } from 'zod';
import { normalizeUsername, type Officer, type Officers, USERNAME_PATTERN } from '../domain/officers/officers.js';
import type { Logger } from '../log.js';
import { type Bilingual, sendError, sendInvalidInput } from './api-errors.js';
import { SESSION_COOKIE, signIn, signOut } from './console-sessions.js';
import { csrfToken } from './csrf.js';
import type { LoginGuard } from './login-guard.js';
import { LOGIN_STYLESHEET, LOGIN_STYLESHEET_PATH, loginPage } from './login-page.js';
import {
  PASSWORD_MAX_LENGTH,
  hashPassword,
  passwordProblem,
  verifyAgainstNothing,
  verifyPassword,
} from './passwords.js';
import { auditTrail } from './require-officer.js';

export interface SignInRouteDeps {
  officers: Officers;
  guard: LoginGuard;
  /** Applied to the login POST only (per-address limit). */
  loginRateLimit: RequestHandler;
  /** Origins allowed to post the login form besides the request's own host (PUBLIC_BASE_URL's). */
  publicBaseUrl: string;
  /** Where a signed-in officer lands after the form. */
  homePath: string;
  logger: Logger;
}

const LoginInput = z.object({
  username: z
    .string({ message: 'a username (text)' })
    .trim()
    .toLowerCase()
    .regex(USERNAME_PATTERN, { message: '3 to 32 of a-z, 0-9, dot, underscore or hyphen' }),
  password: z
    .string({ message: 'a password (text)' })
    .min(1, { message: 'a password' })
    .max(PASSWORD_MAX_LENGTH, { message: `at most ${PASSWORD_MAX_LENGTH} characters` }),
  next: z.string().max(500).optional(),
});

const PasswordChange = z.object({
  currentPassword: z.string({ message: 'the current password (text)' }).min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: z.string({ message: 'the new password (text)' }).min(1).max(PASSWORD_MAX_LENGTH),
});

const WRONG: Bilingual = { hi: 'यूज़रनेम या पासवर्ड गलत है।', en: 'Wrong username or password.' };
const WRONG_ORIGIN: Bilingual = {
  hi: 'यह अनुरोध किसी दूसरी साइट से आया है।',
  en: 'This request came from another site.',
};
const lockedMessage = (minutes: number): Bilingual => ({
  hi: `बहुत बार गलत पासवर्ड। ${minutes} मिनट बाद फिर कोशिश करें।`,
  en: `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
});

/** The officer as the console shows them (never the hash). */
export function officerView(officer: Officer) {
  return {
    id: officer._id,
    username: officer.username,
    displayName: officer.displayName,
    role: officer.role,
    disabled: officer.disabled,
    createdAt: officer.createdAt,
    updatedAt: officer.updatedAt,
  };
}

/** A path on this site to go to after signing in; anything else (another site, `//host`) goes home. */
function safeNext(next: string | undefined, home: string): string {
  return next && /^\/(?![/\\])/.test(next) ? next : home;
}

export function signInRoutes(deps: SignInRouteDeps): Router {
  const router = Router();
  const allowedOrigin = new URL(deps.publicBaseUrl).origin;

  /** A browser always names the page a POST came from; a page of another site may not sign anyone in here. */
  const sameOrigin = (req: Request): boolean => {
    if (req.headers['sec-fetch-site'] === 'cross-site') return false;
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    if (origin === allowedOrigin) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  };

  router.get('/login', (req, res) => {
    res
      .type('html')
      .set('cache-control', 'no-store')
      .send(loginPage({ next: String(req.query.next ?? '') }));
  });
  router.get(LOGIN_STYLESHEET_PATH.replace(/^\/admin/, ''), (_req, res) => {
    res.type('css').set('cache-control', 'public, max-age=3600').send(LOGIN_STYLESHEET);
  });

  router.post('/api/login', deps.loginRateLimit, async (req, res) => {
    const fromForm = Boolean(req.is('application/x-www-form-urlencoded'));
    const fail = (status: number, error: string, message: Bilingual, extra: Record<string, unknown> = {}) => {
      if (!fromForm) return sendError(res, status, error, message, extra);
      const body = (req.body ?? {}) as Record<string, unknown>;
      res
        .status(status)
        .type('html')
        .send(
          loginPage({
            message,
            username: typeof body.username === 'string' ? body.username : '',
            next: typeof body.next === 'string' ? body.next : '',
          }),
        );
    };

    if (!sameOrigin(req)) return fail(403, 'cross_origin', WRONG_ORIGIN);
    const input = LoginInput.safeParse(req.body ?? {});
    if (!input.success) {
      if (!fromForm) return sendInvalidInput(res, input.error);
      return fail(400, 'invalid_input', WRONG);
    }
    const { username, password } = input.data;
    const attempt = { username, address: req.ip ?? 'unknown' };

    const lockedMs = await deps.guard.lockedFor(attempt);
    if (lockedMs > 0) return refuseLocked(res, lockedMs, fail);

    const officer = await deps.officers.findForSignIn(username);
    const right = officer ? await verifyPassword(password, officer.passwordHash) : await verifyAgainstNothing(password);
    if (!officer || !right || officer.disabled) {
      const { failures, lockedForMs } = await deps.guard.failed(attempt);
      deps.logger.warn({ failures, locked: lockedForMs > 0 }, 'console sign-in refused');
      if (lockedForMs > 0) return refuseLocked(res, lockedForMs, fail);
      // Each wrong password in a row answers a little later: guessing gets slower before it is locked.
      await sleep(Math.min(250 * (failures - 1), 1_000));
      return fail(401, 'wrong_credentials', WRONG);
    }

    await deps.guard.succeeded(attempt);
    await signIn(req, officer);
    const token = csrfToken(req);
    deps.logger.info({ officerId: officer._id }, 'console sign-in');
    if (fromForm) {
      res.redirect(303, safeNext(input.data.next, deps.homePath));
      return;
    }
    res.json({ officer: officerView(officer), csrfToken: token });
  });

  return router;
}

export interface SessionRouteDeps {
  officers: Officers;
}

/** The signed-in officer's own session and password; mounted at /admin/api behind the sign-in and CSRF gate. */
export function sessionRoutes(deps: SessionRouteDeps): Router {
  const router = Router();

  router.get('/session', (req, res) => {
    res.set('cache-control', 'no-store').json({ officer: req.officer, csrfToken: csrfToken(req) });
  });

  router.post('/logout', async (req, res) => {
    await signOut(req);
    res.clearCookie(SESSION_COOKIE, { path: '/' }).json({ signedOut: true });
  });

  router.post('/logout-everywhere', async (req, res) => {
    const officer = req.officer!;
    const before = await deps.officers.find(officer.id);
    const after = await deps.officers.bumpEpoch(officer.id, new Date());
    await auditTrail(req).record({
      action: 'officer.logout_everywhere',
      target: { type: 'officer', id: officer.id },
      before: before && { sessionEpoch: before.sessionEpoch },
      after: after && { sessionEpoch: after.sessionEpoch },
    });
    await signOut(req);
    res.clearCookie(SESSION_COOKIE, { path: '/' }).json({ signedOut: true, everywhere: true });
  });

  router.post('/password', async (req, res) => {
    const input = PasswordChange.safeParse(req.body ?? {});
    if (!input.success) return sendInvalidInput(res, input.error);
    const record = await deps.officers.findForSignIn(normalizeUsername(req.officer!.username));
    if (!record || !(await verifyPassword(input.data.currentPassword, record.passwordHash))) {
      return sendError(res, 403, 'wrong_password', {
        hi: 'मौजूदा पासवर्ड गलत है।',
        en: 'The current password is wrong.',
      });
    }
    const problem = passwordProblem(input.data.newPassword);
    if (problem) return sendError(res, 400, 'weak_password', problem, { field: 'newPassword' });
    const updated = await deps.officers.setPassword(record._id, await hashPassword(input.data.newPassword), new Date());
    await auditTrail(req).record({
      action: 'officer.password_change',
      target: { type: 'officer', id: record._id },
      before: { sessionEpoch: record.sessionEpoch },
      after: updated && { sessionEpoch: updated.sessionEpoch },
    });
    // Every other session ended with the new epoch; this one carries on under it.
    if (updated) await signIn(req, updated);
    res.json({ changed: true, csrfToken: csrfToken(req) });
  });

  return router;
}

function refuseLocked(
  res: Response,
  lockedMs: number,
  fail: (status: number, error: string, message: Bilingual, extra?: Record<string, unknown>) => void,
): void {
  const seconds = Math.ceil(lockedMs / 1000);
  res.set('retry-after', String(seconds));
  fail(429, 'locked', lockedMessage(Math.max(1, Math.ceil(seconds / 60))), { retryAfterSeconds: seconds });
}
