// Broadcasts: the list; composing one (audience, text in Hindi and English, when) with the preview of who it
// reaches before it is confirmed; and one broadcast's live progress and delivery report, with pause, resume and
// cancel for an administrator.

import { csvHref, get, patch, post, query } from '../lib/api.js';
import { funnel, progressBar } from '../lib/charts.js';
import { add, fill, h } from '../lib/dom.js';
import { formatDate, formatDuration, formatNumber, t } from '../lib/i18n.js';
import {
  badge,
  csvLink,
  facts,
  field,
  linkButton,
  pageHeader,
  pager,
  select,
  submitting,
  table,
  toast,
  words,
} from '../lib/ui.js';

const PAGE_SIZE = 20;
const POLL_MS = 2000;
const LIVE = new Set(['scheduled', 'sending', 'paused']);

export async function render(view, context) {
  if (context.id === 'new') return renderCompose(view, context);
  if (context.id) return renderBroadcast(view, context, context.id);
  return renderList(view, context);
}

const statusBadge = (status) =>
  badge(
    t(`status.${status}`),
    status === 'sent'
      ? 'ok'
      : status === 'sending'
        ? 'live'
        : status === 'cancelled'
          ? 'muted'
          : status === 'paused'
            ? 'warn'
            : '',
  );

function scheduleText(schedule) {
  if (schedule.kind === 'at') return t('schedule.at', { at: formatDate(schedule.at) });
  if (schedule.kind === 'recurring') return t('schedule.recurring', { cron: schedule.cron });
  return t('schedule.now');
}

function audienceText(audience) {
  if ('groups' in audience) return t('broadcasts.groupsAudience', { groups: audience.groups.join(', ') });
  const s = audience.segment;
  const parts = [
    s.role ? t(`role.${s.role}`) : t('broadcasts.everyone'),
    ...s.categories,
    ...s.tehsils,
    s.language ? t(`lang.${s.language}`) : null,
  ].filter(Boolean);
  return t('broadcasts.segmentAudience', { what: parts.join(', ') });
}

const STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'paused', 'cancelled'];

async function renderList(view, context) {
  const holder = h('div', {});
  const filters = { status: new URLSearchParams(location.search).get('status') ?? '' };
  const status = select(
    'status',
    [['', t('common.all')], ...STATUSES.map((each) => [each, t(`status.${each}`)])],
    filters.status,
    t('common.status'),
  );
  const csv = csvLink('#');
  const draw = async (page) => {
    history.replaceState(null, '', `/admin/broadcasts${query(filters)}`);
    csv.href = csvHref('/export/broadcasts.csv', filters, true);
    const found = await get(`/broadcasts${query({ ...filters, page, limit: PAGE_SIZE })}`);
    fill(
      holder,
      table(
        [
          {
            label: t('broadcasts.titleShort'),
            cell: (b) => h('a', { href: `/admin/broadcasts/${encodeURIComponent(b.id)}`, text: b.title }),
          },
          { label: t('common.status'), cell: (b) => statusBadge(b.status) },
          { label: t('broadcasts.audience'), cell: (b) => audienceText(b.audience) },
          { label: t('broadcasts.schedule'), cell: (b) => scheduleText(b.schedule) },
          { label: t('common.created'), cell: (b) => formatDate(b.createdAt) },
        ],
        found.items,
        { testid: 'broadcasts', rowTestid: (b) => `broadcast-${b.id}` },
      ),
      pager(found.page, draw),
    );
  };
  add(
    view,
    pageHeader(
      t('broadcasts.title'),
      context.canChange ? linkButton('/admin/broadcasts/new', t('broadcasts.compose'), 'compose') : null,
      status,
      csv,
    ),
    holder,
  );
  status.addEventListener('change', () => {
    filters.status = status.value;
    draw(1);
  });
  await draw(1);
}

function previewFacts(preview) {
  return facts(
    [
      [
        t('preview.recipients'),
        h('strong', { dataset: { testid: 'preview-recipients' }, text: formatNumber(preview.recipients) }),
      ],
      [t('preview.inWindow'), formatNumber(preview.inWindow)],
      [t('preview.asTemplate'), formatNumber(preview.asTemplate)],
      [
        t('preview.outsideWindowSkipped'),
        h('span', { dataset: { testid: 'preview-outside' }, text: formatNumber(preview.outsideWindowSkipped) }),
      ],
      [
        t('preview.optedOut'),
        h('span', { dataset: { testid: 'preview-opted-out' }, text: formatNumber(preview.optedOut) }),
      ],
      [t('preview.unreachable'), formatNumber(preview.unreachable)],
      [t('preview.estimated'), formatDuration(preview.estimatedSeconds)],
    ],
    'preview',
  );
}

/** `2026-12-01T10:00` typed in India's time → an ISO time with its offset. */
const indiaTime = (local) => (local ? `${local.length === 16 ? `${local}:00` : local}+05:30` : '');

async function renderCompose(view, context) {
  add(
    view,
    h('a', { href: '/admin/broadcasts', class: 'back', text: t('common.back') }),
    pageHeader(t('broadcasts.compose')),
  );
  if (!context.canChange) return;
  const groups = (await get('/groups?limit=100')).items;

  const title = h('input', { name: 'title', required: true, maxlength: '120', dataset: { testid: 'bc-title' } });
  const audienceKind = (value, checked) =>
    h('input', { type: 'radio', name: 'audience', value, checked, dataset: { testid: `bc-audience-${value}` } });
  const toGroups = audienceKind('groups', true);
  const toSegment = audienceKind('segment', false);
  const groupBoxes = groups.map((g) =>
    h('input', { type: 'checkbox', name: 'groups', value: g.code, dataset: { testid: `bc-group-${g.code}` } }),
  );
  const groupsPane = h(
    'fieldset',
    { class: 'choices' },
    h('legend', { text: t('broadcasts.pickGroups') }),
    groups.length === 0
      ? h('p', { class: 'hint', text: t('broadcasts.noGroups') })
      : groups.map((g, i) =>
          h('label', { class: 'check' }, groupBoxes[i], ` ${g.name} (${g.code}) · ${formatNumber(g.members)}`),
        ),
  );
  const role = select(
    'role',
    [
      ['', t('broadcasts.everyone')],
      ['seller', t('broadcasts.sellers')],
      ['buyer', t('broadcasts.buyers')],
    ],
    '',
  );
  const categories = h('input', { name: 'categories', placeholder: 'rice, pulses' });
  const tehsils = h('input', { name: 'tehsils', placeholder: 'Sagar, Khurai' });
  const language = select(
    'language',
    [
      ['', t('broadcasts.anyLanguage')],
      ['hi', t('lang.hi')],
      ['en', t('lang.en')],
    ],
    '',
  );
  const segmentPane = h(
    'div',
    { class: 'row', hidden: true },
    field(t('broadcasts.segmentRole'), role),
    field(t('broadcasts.categories'), categories),
    field(t('broadcasts.tehsils'), tehsils),
    field(t('broadcasts.language'), language),
  );
  const switchAudience = () => {
    groupsPane.hidden = !toGroups.checked;
    segmentPane.hidden = !toSegment.checked;
  };
  toGroups.addEventListener('change', switchAudience);
  toSegment.addEventListener('change', switchAudience);

  const textHi = h('textarea', {
    name: 'textHi',
    rows: '4',
    maxlength: '1500',
    lang: 'hi',
    dataset: { testid: 'bc-text-hi' },
  });
  const textEn = h('textarea', {
    name: 'textEn',
    rows: '4',
    maxlength: '1500',
    lang: 'en',
    dataset: { testid: 'bc-text-en' },
  });
  const mediaUrl = h('input', { type: 'url', name: 'mediaUrl', placeholder: 'https://…' });

  const whenKind = (value, checked) =>
    h('input', { type: 'radio', name: 'when', value, checked, dataset: { testid: `bc-when-${value}` } });
  const now = whenKind('now', true);
  const at = whenKind('at', false);
  const recurring = whenKind('recurring', false);
  const atTime = h('input', { type: 'datetime-local', name: 'at', dataset: { testid: 'bc-at' } });
  const cron = h('input', { name: 'cron', placeholder: '0 10 * * 1', dataset: { testid: 'bc-cron' } });

  const problems = h('div', {});
  const previewButton = h('button', {
    type: 'submit',
    text: t('broadcasts.preview'),
    dataset: { testid: 'bc-preview' },
  });
  const previewHolder = h('div', {});
  const form = h(
    'form',
    { class: 'card form', dataset: { testid: 'compose' } },
    field(t('broadcasts.name'), title),
    h(
      'fieldset',
      { class: 'choices' },
      h('legend', { text: t('broadcasts.audience') }),
      h('label', { class: 'check' }, toGroups, ` ${t('broadcasts.toGroups')}`),
      h('label', { class: 'check' }, toSegment, ` ${t('broadcasts.toSegment')}`),
    ),
    groupsPane,
    segmentPane,
    h('p', { class: 'hint', text: t('broadcasts.textHint') }),
    h('div', { class: 'row' }, field(t('broadcasts.textHi'), textHi), field(t('broadcasts.textEn'), textEn)),
    field(t('broadcasts.media'), mediaUrl),
    h(
      'fieldset',
      { class: 'choices' },
      h('legend', { text: t('broadcasts.when') }),
      h('label', { class: 'check' }, now, ` ${t('broadcasts.now')}`),
      h('label', { class: 'check' }, at, ` ${t('broadcasts.at')} `, atTime),
      h('label', { class: 'check' }, recurring, ` ${t('broadcasts.recurring')} `, cron),
      h('small', { class: 'hint', text: t('broadcasts.cronHint') }),
    ),
    problems,
    previewButton,
  );

  const key = crypto.randomUUID();
  let draftId = null;
  const body = () => {
    const audience = toGroups.checked
      ? { groups: groupBoxes.filter((box) => box.checked).map((box) => box.value) }
      : {
          segment: {
            ...(role.value ? { role: role.value } : {}),
            ...(words(categories.value).length ? { categories: words(categories.value) } : {}),
            ...(words(tehsils.value).length ? { tehsils: words(tehsils.value) } : {}),
            ...(language.value ? { language: language.value } : {}),
          },
        };
    const schedule = now.checked
      ? { kind: 'now' }
      : at.checked
        ? { kind: 'at', at: indiaTime(atTime.value) }
        : { kind: 'recurring', cron: cron.value.trim() };
    return {
      title: title.value.trim(),
      content: {
        text: {
          ...(textHi.value.trim() ? { hi: textHi.value.trim() } : {}),
          ...(textEn.value.trim() ? { en: textEn.value.trim() } : {}),
        },
        ...(mediaUrl.value.trim() ? { mediaUrl: mediaUrl.value.trim() } : {}),
      },
      audience,
      schedule,
    };
  };

  const showPreview = ({ broadcast, preview }) => {
    draftId = broadcast.id;
    const confirmButton = h('button', {
      type: 'button',
      text: t(broadcast.schedule.kind === 'now' ? 'broadcasts.confirm' : 'broadcasts.confirmAt'),
      dataset: { testid: 'bc-confirm' },
    });
    const confirmProblems = h('div', {});
    confirmButton.addEventListener('click', async () => {
      const confirmed = await submitting(confirmButton, confirmProblems, () =>
        post(`/broadcasts/${encodeURIComponent(draftId)}/confirm`),
      );
      if (confirmed) {
        toast(t('broadcasts.confirmed'));
        location.assign(`/admin/broadcasts/${encodeURIComponent(confirmed.id)}`);
      }
    });
    fill(
      previewHolder,
      h(
        'section',
        { class: 'card preview', dataset: { testid: 'bc-preview-card' } },
        h('h2', { text: t('broadcasts.previewTitle') }),
        h('p', {}, audienceText(broadcast.audience), ' · ', scheduleText(broadcast.schedule)),
        previewFacts(preview),
        confirmProblems,
        h(
          'div',
          { class: 'actions' },
          confirmButton,
          h('button', { type: 'button', class: 'secondary', text: t('broadcasts.edit'), onclick: () => title.focus() }),
        ),
      ),
    );
    previewHolder.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = await submitting(previewButton, problems, () =>
      draftId ? patch(`/broadcasts/${encodeURIComponent(draftId)}`, body()) : post('/broadcasts', { key, ...body() }),
    );
    if (result) showPreview(result);
  });
  add(view, form, previewHolder);
}

async function renderBroadcast(view, context, id) {
  const path = `/broadcasts/${encodeURIComponent(id)}`;
  const head = h('div', {});
  const body = h('div', {});
  add(view, h('a', { href: '/admin/broadcasts', class: 'back', text: t('common.back') }), head, body);

  const controls = (broadcast, redraw) => {
    if (!context.canChange) return null;
    const problems = h('div', {});
    const steer = (action, kind = 'secondary') => {
      const button = h('button', {
        type: 'button',
        class: kind,
        text: t(`broadcasts.${action}`),
        dataset: { testid: `bc-${action}` },
      });
      button.addEventListener('click', async () => {
        if (action === 'cancel' && !confirm(t('broadcasts.confirmCancel'))) return;
        const done = await submitting(button, problems, () => post(`${path}/${action}`));
        if (done) {
          toast(t('common.saved'));
          await redraw();
        }
      });
      return button;
    };
    const buttons = [];
    if (broadcast.status === 'scheduled' || broadcast.status === 'sending') buttons.push(steer('pause'));
    if (broadcast.status === 'paused') buttons.push(steer('resume', ''));
    if (LIVE.has(broadcast.status)) buttons.push(steer('cancel', 'danger'));
    return buttons.length ? h('div', { class: 'steer' }, h('div', { class: 'actions' }, buttons), problems) : null;
  };

  const draw = async () => {
    const [broadcast, report] = await Promise.all([get(path), get(`${path}/report`)]);
    fill(head, pageHeader(broadcast.title, statusBadge(broadcast.status)));
    const about = h(
      'section',
      { class: 'card' },
      facts([
        [t('broadcasts.audience'), audienceText(broadcast.audience)],
        [t('broadcasts.schedule'), scheduleText(broadcast.schedule)],
        [
          t('broadcasts.textHi'),
          broadcast.text.hi ? h('p', { class: 'said', lang: 'hi', text: broadcast.text.hi }) : null,
        ],
        [
          t('broadcasts.textEn'),
          broadcast.text.en ? h('p', { class: 'said', lang: 'en', text: broadcast.text.en }) : null,
        ],
        [t('broadcasts.runs'), formatNumber(broadcast.runs)],
        [t('broadcasts.by'), broadcast.createdBy],
        [t('common.created'), formatDate(broadcast.createdAt)],
      ]),
    );
    if (broadcast.status === 'draft') {
      const preview = await get(`${path}/preview`);
      const problems = h('div', {});
      let confirmButton = null;
      if (context.canChange) {
        confirmButton = h('button', {
          type: 'button',
          text: t('broadcasts.confirm'),
          dataset: { testid: 'bc-confirm' },
        });
        confirmButton.addEventListener('click', async () => {
          if (await submitting(confirmButton, problems, () => post(`${path}/confirm`))) await redraw();
        });
      }
      fill(
        body,
        about,
        h(
          'section',
          { class: 'card' },
          h('h2', { text: t('broadcasts.previewTitle') }),
          previewFacts(preview),
          problems,
          confirmButton,
        ),
      );
      return broadcast;
    }
    const handled = Math.max(0, report.total - report.queued);
    const finished = !LIVE.has(broadcast.status) && report.queued === 0;
    const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
    const breakdown = (counts) =>
      Object.entries(counts)
        .map(([reason, n]) => `${reason}: ${formatNumber(n)}`)
        .join(', ');
    const cumulative = {
      id: broadcast.id,
      planned: report.total,
      sent: report.sent + report.delivered + report.read,
      delivered: report.delivered + report.read,
      read: report.read,
    };
    fill(
      body,
      h(
        'section',
        { class: 'card', dataset: { testid: 'bc-progress', state: finished ? 'complete' : broadcast.status } },
        h(
          'div',
          { class: 'card-head' },
          h('h2', { text: t('broadcasts.progress') }),
          finished
            ? badge(t('broadcasts.complete'), 'ok')
            : h('span', { class: 'hint live-dot', text: t('broadcasts.live') }),
        ),
        progressBar(handled, report.total),
        h('p', {
          dataset: { testid: 'bc-progress-text' },
          text: t('broadcasts.progressOf', { done: formatNumber(handled), total: formatNumber(report.total) }),
        }),
        controls(broadcast, redraw),
      ),
      h(
        'section',
        { class: 'card', dataset: { testid: 'bc-report' } },
        h('h2', { text: t('broadcasts.report') }),
        funnel(cumulative),
        facts([
          [
            t('broadcasts.queued'),
            h('span', { dataset: { testid: 'report-queued' }, text: formatNumber(report.queued) }),
          ],
          [t('chart.sent'), h('span', { dataset: { testid: 'report-sent' }, text: formatNumber(cumulative.sent) })],
          [t('chart.delivered'), formatNumber(cumulative.delivered)],
          [t('chart.read'), formatNumber(cumulative.read)],
          [
            t('chart.failed'),
            `${formatNumber(sum(report.failed))}${sum(report.failed) ? ` (${breakdown(report.failed)})` : ''}`,
          ],
          [
            t('chart.skipped'),
            `${formatNumber(sum(report.skipped))}${sum(report.skipped) ? ` (${breakdown(report.skipped)})` : ''}`,
          ],
        ]),
      ),
      about,
    );
    return { ...broadcast, finished };
  };

  // Delivery and read receipts keep coming for a while after the last send: a broadcast seen finishing here is
  // drawn a few more times, then left alone. One already finished when the page opened is not polled at all.
  const EXTRA_POLLS = 5;
  let polledSinceFinished = 0;
  let stopPolling = null;
  let busy = false;
  const follow = (state) => {
    if (state.finished) polledSinceFinished += 1;
    const done = state.status === 'draft' || polledSinceFinished > EXTRA_POLLS || (state.finished && !stopPolling);
    if (done && stopPolling) {
      stopPolling();
      stopPolling = null;
    } else if (!done && !stopPolling) {
      stopPolling = context.every(POLL_MS, redraw);
    }
  };
  async function redraw() {
    if (busy) return;
    busy = true;
    try {
      follow(await draw());
    } finally {
      busy = false;
    }
  }
  await redraw();
}
