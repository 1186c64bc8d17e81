// 考务管理: the administrators' pages over /api/admin/*. zh-CN by default, English on request; every control is a
// native form element, so the pages work from the keyboard alone. What a row or an error says is worked out
// in format.js (plain functions, unit-tested); this module wires the forms and the API.
import { h, $ } from '../../kit/dom.js';
import { api as kitApi } from '../../kit/api.js';
import { createI18n } from '../../kit/i18n.js';
import { MESSAGES } from './messages.js';
import { describeError, resultCells, banCells, bankUploadPath } from './format.js';

const i18n = createI18n(MESSAGES, { storageKey: 'examcore.admin.lang' });
const { t } = i18n;

const state = {
  token: sessionStorage.getItem('examcore.admin.token'),
  user: JSON.parse(sessionStorage.getItem('examcore.admin.user') || 'null'),
  sitting: null,
  sittings: [],
};

function applyLanguage() {
  document.title = t('app.title');
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
  const other = i18n.otherLanguage();
  $('#lang').textContent = other.label;
  $('#lang').lang = other.code;
  renderWho();
}

function say(text, isError = false) {
  const s = $('#status');
  s.textContent = text;
  s.className = isError ? 'error' : '';
}

/**
 * The kit's request helper with the page's token: a JSON body, or raw bytes (uploads); answers JSON, or a blob
 * (exports). A failure is the kit's ApiError ({status, code, message, details}); a refused token logs out.
 */
async function api(method, path, body, raw) {
  try {
    return await kitApi(method, path, { token: state.token, body, raw });
  } catch (e) {
    if (e.status === 401 && path !== '/api/admin/login') logout();
    throw e;
  }
}

function failure(e) {
  say(describeError(e, i18n.lang(), t), true);
}

/** Runs one user action: says it is working, and shows any failure. */
function act(work) {
  say(t('working'));
  return Promise.resolve().then(work).catch(failure);
}

function cell(tr, text) {
  return tr.appendChild(h('td', { text: text == null ? '' : String(text) }));
}

function rows(table, items, fill) {
  $(`${table} tbody`).replaceChildren(...items.map((item) => { const tr = h('tr'); fill(tr, item); return tr; }));
}

function show(view) {
  document.querySelectorAll('main > section').forEach((s) => { s.hidden = s.id !== `view-${view}`; });
  document.querySelectorAll('#nav button').forEach((b) => {
    if (b.dataset.view === view) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
  });
  const first = $(`#view-${view} input, #view-${view} select, #view-${view} button`);
  if (first) first.focus();
  if (view === 'sittings') loadSittings().catch(failure);
  if (view === 'results') loadSittings().then(fillResultSittings).catch(failure);
  if (view === 'bans') loadBans('').catch(failure);
}

function renderWho() {
  $('#who').textContent = state.user ? t('who', { user: state.user.username, role: state.user.role }) : '';
  $('#nav').hidden = !state.token;
  $('#logout').hidden = !state.token;
}

function logout() {
  state.token = null; state.user = null;
  sessionStorage.removeItem('examcore.admin.token'); sessionStorage.removeItem('examcore.admin.user');
  renderWho();
  show('login');
}

function shanghaiTime(ms) {
  return new Date(ms).toLocaleString(i18n.lang(), { timeZone: 'Asia/Shanghai', hour12: false });
}

async function loadSittings() {
  state.sittings = await api('GET', '/api/admin/sittings');
  rows('#sittings-table', state.sittings, (tr, s) => {
    cell(tr, s.title); cell(tr, s.occupation); cell(tr, s.level);
    cell(tr, t(`subject.${s.subject}`)); cell(tr, shanghaiTime(s.t0));
    cell(tr, '').appendChild(h('button', { type: 'button', class: 'secondary', text: t('sittings.open'),
      'aria-label': `${t('sittings.open')} ${s.title}`, on: { click: () => openSitting(s.id).catch(failure) } }));
  });
}

async function openSitting(id) {
  const s = await api('GET', `/api/admin/sittings/${encodeURIComponent(id)}`);
  state.sitting = s;
  $('#sitting-detail').hidden = false;
  $('#detail-title').textContent = `${s.title} (${s.id})`;
  $('#detail-counts').textContent = t('sittings.counts', {
    rooms: s.rooms.length, seats: s.seats, candidates: s.candidates, assembled: s.assembledAt > 0 ? t('yes') : t('no'),
  });
  $('#detail-pin').textContent = s.enrolmentPin ? t('sittings.pinShown', { pin: s.enrolmentPin }) : '';
  $('#detail-start').textContent = s.startAt <= Date.now() ? t('sittings.started', { at: shanghaiTime(s.startAt) })
    : t('sittings.notStarted', { t0: shanghaiTime(s.t0) });
  $('#staff-rooms').replaceChildren(...s.rooms.map((r) =>
    h('label', {}, h('input', { type: 'checkbox', name: 'roomIds', value: r.id }), ` ${r.name}`)));
  $('#room-form [name=name]').focus();
}

function fillResultSittings() {
  const sel = $('#results-sitting');
  const keep = sel.value;
  sel.replaceChildren(...state.sittings.map((s) => h('option', { value: s.id, text: `${s.title} (${s.id})` })));
  if (keep) sel.value = keep;
}

async function loadResults(id) {
  const list = await api('GET', `/api/admin/sittings/${encodeURIComponent(id)}/results`);
  rows('#results-table', list, (tr, r) => {
    if (r.status === 'CANCELLED') tr.className = 'cancelled';
    for (const text of resultCells(r, t)) cell(tr, text);
  });
}

async function loadBans(idNumber) {
  const q = idNumber ? `?idNumber=${encodeURIComponent(idNumber)}` : '';
  const list = await api('GET', `/api/admin/bans${q}`);
  rows('#bans-table', list, (tr, b) => {
    if (b.lift) tr.className = 'lifted';
    for (const text of banCells(b, t, shanghaiTime)) cell(tr, text);
    const actions = cell(tr, '');
    if (!b.lift) {
      actions.appendChild(h('button', { type: 'button', class: 'secondary', text: t('bans.lift'),
        'aria-label': `${t('bans.lift')} ${b.decisionId}`, on: { click: () => {
          $('#lift-form [name=decisionId]').value = b.decisionId;
          $('#lift-form [name=reason]').focus();
        } } }));
    }
  });
}

async function download(format) {
  const id = $('#results-sitting').value;
  const blob = await api('GET', `/api/admin/sittings/${encodeURIComponent(id)}/results/export?format=${format}`);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob); a.download = `results-${id}.${format}`;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

function form(sel, handler) {
  $(sel).addEventListener('submit', (ev) => {
    ev.preventDefault();
    act(() => handler(new FormData(ev.target), ev.target));
  });
}

function button(sel, handler) {
  $(sel).addEventListener('click', () => act(handler));
}

form('#login-form', async (f) => {
  const out = await api('POST', '/api/admin/login', { username: f.get('username'), password: f.get('password') });
  state.token = out.token; state.user = { username: out.username, role: out.role };
  sessionStorage.setItem('examcore.admin.token', out.token);
  sessionStorage.setItem('examcore.admin.user', JSON.stringify(state.user));
  renderWho(); say(''); show('sittings');
});

form('#sitting-form', async (f, el) => {
  const body = {
    title: f.get('title'), occupation: f.get('occupation'), level: Number(f.get('level')), subject: f.get('subject'),
    t0: `${f.get('t0')}:00+08:00`, durationMinutes: Number(f.get('durationMinutes')),
  };
  if (f.get('enrolmentPin')) body.enrolmentPin = f.get('enrolmentPin');
  const s = await api('POST', '/api/admin/sittings', body);
  el.reset(); say(t('saved'));
  await loadSittings(); await openSitting(s.id);
});

form('#room-form', async (f, el) => {
  await api('POST', `/api/admin/sittings/${state.sitting.id}/rooms`,
    { name: f.get('name'), rows: Number(f.get('rows')), cols: Number(f.get('cols')) });
  el.reset(); say(t('saved')); await openSitting(state.sitting.id);
});

form('#roster-form', async (f) => {
  const file = f.get('file');
  const table = $('#roster-errors');
  try {
    const out = await api('POST', `/api/admin/sittings/${state.sitting.id}/roster?fileName=${encodeURIComponent(file.name)}`,
      undefined, await file.arrayBuffer());
    table.hidden = true; say(t('imported', { n: out.imported })); await openSitting(state.sitting.id);
  } catch (e) {
    const errors = e.details && e.details.errors;
    if (!errors) throw e;
    rows('#roster-errors', errors, (tr, x) => { cell(tr, x.row); cell(tr, x.column); cell(tr, x.field); cell(tr, x.message); });
    table.hidden = false; say(t('roster.rejected', { n: errors.length }), true);
    table.scrollIntoView({ block: 'nearest' });
  }
});

form('#blueprint-form', async (f) => {
  let blueprint;
  try { blueprint = JSON.parse(f.get('blueprint')); } catch (e) { say(`${t('blueprint.json')}: ${e.message}`, true); return; }
  await api('PUT', `/api/admin/sittings/${state.sitting.id}/blueprint`, { bankId: f.get('bankId'), blueprint });
  say(t('saved'));
});

button('#assemble', async () => {
  const out = await api('POST', `/api/admin/sittings/${state.sitting.id}/assemble`);
  say(t('assembled', { n: out.papers })); await openSitting(state.sitting.id);
});

button('#start-sitting', async () => {
  const s = await api('POST', `/api/admin/sittings/${state.sitting.id}/start`);
  await openSitting(s.id); say(t('start.done', { at: shanghaiTime(s.startAt) }));
});

button('#agent-key', async () => {
  const out = await api('POST', `/api/admin/sittings/${state.sitting.id}/agent-keys`);
  $('#agent-key-value').value = out.agentKey;
  $('#agent-key-box').hidden = false;
  say(t('agent.done'));
  $('#agent-key-value').select();
});

// Only a proctor is scoped to rooms; a disabled fieldset also keeps its boxes out of the form data, so an
// administrator or observer account is never created with a room list it would not use.
function syncStaffRooms() {
  $('#staff-rooms-set').disabled = $('#staff-form [name=role]').value !== 'PROCTOR';
}
$('#staff-form [name=role]').addEventListener('change', syncStaffRooms);

form('#staff-form', async (f, el) => {
  const out = await api('POST', '/api/admin/staff', {
    username: f.get('username'), password: f.get('password'), role: f.get('role'), roomIds: f.getAll('roomIds'),
  });
  el.reset(); syncStaffRooms(); say(t('staff.done', { username: out.username, role: t(`role.${out.role}`) }));
});

form('#lift-form', async (f, el) => {
  const id = (f.get('decisionId') || '').trim();
  await api('POST', `/api/admin/bans/${encodeURIComponent(id)}/lift`, { reason: f.get('reason') });
  el.reset(); await loadBans(($('#bans-form [name=idNumber]').value || '').trim());
  say(t('bans.liftDone', { id }));
});

form('#bank-form', async (f) => {
  const file = f.get('file');
  let report;
  try {
    report = await api('POST', bankUploadPath(file.name, f), undefined, await file.arrayBuffer());
    say(t('banks.accepted', { bankId: report.bankId, items: report.items, issues: report.issues.length }));
  } catch (e) {
    report = e.details && e.details.issues ? e.details : null;
    if (!report) throw e;
    say(t('banks.rejected', { issues: report.issues.length }), true);
  }
  $('#bank-summary').textContent = report.bankId ? `${report.bankId}: ${report.title ?? ''}` : '';
  rows('#bank-issues', report.issues, (tr, i) => { cell(tr, i.severity); cell(tr, i.rule); cell(tr, i.location); cell(tr, i.message); });
  $('#bank-issues').hidden = report.issues.length === 0;
});

form('#results-form', async (f) => { await loadResults(f.get('sitting')); say(''); });
form('#bans-form', async (f) => { await loadBans((f.get('idNumber') || '').trim()); say(''); });
button('#export-csv', async () => { await download('csv'); say(''); });
button('#export-xlsx', async () => { await download('xlsx'); say(''); });
document.querySelectorAll('#nav button').forEach((b) => b.addEventListener('click', () => show(b.dataset.view)));
$('#logout').addEventListener('click', logout);
$('#lang').addEventListener('click', () => i18n.toggle());
i18n.onLangChange(applyLanguage);

applyLanguage();
show(state.token ? 'sittings' : 'login');
