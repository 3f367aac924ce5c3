// Sellers: search by words, category, tehsil and alerts; a seller's profile, whose inquiry alerts an administrator
// may pause or resume.

import { csvHref, get, post, query } from '../lib/api.js';
import { add, fill, h } from '../lib/dom.js';
import { formatDate, formatNumber, pick, t } from '../lib/i18n.js';
import {
  badge,
  csvLink,
  facts,
  field,
  pageHeader,
  pager,
  searchForm,
  select,
  submitting,
  table,
  toast,
} from '../lib/ui.js';

const PAGE_SIZE = 20;
const SORTS = ['-registered', 'registered', 'name', '-name'];

export async function render(view, context) {
  if (context.id) return renderSeller(view, context, context.id);
  return renderList(view);
}

function alertsBadge(on) {
  return badge(t(on ? 'sellers.alertsOn' : 'sellers.alertsOff'), on ? 'ok' : 'warn');
}

async function renderList(view) {
  const params = new URLSearchParams(location.search);
  const filters = {
    q: params.get('q') ?? '',
    category: params.get('category') ?? '',
    tehsil: params.get('tehsil') ?? '',
    alerts: params.get('alerts') ?? '',
    sort: params.get('sort') ?? '-registered',
  };
  const q = h('input', {
    type: 'search',
    name: 'q',
    value: filters.q,
    maxlength: '80',
    dataset: { testid: 'seller-q' },
  });
  // Chosen by name in the officer's language; the API filters by id.
  const { categories: categoryNames, tehsils: tehsilNames } = await referenceNames();
  const choices = (names) => [['', t('common.all')], ...names.entries()];
  const category = select('category', choices(categoryNames), filters.category, t('sellers.category'));
  const tehsil = select('tehsil', choices(tehsilNames), filters.tehsil, t('sellers.tehsil'));
  const alerts = select(
    'alerts',
    [
      ['', t('common.all')],
      ['on', t('sellers.alertsOn')],
      ['off', t('sellers.alertsOff')],
    ],
    filters.alerts,
  );
  const sort = select(
    'sort',
    SORTS.map((s) => [s, t(`sort.${s}`)]),
    filters.sort,
  );
  const csv = csvLink('#');
  const listHolder = h('div', {});

  const draw = async (page) => {
    // The URL keeps the search, so a reload or a shared link shows the same list.
    history.replaceState(null, '', `/admin/sellers${query(filters)}`);
    csv.href = csvHref('/export/sellers.csv', filters, true);
    const found = await get(`/sellers${query({ ...filters, page, limit: PAGE_SIZE })}`);
    fill(
      listHolder,
      table(
        [
          {
            label: t('common.name'),
            cell: (s) => h('a', { href: `/admin/sellers/${encodeURIComponent(s.ref)}`, text: s.name || '–' }),
          },
          { label: t('sellers.business'), cell: (s) => s.businessName },
          { label: t('sellers.products'), cell: (s) => s.products.join(', ') },
          { label: t('sellers.tehsil'), cell: (s) => tehsilNames.get(s.tehsil) ?? s.tehsil },
          { label: t('common.number'), cell: (s) => s.number },
          {
            label: t('sellers.alerts'),
            cell: (s) => [alertsBadge(s.alertsOn), s.needsReview ? badge(t('sellers.needsReview'), 'warn') : null],
          },
        ],
        found.items,
        { testid: 'sellers' },
      ),
      pager(found.page, draw),
    );
  };

  const form = searchForm(
    [
      [field(t('sellers.q'), q), field(t('sellers.category'), category), field(t('sellers.tehsil'), tehsil)],
      [field(t('sellers.alerts'), alerts), field('↕', sort)],
    ],
    () => {
      Object.assign(filters, {
        q: q.value.trim(),
        category: category.value.trim(),
        tehsil: tehsil.value.trim(),
        alerts: alerts.value,
        sort: sort.value,
      });
      return draw(1);
    },
  );

  add(view, pageHeader(t('sellers.title'), csv), form, listHolder);
  await draw(1);
}

/** Categories' and tehsils' names in the officer's language, by id. */
async function referenceNames() {
  const reference = await get('/reference');
  const named = (items) => new Map(items.map((item) => [item.id, pick(item.name)]));
  return { categories: named(reference.categories), tehsils: named(reference.tehsils) };
}

async function renderSeller(view, context, ref) {
  const names = await referenceNames();
  const holder = h('div', {});
  add(view, h('a', { href: '/admin/sellers', class: 'back', text: t('common.back') }), holder);
  const draw = (seller) => {
    const problems = h('div', {});
    let control = null;
    if (context.canChange) {
      const action = seller.alertsOn ? 'pause' : 'resume';
      control = h('button', {
        type: 'button',
        class: seller.alertsOn ? 'secondary' : undefined,
        text: t(`sellers.${action}`),
        dataset: { testid: `seller-${action}` },
      });
      control.addEventListener('click', async () => {
        const updated = await submitting(control, problems, () =>
          post(`/sellers/${encodeURIComponent(ref)}/${action}`),
        );
        if (updated) {
          toast(t(updated.alertsOn ? 'sellers.resumed' : 'sellers.paused'));
          draw(updated);
        }
      });
    }
    fill(
      holder,
      pageHeader(seller.name || seller.number, control),
      problems,
      h(
        'section',
        { class: 'card' },
        facts(
          [
            [t('sellers.business'), seller.businessName],
            [t('common.number'), seller.number],
            [t('sellers.tehsil'), names.tehsils.get(seller.tehsil) ?? seller.tehsil],
            [t('sellers.alerts'), alertsBadge(seller.alertsOn)],
            [
              t('sellers.products'),
              h(
                'ul',
                { class: 'plain' },
                seller.productDetails.map((p) =>
                  h(
                    'li',
                    {},
                    p.label,
                    p.category ? ` (${names.categories.get(p.category) ?? p.category})` : '',
                    p.capacity
                      ? ` · ${t('sellers.capacity')}: ${formatNumber(p.capacity.value)} ${p.capacity.unit}`
                      : '',
                  ),
                ),
              ),
            ],
            [t('sellers.unmatched'), seller.unmatchedProducts.join(', ')],
            [t('sellers.certifications'), seller.certifications.join(', ')],
            [t('sellers.experience'), seller.exportExperience],
            [t('sellers.photos'), formatNumber(seller.photos)],
            [
              t('sellers.consent'),
              `${seller.contactConsent.given ? t('common.yes') : t('common.no')} · ${formatDate(seller.contactConsent.at)}`,
            ],
            [t('sellers.registered'), formatDate(seller.registeredAt)],
          ],
          'seller-profile',
        ),
      ),
    );
  };
  draw(await get(`/sellers/${encodeURIComponent(ref)}`));
}
