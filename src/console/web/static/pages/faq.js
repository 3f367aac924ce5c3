// The FAQ the bot answers from: search by words, topic and origin; one entry with its answer, source and phrasings.
// Entries officers added may be edited here (the bot uses the change at once); the reviewed files' entries change
// by review of flows/faq/.

import { csvHref, get, patch, post, query } from '../lib/api.js';
import { add, fill, h } from '../lib/dom.js';
import { FAQ_TOPICS as TOPICS } from '../lib/topics.js';
import { formatNumber, pick, t } from '../lib/i18n.js';
import {
  badge,
  csvLink,
  facts,
  field,
  lines,
  pageHeader,
  pager,
  searchForm,
  select,
  submitting,
  table,
  toast,
} from '../lib/ui.js';

const PAGE_SIZE = 20;
const LANGS = ['hi', 'en', 'hinglish'];

export async function render(view, context) {
  if (context.id) return renderEntry(view, context, context.id);
  return renderList(view);
}

const originBadge = (origin) => badge(t(`faq.origin.${origin}`), origin === 'added' ? 'live' : '');
const shorten = (text, max = 140) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

async function renderList(view) {
  const params = new URLSearchParams(location.search);
  const filters = { q: params.get('q') ?? '', topic: params.get('topic') ?? '', origin: params.get('origin') ?? '' };
  const q = h('input', { type: 'search', name: 'q', value: filters.q, maxlength: '80', dataset: { testid: 'faq-q' } });
  const topic = select('topic', [['', t('common.all')], ...TOPICS.map((each) => [each, each])], filters.topic);
  const origin = select(
    'origin',
    [
      ['', t('common.all')],
      ['files', t('faq.origin.files')],
      ['added', t('faq.origin.added')],
    ],
    filters.origin,
  );
  const csv = csvLink('#');
  const holder = h('div', {});
  const draw = async (page) => {
    history.replaceState(null, '', `/admin/faq${query(filters)}`);
    csv.href = csvHref('/export/faq.csv', filters, true);
    const found = await get(`/faq${query({ ...filters, page, limit: PAGE_SIZE })}`);
    fill(
      holder,
      table(
        [
          {
            label: 'ID',
            cell: (entry) => h('a', { href: `/admin/faq/${encodeURIComponent(entry.id)}`, text: entry.id }),
          },
          { label: t('faq.topic'), cell: (entry) => entry.topic },
          { label: t('faq.answer'), cell: (entry) => shorten(pick(entry.answer)) },
          {
            label: t('faq.phrasings'),
            cell: (entry) => formatNumber(LANGS.reduce((n, lang) => n + entry.questions[lang].length, 0)),
            class: 'num',
          },
          { label: t('faq.origin'), cell: (entry) => originBadge(entry.origin) },
        ],
        found.items,
        { testid: 'faq' },
      ),
      pager(found.page, draw),
    );
  };
  const form = searchForm(
    [[field(t('faq.q'), q), field(t('faq.topic'), topic), field(t('faq.origin'), origin)]],
    () => {
      Object.assign(filters, { q: q.value.trim(), topic: topic.value, origin: origin.value });
      return draw(1);
    },
  );
  add(view, pageHeader(t('faq.title'), csv), form, holder);
  await draw(1);
}

function editForms(entry, path, redraw) {
  const answerHi = h('textarea', {
    name: 'hi',
    rows: '5',
    lang: 'hi',
    value: entry.answer.hi,
    dataset: { testid: 'faq-answer-hi' },
  });
  const answerEn = h('textarea', {
    name: 'en',
    rows: '5',
    lang: 'en',
    value: entry.answer.en,
    dataset: { testid: 'faq-answer-en' },
  });
  const editProblems = h('div', {});
  const save = h('button', { type: 'submit', text: t('common.save'), dataset: { testid: 'faq-edit-save' } });
  const edit = h(
    'form',
    { class: 'card form' },
    h('h2', { text: t('faq.edit') }),
    h('div', { class: 'row' }, field(t('lang.hi'), answerHi), field(t('lang.en'), answerEn)),
    editProblems,
    save,
  );
  edit.addEventListener('submit', async (event) => {
    event.preventDefault();
    const updated = await submitting(save, editProblems, () =>
      patch(path, { answer: { hi: answerHi.value.trim(), en: answerEn.value.trim() } }),
    );
    if (updated) {
      toast(t('faq.usedAtOnce'));
      redraw(updated);
    }
  });

  const boxes = Object.fromEntries(
    LANGS.map((lang) => [lang, h('textarea', { name: lang, rows: '3', dataset: { testid: `faq-add-${lang}` } })]),
  );
  const addProblems = h('div', {});
  const add = h('button', { type: 'submit', text: t('faq.add'), dataset: { testid: 'faq-add' } });
  const phrasings = h(
    'form',
    { class: 'card form' },
    h('h2', { text: t('faq.addPhrasings') }),
    h(
      'div',
      { class: 'row' },
      LANGS.map((lang) => field(t(`lang.${lang}`), boxes[lang])),
    ),
    addProblems,
    add,
  );
  phrasings.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(
      LANGS.map((lang) => [lang, lines(boxes[lang].value)]).filter(([, list]) => list.length > 0),
    );
    const updated = await submitting(add, addProblems, () => post(`${path}/phrasings`, body));
    if (updated) {
      toast(t('faq.usedAtOnce'));
      redraw(updated);
    }
  });
  return [edit, phrasings];
}

async function renderEntry(view, context, id) {
  const path = `/faq/${encodeURIComponent(id)}`;
  const holder = h('div', {});
  add(view, h('a', { href: '/admin/faq', class: 'back', text: t('common.back') }), holder);
  const draw = (entry) => {
    fill(
      holder,
      pageHeader(entry.id, originBadge(entry.origin)),
      h(
        'section',
        { class: 'card', dataset: { testid: 'faq-entry' } },
        facts([
          [t('faq.topic'), entry.topic],
          [`${t('faq.answer')} · ${t('lang.hi')}`, h('p', { class: 'said', lang: 'hi', text: entry.answer.hi })],
          [`${t('faq.answer')} · ${t('lang.en')}`, h('p', { class: 'said', lang: 'en', text: entry.answer.en })],
          [t('faq.source'), pick(entry.source)],
          [t('faq.reviewed'), entry.reviewed],
        ]),
        h('h2', { text: t('faq.phrasings') }),
        h(
          'div',
          { class: 'grid three' },
          LANGS.map((lang) =>
            h(
              'div',
              {},
              h('h3', { text: `${t(`lang.${lang}`)} (${formatNumber(entry.questions[lang].length)})` }),
              h(
                'ul',
                { class: 'plain phrasings' },
                entry.questions[lang].map((q) => h('li', { text: q })),
              ),
            ),
          ),
        ),
      ),
      entry.editable
        ? context.canChange
          ? editForms(entry, path, draw)
          : null
        : h('p', { class: 'message note', text: t('faq.filesNote') }),
    );
  };
  draw(await get(path));
}
