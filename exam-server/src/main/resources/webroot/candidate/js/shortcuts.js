// When a key press in the exam view is a shortcut. A stray key must never change an answer: a "b" pressed with
// focus on 交卷, the header or the answer sheet once chose option B. So the single-character shortcuts (1–9, A–H,
// M, ?) act only while focus is inside the question itself (its heading, stem and answer controls), and the
// candidate can switch them off altogether (WCAG 2.1.4); the choice is kept per terminal.

/** localStorage key of the off switch; absent or anything but 'off' means on. */
export const SHORTCUTS_KEY = 'examcore.shortcuts';

/** True unless the candidate switched the single-key shortcuts off on this terminal. */
export function shortcutsEnabled(storage) {
  try {
    return storage?.getItem(SHORTCUTS_KEY) !== 'off';
  } catch {
    return true; // unreadable storage: the documented default
  }
}

/** Persists the off switch; returns the new setting. */
export function setShortcutsEnabled(storage, enabled) {
  try {
    if (enabled) storage?.removeItem(SHORTCUTS_KEY); else storage?.setItem(SHORTCUTS_KEY, 'off');
  } catch { /* lasts for this page only */ }
  return enabled;
}

/**
 * What kind of element has focus, as far as shortcuts care: 'text' (a field that takes characters), 'radio',
 * 'checkbox', or 'other'; and whether it lies inside the question area.
 */
export function describeFocus(target, questionArea) {
  const el = target && typeof target.matches === 'function' ? target : null;
  let control = 'other';
  if (el?.matches('textarea, select, [contenteditable=""], [contenteditable=true], '
    + 'input:not([type=radio]):not([type=checkbox]):not([type=button]):not([type=submit])')) control = 'text';
  else if (el?.matches('input[type=radio]')) control = 'radio';
  else if (el?.matches('input[type=checkbox]')) control = 'checkbox';
  const inQuestion = Boolean(el && questionArea && questionArea.contains(el));
  return { control, inQuestion };
}

/**
 * The action a key press asks for in the exam view, or null when the key is left to the browser.
 *
 * - F1 opens the help anywhere (not a character key, so no stray typing can hit it).
 * - ← / → move between items wherever focus is, except in a text field (the caret) and on a radio button, where
 *   they choose the neighbouring option as in any form.
 * - 1–9, A–H, M and ? act only with focus inside the question area, never in a text field, never with a
 *   modifier (Ctrl+C must stay copy), and not at all when switched off.
 *
 * `event`: {key, ctrlKey, altKey, metaKey}; `focus`: describeFocus(); returns {kind: 'help'|'prev'|'next'|
 * 'mark'|'choose', key?}.
 */
export function shortcutFor(event, focus, enabled) {
  if (event.key === 'F1') return { kind: 'help' };
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  if (focus.control === 'text') return null;
  if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
    if (focus.control === 'radio') return null;
    return { kind: event.key === 'ArrowLeft' ? 'prev' : 'next' };
  }
  if (!enabled || !focus.inQuestion) return null;
  if (event.key === '?') return { kind: 'help' };
  if (event.key === 'm' || event.key === 'M') return { kind: 'mark' };
  if (/^[1-9a-hA-H]$/.test(event.key)) return { kind: 'choose', key: event.key };
  return null;
}
