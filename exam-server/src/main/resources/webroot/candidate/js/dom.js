// The candidate page's DOM helpers: the kit's h(), replace(), $, $$ and debounce(), plus trustedHtml(). Every
// text a candidate or the server's non-HTML fields provide goes through textContent; the only innerHTML path is trustedHtml(), reserved for item HTML the server has sanitised
// (parsed in an inert <template>, so its images never load by themselves).

import { h } from '../../kit/dom.js';

export { h, replace, $, $$, debounce } from '../../kit/dom.js';

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
