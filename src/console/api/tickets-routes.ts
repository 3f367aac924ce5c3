/**
 * Questions the bot handed to officers: the open list, one ticket, answering it (the answer reaches the asker on
 * WhatsApp the way an answer given on WhatsApp does: the same words, through a notice fan-out), and saving an
 * answered one as a FAQ entry with phrasings in Hindi and English, which the bot uses at once.
 */
import type { z } from 'zod';
import { answerTicket } from '../../domain/tickets/ticket-answer.js';
import type { TicketRecord } from '../../domain/tickets/ticket-model.js';
import { NOTICE } from '../../fan-outs/notices.js';
import type { ResolvedAdminApiDeps as AdminApiDeps } from './api-deps.js';
import { conflict, notFound } from './api-errors.js';
import { type ApiRoute, route } from './api-route.js';
import {
  ANSWERED_LISTED,
  FaqEntryView,
  SaveAsFaqBody,
  TicketAnswerBody,
  TicketParams,
  TicketView,
  TicketsQuery,
  paged,
} from './api-schemas.js';
import { faqEntryView } from './faq-routes.js';
import { maskedNumber } from './person-ref.js';

const iso = (value: Date | undefined) => (value ? new Date(value).toISOString() : null);

function ticketView(ticket: TicketRecord): z.input<typeof TicketView> {
  return {
    id: ticket._id,
    topic: ticket.topic,
    question: ticket.question,
    language: ticket.language,
    asker: maskedNumber(ticket.phone),
    status: ticket.status,
    createdAt: new Date(ticket.createdAt).toISOString(),
    answer: ticket.answer ?? null,
    // Officers answering on WhatsApp are recorded by their number: masked like any other.
    answeredBy: ticket.answeredBy ? maskedNumber(ticket.answeredBy) : null,
    answeredAt: iso(ticket.answeredAt),
  };
}

export function ticketRoutes(deps: AdminApiDeps): ApiRoute[] {
  const now = deps.now ?? (() => new Date());
  const existing = async (id: string) => {
    const ticket = await deps.tickets.find(id);
    if (!ticket) throw notFound('ticket');
    return ticket;
  };

  return [
    route({
      method: 'get',
      path: '/tickets',
      tag: 'tickets',
      summary: 'Open questions, oldest first; or answered ones, the latest answer first',
      role: 'viewer',
      query: TicketsQuery,
      response: paged(TicketView),
      csv: { name: 'tickets', rows: (page) => page.items },
      async handle({ query }) {
        const listed =
          query.status === 'answered'
            ? await deps.tickets.answeredTickets(ANSWERED_LISTED)
            : await deps.tickets.openTickets();
        const matching = listed.filter((ticket) => query.topic === undefined || ticket.topic === query.topic);
        const start = (query.page - 1) * query.limit;
        return {
          items: matching.slice(start, start + query.limit).map(ticketView),
          page: { page: query.page, limit: query.limit, total: matching.length },
        };
      },
    }),
    route({
      method: 'get',
      path: '/tickets/:id',
      tag: 'tickets',
      summary: 'One ticket',
      role: 'viewer',
      params: TicketParams,
      response: TicketView,
      handle: async ({ params }) => ticketView(await existing(params.id)),
    }),
    route({
      method: 'post',
      path: '/tickets/:id/answer',
      tag: 'tickets',
      summary: 'Answer a ticket: the answer reaches the asker on WhatsApp',
      role: 'admin',
      params: TicketParams,
      body: TicketAnswerBody,
      response: TicketView,
      async handle({ params, body, req }) {
        const before = await existing(params.id);
        const answered = await answerTicket(deps.tickets, before._id, {
          text: body.text,
          by: deps.officerOf(req),
          at: now(),
        });
        if (!answered) throw conflict('already_answered', `ticket ${before._id} is ${before.status}`);
        // One notice per ticket: answering can happen once, and a retried start adds nothing.
        await deps.fanOut.start(NOTICE, `${NOTICE}:ticket-answer:${before._id}`, answered.notice);
        const after = ticketView(answered.ticket);
        await deps.audit(req, {
          what: 'ticket.answer',
          target: `ticket:${before._id}`,
          before: ticketView(before),
          after,
        });
        return after;
      },
    }),
    route({
      method: 'post',
      path: '/tickets/:id/faq',
      tag: 'tickets',
      summary: 'Save an answered ticket as a FAQ entry the bot uses at once',
      creates: true,
      role: 'admin',
      params: TicketParams,
      body: SaveAsFaqBody,
      response: FaqEntryView,
      async handle({ params, body, req }) {
        const ticket = await existing(params.id);
        if (ticket.status !== 'answered' || !ticket.answer)
          throw conflict('not_answered', `ticket ${ticket._id} has no answer yet`);
        const id = `added-${ticket._id}`;
        const before = await deps.faq.findAdded(id);
        if (before) throw conflict('already_saved', `ticket ${ticket._id} is saved as entry ${id}: edit that entry`);
        await deps.faq.save({
          ticketId: ticket._id,
          question: ticket.question,
          answer: ticket.answer,
          ...(body.answer ? { answers: body.answer } : {}),
          phrasings: body.phrasings,
          ...(body.topic ? { topic: body.topic } : {}),
          addedBy: deps.officerOf(req),
          at: now(),
        });
        const entry = (await deps.faq.current()).knowledgeBase.byId(id);
        if (!entry) throw notFound('FAQ entry');
        const after = faqEntryView(entry);
        await deps.audit(req, { what: 'faq.add', target: `faq:${id}`, before: null, after });
        return after;
      },
    }),
  ];
}
