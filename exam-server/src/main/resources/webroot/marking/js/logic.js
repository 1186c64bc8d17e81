// The marking page's arithmetic and decisions, as plain functions of the data (node --test checks them): totals in
// hundredths so 0.1 + 0.2 adds up, moving through the script list, the keyboard shortcuts, labels.
import { errorMessage, serverMessage } from '../../kit/errors.js';

/** A score typed by the marker as hundredths, or null when it is not a number with at most two decimals. */
export function hundredths(text) {
  const s = String(text ?? '').trim();
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** Hundredths as the shortest decimal text: 2750 → "27.5". */
export function decimal(h) {
  const whole = Math.trunc(h / 100);
  const frac = String(Math.abs(h % 100)).padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

/**
 * Checks the typed scores against the rubric maxima: {total (hundredths), bad: index of the first score that is
 * missing, not a number or out of 0…max, or -1}. The server checks again; this only keeps a slip from a round trip.
 */
export function checkPoints(values, maxima) {
  let total = 0;
  for (let i = 0; i < maxima.length; i++) {
    const v = hundredths(values[i]);
    const max = hundredths(maxima[i]);
    if (v === null || max === null || v > max) return { total, bad: i };
    total += v;
  }
  return { total, bad: -1 };
}

/** The id of the script `step` places from `currentId` in `list` (no wrap), or null at either end. */
export function neighbour(list, currentId, step) {
  const i = list.findIndex((s) => s.scriptId === currentId);
  const j = i + step;
  return i < 0 || j < 0 || j >= list.length ? null : list[j].scriptId;
}

/**
 * The next script that still needs the caller after `currentId`, wrapping round once: TO_MARK for a marker,
 * ARBITRATION for the chief marker; null when none is left.
 */
export function nextOpen(list, currentId, chief) {
  const open = chief ? 'ARBITRATION' : 'TO_MARK';
  const i = list.findIndex((s) => s.scriptId === currentId);
  for (let k = 1; k <= list.length; k++) {
    const s = list[(i + k + list.length) % list.length];
    if (s.state === open && s.scriptId !== currentId) return s.scriptId;
  }
  return null;
}

/**
 * The action a key press asks for on the marking desk: 'next', 'prev', 'submit' or null. Alt+N / Alt+P (also
 * Alt+↓ / Alt+↑) move between scripts from anywhere, Ctrl+Enter (⌘+Enter) submits; plain keys are left to the
 * field being typed in.
 */
export function shortcut(e) {
  if (e.altKey && !e.ctrlKey && !e.metaKey) {
    const k = String(e.key).toLowerCase();
    if (k === 'n' || k === 'arrowdown' || e.code === 'KeyN') return 'next';
    if (k === 'p' || k === 'arrowup' || e.code === 'KeyP') return 'prev';
  }
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key === 'Enter') return 'submit';
  return null;
}

/** A script's number as the page shows it: four digits at least. */
export function scriptNo(no) {
  return String(no).padStart(4, '0');
}

/** A file size for people: B, KB, MB. */
export function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Marker names from the open form: split on commas, Chinese commas, spaces; blanks dropped. */
export function markerNames(text) {
  return String(text ?? '').split(/[\s,，、]+/).map((s) => s.trim()).filter(Boolean);
}

/** What the page says about a failure: the code's text, the server's message and the field it names. */
export function describeError(e, lang, t) {
  const base = errorMessage(e.code, lang);
  const said = serverMessage(e, lang);
  const message = base ? (said && said !== e.code ? `${base}：${said}` : base)
    : t('error.generic', { message: said || e.code });
  const text = lang === 'en' ? message.replace('：', ': ') : message;
  const field = e.details && e.details.field;
  return field ? t('error.field', { message: text, field }) : text;
}
