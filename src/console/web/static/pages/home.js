// Home: the numbers an officer asks for, each chart with its figures and its CSV.

import { csvHref, get } from '../lib/api.js';
import { barChart, funnel, weekColumns } from '../lib/charts.js';
import { add, h } from '../lib/dom.js';
import { formatDay, formatDuration, formatNumber, formatPercent, pick, t } from '../lib/i18n.js';
import { csvLink, pageHeader, table } from '../lib/ui.js';

const WEEKS = 12;

function kpi(testid, label, value, note) {
  return h(
    'div',
    { class: 'kpi', dataset: { testid: `kpi-${testid}` } },
    h('span', { class: 'kpi-label', text: label }),
    h('strong', { class: 'kpi-value', dataset: { testid: `kpi-${testid}-value` }, text: value }),
    note ? h('span', { class: 'kpi-note', text: note }) : null,
  );
}

function card(title, body, csv, testid) {
  return h(
    'section',
    { class: 'card', dataset: { testid } },
    h('div', { class: 'card-head' }, h('h2', { text: title }), csv ? csvLink(csv, `${testid}-csv`) : null),
    body,
  );
}

const DAY_MS = 86_400_000;
const INDIA_OFFSET_MS = 330 * 60_000;

/** Every one of the last `count` weeks (their Mondays in India's time), those without inquiries as zero. */
function allWeeks(weeks, count) {
  const byWeek = new Map(weeks.map((week) => [week.week, week]));
  const local = new Date(Date.now() + INDIA_OFFSET_MS);
  const today = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const monday = today - ((local.getUTCDay() + 6) % 7) * DAY_MS;
  return Array.from({ length: count }, (_, index) => {
    const week = new Date(monday - (count - 1 - index) * 7 * DAY_MS).toISOString().slice(0, 10);
    return byWeek.get(week) ?? { week, inquiries: 0, matched: 0, matchRate: 0, quotes: 0 };
  });
}

export async function render(view) {
  const numbers = await get(`/numbers?weeks=${WEEKS}&broadcasts=5`);
  const { sellers, inquiries, broadcasts, tickets } = numbers;
  const weeks = allWeeks(inquiries.weeks, WEEKS);
  const toRows = (counts, names = {}) =>
    Object.entries(counts).map(([id, value]) => ({ label: names[id] ? pick(names[id]) : id, value }));

  add(
    view,
    pageHeader(t('home.title'), h('span', { class: 'subtitle', text: t('home.subtitle', { weeks: WEEKS }) })),
    h(
      'div',
      { class: 'kpis' },
      kpi(
        'sellers',
        t('kpi.sellers'),
        formatNumber(sellers.total),
        t('kpi.alertsOff', { n: formatNumber(sellers.alertsOff) }),
      ),
      kpi('inquiries', t('kpi.inquiries'), formatNumber(inquiries.inquiries)),
      kpi(
        'match-rate',
        t('kpi.matchRate'),
        inquiries.inquiries === 0 ? '–' : formatPercent(inquiries.matchRate),
        t('kpi.matchRateNote'),
      ),
      kpi(
        'response',
        t('kpi.response'),
        inquiries.medianResponseMinutes === null ? '–' : formatDuration(inquiries.medianResponseMinutes * 60),
        t('kpi.responseNote', { n: formatNumber(inquiries.responses) }),
      ),
      kpi('quotes', t('kpi.quotes'), formatNumber(inquiries.quotesPerInquiry, { maximumFractionDigits: 2 })),
      h(
        'a',
        { href: '/admin/tickets', class: 'kpi-link' },
        kpi(
          'tickets',
          t('kpi.tickets'),
          formatNumber(tickets.open),
          tickets.oldestOpenHours === null ? null : t('kpi.oldest', { n: formatNumber(tickets.oldestOpenHours) }),
        ),
      ),
    ),
    sellers.capped || inquiries.capped ? h('p', { class: 'message note', text: t('chart.capped') }) : null,
    h(
      'div',
      { class: 'grid' },
      card(
        t('chart.byCategory'),
        barChart(toRows(sellers.byCategory, sellers.names?.categories), { testid: 'by-category' }),
        csvHref('/export/sellers-by-category-and-tehsil.csv'),
        'chart-category',
      ),
      card(
        t('chart.byTehsil'),
        barChart(toRows(sellers.byTehsil, sellers.names?.tehsils), { testid: 'by-tehsil' }),
        csvHref('/export/sellers-by-category-and-tehsil.csv'),
        'chart-tehsil',
      ),
      card(
        t('chart.weeks'),
        [
          weekColumns(weeks),
          h(
            'p',
            { class: 'legend' },
            h('span', { class: 'swatch all' }),
            t('chart.inquiries'),
            ' ',
            h('span', { class: 'swatch matched' }),
            t('chart.matched'),
          ),
          table(
            [
              { label: t('chart.week'), cell: (week) => formatDay(week.week) },
              { label: t('chart.inquiries'), cell: (week) => formatNumber(week.inquiries), class: 'num' },
              { label: t('chart.matched'), cell: (week) => formatNumber(week.matched), class: 'num' },
              { label: t('kpi.matchRate'), cell: (week) => formatPercent(week.matchRate), class: 'num' },
              { label: t('chart.quotes'), cell: (week) => formatNumber(week.quotes), class: 'num' },
            ],
            // The weeks with inquiries, latest first (the chart shows the empty ones too).
            weeks.filter((week) => week.inquiries > 0).reverse(),
            { testid: 'weeks-table' },
          ),
        ],
        csvHref('/export/inquiries-by-week.csv', { weeks: WEEKS }),
        'chart-weeks',
      ),
      card(
        t('chart.funnels'),
        broadcasts.length === 0
          ? h('p', { class: 'empty', text: t('common.none') })
          : broadcasts.map((item) =>
              h(
                'div',
                { class: 'funnel' },
                h('h3', {}, h('a', { href: `/admin/broadcasts/${encodeURIComponent(item.id)}`, text: item.title })),
                funnel(item),
                item.failed + item.skipped > 0
                  ? h('p', {
                      class: 'hint',
                      text: `${t('chart.failed')}: ${formatNumber(item.failed)} · ${t('chart.skipped')}: ${formatNumber(item.skipped)}`,
                    })
                  : null,
              ),
            ),
        csvHref('/export/broadcast-funnels.csv'),
        'chart-funnels',
      ),
    ),
  );
}
