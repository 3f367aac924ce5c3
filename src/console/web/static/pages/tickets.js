// Questions the bot could not answer: the open ones, oldest first; answering one (the answer reaches the asker on
// WhatsApp); saving an answered one as a FAQ entry, which the bot uses at once.

import { csvHref, get, post, query } from '../lib/api.js';
import { add, fill, h } from '../lib/dom.js';
import { FAQ_TOPICS as TOPICS } from '../lib/topics.js';
import { formatDate, t } from '../lib/i18n.js';
import { badge, csvLink, facts, field, lines, pageHeader, pager, select, submitting, table, toast } from '../lib/ui.js';

const PAGE_SIZE = 20;

export async function render(view, context) {
  if (context.id) return renderTicket(view, context, context.id);
  return renderList(view);
}

async function renderList(view) {
  const holder = h('div', {});
  // Open questions by default; the answered ones, to read or to save as FAQ entries.
  const status = new URLSearchParams(location.search).get('status') === 'answered' ? 'answered' : 'open';
  const draw = async (page) => {
    const found = await get(`/tickets${query({ status, page, limit: PAGE_SIZE })}`);
    fill(
      holder,
      table(
        [
          {
            label: t('tickets.question'),
            cell: (ticket) =>
              h('a', { href: `/admin/tickets/${encodeURIComponent(ticket.id)}`, text: ticket.question }),
          },
          { label: t('tickets.topic'), cell: (ticket) => ticket.topic },
          { label: t('broadcasts.language'), cell: (ticket) => t(`lang.${ticket.language}`) },
          { label: t('tickets.asker'), cell: (ticket) => ticket.asker },
          { label: t('tickets.asked'), cell: (ticket) => formatDate(ticket.createdAt) },
        ],
        found.items,
        { testid: 'tickets', empty: t(status === 'answered' ? 'tickets.noAnswered' : 'tickets.noOpen') },
      ),
      pager(found.page, draw),
    );
  };
  const other = status === 'answered' ? 'open' : 'answered';
  const switchTo = h('a', {
    href: `/admin/tickets${other === 'answered' ? '?status=answered' : ''}`,
    text: t(other === 'answered' ? 'tickets.showAnswered' : 'tickets.showOpen'),
    dataset: { testid: 'tickets-switch' },
  });
  add(
    view,
    pageHeader(t('tickets.title'), csvLink(csvHref('/export/tickets.csv', { status }, true))),
    h('p', {}, switchTo),
    holder,
  );
  await draw(1);
}

function answerForm(ticket, path, onDone) {
  const text = h('textarea', {
    name: 'answer',
    rows: '5',
    required: true,
    minlength: '2',
    maxlength: '3000',
    lang: ticket.language,
    dataset: { testid: 'ticket-answer' },
  });
  const problems = h('div', {});
  const button = h('button', { type: 'submit', text: t('tickets.send'), dataset: { testid: 'ticket-send' } });
  const form = h(
    'form',
    { class: 'card form' },
    field(t('tickets.answer'), text, t('tickets.answerHint')),
    problems,
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answered = await submitting(button, problems, () => post(`${path}/answer`, { text: text.value.trim() }));
    if (answered) {
      toast(t('tickets.sent'));
      onDone(answered);
    }
  });
  return form;
}

function saveAsFaqForm(ticket, path) {
  const answerHi = h('textarea', { name: 'answerHi', rows: '4', lang: 'hi', value: ticket.answer ?? '' });
  const answerEn = h('textarea', { name: 'answerEn', rows: '4', lang: 'en', value: ticket.answer ?? '' });
  const hi = h('textarea', { name: 'hi', rows: '3', lang: 'hi', dataset: { testid: 'faq-phrasings-hi' } });
  const en = h('textarea', { name: 'en', rows: '3', lang: 'en', dataset: { testid: 'faq-phrasings-en' } });
  const hinglish = h('textarea', { name: 'hinglish', rows: '3', value: ticket.question });
  const topic = select(
    'topic',
    TOPICS.map((each) => [each, each]),
    TOPICS.includes(ticket.topic) ? ticket.topic : 'other',
  );
  const problems = h('div', {});
  const button = h('button', { type: 'submit', text: t('tickets.saveFaq'), dataset: { testid: 'faq-save' } });
  const form = h(
    'form',
    { class: 'card form', dataset: { testid: 'save-faq' } },
    h('h2', { text: t('tickets.saveFaq') }),
    h('p', { class: 'hint', text: t('tickets.saveFaqHint') }),
    h('div', { class: 'row' }, field(t('tickets.answerHi'), answerHi), field(t('tickets.answerEn'), answerEn)),
    h(
      'div',
      { class: 'row' },
      field(t('tickets.phrasingsHi'), hi),
      field(t('tickets.phrasingsEn'), en),
      field(t('tickets.phrasingsHinglish'), hinglish),
    ),
    field(t('faq.topic'), topic),
    problems,
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const entry = await submitting(button, problems, () =>
      post(`${path}/faq`, {
        answer: { hi: answerHi.value.trim(), en: answerEn.value.trim() },
        phrasings: { hi: lines(hi.value), en: lines(en.value), hinglish: lines(hinglish.value) },
        topic: topic.value,
      }),
    );
    if (entry) {
      toast(t('faq.usedAtOnce'));
      location.assign(`/admin/faq/${encodeURIComponent(entry.id)}`);
    }
  });
  return form;
}

async function renderTicket(view, context, id) {
  const path = `/tickets/${encodeURIComponent(id)}`;
  const holder = h('div', {});
  add(view, h('a', { href: '/admin/tickets', class: 'back', text: t('common.back') }), holder);
  const draw = (ticket) => {
    fill(
      holder,
      pageHeader(
        t('tickets.question'),
        badge(t(`ticketStatus.${ticket.status}`), ticket.status === 'open' ? 'warn' : 'ok'),
      ),
      h(
        'section',
        { class: 'card', dataset: { testid: 'ticket' } },
        h('blockquote', {
          class: 'said',
          lang: ticket.language,
          dataset: { testid: 'ticket-question' },
          text: ticket.question,
        }),
        facts([
          [t('tickets.topic'), ticket.topic],
          [t('tickets.asker'), ticket.asker],
          [t('tickets.asked'), formatDate(ticket.createdAt)],
          [
            t('tickets.answer'),
            ticket.answer
              ? h('p', { class: 'said', dataset: { testid: 'ticket-answer-text' }, text: ticket.answer })
              : null,
          ],
          [
            ' ',
            ticket.answeredAt
              ? t('tickets.answeredBy', { by: ticket.answeredBy ?? '–', at: formatDate(ticket.answeredAt) })
              : null,
          ],
        ]),
      ),
      context.canChange && ticket.status === 'open' ? answerForm(ticket, path, draw) : null,
      context.canChange && ticket.status === 'answered' ? saveAsFaqForm(ticket, path) : null,
    );
  };
  draw(await get(path));
}
