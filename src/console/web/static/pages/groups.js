// Groups: the list and a new group; one group with its invite (text, link, QR code), roles and members, whom an
// administrator may mute, unmute or remove.

import { csvHref, get, post, query } from '../lib/api.js';
import { add, fill, h } from '../lib/dom.js';
import { formatDate, formatNumber, t } from '../lib/i18n.js';
import { badge, csvLink, facts, field, pageHeader, pager, select, submitting, table, toast, words } from '../lib/ui.js';

const PAGE_SIZE = 20;

export async function render(view, context) {
  if (context.id) return renderGroup(view, context, context.id);
  return renderList(view, context);
}

async function renderList(view, context) {
  const listHolder = h('div', {});
  const draw = async (page) => {
    const found = await get(`/groups${query({ page, limit: PAGE_SIZE })}`);
    fill(
      listHolder,
      table(
        [
          {
            label: t('groups.code'),
            cell: (g) => h('a', { href: `/admin/groups/${encodeURIComponent(g.code)}`, text: g.code }),
          },
          { label: t('common.name'), cell: (g) => g.name },
          { label: t('groups.members'), cell: (g) => formatNumber(g.members), class: 'num' },
          { label: t('groups.muted'), cell: (g) => formatNumber(g.muted), class: 'num' },
          { label: t('common.created'), cell: (g) => formatDate(g.createdAt, false) },
        ],
        found.items,
        { testid: 'groups', rowTestid: (g) => `group-${g.code}` },
      ),
      pager(found.page, draw),
    );
  };
  add(view, pageHeader(t('groups.title'), csvLink(csvHref('/export/groups.csv', {}, true))));
  if (context.canChange) add(view, newGroupForm());
  add(view, listHolder);
  await draw(1);
}

function newGroupForm() {
  const code = h('input', {
    name: 'code',
    required: true,
    pattern: '[A-Za-z0-9]{3,12}',
    maxlength: '12',
    autocapitalize: 'characters',
    dataset: { testid: 'group-code' },
  });
  const name = h('input', {
    name: 'name',
    required: true,
    minlength: '2',
    maxlength: '80',
    dataset: { testid: 'group-name' },
  });
  const description = h('input', { name: 'description', maxlength: '500' });
  const focus = h('input', { name: 'productFocus', placeholder: 'rice, soybean' });
  const problems = h('div', {});
  const button = h('button', { type: 'submit', text: t('groups.create'), dataset: { testid: 'group-create' } });
  const form = h(
    'form',
    { class: 'card form', dataset: { testid: 'new-group' } },
    h('h2', { text: t('groups.new') }),
    h('div', { class: 'row' }, field(t('groups.code'), code, t('groups.codeHint')), field(t('common.name'), name)),
    h('div', { class: 'row' }, field(t('groups.description'), description), field(t('groups.productFocus'), focus)),
    problems,
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const created = await submitting(button, problems, () =>
      post('/groups', {
        code: code.value.trim().toUpperCase(),
        name: name.value.trim(),
        description: description.value.trim(),
        productFocus: words(focus.value),
      }),
    );
    if (created) {
      toast(t('groups.created', { code: created.code }));
      location.assign(`/admin/groups/${encodeURIComponent(created.code)}`);
    }
  });
  return form;
}

async function renderGroup(view, context, code) {
  const group = await get(`/groups/${encodeURIComponent(code)}`);
  const roleCounts = Object.entries(group.roles).map(([role, n]) => `${t(`role.${role}`)}: ${formatNumber(n)}`);
  add(
    view,
    h('a', { href: '/admin/groups', class: 'back', text: t('common.back') }),
    pageHeader(`${group.name} (${group.code})`),
    h(
      'div',
      { class: 'grid two' },
      h(
        'section',
        { class: 'card' },
        facts([
          [t('groups.description'), group.description],
          [t('groups.productFocus'), group.productFocus.join(', ')],
          [t('groups.members'), formatNumber(group.members)],
          [t('groups.roles'), roleCounts.join(' · ')],
          [t('groups.postLimit'), formatNumber(group.postLimitPerDay)],
          [t('common.created'), formatDate(group.createdAt)],
        ]),
      ),
      h(
        'section',
        { class: 'card invite', dataset: { testid: 'invite' } },
        h('h2', { text: t('groups.invite') }),
        h('p', { text: t('groups.inviteText', { text: group.invite.text }) }),
        h(
          'p',
          {},
          h('a', {
            href: group.invite.link,
            rel: 'noopener',
            target: '_blank',
            dataset: { testid: 'invite-link' },
            text: group.invite.link,
          }),
        ),
        h('img', {
          src: group.invite.qrCode,
          alt: t('groups.qr'),
          class: 'qr',
          width: '180',
          height: '180',
          dataset: { testid: 'invite-qr' },
        }),
        h('small', { class: 'hint', text: t('groups.qr') }),
      ),
    ),
  );

  const filters = { role: '', muted: '' };
  const membersHolder = h('div', {});
  const roleFilter = select(
    'role',
    [['', t('common.all')], ...['buyer', 'seller', 'moderator', 'admin'].map((r) => [r, t(`role.${r}`)])],
    '',
    t('groups.role'),
  );
  roleFilter.addEventListener('change', () => {
    filters.role = roleFilter.value;
    drawMembers(1);
  });

  const act = async (member, action, button, where) => {
    if (action === 'remove' && !confirm(t('common.confirmRemove'))) return;
    const done = await submitting(button, where, () =>
      post(`/groups/${encodeURIComponent(group.code)}/members/${encodeURIComponent(member.ref)}/${action}`),
    );
    if (done) {
      toast(t('common.saved'));
      await drawMembers(currentPage);
    }
  };

  let currentPage = 1;
  const drawMembers = async (page) => {
    currentPage = page;
    const found = await get(
      `/groups/${encodeURIComponent(group.code)}/members${query({ page, limit: PAGE_SIZE, ...filters })}`,
    );
    const problems = h('div', {});
    const columns = [
      { label: t('common.name'), cell: (m) => m.name || '–' },
      { label: t('common.number'), cell: (m) => m.number },
      { label: t('groups.role'), cell: (m) => t(`role.${m.role}`) },
      { label: t('groups.muted'), cell: (m) => (m.muted ? badge(t('groups.muted'), 'warn') : '') },
      { label: t('groups.joined'), cell: (m) => formatDate(m.joinedAt, false) },
    ];
    if (context.canChange) {
      columns.push({
        label: '',
        class: 'row-actions',
        cell: (m) => {
          const toggle = h('button', {
            type: 'button',
            class: 'secondary small',
            text: t(m.muted ? 'groups.unmute' : 'groups.mute'),
            dataset: { testid: 'member-mute' },
          });
          toggle.addEventListener('click', () => act(m, m.muted ? 'unmute' : 'mute', toggle, problems));
          const remove = h('button', {
            type: 'button',
            class: 'danger small',
            text: t('groups.remove'),
            dataset: { testid: 'member-remove' },
          });
          remove.addEventListener('click', () => act(m, 'remove', remove, problems));
          return [toggle, remove];
        },
      });
    }
    fill(
      membersHolder,
      problems,
      table(columns, found.items, {
        testid: 'members',
        empty: t('groups.noMembers'),
        rowTestid: (m) => `member-${m.name || m.number}`,
      }),
      pager(found.page, drawMembers),
    );
  };

  add(
    view,
    h(
      'section',
      { class: 'card' },
      h(
        'div',
        { class: 'card-head' },
        h('h2', { text: t('groups.members') }),
        h(
          'div',
          { class: 'actions' },
          roleFilter,
          csvLink(csvHref(`/groups/${encodeURIComponent(group.code)}/members`, { format: 'csv' }, true)),
        ),
      ),
      membersHolder,
    ),
  );
  await drawMembers(1);
}
