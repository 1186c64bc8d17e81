// A keyed list renderer: makes `container`'s children match `list`, one element per key. An element whose key
// stays is kept (only `update` runs on it), so a live view can redraw one tile without rebuilding the grid,
// and focus, scroll position and listeners survive. About forty lines instead of a vendored library: the
// pages need nothing more than keep, create, remove and reorder.

const KEYS = new WeakMap(); // container -> Map(key -> element)

/**
 * Renders `list` into `container`. `key(item)` names an item; `create(item)` makes its element the first time;
 * `update(element, item)` brings an element up to date (called after create too). Returns the key -> element map.
 */
export function render(container, list, key, create, update = () => {}) {
  const before = KEYS.get(container) || new Map();
  const after = new Map();
  for (const item of list) {
    const k = key(item);
    if (after.has(k)) throw new Error(`duplicate key ${k}`);
    let el = before.get(k);
    if (!el) el = create(item);
    update(el, item);
    after.set(k, el);
  }
  for (const [k, el] of before) if (!after.has(k)) el.remove();
  // Move only what is out of place: an unchanged list touches no node at all.
  let expected = container.firstChild;
  for (const el of after.values()) {
    if (el === expected) expected = el.nextSibling;
    else container.insertBefore(el, expected);
  }
  // Anything else left behind (children the renderer did not make) goes.
  while (expected) { const next = expected.nextSibling; expected.remove(); expected = next; }
  KEYS.set(container, after);
  return after;
}

/** The element rendered for `k` in `container`, if any. */
export function keyed(container, k) {
  const map = KEYS.get(container);
  return map ? map.get(k) : undefined;
}
