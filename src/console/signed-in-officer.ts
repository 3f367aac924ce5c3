/**
 * What the console adds to express's request and session: the officer signed in (loaded again on every request,
 * so a disabled account or "log out everywhere" takes effect at once) and what a session remembers of them.
 */
import type { AuditLog } from '../domain/audit/audit-log.js';
import type { OfficerRole } from '../domain/officers/officer-model.js';

export interface SignedInOfficer {
  id: string;
  username: string;
  displayName: string;
  role: OfficerRole;
}

declare module 'express-session' {
  interface SessionData {
    officerId?: string;
    /** The officer's `sessionEpoch` at sign-in: the session ends when theirs is raised. */
    epoch?: number;
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the console's session middleware when an officer is signed in. */
    officer?: SignedInOfficer;
    /** The audit log `auditTrail(req)` writes to; set by the console's router. */
    consoleAudit?: AuditLog;
  }
}
