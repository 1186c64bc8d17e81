// Language state of the page: which dictionary is active, persisted per terminal so staff can set a
// terminal to English once. zh-CN is the default because the sittings are Shanghai's.
import { LANGUAGES, MESSAGES } from './messages.js';

const STORAGE_KEY = 'examcore.lang';
const DEFAULT_LANG = 'zh-CN';
const listeners = new Set();

let current = readStoredLang();

function readStoredLang() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return MESSAGES[stored] ? stored : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

/** The active language code (`zh-CN` or `en`). */
export function lang() {
  return current;
}

/** The language offered by the switch: the one that is not active. */
export function otherLanguage() {
  return LANGUAGES.find((l) => l.code !== current);
}

/** Switches language, persists the choice, updates `<html lang>` and notifies listeners. */
export function setLang(code) {
  if (!MESSAGES[code]) throw new Error(`unknown language ${code}`);
  current = code;
  try { localStorage.setItem(STORAGE_KEY, code); } catch { /* the choice then lasts for this page only */ }
  document.documentElement.lang = code;
  document.title = t('app.name');
  for (const fn of listeners) fn(code);
}

/** Registers a callback run after every language change. */
export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The message for `key` in the active language with `{name}` placeholders filled from `params`. */
export function t(key, params = {}) {
  const value = lookup(key);
  if (typeof value !== 'string') return key;
  return value.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** The message for `prefix.value` when the dictionary has one (levels, subjects), else the value itself. */
export function tOr(prefix, value) {
  if (value === null || value === undefined) return '';
  const key = `${prefix}.${value}`;
  return key in MESSAGES[current] ? t(key) : String(value);
}

/** A list-valued message (rules, shortcut table) in the active language. */
export function tList(key) {
  const value = lookup(key);
  return Array.isArray(value) ? value : [];
}

function lookup(key) {
  const value = MESSAGES[current][key];
  if (value !== undefined) return value;
  console.warn(`missing message ${key} for ${current}`);
  return MESSAGES[DEFAULT_LANG][key];
}

/** Formats an epoch-millisecond server time as a Shanghai wall-clock date and time. */
export function formatDateTime(ms) {
  return new Intl.DateTimeFormat(current, {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(new Date(ms));
}

/** Formats an epoch-millisecond server time as a Shanghai wall-clock time of day (HH:MM:SS). */
export function formatTime(ms) {
  return new Intl.DateTimeFormat(current, {
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

document.documentElement.lang = current;
