/**
 * The officers' dashboard: one HTML shell for every page (the page's script reads the path and draws it from the
 * admin API), its stylesheet and plain JS modules, and the flows as Mermaid diagrams. No build step and nothing from
 * another site: the strict CSP of security-middleware.ts holds on every page but the flows', see `allowInlineStyles`.
 *
 *   pages   (mounted at /admin)      /, /groups[/:code], /sellers[/:ref], /inquiries[/:id], /broadcasts[/new|/:id],
 *                                    /tickets[/:id], /faq[/:id], /flows[/:flow], and /assets/…
 *   api     (mounted at /admin/api)  GET /flows: every flow's Mermaid text
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import express, { type RequestHandler, Router } from 'express';
import { requireOfficer } from '../require-officer.js';
import { allowInlineStyles } from '../security-middleware.js';

/** A flow as the dashboard draws it: the runtime renders the Mermaid text (src/conversation/flow-render.ts). */
export interface FlowDiagram {
  flow: string;
  description: string;
  mermaid: string;
}

export interface DashboardDeps {
  flows: readonly FlowDiagram[];
}

const STATIC_DIR = join(import.meta.dirname, 'static');
const SHELL = join(STATIC_DIR, 'index.html');
const MERMAID_FILE = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

/** Paths of the pages (relative to /admin); each answers the shell, whose script draws the page. */
const PAGES = [
  '/',
  '/groups',
  '/groups/:code',
  '/sellers',
  '/sellers/:ref',
  '/inquiries',
  '/inquiries/:id',
  '/broadcasts',
  '/broadcasts/new',
  '/broadcasts/:id',
  '/tickets',
  '/tickets/:id',
  '/faq',
  '/faq/:id',
] as const;

const FLOW_PAGES = ['/flows', '/flows/:flow'] as const;

export function dashboardRoutes(deps: DashboardDeps): { pages: Router; api: Router } {
  const viewer = requireOfficer('viewer');
  const pages = Router();
  const sendShell: RequestHandler = (_req, res) => {
    res.set('cache-control', 'no-store').sendFile(SHELL);
  };

  pages.get('/assets/vendor/mermaid.min.js', viewer, (_req, res) => {
    res.set('cache-control', 'private, max-age=86400').type('js').sendFile(MERMAID_FILE);
  });
  pages.use('/assets', viewer, express.static(STATIC_DIR, { index: false, maxAge: 0 }));
  for (const path of PAGES) pages.get(path, viewer, sendShell);
  for (const path of FLOW_PAGES) {
    pages.get(path, viewer, allowInlineStyles(), sendShell);
  }

  const api = Router();
  const flows = [...deps.flows].sort((a, b) => a.flow.localeCompare(b.flow));
  api.get('/flows', viewer, (_req, res) => {
    res.json({ items: flows });
  });
  return { pages, api };
}
