// 阅卷: the markers' and the chief marker's page over /api/marking/*. zh-CN by default, English on request. Built to
// be used for hours from the keyboard: the rubric sits beside the answer, Tab walks the rubric points, Ctrl+Enter
// submits and moves on to the next script to mark, Alt+N / Alt+P step through the list, and every script in the
// list shows its state in words and a bar. The arithmetic and the decisions are in logic.js (unit-tested).
import { h, $, replace } from '../../kit/dom.js';
import { api as kitApi, request } from '../../kit/api.js';
import { StaffSession } from '../../kit/session.js';
import { createI18n, contentLang } from '../../kit/i18n.js';
import { render } from '../../kit/render.js';
import { MESSAGES } from './messages.js';
import { checkPoints, decimal, describeError, markerNames, neighbour, nextOpen, scriptNo, shortcut, size }
  from './logic.js';

const i18n = createI18n(MESSAGES, { storageKey: 'examcore.marking.lang' });
const { t } = i18n;

// The sign-in: a short-lived access token renewed with the refresh token (kit/session.js), so a marker working for
// hours is never sent back to the login form while the account stands.
const session = new StaffSession(sessionStorage, 'examcore.marking.session');

const state = {
  user: session.user,
  view: 'login',
  sittings: [],
  opening: null, // the sitting whose open form is shown
  sitting: null,
  scripts: [],
  current: null,
  sheet: null,
  progress: null,
  status: null, // { render: () => text, isError }
};

const chief = () => state.user && state.user.role === 'CHIEF_MARKER';

// ---- status, errors, requests ----

function say(render, isError = false) {
  state.status = render ? { render, isError } : null;
  renderStatus();
}

function renderStatus() {
  const s = $('#status');
  const text = state.status ? state.status.render() : '';
  s.textContent = text;
  s.lang = contentLang(text) && i18n.lang() === 'en' ? 'zh-CN' : '';
  s.className = state.status && state.status.isError ? 'error' : '';
}

async function api(method, path, body) {
  try {
    return await session.api(method, path, { body });
  } catch (e) {
    // Renewed once already: the sign-in has ended, or the account was changed or logged out elsewhere.
    if (e.status === 401) logout();
    throw e;
  }
}

function failure(e) {
  say(() => describeError(e, i18n.lang(), t), true);
}

function act(work) {
  const working = () => t('working');
  say(working);
  return Promise.resolve().then(work).then(() => {
    if (state.status && state.status.render === working) say('');
  }).catch(failure);
}

// ---- views ----

function show(view) {
  state.view = view;
  document.querySelectorAll('main > section').forEach((s) => { s.hidden = s.id !== `view-${view}`; });
  if (view === 'sittings') $('#nav-sittings').setAttribute('aria-current', 'page');
  else $('#nav-sittings').removeAttribute('aria-current');
  if (view === 'progress') $('#nav-progress').setAttribute('aria-current', 'page');
  else $('#nav-progress').removeAttribute('aria-current');
  document.title = `${t('app.title')}${view === 'desk' && state.sheet ? ` · ${t('script.label',
    { no: scriptNo(state.sheet.scriptNo) })}` : ''}`;
}

function renderWho() {
  const logged = Boolean(state.user && session.signedIn());
  $('#nav').hidden = !logged;
  $('#logout').hidden = !logged;
  $('#nav-progress').hidden = !(logged && chief() && state.sitting);
  // The chief marker also decides score reviews, on a page of their own.
  $('#nav-review').hidden = !(logged && chief());
  $('#who').textContent = logged ? t('who', { user: state.user.username, role: t(`role.${state.user.role}`) }) : '';
}

function applyLanguage() {
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
  document.querySelectorAll('[data-t-label]').forEach((el) => { el.setAttribute('aria-label', t(el.dataset.tLabel)); });
  const other = i18n.otherLanguage();
  $('#lang').textContent = other.label;
  $('#lang').lang = other.code;
  renderWho();
  renderStatus();
  renderSittings();
  renderDesk();
  renderSheet();
  renderProgress();
  show(state.view);
}

// ---- sign-in ----

async function login(form) {
  const out = await kitApi('POST', '/api/admin/login',
    { body: { username: form.username.value, password: form.password.value } });
  if (out.role !== 'MARKER' && out.role !== 'CHIEF_MARKER') {
    say(() => t('login.notMarker'), true);
    return;
  }
  session.start(out);
  state.user = session.user;
  form.reset();
  say('');
  await loadSittings();
}

function logout() {
  session.end();
  Object.assign(state, { user: null, sitting: null, scripts: [], current: null, sheet: null,
    progress: null, opening: null });
  renderWho();
  show('login');
  $('#login-form [name=username]').focus();
}

// ---- sittings ----

async function loadSittings() {
  state.sittings = await api('GET', '/api/marking/sittings');
  state.sitting = null;
  renderWho();
  renderSittings();
  show('sittings');
  const first = $('#sittings-table button');
  if (first) first.focus();
}

function renderSittings() {
  $('#sittings-none').hidden = state.sittings.length > 0;
  $('#sittings-table').hidden = state.sittings.length === 0;
  replace($('#sittings-table tbody'), state.sittings.map((s) => h('tr', {},
    h('td', { lang: contentLang(s.title) }, s.title),
    h('td', {}, t(`subject.${s.subject}`)),
    h('td', {}, t(s.open ? 'sitting.open' : 'sitting.closed')),
    h('td', {}, s.open
      ? h('button', { type: 'button', dataset: { sitting: s.sittingId }, on: { click: () => act(() => enter(s)) } },
        t('sitting.enter'))
      : chief() ? h('button', { type: 'button', class: 'secondary', dataset: { open: s.sittingId },
        on: { click: () => showOpenForm(s) } }, t('sitting.openIt')) : ''))));
  const form = $('#open-form');
  form.hidden = !state.opening;
  if (state.opening) $('#open-h').textContent = t('open.title', { title: state.opening.title });
}

function showOpenForm(sitting) {
  state.opening = sitting;
  renderSittings();
  $('#open-form [name=markers]').focus();
}

async function openMarking(form) {
  const s = state.opening;
  const out = await api('POST', `/api/marking/sittings/${encodeURIComponent(s.sittingId)}/open`, {
    markers: markerNames(form.markers.value), tolerancePercent: Number(form.tolerance.value),
    arbitrationRule: form.rule.value,
  });
  state.opening = null;
  form.reset();
  await loadSittings();
  say(() => t('open.done', out));
}

// ---- the desk ----

async function enter(sitting) {
  state.sitting = sitting;
  state.current = null;
  state.sheet = null;
  await loadScripts();
  renderWho();
  show('desk');
  const first = nextOpen(state.scripts, null, chief()) || (state.scripts[0] && state.scripts[0].scriptId);
  if (first) await select(first, true);
  else say(() => t('desk.empty'));
}

async function loadScripts() {
  state.scripts = await api('GET', `/api/marking/sittings/${encodeURIComponent(state.sitting.sittingId)}/scripts`);
  renderDesk();
}

function renderDesk() {
  if (!state.sitting) return;
  $('#desk-h').textContent = state.sitting.title;
  $('#desk-h').lang = contentLang(state.sitting.title) || '';
  const done = state.scripts.filter((s) => s.state === 'MARKED' || s.state === 'FINAL').length;
  $('#desk-count').textContent = t('desk.count', { done, all: state.scripts.length });
  // Keyed: after a mark only the changed entries are touched, so a list of thousands stays quick and keeps focus.
  render($('#script-list'), state.scripts, (s) => s.scriptId, (s) => h('li', {}, h('button', {
    type: 'button', dataset: { script: s.scriptId }, on: { click: () => act(() => select(s.scriptId, true)) },
  }, h('span', { class: 'label' }), h('span', { class: 'badge' }))), (li, s) => {
    const button = li.firstChild;
    button.className = `s-${s.state}`;
    if (s.scriptId === state.current) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
    button.querySelector('.label').textContent = t('script.label', { no: scriptNo(s.scriptNo) });
    button.querySelector('.badge').textContent = t(`state.${s.state}`);
  });
}

async function select(scriptId, focus) {
  state.sheet = await api('GET', `/api/marking/scripts/${encodeURIComponent(scriptId)}`);
  state.current = scriptId;
  renderDesk();
  renderSheet();
  show('desk');
  say('');
  const current = $(`#script-list button[data-script="${CSS.escape(scriptId)}"]`);
  if (current) current.scrollIntoView({ block: 'nearest' });
  if (focus) {
    const input = $('#rubric input:not([disabled])');
    (input || $('#answer')).focus();
  }
}

/** Whether the caller may score the shown script now: a marker's TO_MARK, or the chief's ARBITRATION. */
function editable(sheet) {
  return chief() ? sheet.state === 'ARBITRATION' : sheet.state === 'TO_MARK';
}

function renderSheet() {
  const s = state.sheet;
  $('#sheet').hidden = !s;
  if (!s) return;
  const item = s.item;
  $('#sheet-h').textContent = t('script.heading', { no: scriptNo(s.scriptNo), type: t(`type.${item.type}`),
    max: item.maxPoints });
  $('#sheet-state').textContent = t(`state.${s.state}`);
  $('#sheet-state').className = `state s-${s.state}`;
  // The stem is the bank's HTML, sanitised by the server at import; parsed inert, never anything a candidate typed.
  const template = document.createElement('template');
  template.innerHTML = item.stem || '';
  template.content.querySelectorAll('img').forEach((img) => img.removeAttribute('src'));
  replace($('#stem'), template.content);
  $('#stem').lang = contentLang(item.stem) || '';
  const answer = $('#answer');
  answer.textContent = s.answer || t('answer.empty');
  answer.lang = contentLang(s.answer) || '';
  $('#files-box').hidden = s.files.length === 0;
  replace($('#files'), s.files.map((f) => h('li', {}, h('button', {
    type: 'button', class: 'secondary', dataset: { file: String(f.index) },
    on: { click: () => act(() => openFile(f)) },
  }, t(f.viewable ? 'file.open' : 'file.download', { n: f.index, ext: f.extension || '?', size: size(f.bytes) })))));

  const open = editable(s);
  const mark = s.myMark;
  $('#tolerance').textContent = chief() ? t('tolerance', { tol: s.tolerance }) : '';
  replace($('#rubric'), item.rubric.map((p, i) => h('li', {}, h('label', {},
    h('span', { class: 'desc', lang: contentLang(p.description) },
      p.description || t('rubric.whole', { max: p.points })),
    h('input', { type: 'number', inputmode: 'decimal', min: 0, max: p.points, step: 0.5, name: `p${i}`,
      'aria-label': `${t(item.rubric.length === 1 && !p.description ? 'rubric.whole' : 'rubric.point',
        { n: i + 1, max: p.points })} ${p.description || ''}`.trim(),
      value: mark && !open ? String(mark.points[i]) : '', disabled: !open,
      on: { input: updateTotal, keydown: enterMovesOn } }),
    h('span', { class: 'max', 'aria-hidden': 'true' }, `/ ${p.points}`)))));
  const form = $('#mark-form');
  form.comment.value = mark && !open ? mark.comment : '';
  form.comment.disabled = !open;
  $('#mark-submit').textContent = t(chief() ? 'mark.arbitrate' : 'mark.submit');
  $('#mark-submit').disabled = !open;
  $('#mine').textContent = !chief() && mark ? t('mark.yours', { total: mark.total })
    : chief() && s.state === 'MARKING' ? t('mark.waiting') : '';
  updateTotal();

  $('#marks-box').hidden = !chief();
  if (chief()) {
    replace($('#marks'), s.marks.map((m) => h('li', { class: m.setAside ? 'set-aside' : null },
      t('marks.line', { role: t(`marks.role.${m.role}`), marker: m.marker, total: m.total,
        aside: m.setAside ? t('marks.aside', { why: m.setAsideWhy }) : '' }),
      m.comment ? h('span', { lang: contentLang(m.comment) }, ` — ${m.comment}`) : null)));
    $('#final').textContent = s.finalScore == null ? '' : t('final.score', { score: s.finalScore });
    $('#reopen-form').hidden = s.state !== 'FINAL';
  }
}

function rubricInputs() {
  return Array.from(document.querySelectorAll('#rubric input'));
}

function updateTotal() {
  const s = state.sheet;
  if (!s) return;
  const inputs = rubricInputs();
  const { total, bad } = checkPoints(inputs.map((i) => i.value), s.item.rubric.map((p) => p.points));
  inputs.forEach((input, i) => {
    const typed = input.value !== '';
    input.setAttribute('aria-invalid', String(typed && bad === i));
  });
  $('#total').textContent = t('mark.total', { total: decimal(total), max: s.item.maxPoints });
}

/** Enter in a score moves to the next score, then to the comment: typing a mark needs no Tab. */
function enterMovesOn(e) {
  if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey) return;
  e.preventDefault();
  const inputs = rubricInputs();
  const i = inputs.indexOf(e.target);
  (inputs[i + 1] || $('#mark-form [name=comment]')).focus();
}

async function submitMark() {
  const s = state.sheet;
  if (!s || !editable(s)) return;
  const inputs = rubricInputs();
  const maxima = s.item.rubric.map((p) => p.points);
  const { bad } = checkPoints(inputs.map((i) => i.value), maxima);
  if (bad !== -1) {
    inputs[bad].focus();
    say(() => t('mark.bad', { n: bad + 1, max: maxima[bad] }), true);
    return;
  }
  const body = { points: inputs.map((i) => Number(i.value)), comment: $('#mark-form').comment.value };
  const path = `/api/marking/scripts/${encodeURIComponent(s.scriptId)}/${chief() ? 'arbitration' : 'marks'}`;
  const out = await api('POST', path, body);
  await loadScripts();
  const next = nextOpen(state.scripts, s.scriptId, chief());
  if (next) await select(next, true);
  else await select(s.scriptId, true);
  say(() => (chief() ? t('mark.arbitrated', { no: scriptNo(out.scriptNo), score: out.finalScore })
    : t('mark.done', { no: scriptNo(out.scriptNo), total: out.total })));
}

async function reopen(form) {
  const s = state.sheet;
  await api('POST', `/api/marking/scripts/${encodeURIComponent(s.scriptId)}/reopen`, { reason: form.reason.value });
  form.reset();
  await loadScripts();
  await select(s.scriptId, true);
  say(() => t('reopen.done', { no: scriptNo(s.scriptNo) }));
}

/** Fetches a file with the token in the header (never in a URL), then shows or saves it from a local blob. */
async function openFile(f) {
  const s = state.sheet;
  const response = await session.api('GET',
    `/api/marking/scripts/${encodeURIComponent(s.scriptId)}/files/${f.index}`, {}, request);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  if (f.viewable) {
    window.open(url, '_blank', 'noopener');
    say(() => t('file.opened', { n: f.index }));
  } else {
    const a = h('a', { href: url, download: `script-${s.scriptNo}-${f.index}${f.extension ? `.${f.extension}` : ''}` });
    document.body.append(a);
    a.click();
    a.remove();
    say(() => t('file.done', { n: f.index }));
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function step(direction) {
  const id = neighbour(state.scripts, state.current, direction);
  if (id) await select(id, true);
}

// ---- progress (chief marker) ----

async function loadProgress() {
  state.progress = await api('GET', `/api/marking/sittings/${encodeURIComponent(state.sitting.sittingId)}/progress`);
  renderProgress();
  show('progress');
}

function renderProgress() {
  const p = state.progress;
  if (!p) return;
  $('#progress-summary').textContent = t('progress.summary', { all: p.scripts, finals: p.finals,
    waiting: p.arbitration.length });
  replace($('#progress-markers tbody'), p.markers.map((m) => h('tr', {}, h('td', {}, m.marker),
    h('td', {}, String(m.allocated)), h('td', {}, String(m.marked)))));
  replace($('#progress-items tbody'), p.items.map((i) => h('tr', {}, h('td', {}, i.itemId),
    h('td', {}, t(`type.${i.itemType}`)), h('td', {}, String(i.scripts)), h('td', {}, String(i.marking)),
    h('td', {}, String(i.arbitration)), h('td', {}, String(i.finals)))));
}

// ---- wiring ----

$('#login-form').addEventListener('submit', (e) => { e.preventDefault(); act(() => login(e.target)); });
$('#open-form').addEventListener('submit', (e) => { e.preventDefault(); act(() => openMarking(e.target)); });
$('#mark-form').addEventListener('submit', (e) => { e.preventDefault(); act(submitMark); });
$('#reopen-form').addEventListener('submit', (e) => { e.preventDefault(); act(() => reopen(e.target)); });
$('#lang').addEventListener('click', () => i18n.toggle());
$('#logout').addEventListener('click', logout);
$('#nav-sittings').addEventListener('click', () => act(loadSittings));
$('#nav-progress').addEventListener('click', () => act(loadProgress));
$('#desk-back').addEventListener('click', () => act(loadSittings));
document.addEventListener('keydown', (e) => {
  if (state.view !== 'desk') return;
  const action = shortcut(e);
  if (!action) return;
  e.preventDefault();
  if (action === 'submit') act(submitMark);
  else act(() => step(action === 'next' ? 1 : -1));
});
i18n.onLangChange(applyLanguage);

applyLanguage();
if (state.user && session.signedIn()) act(loadSittings);
else {
  show('login');
  $('#login-form [name=username]').focus();
}
