// Language state of the candidate page, on the kit's i18n: persisted per terminal so staff can set a terminal
// to English once. zh-CN is the default because the sittings are Shanghai's.
import { createI18n } from '../../kit/i18n.js';

export { contentLang } from '../../kit/i18n.js';
import { MESSAGES } from './messages.js';

const i18n = createI18n(MESSAGES, { storageKey: 'examcore.lang' });

export const { lang, otherLanguage, onLangChange, setLang, t, tList } = i18n;

// Registered before any view's listener, so the title is right by the time the page re-renders.
i18n.onLangChange(() => { document.title = t('app.name'); });

/** The message for `prefix.value` when the dictionary has one (levels, subjects), else the value itself. */
export function tOr(prefix, value) {
  if (value === null || value === undefined) return '';
  const key = `${prefix}.${value}`;
  return i18n.has(key) ? t(key) : String(value);
}

/** Formats an epoch-millisecond server time as a Shanghai wall-clock date and time. */
export function formatDateTime(ms) {
  return new Intl.DateTimeFormat(lang(), {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(new Date(ms));
}

/** Formats an epoch-millisecond server time as a Shanghai wall-clock time of day (HH:MM:SS). */
export function formatTime(ms) {
  return new Intl.DateTimeFormat(lang(), {
    timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(new Date(ms));
}

/** Formats a millisecond span as H:MM:SS (or MM:SS under an hour); negative spans show 00:00. */
export function formatSpan(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}
