/**
 * The numbers an officer asks for, as JSON for the dashboard's charts and as CSV for a spreadsheet: sellers by
 * product category and tehsil, inquiries a week with their match rate, quotes per inquiry, the median seller
 * response time, broadcast funnels (sent → delivered → read) and open tickets.
 */
import { z } from 'zod';
import type { ResolvedAdminApiDeps as AdminApiDeps } from './api-deps.js';
import { type ApiRoute, route } from './api-route.js';
import {
  BroadcastFunnel,
  InquiryNumbers,
  NumbersQuery,
  NumbersView,
  ReferenceNames,
  SellerNumbers,
} from './api-schemas.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export function numbersRoutes(deps: AdminApiDeps): ApiRoute[] {
  const now = deps.now ?? (() => new Date());
  const sinceWeeks = (weeks: number) => new Date(now().getTime() - weeks * 7 * DAY_MS);

  const funnels = async (count: number): Promise<z.input<typeof BroadcastFunnel>[]> => {
    const latest = (await deps.broadcasts.latest(count)).filter((broadcast) => broadcast.status !== 'draft');
    return Promise.all(
      latest.map(async (broadcast) => {
        const report = await deps.broadcasts.report(broadcast._id);
        const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
        // Each stage counts the messages that got at least that far: read ones were delivered and sent too.
        return {
          id: broadcast._id,
          title: broadcast.title,
          status: broadcast.status,
          planned: report.total,
          sent: report.sent + report.delivered + report.read,
          delivered: report.delivered + report.read,
          read: report.read,
          failed: sum(report.failed),
          skipped: sum(report.skipped),
        };
      }),
    );
  };

  /** The counts with the names of what they count, for the reader's language. */
  const sellerNumbers = async () => {
    const counts = await deps.numbers.sellers();
    const named = (ids: string[], names: Record<string, { hi: string; en: string }>) =>
      Object.fromEntries(ids.map((id) => [id, names[id] ?? { hi: id, en: id }]));
    return {
      ...counts,
      names: {
        categories: named(Object.keys(counts.byCategory), deps.names.categories),
        tehsils: named(Object.keys(counts.byTehsil), deps.names.tehsils),
      },
    };
  };

  const tickets = async () => {
    const open = await deps.tickets.openTickets();
    const oldest = open.reduce<number | null>((min, t) => {
      const at = new Date(t.createdAt).getTime();
      return min === null || at < min ? at : min;
    }, null);
    return {
      open: open.length,
      oldestOpenHours: oldest === null ? null : Math.round(((now().getTime() - oldest) / 3_600_000) * 10) / 10,
    };
  };

  return [
    route({
      method: 'get',
      path: '/reference',
      tag: 'numbers',
      summary: "Product categories' and tehsils' ids with their names in Hindi and English, for filters",
      role: 'viewer',
      response: ReferenceNames,
      handle: async () => {
        const list = (names: Record<string, { hi: string; en: string }>) =>
          Object.entries(names).map(([id, name]) => ({ id, name }));
        return { categories: list(deps.names.categories), tehsils: list(deps.names.tehsils) };
      },
    }),
    route({
      method: 'get',
      path: '/numbers',
      tag: 'numbers',
      summary: 'Every number of the dashboard',
      role: 'viewer',
      query: NumbersQuery,
      response: NumbersView,
      async handle({ query }) {
        const [sellers, inquiries, broadcasts, open] = await Promise.all([
          sellerNumbers(),
          deps.numbers.inquiries(sinceWeeks(query.weeks)),
          funnels(query.broadcasts),
          tickets(),
        ]);
        return { sellers, inquiries, broadcasts, tickets: open };
      },
    }),
    route({
      method: 'get',
      path: '/numbers/sellers',
      tag: 'numbers',
      summary: 'Sellers by product category and tehsil',
      role: 'viewer',
      query: NumbersQuery,
      response: SellerNumbers,
      csv: { name: 'sellers-by-category-and-tehsil', rows: (numbers) => numbers.byCategoryAndTehsil },
      handle: sellerNumbers,
    }),
    route({
      method: 'get',
      path: '/numbers/inquiries',
      tag: 'numbers',
      summary: 'Inquiries a week, match rate, quotes per inquiry, median response time',
      role: 'viewer',
      query: NumbersQuery,
      response: InquiryNumbers,
      csv: { name: 'inquiries-by-week', rows: (numbers) => numbers.weeks },
      handle: ({ query }) => deps.numbers.inquiries(sinceWeeks(query.weeks)),
    }),
    route({
      method: 'get',
      path: '/numbers/broadcasts',
      tag: 'numbers',
      summary: 'Funnels of the latest broadcasts: sent → delivered → read',
      role: 'viewer',
      query: NumbersQuery,
      response: z.object({ items: z.array(BroadcastFunnel) }),
      csv: { name: 'broadcast-funnels', rows: (numbers) => numbers.items },
      handle: async ({ query }) => ({ items: await funnels(query.broadcasts) }),
    }),
  ];
}
