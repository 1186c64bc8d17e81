/*
 * The proctor console web app. State lives in plain objects keyed by seat code (the seat model and its rules are in
 * seats.js); the live stream (SSE) delivers one coalesced batch per flush, and only the seats a batch touched are
 * re-drawn, at most once per animation frame, each tile in place (the kit's keyed render()).
 */
import { h } from '../kit/dom.js';
import { api as kitApi } from '../kit/api.js';
import { render as renderKeyed, keyed } from '../kit/render.js';
import {
  CATEGORIES, SEAT_STATES, newSeat, applyAttempt, applyProgress, applySeatEvent, seatState, openFlagCount,
  countSeats, timeLeft as seatTimeLeft, fmtSkew, roomCells, neighbour, feedEntries,
} from './seats.js';
import {
  t, lang, toggle, onLangChange, errorText, fmtTime, kindText, explain, loadTexts, applyTexts,
} from './texts.js';

const FEED_LIMIT = 400;

export const app = {
  token: sessionStorage.getItem('examcore.console.token'),
  user: JSON.parse(sessionStorage.getItem('examcore.console.user') || 'null'),
  sitting: null,        // {id, title, t0, itemCount, rooms}
  seats: new Map(),     // code -> seat model
  rooms: [],
  roomId: null,
  view: 'site',
  offset: 0,            // serverNow - Date.now()
  flags: new Map(),     // flagId -> flag
  decided: new Map(),   // flagId -> decision
  suggestions: new Map(),
  events: [],           // newest last, capped
  selected: null,
  panelSignature: null,
  source: null,
  dirty: new Set(),
  frame: 0,
  feedDirty: false,
  poll: 0,
  refreshedAt: 0
};

const $ = id => document.getElementById(id);

/** The kit's request helper with the staff token; a failure is the kit's ApiError, said by errorText(). */
function api(method, path, body) {
  return kitApi(method, path, {token: app.token, body});
}

/* ---------- login ---------- */
$('login-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  $('login-error').textContent = '';
  try {
    const out = await api('POST', '/api/admin/login', {username: $('username').value, password: $('password').value});
    app.token = out.token;
    app.user = {username: out.username, role: out.role};
    sessionStorage.setItem('examcore.console.token', app.token);
    sessionStorage.setItem('examcore.console.user', JSON.stringify(app.user));
    await afterLogin();
  } catch (e) {
    $('login-error').textContent = errorText(e);
  }
});

$('logout').addEventListener('click', () => {
  sessionStorage.clear();
  location.reload();
});

$('lang').addEventListener('click', () => toggle());
onLangChange(() => {
  applyTexts();
  fillStaticSelects();
  for (const o of $('room').options) {
    const r = app.rooms.find(x => x.id === o.value);
    if (r) o.textContent = t('roomOf', {name: r.name});
  }
  if (app.source) $('live').textContent = '● ' + t('live');
  renderAll();
  if (app.selected) renderSeatPanel();
});

async function afterLogin() {
  $('login-view').hidden = true;
  $('logout').hidden = false;
  $('who').textContent = app.user.username + ' (' + app.user.role + ')';
  $('run-similarity').hidden = app.user.role !== 'ADMIN';
  const sittings = await api('GET', '/api/proctor/sittings');
  const sel = $('sitting');
  sel.replaceChildren(...sittings.map(s => h('option', {value: s.id, text: s.title})));
  if (sittings.length === 0) {
    $('live').textContent = t('noRooms');
    return;
  }
  await openSitting(sittings[0].id);
}

$('sitting').addEventListener('change', e => openSitting(e.target.value));
$('room').addEventListener('change', e => showRoom(e.target.value));
$('show-site').addEventListener('click', () => showSite());

/* ---------- model ---------- */
async function openSitting(id) {
  if (app.source) {
    app.source.close();
    app.source = null;
  }
  const layout = await api('GET', '/api/proctor/sittings/' + encodeURIComponent(id) + '/rooms');
  app.offset = layout.serverNow - Date.now();
  app.sitting = layout;
  app.rooms = layout.rooms;
  app.seats = new Map();
  app.flags = new Map();
  app.suggestions = new Map();
  app.events = [];
  for (const room of layout.rooms) {
    for (const s of room.seats) app.seats.set(s.code, newSeat(s, room.id));
  }
  $('room').replaceChildren(...app.rooms.map(r => h('option', {value: r.id, text: t('roomOf', {name: r.name})})));
  $('views').hidden = false;
  await Promise.all([refreshAttempts(), loadEvents(), loadDecisions()]);
  connectLive();
  clearInterval(app.poll);
  // Progress arrives on the stream; the query re-syncs states and deadlines every 10 s while a seat still waits for
  // the start (an early release or T0 is no seat event), otherwise once a minute.
  app.poll = setInterval(() => {
    const waiting = [...app.seats.values()].some(s => s.state === 'WAITING');
    if (waiting || Date.now() - app.refreshedAt >= 60000) refreshAttempts();
  }, 10000);
  if (app.rooms.length === 1) {
    showRoom(app.rooms[0].id);
  } else {
    showSite();
  }
}

/** States, deadlines and counts from the attempts query: at start, after some actions, every 10 s before the start
 *  and every minute after it. */
async function refreshAttempts() {
  app.refreshedAt = Date.now();
  const list = await api('GET', '/api/proctor/sittings/' + encodeURIComponent(app.sitting.id) + '/attempts');
  for (const a of list) {
    const s = app.seats.get(a.seatCode);
    if (s && applyAttempt(s, a)) markDirty(s.code);
  }
}

async function loadEvents() {
  const list = await api('GET', '/api/proctor/sittings/' + encodeURIComponent(app.sitting.id) + '/events');
  list.sort((a, b) => a.at - b.at);
  for (const e of list) applyEvent(e, false);
  app.feedDirty = true;
  scheduleRender();
}

async function loadDecisions() {
  try {
    const list = await api('GET', '/api/proctor/sittings/' + encodeURIComponent(app.sitting.id) + '/decisions');
    for (const d of list) if (d.flagId) app.decided.set(d.flagId, d);
  } catch (e) {
    // exam-server without the decisions endpoint: flags stay undecided here, and saying so is enough.
    console.warn('decisions not available: ' + errorText(e));
  }
}

/** Records an event in the feed and applies it to its seat (seats.js says how). */
export function applyEvent(e, live) {
  app.events.push(e);
  if (app.events.length > 5000) app.events.splice(0, app.events.length - 5000);
  const s = app.seats.get(e.seatCode);
  if (!s) return;
  if (e.kind === 'DECISION_RECORDED' && e.detail && e.detail.flagId) app.decided.set(e.detail.flagId, e.detail);
  if (applySeatEvent(s, e) && live) refreshAttempts();
  markDirty(s.code);
}

function openFlagsOf(code) {
  return openFlagCount(app.flags, app.decided, code);
}

/* ---------- live stream ---------- */
/**
 * EventSource cannot send the bearer token, and a token in the URL would sit in logs and history for its whole
 * life: the page asks for a one-time ticket (valid ~30 s) with the header and opens the stream with that. The
 * server ends the stream when the staff token expires; the page then logs in again.
 */
async function connectLive() {
  const sittingId = app.sitting.id;
  let ticket;
  try {
    ticket = await api('POST', '/live/sittings/' + encodeURIComponent(sittingId) + '/ticket');
  } catch (e) {
    if (e.status === 401) { relogin(errorText(e)); return; }
    $('live').textContent = t('reconnecting');
    setTimeout(() => { if (app.sitting && app.sitting.id === sittingId && !app.source) connectLive(); }, 3000);
    return;
  }
  if (!app.sitting || app.sitting.id !== sittingId) return;
  const url = '/live/sittings/' + encodeURIComponent(sittingId) + '/stream?ticket=' + encodeURIComponent(ticket.ticket);
  const src = new EventSource(url);
  app.source = src;
  src.onopen = () => { $('live').textContent = '● ' + t('live'); };
  src.onerror = () => {
    $('live').textContent = t('reconnecting');
    // A ticket is good for one stream: on any break, close this one and open a new stream with a new ticket.
    if (app.source === src) {
      src.close();
      app.source = null;
      setTimeout(() => { if (!app.source && app.sitting && app.sitting.id === sittingId) connectLive(); }, 3000);
    }
  };
  src.onmessage = msg => {
    const m = JSON.parse(msg.data);
    app.offset = m.serverNow - Date.now();
    if (m.type === 'expired') {
      src.close();
      if (app.source === src) app.source = null;
      relogin(errorText(m));
      return;
    }
    if (m.type === 'batch') {
      for (const e of m.events) applyEvent(e, true);
      for (const a of m.audit) feedAudit(a);
      for (const id of m.removedFlags) { const f = app.flags.get(id); app.flags.delete(id); if (f) markDirty(f.seatCode); }
    }
    for (const p of m.progress || []) {
      const s = app.seats.get(p.seatCode);
      if (s) { applyProgress(s, p); markDirty(s.code); }
    }
    for (const f of m.flags) { app.flags.set(f.id, f); markDirty(f.seatCode); }
    for (const s of m.suggestions) { app.suggestions.set(s.id, s); markDirty(s.seatCode); }
    app.feedDirty = true;
    scheduleRender();
  };
}

/** The staff token expired or was refused: back to the login form, saying why. */
function relogin(why) {
  if (app.source) { app.source.close(); app.source = null; }
  clearInterval(app.poll);
  app.token = null;
  sessionStorage.removeItem('examcore.console.token');
  sessionStorage.removeItem('examcore.console.user');
  for (const id of ['views', 'logout', 'site-view', 'room-view', 'side']) $(id).hidden = true;
  $('login-view').hidden = false;
  $('login-error').textContent = t('sessionExpired') + (why ? ' (' + why + ')' : '');
}

function feedAudit(a) {
  app.events.push({id: a.id, kind: 'AUDIT:' + a.action, seatCode: a.target, at: a.at,
    detail: {by: a.actor, detail: a.detail}, audit: true});
}

/* ---------- rendering ---------- */
function markDirty(code) {
  app.dirty.add(code);
  scheduleRender();
}

function scheduleRender() {
  if (!app.frame) app.frame = requestAnimationFrame(render);
}

export function render() {
  app.frame = 0;
  if (app.view === 'room') {
    for (const code of app.dirty) {
      const s = app.seats.get(code);
      const el = s && s.roomId === app.roomId ? keyed($('seat-map'), code) : null;
      if (el) drawSeat(el, s);
    }
    renderRoomSummary();
  } else {
    renderSite();
  }
  app.dirty.clear();
  if (app.selected) renderSeatPanel();
  if (app.feedDirty) renderFeed();
}

function renderAll() {
  if (!app.sitting) return;
  if (app.view === 'room') showRoom(app.roomId); else showSite();
}

function counts(seats) {
  return countSeats(seats, openFlagsOf);
}

export function showSite() {
  app.view = 'site';
  $('site-view').hidden = false;
  $('room-view').hidden = true;
  $('side').hidden = false;
  renderSite();
  renderFeed();
}

function renderSite() {
  const body = $('site-rows');
  const byRoom = new Map(app.rooms.map(r => [r.id, []]));
  for (const s of app.seats.values()) byRoom.get(s.roomId).push(s);
  body.replaceChildren(...app.rooms.map(r => {
    const c = counts(byRoom.get(r.id));
    return h('tr', {class: c.flags > 0 ? 'has-flags' : null},
      h('td', {}, h('button', {type: 'button', text: r.name, on: {click: () => showRoom(r.id)}})),
      [c.seats, c.present, c.absent, c.submitted, c.offline, c.flags].map(v => h('td', {text: v})));
  }));
}

export function showRoom(roomId) {
  const room = app.rooms.find(r => r.id === roomId);
  if (!room) return;
  app.view = 'room';
  app.roomId = roomId;
  $('room').value = roomId;
  $('site-view').hidden = true;
  $('room-view').hidden = false;
  $('side').hidden = false;
  $('room-title').textContent = t('roomOf', {name: room.name});
  const map = $('seat-map');
  map.style.gridTemplateColumns = 'repeat(' + room.cols + ', minmax(96px, 1fr))';
  // Keyed by seat code: showing the same room again (a language switch, a re-sync) keeps every tile and its focus.
  renderKeyed(map, roomCells(room), cell => cell.key,
    cell => (cell.code ? seatTile(room, cell.code) : h('div')),
    (el, cell) => { if (cell.code) drawSeat(el, app.seats.get(cell.code)); });
  $('legend').replaceChildren(...SEAT_STATES.map(st => h('span', {class: 's-' + st, text: t('st_' + st)})));
  renderRoomSummary();
  renderFeed();
}

/** A seat's tile: made once per room view, then only drawSeat() changes it. */
function seatTile(room, code) {
  const part = cls => h('div', {class: cls});
  return h('button', {type: 'button', dataset: {seat: code}, role: 'gridcell', on: {
    click: () => selectSeat(code),
    // Arrow keys move between seats like the room's rows and columns.
    keydown: ev => {
      const s = app.seats.get(code);
      const target = neighbour(room, s, ev.key);
      if (target === undefined) return;
      ev.preventDefault();
      if (target) keyed($('seat-map'), target.code).focus();
    }
  }}, part('code'), part('name'), part('meta'), part('meta'), part('meta'), h('span', {class: 'badge'}));
}

function timeLeft(s) {
  return seatTimeLeft(s, Date.now() + app.offset);
}

/** Brings a tile up to date in place: its class, data-state, texts and badge; no child is re-created. */
function drawSeat(el, s) {
  const st = seatState(s);
  const flags = openFlagsOf(s.code);
  el.className = 'seat s-' + st + (app.selected === s.code ? ' selected' : '');
  el.dataset.state = st;
  const total = app.sitting.itemCount || '?';
  const [code, name, state, progress, skew, badge] = el.children;
  const progressShown = Boolean(s.ticket) && st !== 'empty' && st !== 'absent';
  setText(code, s.code);
  setText(name, s.name || t('none'));
  setText(state, t('st_' + st));
  setText(progress, progressShown ? s.answered + '/' + total + ' · ' + timeLeft(s) : '');
  setText(skew, progressShown ? t('skewShort') + ' ' + fmtSkew(s) : '');
  setText(badge, flags > 0 ? '⚑' + flags : '');
  progress.hidden = skew.hidden = !progressShown;
  badge.hidden = flags === 0;
  el.setAttribute('aria-label', s.code + ' ' + (s.name || '') + ' ' + t('st_' + st) + (flags ? ' ⚑' + flags : ''));
}

/** Writes text only when it changed: a tick must not disturb a screen reader or a text selection for nothing. */
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

function renderRoomSummary() {
  const seats = [...app.seats.values()].filter(s => s.roomId === app.roomId);
  const c = counts(seats);
  $('room-summary').textContent = t('summary', c);
}

/** Only the shown room's clocks tick: at most 100 small text updates a second. */
setInterval(() => {
  if (app.view !== 'room') return;
  const map = $('seat-map');
  for (const s of app.seats.values()) {
    const el = s.roomId === app.roomId && s.deadline ? keyed(map, s.code) : null;
    if (el) drawSeat(el, s);
  }
}, 1000);

/* ---------- seat panel and actions ---------- */
function selectSeat(code) {
  const prev = app.selected;
  app.selected = code;
  if (prev) markDirty(prev);
  markDirty(code);
  $('seat-panel').hidden = false;
  $('action-result').textContent = '';
  renderSeatPanel();
  $('feed-seat').value = code;
  app.feedDirty = true;
}

function renderSeatPanel() {
  const s = app.seats.get(app.selected);
  if (!s) return;
  $('seat-title').textContent = s.code;
  const facts = [[t('candidate'), (s.name || t('none')) + (s.ticket ? ' · ' + s.ticket : '')],
    [t('state'), t('st_' + seatState(s))], [t('progress'), s.answered + '/' + (app.sitting.itemCount || '?')],
    [t('timeLeft'), timeLeft(s)], [t('skew'), fmtSkew(s)]];
  $('seat-facts').replaceChildren(...facts.flatMap(([k, v]) => [h('dt', {text: k}), h('dd', {text: v})]));
  // The lists hold inputs a proctor may be typing in: rebuild them only when their content changed.
  const sug = [...app.suggestions.values()].filter(x => x.seatCode === s.code);
  const list = [...app.flags.values()].filter(f => f.seatCode === s.code);
  const signature = lang() + '|' + s.code + '|' + s.reminded + '|' + sug.map(x => x.id).join(',') + '|'
    + list.map(f => f.id + ':' + f.evidence.length + ':' + (f.severity || '') + ':' + app.decided.has(f.id)).join(',');
  if (app.panelSignature === signature) return;
  app.panelSignature = signature;
  $('seat-suggestions').replaceChildren(...sug.map(x => {
    const reminded = s.reminded && s.reminded >= x.at;
    return h('div', {class: 'suggestion',
      text: x.category + ' · ' + (reminded ? t('reminderOpen') : t('suggestRemind')) + ' — ' + explain(x.explanation)});
  }));
  // New evidence may arrive while a proctor types a reason: carry what was typed (and the focus) over.
  const typed = new Map();
  for (const li of $('seat-flags').querySelectorAll('li[data-flag]')) {
    const input = li.querySelector('input[name=reason]');
    const sev = li.querySelector('select[name=severity]');
    typed.set(li.dataset.flag, {reason: input ? input.value : '', severity: sev ? sev.value : null,
      focused: input !== null && document.activeElement === input});
  }
  $('seat-flags').replaceChildren(...list.map(flagItem));
  for (const li of $('seat-flags').querySelectorAll('li[data-flag]')) {
    const before = typed.get(li.dataset.flag);
    const input = li.querySelector('input[name=reason]');
    if (!before || !input) continue;
    input.value = before.reason;
    const sev = li.querySelector('select[name=severity]');
    if (sev && before.severity) sev.value = before.severity;
    if (before.focused) input.focus();
  }
}

function flagItem(f) {
  const li = document.createElement('li');
  const decided = app.decided.get(f.id);
  li.dataset.flag = f.id;
  if (decided) li.className = 'decided';
  const head = document.createElement('div');
  head.textContent = f.category + ' (' + f.tier + (f.severity ? ', ' + t(f.severity.toLowerCase()) : '') + ') — '
    + explain(f.explanation);
  li.appendChild(head);
  const ev = document.createElement('div');
  ev.className = 'ev';
  ev.textContent = t('evidence') + ': ' + (f.similarity ? similarityText(f.similarity)
    : f.evidence.map(x => kindText(x.kind) + '@' + fmtTime(x.at)).join(', '));
  li.appendChild(ev);
  if (decided) {
    const d = document.createElement('div');
    d.textContent = t('decided') + ': ' + (decided.outcome || '') + ' ' + (decided.by || '');
    li.appendChild(d);
    return li;
  }
  const form = document.createElement('form');
  form.className = 'decide';
  let sev = null;
  if (f.tier === 'C') {
    sev = document.createElement('select');
    sev.name = 'severity';
    for (const v of ['MINOR', 'SERIOUS']) {
      const o = document.createElement('option'); o.value = v; o.textContent = t(v.toLowerCase()); sev.appendChild(o);
    }
    if (f.severity) sev.value = f.severity;
    form.appendChild(sev);
  }
  const reason = document.createElement('input');
  reason.name = 'reason';
  reason.required = true;
  reason.placeholder = t('reason');
  reason.setAttribute('aria-label', t('reason'));
  form.appendChild(reason);
  for (const outcome of ['CONFIRMED', 'DISMISSED']) {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.outcome = outcome;
    b.textContent = t(outcome === 'CONFIRMED' ? 'confirm' : 'dismiss');
    b.addEventListener('click', () => decide(f, outcome, sev ? sev.value : null, reason));
    form.appendChild(b);
  }
  li.appendChild(form);
  return li;
}

/** A similarity flag's evidence: the statistic, the p-value and the seats of each flagged pair. */
function similarityText(e) {
  const pairs = e.pairs.map(p => p.seatA + ' ↔ ' + p.seatB + (p.neighbours ? ' (' + t('neighbours') + ')' : '') + ': '
    + t('similarityEvidence', {identicalWrong: p.identicalWrong, bothWrong: p.bothWrong,
      expected: p.expectedIdenticalWrong.toFixed(1), p: p.pValue.toExponential(1)}));
  return t('similaritySeats') + ' ' + e.members.map(m => m.seatCode).join(', ') + ' — ' + pairs.join('; ');
}

/** The chief proctor (an administrator) runs the similarity detector now; its flags arrive on the stream. */
$('run-similarity').addEventListener('click', async () => {
  $('similarity-result').textContent = t('similarityRunning');
  try {
    const r = await api('POST', '/live/sittings/' + encodeURIComponent(app.sitting.id) + '/similarity');
    $('similarity-result').textContent = t('similarityDone', r)
      + (r.allSubmitted ? t('similarityFinal') : '');
  } catch (e) {
    $('similarity-result').textContent = t('refused') + ': ' + errorText(e);
  }
});

async function decide(f, outcome, severity, reasonInput) {
  if (!reasonInput.value.trim()) {
    reasonInput.focus();
    reasonInput.reportValidity();
    return;
  }
  const s = app.seats.get(f.seatCode);
  try {
    const d = await api('POST', '/api/proctor/sittings/' + encodeURIComponent(app.sitting.id) + '/decisions', {
      attemptId: f.attemptId || s.attemptId, category: f.category, severity: f.tier === 'C' ? severity : null,
      outcome, flagId: f.id, evidence: f.evidence.map(x => x.eventId), reason: reasonInput.value.trim()
    });
    app.decided.set(f.id, d);
    $('action-result').textContent = t('done') + ': ' + outcome + ' ' + f.category;
  } catch (e) {
    $('action-result').textContent = t('refused') + ': ' + errorText(e);
  }
  markDirty(f.seatCode);
}

document.querySelectorAll('.actions form').forEach(form => form.addEventListener('submit', async ev => {
  ev.preventDefault();
  const action = form.dataset.action;
  const s = app.seats.get(app.selected);
  if (!s) return;
  if (action === 'force-submit' && !confirm(t('confirmForce'))) return;
  const data = Object.fromEntries(new FormData(form).entries());
  const body = {};
  for (const [k, v] of Object.entries(data)) {
    if (v === '') continue;
    if (k === 'minutes') body.seconds = Number(v) * 60; else body[k] = v;
  }
  try {
    const out = await api('POST', '/api/proctor/sittings/' + encodeURIComponent(app.sitting.id) + '/seats/'
      + encodeURIComponent(s.code) + '/' + action, body);
    $('action-result').textContent = out.ok === false ? t('refused') + ': ' + errorText(out) : t('done') + ': ' + t(camel(action));
    if (out.state) { s.state = out.state; s.deadline = out.deadline; markDirty(s.code); }
    form.reset();
  } catch (e) {
    const field = e.details && e.details.field;
    $('action-result').textContent = t('refused') + ': ' + errorText(e) + (field ? ' [' + field + ']' : '');
  }
}));

function camel(action) {
  return action.replace(/-(\w)/g, (m, c) => c.toUpperCase());
}

for (const dir of ['pause', 'resume']) {
  $('room-' + dir).addEventListener('click', async () => {
    try {
      const out = await api('POST', '/api/proctor/sittings/' + encodeURIComponent(app.sitting.id) + '/rooms/'
        + encodeURIComponent(app.roomId) + '/' + dir, {});
      $('live').textContent = t('done') + ': ' + t(dir === 'pause' ? 'roomPause' : 'roomResume')
        + ' (' + (out.seats ? out.seats.length : 0) + ')';
      refreshAttempts();
    } catch (e) {
      $('live').textContent = t('refused') + ': ' + errorText(e);
    }
  });
}

/* ---------- feed ---------- */
function renderFeed() {
  app.feedDirty = false;
  const roomSeats = app.view === 'room'
    ? new Set([...app.seats.values()].filter(s => s.roomId === app.roomId).map(s => s.code)) : null;
  const {shown, kinds} = feedEntries(app.events,
    {kind: $('feed-kind').value, cat: $('feed-cat').value, seat: $('feed-seat').value.trim(), roomSeats}, FEED_LIMIT);
  $('feed').replaceChildren(...shown.map(e => h('li', {},
    fmtTime(e.at) + ' ' + (e.seatCode || '') + ' ',
    h('span', {class: 'k', text: kindText(e.kind), title: e.kind}),
    ' ' + (e.detail && Object.keys(e.detail).length ? JSON.stringify(e.detail) : ''))));
  const sel = $('feed-kind');
  const have = new Set([...sel.options].map(o => o.value));
  for (const k of [...kinds].sort()) if (!have.has(k)) sel.appendChild(h('option', {value: k}));
  for (const o of sel.options) if (o.value) o.textContent = kindText(o.value);
}

for (const id of ['feed-kind', 'feed-cat']) $(id).addEventListener('change', renderFeed);
$('feed-seat').addEventListener('input', renderFeed);

function fillStaticSelects() {
  const fill = (sel, codes, blank) => {
    const keep = sel.value;
    sel.replaceChildren();
    if (blank) sel.appendChild(h('option', {value: '', text: blank}));
    for (const c of codes) sel.appendChild(h('option', {value: c, text: c}));
    sel.value = keep;
  };
  document.querySelectorAll('.cat-a').forEach(sel => fill(sel, CATEGORIES.slice(0, 4), t('none')));
  document.querySelectorAll('.cat-all').forEach(sel => fill(sel, CATEGORIES, null));
  fill($('feed-cat'), CATEGORIES, t('all'));
}

applyTexts();
fillStaticSelects();
loadTexts(() => { renderAll(); if (app.selected) { app.panelSignature = null; renderSeatPanel(); } });
if (app.token && app.user) {
  afterLogin().catch(() => { sessionStorage.clear(); $('login-view').hidden = false; });
}
