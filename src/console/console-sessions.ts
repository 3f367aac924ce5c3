/**
 * Officers' sessions: express-session with the sessions in Redis (shared by every web process), a cookie that
 * scripts cannot read and other sites cannot make the browser send, and an officer loaded afresh on every request,
 * so that a disabled account or a raised `sessionEpoch` ends the session at once.
 */
import RedisStore from 'connect-redis';
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import type { Redis } from 'ioredis';
import type { OfficerRecord } from '../domain/officers/officer-model.js';
import type { Officers } from '../domain/officers/officers.js';
import type { Logger } from '../log.js';
import './signed-in-officer.js';

export const SESSION_COOKIE = 'ns_console';

export interface ConsoleSessionOptions {
  redis: Redis;
  /** The queue prefix: sessions live under `<prefix>:console:sess:`. */
  prefix: string;
  secret: string;
  idleMinutes: number;
  /** Production: the cookie is Secure, and X-Forwarded-Proto from the proxy in front says whether TLS was used. */
  production: boolean;
}

export function consoleSession(options: ConsoleSessionOptions): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    store: new RedisStore({ client: options.redis, prefix: `${options.prefix}:console:sess:` }),
    secret: options.secret,
    resave: false,
    // No session (and no cookie) until an officer signs in.
    saveUninitialized: false,
    // Each request pushes the idle limit further; an unused session ends `idleMinutes` after its last request.
    rolling: true,
    proxy: options.production,
    cookie: {
      httpOnly: true,
      sameSite: 'strict',
      secure: options.production,
      path: '/',
      maxAge: options.idleMinutes * 60_000,
    },
  });
}

/** Starts a fresh session (a new id: a session id planted before sign-in is worth nothing) for `officer`. */
export function signIn(req: Request, officer: Pick<OfficerRecord, '_id' | 'sessionEpoch'>): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((error) => {
      if (error) return reject(error);
      req.session.officerId = officer._id;
      req.session.epoch = officer.sessionEpoch;
      req.session.save((saveError) => (saveError ? reject(saveError) : resolve()));
    });
  });
}

export function signOut(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.destroy((error) => (error ? reject(error) : resolve()));
  });
}

/** Sets `req.officer` from the session, or ends a session whose officer is gone, disabled or signed out everywhere. */
export function loadOfficer(officers: Officers, logger: Logger): RequestHandler {
  return async (req, _res, next) => {
    const id = req.session?.officerId;
    if (!id) return next();
    const officer = await officers.find(id);
    if (!officer || officer.disabled || officer.sessionEpoch !== req.session.epoch) {
      logger.info({ officerId: id }, 'console session ended: officer disabled, gone or signed out everywhere');
      await signOut(req);
      return next();
    }
    req.officer = { id: officer._id, username: officer.username, displayName: officer.displayName, role: officer.role };
    next();
  };
}
