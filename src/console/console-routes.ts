/**
 * The officers' console under /admin: security headers, sessions, the sign-in routes, officers and the audit log,
 * and the admin API routers others add (`apiRouters`), all behind one gate. For every request under /admin/api
 * except the login POST: 401 without a session, then 403 without the session's CSRF token on a POST, PUT, PATCH
 * or DELETE; each route then asks for the role it needs with `requireOfficer`.
 */
import { type RequestHandler, Router } from 'express';
import type { Redis } from 'ioredis';
import type { AuditLog } from '../domain/audit/audit-log.js';
import type { Officers } from '../domain/officers/officers.js';
import type { Logger } from '../log.js';
import { consoleSession, loadOfficer } from './console-sessions.js';
import { requireCsrfToken } from './csrf.js';
import { createLoginGuard } from './login-guard.js';
import { officerRoutes } from './officer-routes.js';
import { verifyAgainstNothing } from './passwords.js';
import { requireOfficer } from './require-officer.js';
import { apiRateLimit, loginRateLimit, securityHeaders } from './security-middleware.js';
import { sessionRoutes, signInRoutes } from './sign-in-routes.js';

export interface ConsoleSettings {
  sessionSecret: string;
  sessionIdleMinutes: number;
  loginMaxFailures: number;
  lockMinutes: number;
}

export interface ConsoleRouteDeps {
  officers: Officers;
  audit: AuditLog;
  /** The project's ioredis client connection: sessions, login counts and rate limits live there. */
  redis: Redis;
  /** The queue prefix; the console's keys are `<prefix>:console:…`. */
  prefix: string;
  settings: ConsoleSettings;
  /** Production: Secure cookies (behind TLS), HSTS, upgrade-insecure-requests. */
  production: boolean;
  /** PUBLIC_BASE_URL: the origin the sign-in form may be posted from. */
  publicBaseUrl: string;
  logger: Logger;
  /**
   * Routers of the admin API, mounted at /admin/api behind the sign-in and CSRF gate (paths relative to
   * /admin/api, e.g. `router.get('/broadcasts', requireOfficer('viewer'), …)`).
   */
  apiRouters?: Router[];
  /** Routers of the dashboard's pages and assets, mounted at /admin (paths relative to it). */
  pageRouters?: Router[];
  /** Puts /simulator behind the sign-in (a viewer at least): where it is served beyond this machine. */
  guardSimulator?: boolean;
  /** Where the sign-in form leads once signed in. Default `/admin/`. */
  homePath?: string;
  /** Admin API requests a minute per officer (default 300); sign-in posts per address per 5 minutes (default 60). */
  limits?: { apiPerMinute?: number; loginPerFiveMinutes?: number };
}

export function consoleRoutes(deps: ConsoleRouteDeps): Router {
  // The first unknown-username check would otherwise also pay for making the dummy hash, and take longer.
  void verifyAgainstNothing('warm-up').catch(() => {});
  const router = Router();
  const headers = securityHeaders(deps.production);
  const sessionChain: RequestHandler[] = [
    consoleSession({
      redis: deps.redis,
      prefix: deps.prefix,
      secret: deps.settings.sessionSecret,
      idleMinutes: deps.settings.sessionIdleMinutes,
      production: deps.production,
    }),
    (req, _res, next) => {
      req.consoleAudit = deps.audit;
      next();
    },
    loadOfficer(deps.officers, deps.logger),
  ];
  const limits = { redis: deps.redis, prefix: deps.prefix };

  router.use('/admin', headers, ...sessionChain);
  if (deps.guardSimulator) router.use('/simulator', headers, ...sessionChain, requireOfficer('viewer'));
  else router.use('/simulator', headers);

  const admin = Router();
  admin.use('/api', apiRateLimit({ ...limits, perMinute: deps.limits?.apiPerMinute }));
  admin.use(
    signInRoutes({
      officers: deps.officers,
      guard: createLoginGuard({
        redis: deps.redis,
        prefix: deps.prefix,
        maxFailures: deps.settings.loginMaxFailures,
        lockMinutes: deps.settings.lockMinutes,
      }),
      loginRateLimit: loginRateLimit({ ...limits, perFiveMinutes: deps.limits?.loginPerFiveMinutes }),
      publicBaseUrl: deps.publicBaseUrl,
      homePath: deps.homePath ?? '/admin/',
      logger: deps.logger,
    }),
  );
  // Past the sign-in routes (which answer the login POST themselves), every change needs the CSRF token.
  admin.use('/api', requireOfficer('viewer'));
  admin.use(requireCsrfToken());
  admin.use('/api', sessionRoutes({ officers: deps.officers }));
  admin.use('/api', officerRoutes({ officers: deps.officers, audit: deps.audit }));
  for (const api of deps.apiRouters ?? []) admin.use('/api', api);
  for (const pages of deps.pageRouters ?? []) admin.use(pages);
  router.use('/admin', admin);
  return router;
}

export { requireOfficer, auditTrail, roleSatisfies } from './require-officer.js';
export { requireCsrfToken, csrfToken } from './csrf.js';
