// 考务管理: the administrators' pages over /api/admin/*. zh-CN by default, English on request; every control is a
// native form element, so the pages work from the keyboard alone. What a row or an error says is worked out
// in format.js (plain functions, unit-tested); this module wires the forms and the API.
import { h, $ } from '../../kit/dom.js';
import { api as kitApi, request as kitRequest } from '../../kit/api.js';
import { StaffSession } from '../../kit/session.js';
import { createI18n } from '../../kit/i18n.js';
import { MESSAGES } from './messages.js';
import { describeError, resultCells, banCells, bankUploadPath, langParts, wholeLang, arrivalOpenUntil } from './format.js';
import { erratumBody, erratumOutcome } from './errata.js';
import { certificateCells, issuedMessage } from './certificates.js';
import {
  appealable, decisionCells, reviewRequestBody, reviewRequestCells, revisionBody, revisedMessage,
} from './appeals.js';

const i18n = createI18n(MESSAGES, { storageKey: 'examcore.admin.lang' });
const { t } = i18n;

// The sign-in: a short-lived access token renewed with the refresh token (kit/session.js).
const session = new StaffSession(sessionStorage, 'examcore.admin.session');

const state = {
  sitting: null,
  sittings: [],
  // What the page shows, kept so that a language switch redraws it in the new language rather than leaving
  // the old language's words (or a stale status) on screen.
  status: null, // { render: () => text, isError }
  results: [],
  banks: [],
  bans: [],
  rosterErrors: null,
  photoErrors: null,
  photoCoverage: null,
  photoStatus: null, // () => text of the last import, said next to its button
  bankReport: null,
  // 证书 of the sitting shown in the results view; the verification codes issued in this page (number → code): the
  // server keeps only their hash, so these are the only copies, kept in memory and dropped at logout.
  certificates: [],
  certCodes: new Map(),
  certSaid: null,
  // 复核与复议: the chosen sitting's review requests and decisions, the decision being appealed, and what each form
  // said last, next to its own button (a line at the top of a long page would be out of sight).
  appeals: { sittingId: null, reviews: [], decisions: [], revising: null, reviewSaid: null, reviseSaid: null,
    decisionsSaid: null },
};

function applyLanguage() {
  document.title = t('app.title');
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
  document.querySelectorAll('[data-t-label]').forEach((el) => { el.setAttribute('aria-label', t(el.dataset.tLabel)); });
  const other = i18n.otherLanguage();
  $('#lang').textContent = other.label;
  $('#lang').lang = other.code;
  renderWho();
  renderStatus();
  renderSittings();
  if (state.sitting) renderSitting();
  if (state.rules) renderRules();
  fillResultSittings();
  renderResults();
  renderBans();
  renderRosterErrors();
  renderPhotos();
  fillTicketRooms();
  renderBankReport();
  renderBanks();
  fillAppealSittings();
  renderAppeals();
  renderCertificates();
}

/** Fills `el` with `text`, each run not in the page's language in a span carrying its own lang. */
function fill(el, text) {
  el.replaceChildren(...langParts(text, i18n.lang())
    .map((part) => (typeof part === 'string' ? part : h('span', { lang: part.lang, text: part.text }))));
  return el;
}

/**
 * Shows a status line. `render` is a function of the current language (so the line is said again in the new
 * language after a switch), or '' to clear it.
 */
function say(render, isError = false) {
  state.status = render ? { render, isError } : null;
  renderStatus();
}

function renderStatus() {
  const s = $('#status');
  fill(s, state.status ? state.status.render() : '');
  s.className = state.status && state.status.isError ? 'error' : '';
}

/**
 * The kit's request helper with the page's token: a JSON body, or raw bytes (uploads); answers JSON, or a blob
 * (exports). A failure is the kit's ApiError ({status, code, message, details}); a refused token logs out.
 */
async function api(method, path, body, raw, headers) {
  if (path === '/api/admin/login') return kitApi(method, path, { body });
  try {
    return await session.api(method, path, { body, raw, headers });
  } catch (e) {
    // Renewed once already: the sign-in has ended, or the account was changed or logged out elsewhere.
    if (e.status === 401) logout();
    throw e;
  }
}

function failure(e) {
  say(() => describeError(e, i18n.lang(), t), true);
}

/** Runs one user action: says it is working, and shows any failure. */
function act(work) {
  say(() => t('working'));
  return Promise.resolve().then(work).catch(failure);
}

/**
 * Adds a cell and returns the one element holding its content, where a button may be added too: the narrow
 * layout sets a cell's heading and its content side by side, which needs the content in a single box.
 */
function cell(tr, text) {
  const content = fill(h('span'), text == null ? '' : String(text));
  tr.appendChild(h('td', {}, content));
  return content;
}

/**
 * Redraws a table's body, one row per item. Each cell carries its column's heading as data-label, which the
 * narrow layout shows beside the value when the rows are stacked (admin.css), so nothing needs sideways scrolling.
 */
function rows(table, items, fillRow) {
  const labels = Array.from(document.querySelectorAll(`${table} thead th`), (th) => th.textContent);
  $(`${table} tbody`).replaceChildren(...items.map((item) => {
    const tr = h('tr');
    fillRow(tr, item);
    Array.from(tr.children).forEach((td, i) => { td.dataset.label = labels[i] ?? ''; });
    return tr;
  }));
}

function show(view) {
  say(''); // a message belongs to the view it was said on; on the next one it would read as that view's
  document.querySelectorAll('main > section').forEach((s) => { s.hidden = s.id !== `view-${view}`; });
  document.querySelectorAll('#nav button').forEach((b) => {
    if (b.dataset.view === view) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
  });
  const first = $(`#view-${view} input, #view-${view} select, #view-${view} button`);
  if (first) first.focus();
  if (view === 'sittings') loadSittings().catch(failure);
  if (view === 'results') loadSittings().then(fillResultSittings).catch(failure);
  if (view === 'bans') loadBans('').catch(failure);
  if (view === 'appeals') loadSittings().then(fillAppealSittings).catch(failure);
  if (view === 'banks') loadBanks().catch(failure);
}

/** The imported banks with their ids, newest first: the id is what a blueprint and 组卷 ask for. */
async function loadBanks() {
  state.banks = await api('GET', '/api/admin/banks');
  renderBanks();
}

function renderBanks() {
  const banks = state.banks || [];
  $('#bank-list').hidden = banks.length === 0;
  $('#bank-list-empty').hidden = banks.length > 0;
  rows('#bank-list', banks, (tr, b) => {
    cell(tr, b.id); cell(tr, b.title); cell(tr, b.fileName); cell(tr, b.itemCount); cell(tr, shanghaiTime(b.importedAt));
    const actions = cell(tr, '');
    for (const version of ['2.1', '3.0']) {
      actions.appendChild(h('button', { type: 'button', class: 'secondary', text: t('banks.exportAs', { version }),
        'aria-label': t('banks.exportLabel', { id: b.id, version }), on: { click: () => act(() => exportBank(b.id, version)) } }));
    }
  });
}

/** Downloads a bank as a QTI content package and says how many items it holds and which were left out. */
async function exportBank(id, version) {
  let response;
  try {
    response = await session.api('GET', `/api/admin/banks/${encodeURIComponent(id)}/qti?version=${version}`, {}, kitRequest);
  } catch (e) {
    if (e.status === 401) logout();
    throw e;
  }
  const blob = await response.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob); a.download = `${id}-qti${version}.zip`;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  const items = response.headers.get('X-Exported-Items') || '0';
  const skipped = response.headers.get('X-Not-Exported-Count') || '0';
  const names = response.headers.get('X-Not-Exported') || '';
  say(() => t('banks.exported', { id, version, items, skipped,
    list: !names ? '' : i18n.lang() === 'en' ? ` (${names})` : `（${names}）` }));
}

function renderWho() {
  const user = session.user;
  fill($('#who'), user ? t('who', { user: user.username, role: t(`role.${user.role}`) }) : '');
  $('#nav').hidden = !user;
  $('#logout').hidden = !user;
}

function logout() {
  // The server forgets the sign-in too: its tokens stop working everywhere, not just in this tab.
  session.end();
  // Nothing the last user loaded stays in the page for the next one to find: an observer logging in on the same
  // tab must not see an administrator's sitting, its enrolment PIN or a seat-agent key.
  Object.assign(state, { sitting: null, sittings: [], results: [], bans: [], rosterErrors: null, bankReport: null });
  $('#sitting-detail').hidden = true;
  ['#detail-title', '#detail-counts', '#detail-pin', '#detail-start', '#staff-rooms'].forEach((css) => $(css).replaceChildren());
  $('#agent-key-value').value = '';
  $('#agent-key-box').hidden = true;
  document.querySelectorAll('main form').forEach((f) => f.reset());
  syncStaffRooms();
  renderWho(); renderSittings(); fillResultSittings(); renderResults(); renderBans(); renderRosterErrors(); renderBankReport();
  state.banks = []; renderBanks();
  state.certificates = []; state.certCodes = new Map(); state.certSaid = null; renderCertificates();
  state.appeals = { sittingId: null, reviews: [], decisions: [], revising: null, reviewSaid: null, reviseSaid: null,
    decisionsSaid: null };
  renderAppeals();
  show('login');
}

function shanghaiTime(ms) {
  return new Date(ms).toLocaleString(i18n.lang(), { timeZone: 'Asia/Shanghai', hour12: false });
}

async function loadSittings() {
  state.sittings = await api('GET', '/api/admin/sittings');
  renderSittings();
}

function renderSittings() {
  rows('#sittings-table', state.sittings, (tr, s) => {
    cell(tr, s.title); cell(tr, s.occupation); cell(tr, t(`level.${s.level}`));
    cell(tr, t(`subject.${s.subject}`)); cell(tr, shanghaiTime(s.t0));
    cell(tr, '').appendChild(h('button', { type: 'button', class: 'secondary', text: t('sittings.open'),
      'aria-label': `${t('sittings.open')} ${s.title}`, on: { click: () => openSitting(s.id).catch(failure) } }));
  });
}

async function openSitting(id) {
  const path = `/api/admin/sittings/${encodeURIComponent(id)}`;
  const [sitting, coverage, admission, rules] = await Promise.all([api('GET', path), api('GET', `${path}/photos`),
    api('GET', `${path}/admission`), api('GET', `${path}/rules`)]);
  state.admission = admission;
  state.rules = rules;
  if (!state.sitting || state.sitting.id !== id) Object.assign(state, { photoErrors: null, photoStatus: null });
  state.sitting = sitting;
  state.photoCoverage = coverage;
  renderSitting();
  renderPhotos();
  fillAdmission();
  renderRules();
  $('#room-form [name=name]').focus();
}

function renderSitting() {
  const s = state.sitting;
  $('#sitting-detail').hidden = false;
  fill($('#detail-title'), `${s.title} (${s.id})`);
  $('#detail-counts').textContent = t('sittings.counts', {
    rooms: s.rooms.length, seats: s.seats, candidates: s.candidates, assembled: s.assembledAt > 0 ? t('yes') : t('no'),
  });
  $('#detail-pin').textContent = s.enrolmentPin ? t('sittings.pinShown', { pin: s.enrolmentPin }) : '';
  $('#detail-start').textContent = s.startAt <= Date.now() ? t('sittings.started', { at: shanghaiTime(s.startAt) })
    : t('sittings.notStarted', { t0: shanghaiTime(s.t0) });
  // Redrawn on a language switch too (for the names' lang): the ticks already made stay.
  const ticked = new Set(Array.from(document.querySelectorAll('#staff-rooms input:checked'), (box) => box.value));
  $('#staff-rooms').replaceChildren(...s.rooms.map((r) => h('label', {},
    h('input', { type: 'checkbox', name: 'roomIds', value: r.id, checked: ticked.has(r.id) }), ' ',
    fill(h('span'), r.name))));
}

function renderRules() {
  const r = state.rules;
  const f = $('#rules-form');
  f.elements.lateEntryMinutes.value = r.lateEntryMinutes;
  f.elements.earliestSubmitMinutes.value = r.earliestSubmitMinutes;
  f.elements.offlineWindowMinutes.value = r.offlineWindowMinutes;
  f.elements.rulesVersion.value = r.rulesVersion;
  $('#rules-status').textContent = r.updatedBy ? t('rules.updated', { by: r.updatedBy, at: shanghaiTime(r.updatedAt) }) : '';
}

function fillResultSittings() {
  const sel = $('#results-sitting');
  const keep = sel.value;
  sel.replaceChildren(...state.sittings.map((s) => h('option', { value: s.id, text: `${s.title} (${s.id})`,
    lang: wholeLang(s.title, i18n.lang()) })));
  if (keep) sel.value = keep;
}

async function loadResults(id) {
  const path = `/api/admin/sittings/${encodeURIComponent(id)}`;
  // The sitting and its rules say until when a candidate without a login may still arrive (late entry).
  const [results, sitting, rules] = await Promise.all([api('GET', `${path}/results`), api('GET', path),
    api('GET', `${path}/rules`).catch(() => null)]);
  state.results = results;
  state.arrivalUntil = arrivalOpenUntil(sitting, rules);
  renderResults();
  await loadCertificates(id);
}

async function loadCertificates(id) {
  state.certificates = await api('GET', `/api/admin/certificates?sittingId=${encodeURIComponent(id)}`);
  renderCertificates();
}

function renderCertificates() {
  const list = state.certificates || [];
  rows('#certificates-table', list, (tr, c) => {
    if (c.status === 'REVOKED') tr.className = 'lifted';
    for (const text of certificateCells(c, t, state.certCodes, shanghaiTime)) cell(tr, text);
    cell(tr, '').appendChild(h('button', { type: 'button', class: 'secondary', text: t('certs.pdf'),
      'aria-label': `${t('certs.pdf')} ${c.number}`, on: { click: () => act(() => certificatePdf(c.number)) } }));
  });
  $('#certificates-table').hidden = list.length === 0;
  $('#certificates-empty').hidden = list.length > 0 || !state.results.length;
  const said = state.certSaid;
  fill($('#certificates-status'), said ? said() : '');
}

/** Downloads a certificate's PDF; with the code this page issued, the PDF prints it (sent in a header, never a URL). */
async function certificatePdf(number) {
  const code = state.certCodes.get(number);
  const blob = await api('GET', `/api/admin/certificates/${encodeURIComponent(number)}/pdf`, undefined, undefined,
    code ? { 'X-Verification-Code': code } : undefined);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob); a.download = `certificate-${number}.pdf`;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  say('');
}

function renderResults() {
  const arrival = { until: state.arrivalUntil || 0, now: Date.now() };
  rows('#results-table', state.results, (tr, r) => {
    if (r.status === 'CANCELLED') tr.className = 'cancelled';
    for (const text of resultCells(r, t, arrival)) cell(tr, text);
  });
}

async function loadBans(idNumber) {
  const q = idNumber ? `?idNumber=${encodeURIComponent(idNumber)}` : '';
  state.bans = await api('GET', `/api/admin/bans${q}`);
  renderBans();
}

function renderBans() {
  rows('#bans-table', state.bans, (tr, b) => {
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
  session.start(out);
  renderWho(); say(''); show('sittings');
});

form('#sitting-form', async (f, el) => {
  const body = {
    title: f.get('title'), occupation: f.get('occupation'), level: Number(f.get('level')), subject: f.get('subject'),
    t0: `${f.get('t0')}:00+08:00`, durationMinutes: Number(f.get('durationMinutes')),
  };
  if (f.get('enrolmentPin')) body.enrolmentPin = f.get('enrolmentPin');
  const s = await api('POST', '/api/admin/sittings', body);
  el.reset(); say(() => t('saved'));
  await loadSittings(); await openSitting(s.id);
});

form('#rules-form', async (f) => {
  state.rules = await api('PUT', `/api/admin/sittings/${state.sitting.id}/rules`, {
    lateEntryMinutes: Number(f.get('lateEntryMinutes')), earliestSubmitMinutes: Number(f.get('earliestSubmitMinutes')),
    rulesVersion: f.get('rulesVersion'), offlineWindowMinutes: Number(f.get('offlineWindowMinutes')),
  });
  renderRules(); say(() => t('saved'));
});

form('#room-form', async (f, el) => {
  await api('POST', `/api/admin/sittings/${state.sitting.id}/rooms`,
    { name: f.get('name'), rows: Number(f.get('rows')), cols: Number(f.get('cols')) });
  el.reset(); say(() => t('saved')); await openSitting(state.sitting.id);
});

function renderRosterErrors() {
  const errors = state.rosterErrors;
  $('#roster-errors').hidden = !errors;
  if (errors) rows('#roster-errors', errors, (tr, x) => { cell(tr, x.row); cell(tr, x.column); cell(tr, x.field); cell(tr, x.message); });
}

form('#roster-form', async (f) => {
  const file = f.get('file');
  try {
    const out = await api('POST', `/api/admin/sittings/${state.sitting.id}/roster?fileName=${encodeURIComponent(file.name)}`,
      undefined, await file.arrayBuffer());
    state.rosterErrors = null; renderRosterErrors();
    say(() => t('imported', { n: out.imported })); await openSitting(state.sitting.id);
  } catch (e) {
    const errors = e.details && e.details.errors;
    if (!errors) throw e;
    state.rosterErrors = errors; renderRosterErrors();
    say(() => t('roster.rejected', { n: errors.length }), true);
    $('#roster-errors').scrollIntoView({ block: 'nearest' });
  }
});

/** The photo coverage of the open sitting, the last import's outcome next to its button, and its problems. */
function renderPhotos() {
  const c = state.photoCoverage;
  let text = '';
  if (c) {
    text = t('photos.coverage', { candidates: c.candidates, with: c.withPhoto });
    if (c.missing.length > 0) {
      const shown = c.missing.slice(0, 8).join('、');
      text += ` ${t('photos.missing', { list: c.missing.length > 8 ? `${shown} ${t('photos.more', { n: c.missing.length - 8 })}` : shown })}`;
    }
  }
  $('#photos-coverage').textContent = text;
  const status = $('#photos-status');
  status.textContent = state.photoStatus ? state.photoStatus.render() : '';
  status.className = state.photoStatus && state.photoStatus.isError ? 'error' : '';
  const errors = state.photoErrors;
  $('#photo-errors').hidden = !errors;
  if (errors) rows('#photo-errors', errors, (tr, x) => { cell(tr, x.entry || t('photos.archive'));
    // Each problem in the page's language: the server says it in both.
    cell(tr, i18n.lang() === 'en' ? x.message : (x.messageZh || x.message));
  });
}

form('#photos-form', async (f, el) => {
  const file = f.get('file');
  const sayHere = (render, isError = false) => { state.photoStatus = { render, isError }; say(render, isError); renderPhotos(); };
  try {
    const out = await api('POST', `/api/admin/sittings/${state.sitting.id}/photos?fileName=${encodeURIComponent(file.name)}`,
      undefined, await file.arrayBuffer());
    state.photoErrors = null;
    el.reset();
    sayHere(() => t('photos.imported', { n: out.imported }));
    await openSitting(state.sitting.id);
  } catch (e) {
    const errors = e.details && e.details.errors;
    if (!errors) { sayHere(() => describeError(e, i18n.lang(), t), true); return; }
    state.photoErrors = errors;
    sayHere(() => t('photos.rejected', { n: errors.length }), true);
    $('#photo-errors').scrollIntoView({ block: 'nearest' });
  }
});

/** A datetime-local value (Beijing time, as typed) of epoch milliseconds. */
function localBeijing(ms) {
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 16);
}

/** The sitting's admission settings into their form, and its rooms into the ticket scope. */
function fillAdmission() {
  const a = state.admission;
  const el = $('#admission-form');
  el.siteName.value = a.siteName;
  el.siteAddress.value = a.siteAddress;
  el.ticketsOpenAt.value = localBeijing(a.ticketsOpenAt);
  el.identityRequired.checked = a.identityRequired;
  el.chargeIdentityDelay.checked = a.chargeIdentityDelay;
  $('#admission-status').textContent = '';
  fillTicketRooms();
}

function fillTicketRooms() {
  if (!state.sitting) return;
  const sel = $('#tickets-room');
  const keep = sel.value;
  sel.replaceChildren(h('option', { value: '', text: t('tickets.all') }),
    ...state.sitting.rooms.map((r) => h('option', { value: r.id, text: t('tickets.room', { name: r.name }) })));
  sel.value = keep;
}

form('#admission-form', async (f, el) => {
  const opens = f.get('ticketsOpenAt');
  state.admission = await api('PUT', `/api/admin/sittings/${state.sitting.id}/admission`, {
    siteName: f.get('siteName'), siteAddress: f.get('siteAddress'),
    ticketsOpenAt: opens ? new Date(`${opens}:00+08:00`).toISOString() : null,
    identityRequired: el.identityRequired.checked, chargeIdentityDelay: el.chargeIdentityDelay.checked,
  });
  fillAdmission();
  $('#admission-status').textContent = t('admission.saved');
  say(() => t('admission.saved'));
});

button('#tickets-download', async () => {
  const room = $('#tickets-room').value;
  const paper = $('#tickets-paper').value;
  const query = `?paper=${paper}${room ? `&roomId=${encodeURIComponent(room)}` : ''}`;
  const pdf = await api('GET', `/api/admin/sittings/${state.sitting.id}/tickets${query}`);
  const file = `tickets-${state.sitting.id}${room ? `-${room}` : ''}-${paper}.pdf`;
  const url = URL.createObjectURL(pdf);
  const link = h('a', { href: url, download: file });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  say(() => t('tickets.done', { file }));
});

form('#blueprint-form', async (f) => {
  let blueprint;
  try { blueprint = JSON.parse(f.get('blueprint')); } catch (e) { say(() => `${t('blueprint.json')}: ${e.message}`, true); return; }
  await api('PUT', `/api/admin/sittings/${state.sitting.id}/blueprint`, { bankId: f.get('bankId'), blueprint });
  say(() => t('saved'));
});

button('#assemble', async () => {
  const out = await api('POST', `/api/admin/sittings/${state.sitting.id}/assemble`);
  say(() => t('assembled', { n: out.papers })); await openSitting(state.sitting.id);
});

button('#start-sitting', async () => {
  const s = await api('POST', `/api/admin/sittings/${state.sitting.id}/start`);
  await openSitting(s.id); say(() => t('start.done', { at: shanghaiTime(s.startAt) }));
});

button('#agent-key', async () => {
  const out = await api('POST', `/api/admin/sittings/${state.sitting.id}/agent-keys`);
  $('#agent-key-value').value = out.agentKey;
  $('#agent-key-box').hidden = false;
  say(() => t('agent.done'));
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
  el.reset(); syncStaffRooms(); say(() => t('staff.done', { username: out.username, role: t(`role.${out.role}`) }));
});

form('#lift-form', async (f, el) => {
  const id = (f.get('decisionId') || '').trim();
  await api('POST', `/api/admin/bans/${encodeURIComponent(id)}/lift`, { reason: f.get('reason') });
  el.reset(); await loadBans(($('#bans-form [name=idNumber]').value || '').trim());
  say(() => t('bans.liftDone', { id }));
});

function renderBankReport() {
  const report = state.bankReport;
  fill($('#bank-summary'), report && report.bankId ? `${report.bankId}: ${report.title ?? ''}` : '');
  const issues = report ? report.issues : [];
  rows('#bank-issues', issues, (tr, i) => {
    cell(tr, i18n.has(`severity.${i.severity}`) ? t(`severity.${i.severity}`) : i.severity);
    cell(tr, i.rule); cell(tr, i.location); cell(tr, i.message);
  });
  $('#bank-issues').hidden = issues.length === 0;
}

form('#bank-form', async (f) => {
  const file = f.get('file');
  let report;
  try {
    report = await api('POST', bankUploadPath(file.name, f), undefined, await file.arrayBuffer());
    say(() => t('banks.accepted', { bankId: report.bankId, items: report.items, issues: report.issues.length }));
  } catch (e) {
    report = e.details && e.details.issues ? e.details : null;
    if (!report) throw e;
    say(() => t('banks.rejected', { issues: report.issues.length }), true);
  }
  state.bankReport = report;
  renderBankReport();
  loadBanks().catch(failure);
});

form('#results-form', async (f) => { state.certSaid = null; await loadResults(f.get('sitting')); say(''); });
form('#bans-form', async (f) => { await loadBans((f.get('idNumber') || '').trim()); say(''); });
button('#export-csv', async () => { await download('csv'); say(''); });
button('#export-xlsx', async () => { await download('xlsx'); say(''); });
button('#issue-certificates', async () => {
  const id = $('#results-sitting').value;
  const issued = await api('POST', `/api/admin/sittings/${encodeURIComponent(id)}/certificates`);
  for (const c of issued) state.certCodes.set(c.number, c.verificationCode);
  state.certSaid = () => issuedMessage(issued, t);
  if (state.results.length === 0) await loadResults(id); else await loadCertificates(id);
  say('');
});
button('#release-results', async () => {
  const id = $('#results-sitting').value;
  const out = await api('POST', `/api/admin/sittings/${encodeURIComponent(id)}/results/release`);
  say(() => t('results.released', { at: shanghaiTime(out.releasedAt) }));
});
// A void takes no key: the field is disabled then, so nobody types an answer that would be ignored.
function syncErratumKey() {
  $('#errata-form [name=key]').disabled = $('#errata-form [name=kind]').value === 'VOID';
}
// A refusal about the key no longer applies once the correction changes: the old line would read as current.
$('#errata-form [name=kind]').addEventListener('change', () => { syncErratumKey(); say(''); });
$('#errata-form').addEventListener('reset', () => setTimeout(syncErratumKey));
form('#errata-form', async (f, el) => {
  const id = $('#results-sitting').value;
  const read = erratumBody({ itemId: f.get('itemId'), kind: f.get('kind'), key: f.get('key'), reason: f.get('reason') });
  if (read.field) {
    const input = el.elements.namedItem(read.field);
    const label = input && input.closest('label') ? input.closest('label').querySelector('span').textContent : read.field;
    say(() => t('errata.missing', { field: label }), true);
    if (input) input.focus();
    return;
  }
  // Rescoring a whole sitting cannot be taken back: one explicit confirmation names what it touches.
  if (!window.confirm(t('errata.confirm', { item: read.body.itemId, sitting: id }))) { say(''); return; }
  const out = await api('POST', `/api/admin/sittings/${encodeURIComponent(id)}/errata`, read.body);
  say(() => erratumOutcome(out, t));
  el.reset();
  await loadResults(id);
});
// 复核与复议 (reviews and appeals). A review request is recorded for a candidate here and decided by the chief
// marker on /review/; an appeal against a misconduct decision is decided here by an administrator other than the
// decision's author, and recorded as a new decision (the API keeps the history append-only).

function fillAppealSittings() {
  const sel = $('#appeals-sitting');
  const keep = sel.value;
  sel.replaceChildren(...state.sittings.map((s) => h('option', { value: s.id, text: `${s.title} (${s.id})`,
    lang: wholeLang(s.title, i18n.lang()) })));
  if (keep) sel.value = keep;
}

async function loadAppeals(id) {
  const path = encodeURIComponent(id);
  const [reviews, decisions] = await Promise.all([api('GET', `/api/admin/sittings/${path}/reviews`),
    api('GET', `/api/proctor/sittings/${path}/decisions`)]);
  Object.assign(state.appeals, { sittingId: id, reviews, decisions });
  renderAppeals();
}

/** Says `said` ({render, isError} or null) in the status line next to a form's button. */
function sayAt(sel, said) {
  const el = $(sel);
  fill(el, said ? said.render() : '');
  el.className = said && said.isError ? 'error' : '';
}

function renderAppeals() {
  const a = state.appeals;
  const loaded = Boolean(a.sittingId);
  rows('#reviews-table', a.reviews, (tr, r) => { for (const text of reviewRequestCells(r, t)) cell(tr, text); });
  $('#reviews-table').hidden = a.reviews.length === 0;
  $('#reviews-empty').hidden = !loaded || a.reviews.length > 0;
  const ordered = [...a.decisions].sort((x, y) => x.at - y.at);
  rows('#decisions-table', ordered, (tr, d) => {
    if (d.revisedBy) tr.className = 'lifted';
    for (const text of decisionCells(d, t)) cell(tr, text);
    const actions = cell(tr, '');
    if (appealable(d)) {
      actions.appendChild(h('button', { type: 'button', class: 'secondary', text: t('appeals.appeal'),
        'aria-label': `${t('appeals.appeal')} ${d.candidateId} ${d.category}`, on: { click: () => openRevision(d) } }));
    }
  });
  $('#decisions-table').hidden = a.decisions.length === 0;
  $('#decisions-empty').hidden = !loaded || a.decisions.length > 0;
  const target = a.revising;
  $('#revise-form').hidden = !target;
  fill($('#revise-target'), target ? `${target.candidateId} · ${target.category} · ${t(`appeals.outcome.${target.outcome}`)}`
    : '');
  sayAt('#review-status', a.reviewSaid);
  sayAt('#revise-status', a.reviseSaid);
  sayAt('#decisions-status', a.decisionsSaid);
}

function openRevision(d) {
  state.appeals.revising = d;
  state.appeals.reviseSaid = null;
  state.appeals.decisionsSaid = null;
  $('#revise-form').reset();
  $('#revise-form [name=decisionId]').value = d.decisionId;
  renderAppeals();
  $('#revise-h').focus();
}

/** The label text of a form's field, to name it in a message. */
function labelOf(formEl, field) {
  const input = formEl.elements.namedItem(field);
  const label = input && input.closest && input.closest('label');
  return label ? label.querySelector('span').textContent : field;
}

/**
 * Runs a form of the appeals view: its outcome or refusal is said next to its button (key `said`), a refusal naming
 * a field of the form puts the cursor there.
 */
function appealForm(sel, said, handler) {
  $(sel).addEventListener('submit', (ev) => {
    ev.preventDefault();
    const el = ev.target;
    state.appeals[said] = { render: () => t('working') };
    renderAppeals();
    Promise.resolve().then(() => handler(new FormData(el), el)).catch((e) => {
      // The field is named by its label on the form, as the person filling it in reads it.
      state.appeals[said] = { render: () => describeError(e, i18n.lang(), t, (f) => labelOf(el, f)), isError: true };
      renderAppeals();
      const field = e.details && e.details.field;
      const input = field && el.elements.namedItem(field);
      if (input && input.focus) input.focus();
    });
  });
}

/** Refuses a form locally, naming the field, before anything is sent. */
function missing(said, el, field) {
  state.appeals[said] = { render: () => t('appeals.missing', { field: labelOf(el, field) }), isError: true };
  renderAppeals();
  const input = el.elements.namedItem(field);
  if (input && input.focus) input.focus();
}

form('#appeals-sitting-form', async (f) => {
  Object.assign(state.appeals, { revising: null, reviewSaid: null, reviseSaid: null, decisionsSaid: null });
  await loadAppeals(f.get('sitting'));
  say('');
});

appealForm('#review-form', 'reviewSaid', async (f, el) => {
  const id = state.appeals.sittingId || $('#appeals-sitting').value;
  const read = reviewRequestBody({ ticket: f.get('ticket'), reason: f.get('reason') });
  if (read.field) { missing('reviewSaid', el, read.field); return; }
  const out = await api('POST', `/api/admin/sittings/${encodeURIComponent(id)}/reviews`, read.body);
  el.reset();
  state.appeals.reviewSaid = { render: () => t('appeals.reviewDone', { ticket: out.ticket }) };
  await loadAppeals(id);
});

appealForm('#revise-form', 'reviseSaid', async (f, el) => {
  const id = state.appeals.sittingId;
  const read = revisionBody({ outcome: f.get('outcome'), category: f.get('category'), severity: f.get('severity'),
    reason: f.get('reason') });
  if (read.field) { missing('reviseSaid', el, read.field); return; }
  const decisionId = f.get('decisionId');
  const out = await api('POST', `/api/proctor/sittings/${encodeURIComponent(id)}/decisions/`
    + `${encodeURIComponent(decisionId)}/revisions`, read.body);
  state.appeals.revising = null;
  // The form closes; its outcome is said beside the decisions it changed.
  state.appeals.reviseSaid = null;
  state.appeals.reviewSaid = null;
  state.appeals.decisionsSaid = { render: () => revisedMessage(out, t) };
  await loadAppeals(id);
  // Focus goes where the outcome is said, beside the decisions it changed.
  $('#decisions-status').focus();
});

button('#revise-cancel', async () => {
  state.appeals.revising = null; state.appeals.reviseSaid = null;
  renderAppeals(); say('');
  const again = $(`#decisions-table button`);
  if (again) again.focus();
});
document.querySelectorAll('#nav button').forEach((b) => b.addEventListener('click', () => show(b.dataset.view)));
$('#logout').addEventListener('click', logout);
$('#lang').addEventListener('click', () => i18n.toggle());
i18n.onLangChange(applyLanguage);

applyLanguage();
show(session.signedIn() ? 'sittings' : 'login');
