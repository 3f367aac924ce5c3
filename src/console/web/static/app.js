// The dashboard's entry: who is signed in, the header (navigation, language switch, sign-out), then the page the
// path names. Each page is a module with `render(view, context)`; links between pages are ordinary links.

import { ApiFailure, loadSession, signOut } from './lib/api.js';
import { add, clear, h } from './lib/dom.js';
import { currentLang, setLang, t } from './lib/i18n.js';
import { errorBox, toast } from './lib/ui.js';

const NAV = [
  ['/admin/', 'nav.home', 'home'],
  ['/admin/groups', 'nav.groups', 'groups'],
  ['/admin/sellers', 'nav.sellers', 'sellers'],
  ['/admin/inquiries', 'nav.inquiries', 'inquiries'],
  ['/admin/broadcasts', 'nav.broadcasts', 'broadcasts'],
  ['/admin/tickets', 'nav.tickets', 'tickets'],
  ['/admin/faq', 'nav.faq', 'faq'],
  ['/admin/flows', 'nav.flows', 'flows'],
];

/** `/admin/<section>/<id>` → the page module and its argument. */
function route(pathname) {
  const parts = pathname
    .replace(/^\/admin\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  const section = parts[0] ?? 'home';
  const known = ['home', 'groups', 'sellers', 'inquiries', 'broadcasts', 'tickets', 'faq', 'flows'];
  return known.includes(section) ? { section, id: parts[1] } : { section: 'missing' };
}

function drawHeader(officer, section, redraw) {
  const nav = clear(document.getElementById('nav'));
  for (const [href, key, name] of NAV) {
    nav.append(
      h('a', {
        href,
        text: t(key),
        class: name === section ? 'current' : undefined,
        'aria-current': name === section ? 'page' : undefined,
        dataset: { testid: `nav-${name}` },
      }),
    );
  }
  if (officer.role === 'admin')
    nav.append(h('a', { href: '/admin/queues/', text: t('nav.queues'), dataset: { testid: 'nav-queues' } }));

  const who = clear(document.getElementById('who'));
  const other = currentLang() === 'hi' ? 'en' : 'hi';
  who.append(
    h('button', {
      type: 'button',
      class: 'lang',
      lang: other,
      title: t('lang.switchLabel'),
      dataset: { testid: 'lang-switch' },
      text: t('lang.switch'),
      onclick: () => {
        setLang(other);
        redraw();
      },
    }),
    h(
      'span',
      { class: 'officer', dataset: { testid: 'officer' } },
      officer.displayName,
      ' · ',
      t(`who.role.${officer.role}`),
    ),
    h('button', { type: 'button', class: 'secondary', text: t('who.logout'), onclick: () => signOut() }),
  );

  const toggle = document.getElementById('menu-toggle');
  toggle.onclick = () => {
    const open = document.body.classList.toggle('nav-open');
    toggle.setAttribute('aria-expanded', String(open));
  };
}

async function main() {
  setLang(currentLang());
  const officer = await loadSession();
  const { section, id } = route(location.pathname);
  const view = document.getElementById('view');
  const timers = new Set();
  const context = {
    officer,
    canChange: officer.role === 'admin',
    id,
    /** Calls `work` every `ms` until the page is drawn again (a language switch) or `stop()` is called. */
    every(ms, work) {
      const timer = setInterval(work, ms);
      timers.add(timer);
      return () => {
        clearInterval(timer);
        timers.delete(timer);
      };
    },
  };

  const redraw = async () => {
    for (const timer of timers) clearInterval(timer);
    timers.clear();
    view.dataset.ready = 'false';
    document.title = t('app.title');
    drawHeader(officer, section, redraw);
    clear(view);
    if (!context.canChange)
      add(view, h('p', { class: 'message note', dataset: { testid: 'viewer-note' }, text: t('viewer.note') }));
    const holder = h('div', { class: 'page', dataset: { testid: `page-${section}` } });
    add(view, holder);
    if (section === 'missing') {
      add(holder, h('h1', { text: t('common.notFound') }));
      return;
    }
    try {
      const page = await import(`./pages/${section}.js`);
      await page.render(holder, context);
    } catch (error) {
      add(holder, errorBox(error));
      console.error(error);
    }
    view.dataset.ready = 'true';
  };
  await redraw();
}

// A list redrawn by a filter or the pager has no form to show its failure in: the toast says it.
window.addEventListener('unhandledrejection', (event) => {
  const error = event.reason;
  toast(error instanceof ApiFailure ? error.friendly : t('error.generic'));
});

main();
