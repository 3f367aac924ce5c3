/**
 * FAQ entries for officers: every entry the bot answers from (the files' and the ones officers saved), one entry,
 * and changes to a saved entry's answer and phrasings. A change goes through the live knowledge base, which every
 * worker rebuilds from at its next question: the bot answers with it at once. Entries of `flows/faq/` change by
 * review of the files, not here.
 */
import type { z } from 'zod';
import { type AddedPhrasings, isAddedEntryId, withPhrasings } from '../../domain/faq/added-entries.js';
import type { FaqEntry } from '../../domain/faq/knowledge-base.js';
import type { ResolvedAdminApiDeps as AdminApiDeps } from './api-deps.js';
import { conflict, notFound } from './api-errors.js';
import { type ApiRoute, route } from './api-route.js';
import { AddPhrasingsBody, FaqEditBody, FaqEntryView, FaqParams, FaqQuery, paged } from './api-schemas.js';

export function faqEntryView(entry: FaqEntry): z.input<typeof FaqEntryView> {
  const added = isAddedEntryId(entry.id);
  return {
    id: entry.id,
    topic: entry.topic,
    origin: added ? 'added' : 'files',
    editable: added,
    reviewed: entry.reviewed,
    source: entry.source,
    answer: entry.answer,
    questions: { en: [...entry.questions.en], hi: [...entry.questions.hi], hinglish: [...entry.questions.hinglish] },
  };
}

function matchesText(entry: FaqEntry, text: string): boolean {
  const needle = text.toLowerCase();
  return [entry.id, entry.answer.hi, entry.answer.en, ...Object.values(entry.questions).flat()].some((value) =>
    value.toLowerCase().includes(needle),
  );
}

export function faqRoutes(deps: AdminApiDeps): ApiRoute[] {
  const now = deps.now ?? (() => new Date());
  const entryOf = async (id: string) => {
    const entry = (await deps.faq.current()).knowledgeBase.byId(id);
    if (!entry) throw notFound('FAQ entry');
    return entry;
  };
  /** A saved entry as stored, for a change; an entry of the files is refused. */
  const added = async (id: string) => {
    if (!isAddedEntryId(id)) {
      await entryOf(id);
      throw conflict('entry_in_files', `entry ${id} is kept in flows/faq/: change it there, by review`);
    }
    const record = await deps.faq.findAdded(id);
    if (!record) throw notFound('FAQ entry');
    return record;
  };
  const change = async (
    id: string,
    what: string,
    req: Parameters<AdminApiDeps['audit']>[0],
    edit: Parameters<AdminApiDeps['faq']['edit']>[1],
  ) => {
    const before = faqEntryView(await entryOf(id));
    const updated = await deps.faq.edit(id, edit, deps.officerOf(req), now());
    if (!updated) throw notFound('FAQ entry');
    const after = faqEntryView(await entryOf(id));
    await deps.audit(req, { what, target: `faq:${id}`, before, after });
    return after;
  };

  return [
    route({
      method: 'get',
      path: '/faq',
      tag: 'faq',
      summary: 'FAQ entries the bot answers from',
      role: 'viewer',
      query: FaqQuery,
      response: paged(FaqEntryView),
      csv: {
        name: 'faq',
        rows: (page) =>
          page.items.map((entry) => ({
            id: entry.id,
            topic: entry.topic,
            origin: entry.origin,
            reviewed: entry.reviewed,
            answerHi: entry.answer.hi,
            answerEn: entry.answer.en,
            phrasings: entry.questions.en.length + entry.questions.hi.length + entry.questions.hinglish.length,
          })),
      },
      async handle({ query }) {
        const { knowledgeBase } = await deps.faq.current();
        const wanted = knowledgeBase.entries.filter(
          (entry) =>
            (query.topic === undefined || entry.topic === query.topic) &&
            (query.origin === undefined || (query.origin === 'added') === isAddedEntryId(entry.id)) &&
            (query.q === undefined || matchesText(entry, query.q)),
        );
        const start = (query.page - 1) * query.limit;
        return {
          items: wanted.slice(start, start + query.limit).map(faqEntryView),
          page: { page: query.page, limit: query.limit, total: wanted.length },
        };
      },
    }),
    route({
      method: 'get',
      path: '/faq/:id',
      tag: 'faq',
      summary: 'One FAQ entry',
      role: 'viewer',
      params: FaqParams,
      response: FaqEntryView,
      handle: async ({ params }) => faqEntryView(await entryOf(params.id)),
    }),
    route({
      method: 'patch',
      path: '/faq/:id',
      tag: 'faq',
      summary: 'Change a saved entry’s answer or phrasings (used at once)',
      role: 'admin',
      params: FaqParams,
      body: FaqEditBody,
      response: FaqEntryView,
      async handle({ params, body, req }) {
        await added(params.id);
        return change(params.id, 'faq.edit', req, {
          ...(body.answer ? { answers: body.answer } : {}),
          ...(body.phrasings ? { phrasings: body.phrasings as AddedPhrasings } : {}),
        });
      },
    }),
    route({
      method: 'post',
      path: '/faq/:id/phrasings',
      tag: 'faq',
      summary: 'Add phrasings to a saved entry (used at once)',
      role: 'admin',
      params: FaqParams,
      body: AddPhrasingsBody,
      response: FaqEntryView,
      async handle({ params, body, req }) {
        const record = await added(params.id);
        return change(params.id, 'faq.phrasings.add', req, { phrasings: withPhrasings(record.phrasings, body) });
      },
    }),
  ];
}
