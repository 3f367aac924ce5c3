// Inquiries: the list by state; one inquiry with its matched sellers, why each was chosen (in the officer's
// language) and what they answered or quoted.

import { csvHref, get, query } from '../lib/api.js';
import { add, fill, h } from '../lib/dom.js';
import { formatDate, formatDuration, formatNumber, pick, t } from '../lib/i18n.js';
import { badge, csvLink, facts, pageHeader, pager, select, table } from '../lib/ui.js';

const PAGE_SIZE = 20;
const STATES = ['open', 'matched', 'fulfilled', 'cancelled', 'expired'];

export async function render(view, context) {
  if (context.id) return renderInquiry(view, context.id);
  return renderList(view);
}

const quantity = (q) => (q ? `${formatNumber(q.value)} ${q.unit}` : '–');
const money = (m) =>
  m ? `${formatNumber(m.amount, { maximumFractionDigits: 2 })} ${m.currency}${m.per ? ` / ${m.per}` : ''}` : '–';
const stateBadge = (state) =>
  badge(t(`state.${state}`), state === 'matched' || state === 'fulfilled' ? 'ok' : state === 'open' ? '' : 'muted');

async function renderList(view) {
  const filters = { state: new URLSearchParams(location.search).get('state') ?? '' };
  const state = select(
    'state',
    [['', t('common.all')], ...STATES.map((s) => [s, t(`state.${s}`)])],
    filters.state,
    t('common.status'),
  );
  const csv = csvLink('#');
  const listHolder = h('div', {});
  const draw = async (page) => {
    history.replaceState(null, '', `/admin/inquiries${query(filters)}`);
    csv.href = csvHref('/export/inquiries.csv', filters, true);
    const found = await get(`/inquiries${query({ ...filters, page, limit: PAGE_SIZE })}`);
    fill(
      listHolder,
      table(
        [
          { label: '#', cell: (i) => h('a', { href: `/admin/inquiries/${encodeURIComponent(i.id)}`, text: i.id }) },
          { label: t('inquiries.product'), cell: (i) => pick(i.product) },
          { label: t('inquiries.quantity'), cell: (i) => quantity(i.quantity) },
          { label: t('inquiries.destination'), cell: (i) => i.destination ?? '–' },
          { label: t('common.status'), cell: (i) => stateBadge(i.state) },
          { label: t('inquiries.matches'), cell: (i) => formatNumber(i.matches), class: 'num' },
          { label: t('inquiries.answered'), cell: (i) => formatNumber(i.answered), class: 'num' },
          { label: t('inquiries.quotes'), cell: (i) => formatNumber(i.quotes), class: 'num' },
          { label: t('common.created'), cell: (i) => formatDate(i.createdAt) },
        ],
        found.items,
        { testid: 'inquiries' },
      ),
      pager(found.page, draw),
    );
  };
  state.addEventListener('change', () => {
    filters.state = state.value;
    draw(1);
  });
  add(view, pageHeader(t('inquiries.title'), state, csv), listHolder);
  await draw(1);
}

function matchCard(match) {
  const seller = match.seller;
  const response = match.response;
  const quote = response?.quote;
  return h(
    'li',
    { class: 'card match', dataset: { testid: 'match' } },
    h(
      'div',
      { class: 'card-head' },
      h(
        'h3',
        {},
        h('a', {
          href: `/admin/sellers/${encodeURIComponent(seller.ref)}`,
          text: seller.businessName || seller.name || seller.number,
        }),
      ),
      h('span', {
        class: 'score',
        text: `${t('inquiries.score')}: ${formatNumber(match.score, { maximumFractionDigits: 2 })}`,
      }),
    ),
    h(
      'ul',
      { class: 'reasons', dataset: { testid: 'reasons' } },
      match.reasons.map((reason) => h('li', { text: pick(reason) })),
    ),
    h(
      'p',
      { class: 'response' },
      response
        ? [
            badge(t(`response.${response.kind}`), response.kind === 'declined' ? 'muted' : 'ok'),
            ' ',
            t('inquiries.respondedIn', { time: formatDuration(response.responseMinutes * 60) }),
          ]
        : h('span', { class: 'hint', text: t('inquiries.noResponse') }),
    ),
    quote
      ? facts([
          [t('inquiries.quote'), money(quote.price)],
          [t('inquiries.incoterm'), quote.incoterm],
          [t('inquiries.minimumOrder'), quote.minimumOrder ? quantity(quote.minimumOrder) : null],
          [
            t('inquiries.leadTimeLabel'),
            quote.leadTimeDays === null ? null : t('inquiries.leadTime', { n: quote.leadTimeDays }),
          ],
          [t('inquiries.quoteText'), quote.text],
        ])
      : null,
  );
}

async function renderInquiry(view, id) {
  const inquiry = await get(`/inquiries/${encodeURIComponent(id)}`);
  add(
    view,
    h('a', { href: '/admin/inquiries', class: 'back', text: t('common.back') }),
    pageHeader(`${inquiry.id} · ${pick(inquiry.product)}`, stateBadge(inquiry.state)),
    h(
      'section',
      { class: 'card' },
      h('h2', { class: 'label', text: t('inquiries.text') }),
      h('blockquote', { class: 'said', dataset: { testid: 'inquiry-text' }, text: inquiry.text }),
      facts([
        [t('inquiries.buyer'), inquiry.buyer],
        [t('inquiries.quantity'), quantity(inquiry.quantity)],
        [t('inquiries.destination'), inquiry.destination],
        [t('inquiries.incoterm'), inquiry.incoterm],
        [t('inquiries.targetPrice'), inquiry.targetPrice ? money(inquiry.targetPrice) : null],
        [t('inquiries.deliveryBy'), inquiry.deliveryBy],
        [t('sellers.certifications'), inquiry.certifications.join(', ')],
        [t('inquiries.group'), inquiry.group],
        [t('common.created'), formatDate(inquiry.createdAt)],
        [t('inquiries.expires'), formatDate(inquiry.expiresAt)],
      ]),
    ),
    h('h2', { text: `${t('inquiries.matchList')} (${formatNumber(inquiry.matchList.length)})` }),
    inquiry.matchList.length === 0
      ? h('p', { class: 'empty', text: t('common.none') })
      : h('ol', { class: 'matches' }, inquiry.matchList.map(matchCard)),
  );
}
