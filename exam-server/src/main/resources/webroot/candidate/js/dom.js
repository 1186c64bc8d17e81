// Small DOM helpers. Every text a candidate or the server's non-HTML fields provide goes through
// textContent; the only innerHTML path is trustedHtml(), reserved for item HTML the server has sanitised
// (parsed in an inert <template>, so its images never load by themselves).

/**
 * Creates an element. `attrs` keys: `class`, `text`, `on` ({event: handler}), `dataset`, and any
 * other attribute (false/null/undefined skip it, true sets it empty). Children may be nodes, strings
 * or arrays of them; null children are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'on') for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'value' || key === 'checked' || key === 'disabled' || key === 'hidden') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** The scheme of a bank resource in item HTML (`<img src="res:NAME">`), resolved by resources.js. */
export const RESOURCE_SCHEME = 'res:';

/**
 * Inserts server-provided, server-sanitised item HTML. Never pass anything the candidate typed.
 *
 * The HTML is parsed inside a <template>, whose content is inert: no image starts loading there. Each
 * `res:` image then loses its src before it reaches the document (the resource needs the bearer token,
 * which a plain image request cannot carry) and keeps the name in `data-res` for resolveImages().
 */
export function trustedHtml(tag, html, attrs = {}) {
  const el = h(tag, attrs);
  const template = document.createElement('template');
  template.innerHTML = html || '';
  for (const img of template.content.querySelectorAll('img')) {
    const src = img.getAttribute('src') || '';
    img.removeAttribute('src');
    img.removeAttribute('srcset');
    // The bank's safe subset allows only res: images; any other source would fetch from elsewhere.
    if (src.startsWith(RESOURCE_SCHEME)) img.dataset.res = src.slice(RESOURCE_SCHEME.length);
    else img.dataset.res = '';
  }
  el.append(template.content);
  return el;
}

/** Replaces all children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

/** Returns a function that runs `fn` once `ms` have passed without another call. */
export function debounce(fn, ms) {
  let timer = null;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => { timer = null; fn(...args); }, ms);
  };
  debounced.flush = () => { if (timer !== null) { clearTimeout(timer); timer = null; fn(); } };
  debounced.cancel = () => { clearTimeout(timer); timer = null; };
  return debounced;
}
