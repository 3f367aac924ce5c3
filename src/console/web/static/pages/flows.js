// The conversation flows as diagrams: the Mermaid text the bot renders from flows/*.flow.yaml, drawn here by the
// mermaid package served from this site (this page's CSP allows the styles mermaid writes into its SVGs).

import { get } from '../lib/api.js';
import { add, fill, h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { pageHeader } from '../lib/ui.js';

let loading = null;

function loadMermaid() {
  if (globalThis.mermaid) return Promise.resolve(globalThis.mermaid);
  loading ??= new Promise((resolve, reject) => {
    const script = h('script', { src: '/admin/assets/vendor/mermaid.min.js' });
    script.addEventListener('load', () => {
      globalThis.mermaid.initialize({
        startOnLoad: false,
        securityLevel: 'strict',
        theme: 'neutral',
        flowchart: { useMaxWidth: true },
      });
      resolve(globalThis.mermaid);
    });
    script.addEventListener('error', () => reject(new Error('mermaid did not load')));
    document.head.append(script);
  });
  return loading;
}

/**
 * Mermaid's SVG (sanitized by mermaid at `securityLevel: 'strict'`) parsed in an inert document and adopted, not set
 * as this page's HTML. It is parsed as HTML: its labels hold HTML (`<br>`) that an XML parser refuses.
 */
async function draw(holder, flow, index) {
  const mermaid = await loadMermaid();
  const { svg } = await mermaid.render(`flow-diagram-${index}`, flow.mermaid);
  const parsed = new DOMParser().parseFromString(svg, 'text/html').querySelector('svg');
  if (!parsed) throw new Error(`mermaid drew nothing for ${flow.flow}`);
  fill(holder, document.importNode(parsed, true));
}

export async function render(view, context) {
  const { items } = await get('/flows');
  const wanted = context.id ? items.filter((flow) => flow.flow === context.id) : items;
  add(
    view,
    context.id ? h('a', { href: '/admin/flows', class: 'back', text: t('common.back') }) : null,
    pageHeader(context.id ?? t('flows.title')),
    h('p', { class: 'hint', text: t('flows.intro') }),
  );
  if (!context.id) {
    add(
      view,
      h(
        'ul',
        { class: 'flow-index', dataset: { testid: 'flow-index' } },
        items.map((flow) =>
          h(
            'li',
            {},
            h('a', { href: `/admin/flows/${encodeURIComponent(flow.flow)}`, text: flow.flow }),
            flow.description ? h('span', { class: 'hint', text: ` ${flow.description}` }) : null,
          ),
        ),
      ),
    );
    return;
  }
  for (const [index, flow] of wanted.entries()) {
    const diagram = h(
      'div',
      { class: 'diagram', dataset: { testid: 'flow-diagram' } },
      h('p', { class: 'hint', text: t('flows.drawing') }),
    );
    add(
      view,
      h(
        'section',
        { class: 'card' },
        flow.description ? h('p', { text: flow.description }) : null,
        diagram,
        h('details', {}, h('summary', { text: t('flows.source') }), h('pre', { class: 'source', text: flow.mermaid })),
      ),
    );
    await draw(diagram, flow, index);
  }
  if (wanted.length === 0) add(view, h('p', { class: 'empty', text: t('common.notFound') }));
}
