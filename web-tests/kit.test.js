import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { installDocument, FakeElement } from './fake-dom.js';
import { h, replace } from '../exam-server/src/main/resources/webroot/kit/dom.js';
import { createI18n, format, contentLang } from '../exam-server/src/main/resources/webroot/kit/i18n.js';
import { ERROR_MESSAGES, errorMessage } from '../exam-server/src/main/resources/webroot/kit/errors.js';
import { render, keyed } from '../exam-server/src/main/resources/webroot/kit/render.js';
import { ApiError, api, request } from '../exam-server/src/main/resources/webroot/kit/api.js';

const MESSAGES = {
  'zh-CN': { greet: '你好，{name}', only: '只有中文', list: ['一', '二'] },
  en: { greet: 'Hello, {name}', list: ['one', 'two'] },
};

function memoryStorage(initial = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k) => (data.has(k) ? data.get(k) : null), setItem: (k, v) => data.set(k, String(v)), data };
}

describe('t()', () => {
  beforeEach(() => installDocument());

  test('starts in zh-CN when nothing is stored', () => {
    const i18n = createI18n(MESSAGES, { storageKey: 'k', storage: memoryStorage() });
    assert.equal(i18n.lang(), 'zh-CN');
    assert.equal(i18n.t('greet', { name: '张三' }), '你好，张三');
    assert.equal(globalThis.document.documentElement.lang, 'zh-CN');
  });

  test('uses and persists the stored language, ignoring one it does not know', () => {
    const storage = memoryStorage({ k: 'en' });
    const i18n = createI18n(MESSAGES, { storageKey: 'k', storage });
    assert.equal(i18n.t('greet', { name: 'Li' }), 'Hello, Li');
    assert.equal(createI18n(MESSAGES, { storageKey: 'k', storage: memoryStorage({ k: 'zh' }) }).lang(), 'zh-CN');
    i18n.setLang('zh-CN');
    assert.equal(storage.data.get('k'), 'zh-CN');
    assert.equal(globalThis.document.documentElement.lang, 'zh-CN');
  });

  test('falls back to zh-CN, then to the key itself', () => {
    const i18n = createI18n(MESSAGES, { storageKey: 'k', storage: memoryStorage({ k: 'en' }) });
    const warn = console.warn;
    console.warn = () => {};
    try {
      assert.equal(i18n.t('only'), '只有中文');
      assert.equal(i18n.t('no.such.key'), 'no.such.key');
    } finally {
      console.warn = warn;
    }
  });

  test('keeps a placeholder without a param visible, and lists come from tList', () => {
    assert.equal(format('{a} and {b}', { a: 1 }), '1 and {b}');
    assert.equal(format('{n} items', { n: 0 }), '0 items');
    const i18n = createI18n(MESSAGES, { storage: null });
    assert.deepEqual(i18n.tList('list'), ['一', '二']);
    assert.deepEqual(i18n.tList('greet'), []);
  });

  test('notifies listeners on a switch and offers the other language', () => {
    const i18n = createI18n(MESSAGES, { storage: null });
    const seen = [];
    const off = i18n.onLangChange((code) => seen.push(code));
    assert.equal(i18n.otherLanguage().code, 'en');
    i18n.toggle();
    off();
    i18n.toggle();
    assert.deepEqual(seen, ['en']);
    assert.throws(() => i18n.setLang('fr'), /unknown language/);
  });
});

describe('the error table', () => {
  test('has the same codes in both languages, none empty', () => {
    const zh = Object.keys(ERROR_MESSAGES['zh-CN']).sort();
    assert.deepEqual(Object.keys(ERROR_MESSAGES.en).sort(), zh);
    for (const lang of ['zh-CN', 'en']) {
      for (const [code, text] of Object.entries(ERROR_MESSAGES[lang])) assert.ok(text.trim(), `${lang}:${code}`);
    }
  });

  test('answers per language, falls back to zh-CN, and says nothing for an unknown code', () => {
    assert.equal(errorMessage('BAD_CREDENTIALS', 'en'), 'Wrong user name or password');
    assert.equal(errorMessage('BAD_CREDENTIALS', 'zh-CN'), '用户名或密码错误');
    assert.equal(errorMessage('CONFLICT', 'fr'), '与当前状态冲突');
    assert.equal(errorMessage('NO_SUCH_CODE', 'en'), undefined);
    assert.equal(errorMessage(undefined, 'en'), undefined);
  });
});

describe('h()', () => {
  beforeEach(() => installDocument());

  test('sets class, text, dataset, properties and attributes, and skips false ones', () => {
    let clicked = 0;
    const el = h('button', { class: 'seat s-answering', dataset: { seat: 'R1-01' }, disabled: true, hidden: false,
      'aria-label': 'x', title: null, autofocus: true, on: { click: () => clicked++ } }, 'A', 1);
    assert.equal(el.className, 'seat s-answering');
    assert.equal(el.dataset.seat, 'R1-01');
    assert.equal(el.disabled, true);
    assert.equal(el.hidden, undefined);
    assert.equal(el.getAttribute('aria-label'), 'x');
    assert.equal(el.getAttribute('title'), null);
    assert.equal(el.getAttribute('autofocus'), '');
    assert.equal(el.textContent, 'A1');
    el.dispatch('click');
    assert.equal(clicked, 1);
  });

  test('flattens child arrays, skips null children and never parses markup', () => {
    const el = h('ul', {}, [h('li', { text: '<b>1</b>' }), null, [h('li', {}, '2'), false]]);
    assert.equal(el.children.length, 2);
    assert.equal(el.children[0].textContent, '<b>1</b>');
    assert.equal(el.children[0].children.length, 0);
    replace(el, 'only');
    assert.equal(el.textContent, 'only');
  });
});

describe('render()', () => {
  beforeEach(() => installDocument());

  const tiles = (container, list, log) => render(container, list, (x) => x.id,
    (x) => { log.push(`create ${x.id}`); return h('div'); },
    (el, x) => { el.textContent = x.label; });

  test('creates once, then updates kept elements in place', () => {
    const grid = new FakeElement('div');
    const log = [];
    tiles(grid, [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], log);
    const a = keyed(grid, 'a');
    tiles(grid, [{ id: 'a', label: 'A2' }, { id: 'b', label: 'B' }], log);
    assert.deepEqual(log, ['create a', 'create b']);
    assert.equal(keyed(grid, 'a'), a);
    assert.equal(grid.textContent, 'A2B');
  });

  test('reorders, removes and adds by key, and drops children it did not make', () => {
    const grid = new FakeElement('div');
    grid.append('stray');
    const log = [];
    tiles(grid, [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }], log);
    const c = keyed(grid, 'c');
    tiles(grid, [{ id: 'c', label: 'C' }, { id: 'd', label: 'D' }, { id: 'a', label: 'A' }], log);
    assert.equal(grid.textContent, 'CDA');
    assert.equal(grid.firstChild, c);
    assert.equal(keyed(grid, 'b'), undefined);
    assert.deepEqual(log, ['create a', 'create b', 'create c', 'create d']);
  });

  test('refuses duplicate keys', () => {
    assert.throws(() => tiles(new FakeElement('div'), [{ id: 'a' }, { id: 'a' }], []), /duplicate key a/);
  });
});

describe('api()', () => {
  const realFetch = globalThis.fetch;
  const respond = (status, body, type = 'application/json') => {
    globalThis.fetch = async (path, init) => {
      respond.last = { path, init };
      return new Response(body, { status, headers: { 'Content-Type': type } });
    };
  };

  test('sends the token only in the Authorization header and JSON bodies as JSON', async () => {
    respond(200, '{"ok":true}');
    try {
      assert.deepEqual(await api('POST', '/api/x', { token: 'tok', body: { a: 1 } }), { ok: true });
      assert.equal(respond.last.path, '/api/x');
      assert.equal(respond.last.init.headers.Authorization, 'Bearer tok');
      assert.equal(respond.last.init.headers['Content-Type'], 'application/json');
      assert.equal(respond.last.init.body, '{"a":1}');
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  test('turns the server error body into an ApiError', async () => {
    respond(400, JSON.stringify({ code: 'BAD_VALUE', message: 'reason is required', details: { field: 'reason' } }));
    try {
      await assert.rejects(api('POST', '/api/x', { body: {} }), (e) => e instanceof ApiError && e.status === 400
        && e.code === 'BAD_VALUE' && e.message === 'reason is required' && e.details.field === 'reason');
      respond(502, '<html>bad gateway</html>', 'text/html');
      await assert.rejects(request('GET', '/api/x'), (e) => e.code === 'INTERNAL' && e.status === 502);
      globalThis.fetch = async () => { throw new TypeError('Failed to fetch'); };
      await assert.rejects(api('GET', '/api/x'), (e) => e.code === 'NETWORK' && e.status === 0);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});

describe('contentLang()', () => {
  test('marks server content with Chinese in it as zh-CN, and leaves other content to the page language', () => {
    assert.equal(contentLang('下列哪项属于安全操作规程？'), 'zh-CN');
    assert.equal(contentLang('<p>使用 <b>PLC</b> 编程</p>'), 'zh-CN');
    assert.equal(contentLang('张三'), 'zh-CN');
    assert.equal(contentLang('Which of these is an AND gate?'), undefined);
    assert.equal(contentLang(''), undefined);
    assert.equal(contentLang(null), undefined);
  });
});

test('a server error is said in Chinese on a Chinese page when the server gave its Chinese text, else as sent', async () => {
  const { serverMessage } = await import('../exam-server/src/main/resources/webroot/kit/errors.js');
  const e = { code: 'BAD_REQUEST', message: 'reason is required', details: { field: 'reason', messageZh: '必须填写' } };
  assert.equal(serverMessage(e, 'zh-CN'), '必须填写');
  assert.equal(serverMessage(e, 'en'), 'reason is required');
  assert.equal(serverMessage({ code: 'X', message: 'only English', details: {} }, 'zh-CN'), 'only English');
});
