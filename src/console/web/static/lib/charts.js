// Charts drawn by hand, with the figures beside them: horizontal bars (HTML, widths through the CSSOM) and weekly
// columns (SVG, sizes as attributes). Each chart also has a caption for screen readers.

import { add, h } from './dom.js';
import { formatDay, formatNumber, formatPercent, t } from './i18n.js';

/** One bar a row: `rows` are `{ label, value }`, largest first unless `keepOrder`. */
export function barChart(rows, options = {}) {
  const sorted = options.keepOrder ? rows : [...rows].sort((a, b) => b.value - a.value);
  const max = Math.max(1, ...sorted.map((row) => row.value));
  if (sorted.length === 0) return h('p', { class: 'empty', text: t('common.none') });
  return h(
    'ul',
    { class: 'bars', dataset: { testid: options.testid ?? 'bars' } },
    sorted.map((row) => {
      const fill = h('span', { class: ['bar-fill', row.kind] });
      fill.style.width = `${(row.value / max) * 100}%`;
      return h(
        'li',
        { class: 'bar-row' },
        h('span', { class: 'bar-label', text: row.label }),
        h('span', { class: 'bar-track', 'aria-hidden': 'true' }, fill),
        h('span', { class: 'bar-value', text: row.display ?? formatNumber(row.value) }),
      );
    }),
  );
}

/** Inquiries a week as columns, the matched part darker; the table of figures follows it. */
export function weekColumns(weeks) {
  if (weeks.length === 0) return h('p', { class: 'empty', text: t('common.none') });
  const width = 360;
  const height = 120;
  const gap = 4;
  const column = (width - gap * (weeks.length - 1)) / weeks.length;
  const max = Math.max(1, ...weeks.map((week) => week.inquiries));
  const svg = h('svg:svg', {
    viewBox: `0 0 ${width} ${height + 18}`,
    class: 'columns',
    role: 'img',
    'aria-label': t('chart.weeks'),
    dataset: { testid: 'week-columns' },
  });
  weeks.forEach((week, index) => {
    const x = index * (column + gap);
    const total = (week.inquiries / max) * height;
    const matched = (week.matched / max) * height;
    add(
      svg,
      h(
        'svg:rect',
        { x, y: height - total, width: column, height: Math.max(total, 0.5), class: 'col-all' },
        h('svg:title', { text: `${formatDay(week.week)}: ${week.inquiries} / ${week.matched}` }),
      ),
      h('svg:rect', { x, y: height - matched, width: column, height: matched, class: 'col-matched' }),
      // Every other week is named, the latest always: twelve labels do not fit a phone.
      (weeks.length - 1 - index) % 2 === 0
        ? h('svg:text', {
            x: x + column / 2,
            y: height + 14,
            class: 'col-label',
            'text-anchor': 'middle',
            text: formatDay(week.week),
          })
        : null,
    );
  });
  return svg;
}

/** A broadcast's funnel: planned, sent, delivered, read as bars against the planned count. */
export function funnel(item) {
  const stages = [
    { label: t('chart.planned'), value: item.planned, kind: 'planned' },
    { label: t('chart.sent'), value: item.sent, kind: 'sent' },
    { label: t('chart.delivered'), value: item.delivered, kind: 'delivered' },
    { label: t('chart.read'), value: item.read, kind: 'read' },
  ].map((stage) => ({
    ...stage,
    display:
      item.planned > 0 && stage.kind !== 'planned'
        ? `${formatNumber(stage.value)} (${formatPercent(stage.value / item.planned)})`
        : formatNumber(stage.value),
  }));
  return barChart(stages, { keepOrder: true, testid: `funnel-${item.id}` });
}

/** A progress bar: `done` of `total`. */
export function progressBar(done, total, testid = 'progress') {
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const fill = h('span', { class: 'progress-fill' });
  fill.style.width = `${ratio * 100}%`;
  return h(
    'div',
    {
      class: 'progress',
      role: 'progressbar',
      'aria-valuemin': '0',
      'aria-valuemax': String(total),
      'aria-valuenow': String(done),
      dataset: { testid },
    },
    fill,
  );
}
