// The kit's DOM helpers, shared by the candidate, admin and proctor pages. Text always goes through
// textContent or text nodes: nothing here parses HTML, so a name or a server message can never become markup.

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
    // Properties, not attributes: after a user edit the attribute no longer says what the control holds.
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
    else el.append(typeof child === 'object' ? child : String(child));
  }
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
