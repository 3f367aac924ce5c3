/**
 * The console's gate: which officer may do what, and the audit trail of what they did. Admin API routers use
 * `requireOfficer('admin')` on each route that changes something and `auditTrail(req).record(...)` after it.
 */
import type { Request, RequestHandler } from 'express';
import type { AuditEntry } from '../domain/audit/audit-log.js';
import type { AuditRecord } from '../domain/audit/audit-model.js';
import type { OfficerRole } from '../domain/officers/officer-model.js';
import { AppError } from '../errors.js';
import { sendError } from './api-errors.js';
import './signed-in-officer.js';

const RANK: Record<OfficerRole, number> = { viewer: 1, admin: 2 };

/** Whether an officer of role `has` may do what needs `needs` (an admin may do all a viewer may). */
export function roleSatisfies(has: OfficerRole, needs: OfficerRole): boolean {
  return RANK[has] >= RANK[needs];
}

/**
 * 401 `{error:'not_signed_in'}` without a signed-in officer, 403 `{error:'forbidden', needs}` for a role below
 * `role`. A browser asking for a page (not an `/api/` path) is sent to the sign-in page instead.
 */
export function requireOfficer(role: OfficerRole): RequestHandler {
  return (req, res, next) => {
    const officer = req.officer;
    if (!officer) {
      if (wantsPage(req)) {
        res.redirect(303, `/admin/login?next=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      sendError(res, 401, 'not_signed_in', {
        hi: 'कृपया पहले साइन इन करें।',
        en: 'Please sign in first.',
      });
      return;
    }
    if (!roleSatisfies(officer.role, role)) {
      sendError(
        res,
        403,
        'forbidden',
        { hi: 'यह काम केवल एडमिन कर सकते हैं।', en: 'Only an administrator may do this.' },
        { needs: role },
      );
      return;
    }
    next();
  };
}

function wantsPage(req: Request): boolean {
  return req.method === 'GET' && !/\/api(\/|$)/.test(req.path) && req.accepts(['json', 'html']) === 'html';
}

export class AuditWithoutOfficerError extends AppError {
  constructor(action: string) {
    super('AUDIT_WITHOUT_OFFICER', `audit '${action}': no officer signed in on this request (use requireOfficer)`, {
      action,
    });
  }
}

export interface AuditChange {
  /** `<subject>.<verb>`, e.g. 'broadcast.schedule'. */
  action: string;
  /** What it was done to: `{ type, id }`, or `'<type>:<id>'` (e.g. 'group:RICE24'). Never a phone number. */
  target: { type: string; id: string } | string;
  /** The record before and after the change; fields naming secrets (password, hash, token…) are dropped. */
  before?: unknown;
  after?: unknown;
}

export interface AuditTrail {
  record(change: AuditChange): Promise<AuditRecord>;
}

/** The audit log for this request's officer: who is the signed-in officer, when is now. */
export function auditTrail(req: Request): AuditTrail {
  return {
    async record(change) {
      const officer = req.officer;
      const log = req.consoleAudit;
      if (!officer || !log) throw new AuditWithoutOfficerError(change.action);
      const entry: AuditEntry = {
        who: { officerId: officer.id, username: officer.username },
        action: change.action,
        target: typeof change.target === 'string' ? splitTarget(change.target) : change.target,
        when: new Date(),
        before: change.before,
        after: change.after,
      };
      return log.record(entry);
    },
  };
}

function splitTarget(target: string): { type: string; id: string } {
  const colon = target.indexOf(':');
  return colon < 0 ? { type: target, id: '' } : { type: target.slice(0, colon), id: target.slice(colon + 1) };
}
