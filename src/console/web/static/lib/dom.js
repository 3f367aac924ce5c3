// Building the page without HTML strings: every text goes in through textContent, so nothing an officer, a seller
// or a buyer wrote can become markup. Sizes are set through the CSSOM (element.style), which the CSP allows; a
// style attribute written in HTML it would refuse.

/**
 * `h('a', { href, class: 'x', text: 'Go', onclick: fn, dataset: { testid: 'go' } }, child, …)`. Children may be
 * nodes, strings, numbers, arrays of them, or null/false (skipped).
 */
export function h(tag, props = {}, ...children) {
  const node = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class')
      node.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (key === 'dataset') for (const [name, data] of Object.entries(value)) node.dataset[name] = String(data);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'value' && 'value' in node) node.value = value;
    else if (key === 'checked' || key === 'disabled' || key === 'selected' || key === 'hidden')
      node[key] = Boolean(value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Appends `children` (skipping null, false and undefined, as `h` does). */
export function add(node, ...children) {
  return append(node, children);
}

/** Replaces the children of `node` with `children` (skipping null, false and undefined). */
export function fill(node, ...children) {
  return append(clear(node), children);
}

export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}

/** `testid` shorthand for the dataset of an element. */
export const tid = (testid) => ({ testid });
