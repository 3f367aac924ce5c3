/**
 * Broadcasts for officers, all through the broadcast desk the WhatsApp flow uses: draft (with its preview), edit,
 * confirm (now, at a time, or recurring), pause, resume, cancel, and the delivery report.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { BroadcastRecord, Audience, Schedule, BroadcastContent } from '../../domain/broadcasts/broadcast-model.js';
import type { BroadcastEdit } from '../../domain/broadcasts/broadcasts.js';
import type { ResolvedAdminApiDeps as AdminApiDeps } from './api-deps.js';
import { conflict, notFound } from './api-errors.js';
import { type ApiRoute, route } from './api-route.js';
import {
  BroadcastEditBody,
  BroadcastParams,
  BroadcastPreviewView,
  BroadcastReportView,
  BroadcastSteerParams,
  BroadcastsQuery,
  BroadcastView,
  BroadcastWithPreview,
  NewBroadcastBody,
  paged,
} from './api-schemas.js';

/** How many of the latest broadcasts a filtered list looks through (they are tens a month). */
const LIST_CAP = 500;

type ContentInput = z.output<typeof NewBroadcastBody>['content'];
type AudienceInput = z.output<typeof NewBroadcastBody>['audience'];
type ScheduleInput = z.output<typeof NewBroadcastBody>['schedule'];

function contentOf(input: ContentInput): BroadcastContent {
  const text = Object.fromEntries(
    Object.entries(input.text).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const templates = Object.fromEntries(Object.entries(input.templates).filter(([, value]) => value !== undefined));
  return { text, templates, ...(input.mediaUrl ? { mediaUrl: input.mediaUrl } : {}) };
}

function audienceOf(input: AudienceInput): Audience {
  if ('groups' in input) return { groups: input.groups.map((code) => code.toUpperCase()) };
  const { registeredSince, ...segment } = input.segment;
  return { segment: { ...segment, ...(registeredSince ? { registeredSince: new Date(registeredSince) } : {}) } };
}

function scheduleOf(input: ScheduleInput): Schedule {
  if (input.kind === 'at') return { kind: 'at', at: new Date(input.at) };
  return input;
}

export function broadcastView(broadcast: BroadcastRecord): z.input<typeof BroadcastView> {
  const { audience, schedule, content } = broadcast;
  return {
    id: broadcast._id,
    title: broadcast.title,
    status: broadcast.status,
    text: { hi: content.text.hi ?? null, en: content.text.en ?? null },
    mediaUrl: content.mediaUrl ?? null,
    templates: { hi: content.templates?.hi?.contentSid ?? null, en: content.templates?.en?.contentSid ?? null },
    audience:
      'groups' in audience
        ? { groups: audience.groups }
        : {
            segment: {
              role: audience.segment.role ?? null,
              categories: audience.segment.categories ?? [],
              tehsils: audience.segment.tehsils ?? [],
              language: audience.segment.language ?? null,
              registeredSince: audience.segment.registeredSince
                ? new Date(audience.segment.registeredSince).toISOString()
                : null,
            },
          },
    schedule: {
      kind: schedule.kind,
      at: schedule.kind === 'at' ? new Date(schedule.at).toISOString() : null,
      cron: schedule.kind === 'recurring' ? schedule.cron : null,
    },
    version: broadcast.version,
    runs: broadcast.runs.length,
    createdBy: broadcast.createdBy,
    createdAt: new Date(broadcast.createdAt).toISOString(),
    updatedAt: new Date(broadcast.updatedAt).toISOString(),
  };
}

export function broadcastRoutes(deps: AdminApiDeps): ApiRoute[] {
  const now = deps.now ?? (() => new Date());
  const desk = deps.broadcasts;
  const existing = async (id: string) => {
    const broadcast = await desk.find(id);
    if (!broadcast) throw notFound('broadcast');
    return broadcast;
  };

  return [
    route({
      method: 'get',
      path: '/broadcasts',
      tag: 'broadcasts',
      summary: 'The latest broadcasts, newest first',
      role: 'viewer',
      query: BroadcastsQuery,
      response: paged(BroadcastView),
      csv: {
        name: 'broadcasts',
        rows: (page) =>
          page.items.map((b) => ({
            id: b.id,
            title: b.title,
            status: b.status,
            schedule: b.schedule.kind,
            at: b.schedule.at,
            cron: b.schedule.cron,
            textHi: b.text.hi,
            textEn: b.text.en,
            runs: b.runs,
            createdBy: b.createdBy,
            createdAt: b.createdAt,
          })),
      },
      async handle({ query }) {
        const start = (query.page - 1) * query.limit;
        const wanted = (await desk.latest(LIST_CAP)).filter(
          (broadcast) => query.status === undefined || broadcast.status === query.status,
        );
        return {
          items: wanted.slice(start, start + query.limit).map(broadcastView),
          page: { page: query.page, limit: query.limit, total: wanted.length },
        };
      },
    }),
    route({
      method: 'post',
      path: '/broadcasts',
      tag: 'broadcasts',
      summary: 'Create a broadcast draft, with its preview',
      creates: true,
      role: 'admin',
      body: NewBroadcastBody,
      response: BroadcastWithPreview,
      async handle({ body, req }) {
        const officer = deps.officerOf(req);
        const draft = await desk.draft(
          `console:${body.key ?? randomUUID()}`,
          {
            title: body.title,
            content: contentOf(body.content),
            audience: audienceOf(body.audience),
            schedule: scheduleOf(body.schedule),
            createdBy: officer,
          },
          now(),
        );
        const view = broadcastView(draft);
        await deps.audit(req, { what: 'broadcast.draft', target: `broadcast:${draft._id}`, before: null, after: view });
        return { broadcast: view, preview: await desk.preview(draft._id) };
      },
    }),
    route({
      method: 'get',
      path: '/broadcasts/:id',
      tag: 'broadcasts',
      summary: 'One broadcast',
      role: 'viewer',
      params: BroadcastParams,
      response: BroadcastView,
      handle: async ({ params }) => broadcastView(await existing(params.id)),
    }),
    route({
      method: 'patch',
      path: '/broadcasts/:id',
      tag: 'broadcasts',
      summary: 'Edit a draft, scheduled or paused broadcast',
      role: 'admin',
      params: BroadcastParams,
      body: BroadcastEditBody,
      response: BroadcastWithPreview,
      async handle({ params, body, req }) {
        const before = await existing(params.id);
        const edit: BroadcastEdit = {
          ...(body.title !== undefined ? { title: body.title } : {}),
          ...(body.content ? { content: contentOf(body.content) } : {}),
          ...(body.audience ? { audience: audienceOf(body.audience) } : {}),
          ...(body.schedule ? { schedule: scheduleOf(body.schedule) } : {}),
        };
        const after = broadcastView(await desk.edit(before._id, edit, now()));
        await deps.audit(req, {
          what: 'broadcast.edit',
          target: `broadcast:${before._id}`,
          before: broadcastView(before),
          after,
        });
        return { broadcast: after, preview: await desk.preview(before._id) };
      },
    }),
    route({
      method: 'get',
      path: '/broadcasts/:id/preview',
      tag: 'broadcasts',
      summary: 'Who a broadcast would reach now, and how',
      role: 'viewer',
      params: BroadcastParams,
      response: BroadcastPreviewView,
      handle: async ({ params }) => desk.preview((await existing(params.id))._id),
    }),
    route({
      method: 'post',
      path: '/broadcasts/:id/confirm',
      tag: 'broadcasts',
      summary: 'Schedule a draft as its schedule says (now, at a time, recurring)',
      role: 'admin',
      params: BroadcastParams,
      response: BroadcastView,
      async handle({ params, req }) {
        const before = await existing(params.id);
        if (before.status !== 'draft') throw conflict('not_a_draft', `broadcast ${before._id} is ${before.status}`);
        const after = broadcastView(await desk.confirm(before._id, now()));
        await deps.audit(req, {
          what: 'broadcast.confirm',
          target: `broadcast:${before._id}`,
          before: { status: before.status },
          after: { status: after.status },
        });
        return after;
      },
    }),
    route({
      method: 'post',
      path: '/broadcasts/:id/:action',
      tag: 'broadcasts',
      summary: 'Pause, resume or cancel a broadcast',
      role: 'admin',
      params: BroadcastSteerParams,
      response: BroadcastView,
      async handle({ params, req }) {
        const before = await existing(params.id);
        const steered = await desk.steer(before._id, params.action, now());
        if (!steered) throw conflict('not_applicable', `cannot ${params.action} a broadcast that is ${before.status}`);
        const after = broadcastView(steered);
        await deps.audit(req, {
          what: `broadcast.${params.action}`,
          target: `broadcast:${before._id}`,
          before: { status: before.status },
          after: { status: after.status },
        });
        return after;
      },
    }),
    route({
      method: 'get',
      path: '/broadcasts/:id/report',
      tag: 'broadcasts',
      summary: 'A broadcast’s delivery report',
      role: 'viewer',
      params: BroadcastParams,
      response: BroadcastReportView,
      handle: async ({ params }) => desk.report((await existing(params.id))._id),
    }),
  ];
}
