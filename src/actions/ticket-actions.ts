/**
 * Officers answer on WhatsApp what the bot handed over (flows/officer_tickets.flow.yaml): allow-listed numbers
 * (OFFICER_NUMBERS) list the open questions, answer one, and the answer reaches the person who asked, in a message
 * that says it comes from the district office; an answer may be saved for the bot to use from then on.
 */
import { defineAction, type LocalizedText } from '../conversation/actions/action.js';
import { answerTicket as recordAnswer } from '../domain/tickets/ticket-answer.js';
import { FAQ_TOPICS } from '../domain/faq/knowledge-base.js';
import type { TicketRecord } from '../domain/tickets/ticket-model.js';
import { detectScript } from '../nlu/normalize.js';
import { writingOf } from '../nlu/understand.js';
import { idsInput, pickedFromList, textInput, unlessSkipped, withInputs } from './inputs.js';
import type { ActionServices } from './services.js';

/** The fan-out that tells named people the same thing (src/fan-outs/notices.ts). */
const NOTICE = 'notice';
/** Open questions an officer's list shows at once (the oldest first). */
const LIST_LENGTH = 9;

const LANGUAGE_NAMES: Record<'hi' | 'en', LocalizedText> = {
  hi: { hi: 'हिंदी में', en: 'in Hindi' },
  en: { hi: 'अंग्रेज़ी में', en: 'in English' },
};

function ticketLine(ticket: TicketRecord, index: number, language: 'hi' | 'en'): string {
  const asked = new Date(ticket.createdAt).toISOString().slice(0, 10);
  return `${index + 1}. [${ticket.topic}] "${ticket.question}" (${LANGUAGE_NAMES[ticket.language][language]}, ${asked})`;
}

/** The open questions, for an officer. Output: { officer, count, list, ids }. */
export const listTickets = defineAction<ActionServices>({
  name: 'list_tickets',
  description: 'Lists the open questions for an officer. Output: { officer, count, list, ids }',
  create: (services) => async (_inputs, context) => {
    if (!services.isOfficer(context.user.phone)) return { ok: true, output: { officer: false } };
    const open = (await services.tickets.openTickets()).slice(0, LIST_LENGTH);
    return {
      ok: true,
      output: {
        officer: true,
        count: open.length,
        list: {
          hi: open.map((t, i) => ticketLine(t, i, 'hi')).join('\n'),
          en: open.map((t, i) => ticketLine(t, i, 'en')).join('\n'),
        },
        ids: open.map((ticket) => ticket._id),
      },
    };
  },
});

/** The question an officer picked by its number. with: text, ids. Output: { found, id, question }. */
export const pickTicket = defineAction<ActionServices>({
  name: 'pick_ticket',
  description: 'Finds the question an officer picked by number. with: text, ids. Output: { found, id, question }',
  create: (services) => async (inputs) => {
    const id = pickedFromList(inputs.text, idsInput(inputs, 'ids'));
    const ticket = id ? await services.tickets.find(id) : null;
    if (!ticket) return { ok: true, output: { found: false } };
    return { ok: true, output: { found: true, id: ticket._id, question: ticket.question } };
  },
});

/**
 * Records an officer's answer and sends it to the person who asked, saying it comes from the district office.
 * with: id, text. Output: { answered }.
 */
export const answerTicket = defineAction<ActionServices>({
  name: 'answer_ticket',
  description: "Sends an officer's answer to the asker. with: id, text. Output: { answered }",
  create: (services) => async (inputs, context) => {
    if (!services.isOfficer(context.user.phone)) return { ok: true, output: { answered: false } };
    const read = withInputs(() => ({ id: textInput(inputs, 'id'), text: textInput(inputs, 'text') }));
    if (!read.ok) return read;
    const answered = await recordAnswer(services.tickets, read.value.id, {
      text: read.value.text,
      by: context.user.phone,
      at: context.now,
    });
    if (!answered) return { ok: true, output: { answered: false } };
    return {
      ok: true,
      output: { answered: true },
      events: [{ type: 'fan_out', kind: NOTICE, payload: { ...answered.notice } }],
    };
  },
});

/** The language an officer's answer is in: Hindi when it has Devanagari letters, English otherwise. */
function answerLanguage(text: string): 'hi' | 'en' {
  const script = detectScript(text);
  return script === 'devanagari' || script === 'mixed' ? 'hi' : 'en';
}

/** The other language's name, for the officer's prompt: the one their answer is not in. */
const OTHER_LANGUAGE: Record<'hi' | 'en', LocalizedText> = {
  hi: { hi: 'अंग्रेज़ी', en: 'English' },
  en: { hi: 'हिंदी', en: 'Hindi' },
};

/** What the officer's answer to a ticket is written in, and the other language to ask for. with: id. */
export const ticketAnswerLanguage = defineAction<ActionServices>({
  name: 'ticket_answer_language',
  description: "The language of an officer's answer and the other one. with: id. Output: { language, other }",
  create: (services) => async (inputs) => {
    const read = withInputs(() => textInput(inputs, 'id'));
    if (!read.ok) return read;
    const ticket = await services.tickets.find(read.value);
    const language = answerLanguage(ticket?.answer ?? '');
    return { ok: true, output: { language, other: OTHER_LANGUAGE[language] } };
  },
});

/**
 * Saves an answered question as a FAQ entry the bot uses at once, in every worker: the answer in the language the
 * officer wrote it and, when given, the other; other ways of asking (a line each); the topic. with: id, other,
 * phrasings ("skip" leaves either out), topic. Output: { saved }.
 */
export const saveTicketAnswer = defineAction<ActionServices>({
  name: 'save_ticket_answer',
  description: 'Saves an answered question as a FAQ entry. with: id, other?, phrasings?, topic?. Output: { saved }',
  create: (services) => async (inputs, context) => {
    const read = withInputs(() => textInput(inputs, 'id'));
    if (!read.ok) return read;
    const ticket = await services.tickets.find(read.value);
    if (!ticket?.answer || !services.isOfficer(context.user.phone)) return { ok: true, output: { saved: false } };
    const other = unlessSkipped(String(inputs.other ?? ''));
    const language = answerLanguage(ticket.answer);
    const lines = (unlessSkipped(String(inputs.phrasings ?? '')) ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    // Option ids are snake_case (flow ids' rule); topics are kebab-case.
    const topic = FAQ_TOPICS.find((known) => known === String(inputs.topic ?? '').replaceAll('_', '-'));
    await services.faq.save({
      ticketId: ticket._id,
      question: ticket.question,
      answer: ticket.answer,
      ...(other
        ? {
            answers: { [language]: ticket.answer, [language === 'hi' ? 'en' : 'hi']: other } as {
              hi: string;
              en: string;
            },
          }
        : {}),
      ...(lines.length > 0
        ? {
            phrasings: {
              hi: lines.filter((line) => writingOf(line) === 'hi'),
              en: lines.filter((line) => writingOf(line) === 'en'),
              hinglish: lines.filter((line) => writingOf(line) === 'hinglish'),
            },
          }
        : {}),
      ...(topic ? { topic } : {}),
      addedBy: context.user.phone,
      at: context.now,
    });
    return { ok: true, output: { saved: true } };
  },
});
