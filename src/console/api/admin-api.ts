/**
 * The admin API (mounted at /admin/api): every resource's routes, each behind the role it needs, the CSV exports
 * (`/export/<name>.csv`, the same as a list's `?format=csv`), and the OpenAPI description of all of them.
 */
import { Router } from 'express';
import { z } from 'zod';
import { auditTrail, requireOfficer } from '../require-officer.js';
import type { AdminApiDeps, ResolvedAdminApiDeps } from './api-deps.js';
import { apiErrorHandler, notFound } from './api-errors.js';
import { type ApiRoute, mountRoutes, route, runRoute } from './api-route.js';
import { ExportParams } from './api-schemas.js';
import { broadcastRoutes } from './broadcasts-routes.js';
import { faqRoutes } from './faq-routes.js';
import { groupRoutes } from './groups-routes.js';
import { inquiryRoutes } from './inquiries-routes.js';
import { numbersRoutes } from './numbers-routes.js';
import { openApiDocument } from './openapi.js';
import { sellerRoutes } from './sellers-routes.js';
import { ticketRoutes } from './tickets-routes.js';

export type { AdminApiDeps, AuditEntry, ConsoleFaq } from './api-deps.js';

/** The console's own guards, audit trail and officer, unless the caller gives others (a test's stand-ins). */
export function withConsoleDefaults(deps: AdminApiDeps): ResolvedAdminApiDeps {
  return {
    ...deps,
    guards: deps.guards ?? { viewer: requireOfficer('viewer'), admin: requireOfficer('admin') },
    audit:
      deps.audit ??
      (async (req, entry) => {
        await auditTrail(req).record({
          action: entry.what,
          target: entry.target,
          before: entry.before,
          after: entry.after,
        });
      }),
    officerOf: deps.officerOf ?? ((req) => `console:${req.officer?.username ?? 'unknown'}`),
  };
}

/** The resources' routes, without the document and the exports that are made from them. */
export function resourceRoutes(deps: ResolvedAdminApiDeps): ApiRoute[] {
  return [
    ...groupRoutes(deps),
    ...sellerRoutes(deps),
    ...inquiryRoutes(deps),
    ...broadcastRoutes(deps),
    ...ticketRoutes(deps),
    ...faqRoutes(deps),
    ...numbersRoutes(deps),
  ];
}

/** `/export/<name>.csv`: a list's or a table of numbers' CSV by the name it downloads under. */
function exportRoute(routes: readonly ApiRoute[]): ApiRoute {
  const byName = new Map(routes.filter((each) => each.csv && !each.params).map((each) => [each.csv?.name, each]));
  return route({
    method: 'get',
    path: '/export/:name.csv',
    tag: 'export',
    summary: `A list or table as CSV (${[...byName.keys()].join(', ')}); takes the list's own query`,
    role: 'viewer',
    params: ExportParams,
    response: z.string(),
    produces: 'text/csv',
    async handle({ params, req, res }) {
      const listed = byName.get(params.name);
      if (!listed) throw notFound('export');
      await runRoute(listed, req, res, { params: {}, query: { ...(req.query as object), format: 'csv' }, body: {} });
      return '';
    },
  });
}

export function adminApi(given: AdminApiDeps): Router {
  const deps = withConsoleDefaults(given);
  const routes = resourceRoutes(deps);
  const exported = exportRoute(routes);
  const all = [...routes, exported];
  const document = openApiDocument([
    ...all,
    route({
      method: 'get',
      path: '/openapi.json',
      tag: 'meta',
      summary: 'This description',
      role: 'viewer',
      response: z.object({}).passthrough(),
      handle: async () => ({}),
    }),
  ]);
  const router = Router();
  router.get('/openapi.json', deps.guards.viewer, (_req, res) => {
    res.json(document);
  });
  // The export answers through the list's own route (which sends the file); only errors come back here.
  const exportHandler = exported.handle;
  mountRoutes(router, routes, deps.guards);
  router.get(exported.path, deps.guards.viewer, async (req, res) => {
    const params = ExportParams.safeParse(req.params);
    if (!params.success) throw notFound('export');
    await exportHandler({ params: params.data, query: {}, body: {}, req, res } as never);
  });
  router.use(apiErrorHandler);
  return router;
}
