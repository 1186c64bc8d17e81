// The kit's i18n: one convention for every page. A page owns a dictionary {'zh-CN': {key: text}, en: {...}};
// keys are flat strings, placeholders are {name} filled from a params object, zh-CN is the default (the
// sittings are Shanghai's) and a key missing in English falls back to zh-CN, then to the key itself. The
// chosen language is persisted per page under the page's own storage key, so a terminal set to English for
// candidates does not switch the administrators' page.

export const DEFAULT_LANG = 'zh-CN';

/** The languages every page offers, with the label the switch shows. */
export const LANGUAGES = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
];

// CJK ideographs (unified, extension A, compatibility) and CJK punctuation: text with any of them is Chinese.
const HAN = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * The `lang` to put on content that comes from the server rather than the dictionary (item stems, names,
 * titles, proctors' notes): 'zh-CN' when it contains Chinese, else undefined (the page's language applies).
 * On an English page this makes a screen reader read Chinese content with a Chinese voice (WCAG 3.1.2).
 */
export function contentLang(text) {
  return HAN.test(String(text ?? '')) ? 'zh-CN' : undefined;
}

/** Fills {name} placeholders from `params`; unknown placeholders stay as written, so a missing param shows. */
export function format(template, params = {}) {
  return template.replace(/\{(\w+)\}/g, (m, name) => (params && name in params ? String(params[name]) : m));
}

function browserStorage() {
  try {
    return globalThis.localStorage || null;
  } catch {
    return null; // storage disabled: the choice lasts for this page only
  }
}

/**
 * Creates the language state of one page over `messages`. `storageKey` names where the choice is kept;
 * `storage` defaults to localStorage (tests pass a Map-like object, or null).
 */
export function createI18n(messages, { storageKey, storage = browserStorage() } = {}) {
  const listeners = new Set();
  let current = DEFAULT_LANG;
  try {
    const stored = storage && storageKey ? storage.getItem(storageKey) : null;
    if (stored && messages[stored]) current = stored;
  } catch { /* unreadable storage: the default language */ }

  function lookup(key) {
    const value = messages[current][key];
    if (value !== undefined) return value;
    if (current !== DEFAULT_LANG) console.warn(`missing message ${key} for ${current}`);
    return messages[DEFAULT_LANG][key];
  }

  const i18n = {
    /** The active language code (`zh-CN` or `en`). */
    lang: () => current,

    /** The language the switch offers: the one that is not active. */
    otherLanguage: () => LANGUAGES.find((l) => l.code !== current),

    /** True when the dictionary has `key` (in the active language or the default). */
    has: (key) => key in messages[current] || key in messages[DEFAULT_LANG],

    /** The message for `key` in the active language with {name} placeholders filled from `params`. */
    t(key, params = {}) {
      const value = lookup(key);
      return typeof value === 'string' ? format(value, params) : key;
    },

    /** A list-valued message (rules, shortcut table) in the active language. */
    tList(key) {
      const value = lookup(key);
      return Array.isArray(value) ? value : [];
    },

    /** Switches language, persists the choice, updates `<html lang>` and notifies listeners. */
    setLang(code) {
      if (!messages[code]) throw new Error(`unknown language ${code}`);
      current = code;
      try { if (storage && storageKey) storage.setItem(storageKey, code); } catch { /* this page only */ }
      if (typeof document !== 'undefined') document.documentElement.lang = code;
      for (const fn of listeners) fn(code);
    },

    /** Switches to the other language. */
    toggle() {
      i18n.setLang(i18n.otherLanguage().code);
    },

    /** Registers a callback run after every language change; returns its removal. */
    onLangChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
  if (typeof document !== 'undefined') document.documentElement.lang = current;
  return i18n;
}
