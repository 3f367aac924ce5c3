/**
 * Cross-site request forgery protection for the console: a synchronizer token kept in the officer's session
 * (csrf-sync), which every state-changing request must send back in `x-csrf-token` (or a form's `_csrf` field).
 * The token reaches the page through GET /admin/api/session (or a meta tag the dashboard writes).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';
import { sendError } from './api-errors.js';
import './signed-in-officer.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const synchronizer = csrfSync({
  size: 32,
  getTokenFromRequest: (req) => {
    const header = req.headers['x-csrf-token'];
    if (typeof header === 'string') return header;
    const field = (req.body as Record<string, unknown> | undefined)?._csrf;
    return typeof field === 'string' ? field : undefined;
  },
});

/** The session's token, made on first use. Needs a session (an officer signed in). */
export function csrfToken(req: Request, renew = false): string {
  return synchronizer.generateToken(req, renew);
}

function sameToken(offered: string | null | undefined, stored: string | null | undefined): boolean {
  if (typeof offered !== 'string' || typeof stored !== 'string') return false;
  const a = Buffer.from(offered);
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** 403 `{error:'csrf_invalid'}` for a POST, PUT, PATCH or DELETE without the session's token. */
export function requireCsrfToken(): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const stored = req.session ? synchronizer.getTokenFromState(req) : undefined;
    if (sameToken(synchronizer.getTokenFromRequest(req), stored)) return next();
    sendError(res, 403, 'csrf_invalid', {
      hi: 'पेज पुराना हो गया है। कृपया पेज दोबारा खोलें।',
      en: 'This page has expired. Please reload it.',
    });
  };
}
