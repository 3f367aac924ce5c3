/**
 * Officers' accounts and the audit log, for administrators:
 *
 *   GET   /admin/api/officers            every officer (never a password hash)
 *   POST  /admin/api/officers            { username, displayName, role, password } → 201 the officer
 *   PATCH /admin/api/officers/:id        { displayName?, role?, disabled?, password? }
 *   GET   /admin/api/audit               ?page&pageSize (at most 100)&action&username&targetType&targetId
 */
import { type Response, Router } from 'express';
import { z } from 'zod';
import { AUDIT_PAGE_SIZE_MAX, type AuditLog } from '../domain/audit/audit-log.js';
import { OFFICER_ROLES } from '../domain/officers/officer-model.js';
import {
  type Officer,
  type OfficerChange,
  OfficerExistsError,
  type Officers,
  USERNAME_PATTERN,
} from '../domain/officers/officers.js';
import { sendError, sendInvalidInput } from './api-errors.js';
import { hashPassword, PASSWORD_MAX_LENGTH, passwordProblem } from './passwords.js';
import { auditTrail, requireOfficer } from './require-officer.js';
import { officerView } from './sign-in-routes.js';

const password = z.string({ message: 'a password (text)' }).max(PASSWORD_MAX_LENGTH);
const displayName = z.string({ message: 'a name (text)' }).trim().min(1).max(80);
const role = z.enum(OFFICER_ROLES, { message: 'admin or viewer' });

const NewOfficerInput = z.object({
  username: z
    .string({ message: 'a username (text)' })
    .trim()
    .toLowerCase()
    .regex(USERNAME_PATTERN, { message: '3 to 32 of a-z, 0-9, dot, underscore or hyphen' }),
  displayName,
  role,
  password,
});

const OfficerChangeInput = z
  .object({
    displayName: displayName.optional(),
    role: role.optional(),
    disabled: z.boolean({ message: 'true or false' }).optional(),
    password: password.optional(),
  })
  .strict();

const filterValue = z.string({ message: 'text' }).max(100).optional();
const AuditQuery = z.object({
  page: z.coerce.number({ message: 'a page number' }).int().min(1).max(100_000).default(1),
  // Over the cap is read as the cap, not refused: a page of the most there may be.
  pageSize: z.coerce
    .number({ message: 'a page size' })
    .int()
    .min(1)
    .default(20)
    .transform((size) => Math.min(size, AUDIT_PAGE_SIZE_MAX)),
  action: filterValue,
  username: filterValue,
  targetType: filterValue,
  targetId: filterValue,
});

function sendWeakPassword(res: Response, field: string, problem: { hi: string; en: string }) {
  sendError(res, 400, 'weak_password', problem, { field });
}

export function officerRoutes(deps: { officers: Officers; audit: AuditLog }): Router {
  const router = Router();
  const admin = requireOfficer('admin');

  router.get('/officers', admin, async (_req, res) => {
    res.json({ officers: (await deps.officers.list()).map(officerView) });
  });

  router.post('/officers', admin, async (req, res) => {
    const input = NewOfficerInput.safeParse(req.body ?? {});
    if (!input.success) return sendInvalidInput(res, input.error);
    const problem = passwordProblem(input.data.password);
    if (problem) return sendWeakPassword(res, 'password', problem);
    let created: Officer;
    try {
      created = await deps.officers.create(
        {
          username: input.data.username,
          displayName: input.data.displayName,
          role: input.data.role,
          passwordHash: await hashPassword(input.data.password),
        },
        new Date(),
      );
    } catch (error) {
      if (!(error instanceof OfficerExistsError)) throw error;
      return sendError(
        res,
        409,
        'officer_exists',
        { hi: 'यह यूज़रनेम पहले से है।', en: 'This username is taken.' },
        { field: 'username' },
      );
    }
    await auditTrail(req).record({
      action: 'officer.create',
      target: { type: 'officer', id: created._id },
      before: null,
      after: officerView(created),
    });
    res.status(201).json({ officer: officerView(created) });
  });

  router.patch('/officers/:id', admin, async (req, res) => {
    const input = OfficerChangeInput.safeParse(req.body ?? {});
    if (!input.success) return sendInvalidInput(res, input.error);
    const id = String(req.params.id);
    const before = await deps.officers.find(id);
    if (!before) {
      return sendError(res, 404, 'not_found', { hi: 'यह अधिकारी नहीं मिला।', en: 'No such officer.' });
    }
    const { password: newPassword, ...rest } = input.data;
    const change: OfficerChange = rest;
    // An unchanged role is no change: it would end the officer's sessions for nothing.
    if (change.role === before.role) delete change.role;
    const losesAdmin = before.role === 'admin' && (change.role === 'viewer' || change.disabled === true);
    if (losesAdmin && !(await anotherActiveAdmin(deps.officers, id))) {
      return sendError(res, 409, 'last_admin', {
        hi: 'कम से कम एक सक्रिय एडमिन रहना चाहिए।',
        en: 'At least one active administrator must remain.',
      });
    }
    if (newPassword !== undefined) {
      const problem = passwordProblem(newPassword);
      if (problem) return sendWeakPassword(res, 'password', problem);
    }
    const at = new Date();
    let after = await deps.officers.change(id, change, at);
    if (newPassword !== undefined) after = await deps.officers.setPassword(id, await hashPassword(newPassword), at);
    await auditTrail(req).record({
      action: 'officer.change',
      target: { type: 'officer', id },
      before: officerView(before),
      after: after && { ...officerView(after), ...(newPassword !== undefined ? { credentialsChanged: true } : {}) },
    });
    res.json({ officer: after && officerView(after) });
  });

  router.get('/audit', admin, async (req, res) => {
    const query = AuditQuery.safeParse(req.query);
    if (!query.success) return sendInvalidInput(res, query.error);
    const { page, pageSize, ...filter } = query.data;
    res.json(await deps.audit.list({ page, pageSize, filter }));
  });

  return router;
}

async function anotherActiveAdmin(officers: Officers, exceptId: string): Promise<boolean> {
  return (await officers.list()).some(
    (officer) => officer._id !== exceptId && officer.role === 'admin' && !officer.disabled,
  );
}
