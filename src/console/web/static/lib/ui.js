// Pieces every page uses: headings with their CSV link, tables that become cards on a phone, the pager, forms,
// messages and the toast.

import { ApiFailure } from './api.js';
import { h } from './dom.js';
import { formatNumber, t } from './i18n.js';

export function pageHeader(title, ...actions) {
  return h('div', { class: 'page-head' }, h('h1', { text: title }), h('div', { class: 'actions' }, actions));
}

export function csvLink(href, testid = 'csv') {
  return h('a', { class: 'button secondary', href, download: '', dataset: { testid } }, '⬇ ', t('common.csv'));
}

export function linkButton(href, text, testid) {
  return h('a', { class: 'button', href, dataset: testid ? { testid } : undefined, text });
}

/**
 * A table of `rows`; `columns` are `{ label, cell(row) → node|string, class? }`. Each cell carries its column's
 * label, which a phone screen shows beside the value (the table becomes one card a row).
 */
export function table(columns, rows, options = {}) {
  if (rows.length === 0)
    return h('p', { class: 'empty', text: options.empty ?? t('common.none'), dataset: { testid: 'empty' } });
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'list', dataset: { testid: options.testid ?? 'list' } },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((column) => h('th', { scope: 'col', text: column.label })),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            { dataset: options.rowTestid ? { testid: options.rowTestid(row) } : undefined },
            columns.map((column) => h('td', { 'data-label': column.label, class: column.class }, column.cell(row))),
          ),
        ),
      ),
    ),
  );
}

/** Previous / next for a page of `{ page, limit, total }`; `go(page)` draws that page. */
export function pager(info, go) {
  const pages = Math.max(1, Math.ceil(info.total / info.limit));
  if (pages <= 1)
    return h('p', {
      class: 'pager-info',
      text: t('common.pageOf', { page: 1, pages: 1, total: formatNumber(info.total) }),
    });
  return h(
    'nav',
    { class: 'pager', dataset: { testid: 'pager' } },
    h('button', {
      type: 'button',
      class: 'secondary',
      disabled: info.page <= 1,
      onclick: () => go(info.page - 1),
      text: t('common.prev'),
    }),
    h('span', { text: t('common.pageOf', { page: info.page, pages, total: formatNumber(info.total) }) }),
    h('button', {
      type: 'button',
      class: 'secondary',
      disabled: info.page >= pages,
      onclick: () => go(info.page + 1),
      dataset: { testid: 'next-page' },
      text: t('common.next'),
    }),
  );
}

export function field(label, control, hint) {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id, text: label }),
    control,
    hint ? h('small', { class: 'hint', text: hint }) : null,
  );
}

/** A drop-down; `label` names it for screen readers where no visible label stands beside it. */
export function select(name, options, value, label) {
  return h(
    'select',
    { name, 'aria-label': label },
    options.map(([optionValue, label]) =>
      h('option', { value: optionValue, selected: optionValue === value, text: label }),
    ),
  );
}

export function badge(text, kind = '') {
  return h('span', { class: ['badge', kind], text });
}

export function errorBox(error) {
  const message = error instanceof ApiFailure ? error.friendly : t('error.generic');
  return h('p', { class: 'message error', role: 'alert', dataset: { testid: 'error' }, text: message });
}

/** Runs `work` with `button` disabled, shows what went wrong in `where` (above the button's form by default). */
export async function submitting(button, where, work) {
  button.disabled = true;
  where.replaceChildren();
  try {
    return await work();
  } catch (error) {
    where.replaceChildren(errorBox(error));
    if (!(error instanceof ApiFailure)) console.error(error);
    return undefined;
  } finally {
    button.disabled = false;
  }
}

/**
 * A list's search form: rows of fields, the Search button at the end of the last row, and where a failed search
 * says why. `search` runs on submit (read the fields, draw the first page).
 */
export function searchForm(rows, search) {
  const button = h('button', { type: 'submit', text: t('common.search') });
  const problems = h('div', {});
  const last = rows.length - 1;
  const form = h(
    'form',
    { class: 'card form filters', role: 'search' },
    rows.map((fields, i) =>
      h('div', { class: 'row' }, fields, i === last ? h('div', { class: 'field end' }, button) : null),
    ),
    problems,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await submitting(button, problems, search);
  });
  return form;
}

let toastTimer = null;
export function toast(text) {
  const node = document.getElementById('toast');
  node.textContent = text;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    node.hidden = true;
  }, 4000);
}

/** Definition list of `[label, value]` pairs (value a node or text); empty values left out. */
export function facts(pairs, testid) {
  return h(
    'dl',
    { class: 'facts', dataset: testid ? { testid } : undefined },
    pairs
      .filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(([label, value]) => h('div', {}, h('dt', { text: label }), h('dd', {}, value))),
  );
}

/** Lines of a textarea, trimmed, empty ones dropped. */
export function lines(text) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Comma-separated words, trimmed, empty ones dropped. */
export function words(text) {
  return text
    .split(',')
    .map((word) => word.trim())
    .filter(Boolean);
}
