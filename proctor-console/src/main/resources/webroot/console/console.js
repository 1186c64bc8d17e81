/*
 * The proctor console web app. State lives in plain objects keyed by seat code; the live stream (SSE) delivers one
 * coalesced batch per flush, and only the seats a batch touched are re-drawn, at most once per animation frame.
 */
'use strict';

const CATEGORIES = ['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'B3', 'B4', 'B5', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'];
const OFFLINE_KINDS = new Set(['DISCONNECT', 'HEARTBEAT_GAP', 'OFFLINE']);
const ONLINE_KINDS = new Set(['LOGIN', 'SOCKET_OPENED', 'RECONNECT', 'ONLINE']);
/** Kinds that show the page had its seat socket open: past "logged in", on to waiting / answering. */
const SOCKET_KINDS = new Set(['SOCKET_OPENED', 'RECONNECT', 'DISCONNECT', 'HEARTBEAT_GAP']);
const BROWSER_SOURCE = 'BROWSER';
const FEED_LIMIT = 400;

const app = {
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
  source: null,
  dirty: new Set(),
  frame: 0,
  feedDirty: false,
  poll: 0,
  refreshedAt: 0
};

const $ = id => document.getElementById(id);

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: Object.assign({'Content-Type': 'application/json'},
      app.token ? {'Authorization': 'Bearer ' + app.token} : {}),
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = new Error(json && (json.code || json.message) ? errorText(json) : ('HTTP ' + res.status));
    err.status = res.status;
    err.body = json;
    throw err;
  }
  return json;
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
    $('login-error').textContent = e.message;
  }
});

$('logout').addEventListener('click', () => {
  sessionStorage.clear();
  location.reload();
});

$('lang').addEventListener('click', () => {
  LANG = LANG === 'en' ? 'zh' : 'en';
  localStorage.setItem('examcore.console.lang', LANG);
  applyTexts();
  fillStaticSelects();
  for (const o of $('room').options) {
    const r = app.rooms.find(x => x.id === o.value);
    if (r) o.textContent = t('roomOf', r.name);
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
  sel.innerHTML = '';
  for (const s of sittings) {
    const o = document.createElement('option');
    o.value = s.id;
    o.textContent = s.title;
    sel.appendChild(o);
  }
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
    for (const s of room.seats) {
      app.seats.set(s.code, {
        code: s.code, row: s.row, col: s.col, roomId: room.id, ticket: s.ticket, name: s.name,
        attemptId: null, state: null, deadline: 0, answered: 0, loggedIn: false, socket: false, online: false,
        skew: null,
        leaveUntil: 0, reminded: 0, el: null
      });
    }
  }
  const roomSel = $('room');
  roomSel.innerHTML = '';
  for (const r of app.rooms) {
    const o = document.createElement('option');
    o.value = r.id;
    o.textContent = t('roomOf', r.name);
    roomSel.appendChild(o);
  }
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
    if (!s) continue;
    const changed = s.state !== a.state || s.answered !== a.answered || s.deadline !== a.deadline;
    s.attemptId = a.attemptId;
    s.state = a.state;
    s.deadline = a.deadline;
    s.answered = a.answered;
    if (changed) markDirty(s.code);
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
    console.warn('decisions not available: ' + e.message);
  }
}

function applyEvent(e, live) {
  app.events.push(e);
  if (app.events.length > 5000) app.events.splice(0, app.events.length - 5000);
  const s = app.seats.get(e.seatCode);
  if (!s) return;
  const k = e.kind;
  if (k === 'LOGIN') { s.loggedIn = true; s.attemptId = e.attemptId || s.attemptId; }
  if (SOCKET_KINDS.has(k) || e.source === BROWSER_SOURCE) s.socket = true;
  if (OFFLINE_KINDS.has(k)) s.online = false;
  else if (ONLINE_KINDS.has(k) || e.source === BROWSER_SOURCE) s.online = true;
  if (k === 'PAUSED') s.state = 'PAUSED';
  if (k === 'RESUMED' && s.state === 'PAUSED') s.state = 'ANSWERING';
  if (k === 'SUBMITTED' || k === 'AUTO_SUBMITTED' || k === 'FORCE_SUBMITTED') s.state = 'SUBMITTED';
  if (k === 'EXTENDED' && e.detail && e.detail.deadline) s.deadline = e.detail.deadline;
  if (k === 'LEAVE_PERMITTED' && e.detail) s.leaveUntil = Number(e.detail.until) || 0;
  if (k === 'REMINDED') s.reminded = e.at;
  if (k === 'DECISION_RECORDED' && e.detail && e.detail.flagId) app.decided.set(e.detail.flagId, e.detail);
  if (e.source === BROWSER_SOURCE && e.observedAt > 0) s.skew = e.observedAt - e.at;
  if (live && (k === 'EXTENDED' || k === 'RESUMED' || k === 'SEAT_CHANGED')) refreshAttempts();
  markDirty(s.code);
}

function seatState(s) {
  if (!s.ticket) return 'empty';
  // An absent candidate's attempt is auto-submitted at the deadline too: still absent, never "submitted".
  if (!s.loggedIn) return 'absent';
  if (s.state === 'SUBMITTED') return 'submitted';
  // Logged in at the terminal, but the page has not opened its seat socket (paper not loaded) yet.
  if (!s.socket && !(s.answered > 0)) return 'loggedIn';
  if (!s.online) return 'offline';
  if (s.state === 'PAUSED') return 'paused';
  if (s.state === 'ANSWERING') return 'answering';
  if (s.state === 'WAITING') return 'waiting';
  return 'loggedIn';
}

function openFlagsOf(code) {
  let n = 0;
  for (const f of app.flags.values()) if (f.seatCode === code && !app.decided.has(f.id)) n++;
  return n;
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
    if (e.status === 401) { relogin(e.message); return; }
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
      if (s) { s.answered = p.answered; s.socket = true; markDirty(s.code); }
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

function render() {
  app.frame = 0;
  if (app.view === 'room') {
    for (const code of app.dirty) {
      const s = app.seats.get(code);
      if (s && s.roomId === app.roomId && s.el) drawSeat(s);
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
  const c = {seats: 0, present: 0, absent: 0, submitted: 0, offline: 0, flags: 0};
  for (const s of seats) {
    if (!s.ticket) continue;
    c.seats++;
    const st = seatState(s);
    if (st === 'absent') c.absent++; else c.present++;
    if (st === 'submitted') c.submitted++;
    if (st === 'offline') c.offline++;
    c.flags += openFlagsOf(s.code);
  }
  return c;
}

function showSite() {
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
  const frag = document.createDocumentFragment();
  for (const r of app.rooms) {
    const c = counts(byRoom.get(r.id));
    const tr = document.createElement('tr');
    if (c.flags > 0) tr.className = 'has-flags';
    const name = document.createElement('td');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = r.name;
    b.addEventListener('click', () => showRoom(r.id));
    name.appendChild(b);
    tr.appendChild(name);
    for (const v of [c.seats, c.present, c.absent, c.submitted, c.offline, c.flags]) {
      const td = document.createElement('td');
      td.textContent = v;
      tr.appendChild(td);
    }
    frag.appendChild(tr);
  }
  body.replaceChildren(frag);
}

function showRoom(roomId) {
  const room = app.rooms.find(r => r.id === roomId);
  if (!room) return;
  app.view = 'room';
  app.roomId = roomId;
  $('room').value = roomId;
  $('site-view').hidden = true;
  $('room-view').hidden = false;
  $('side').hidden = false;
  $('room-title').textContent = t('roomOf', room.name);
  const map = $('seat-map');
  map.style.gridTemplateColumns = 'repeat(' + room.cols + ', minmax(96px, 1fr))';
  const frag = document.createDocumentFragment();
  const cells = new Map(room.seats.map(s => [s.row + ':' + s.col, s.code]));
  for (let r = 1; r <= room.rows; r++) {
    for (let c = 1; c <= room.cols; c++) {
      const code = cells.get(r + ':' + c);
      if (!code) {
        const gap = document.createElement('div');
        frag.appendChild(gap);
        continue;
      }
      const s = app.seats.get(code);
      const el = document.createElement('button');
      el.type = 'button';
      el.dataset.seat = code;
      el.setAttribute('role', 'gridcell');
      el.addEventListener('click', () => selectSeat(code));
      el.addEventListener('keydown', ev => moveFocus(ev, room, s));
      s.el = el;
      drawSeat(s);
      frag.appendChild(el);
    }
  }
  map.replaceChildren(frag);
  const legend = $('legend');
  legend.replaceChildren(...['empty', 'absent', 'loggedIn', 'waiting', 'answering', 'paused', 'offline', 'submitted']
    .map(st => { const sp = document.createElement('span'); sp.className = 's-' + st; sp.textContent = t('st_' + st); return sp; }));
  renderRoomSummary();
  renderFeed();
}

/** Arrow keys move between seats like the room's rows and columns. */
function moveFocus(ev, room, s) {
  const d = {ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0]}[ev.key];
  if (!d) return;
  ev.preventDefault();
  const target = room.seats.find(x => x.row === s.row + d[0] && x.col === s.col + d[1]);
  if (target) app.seats.get(target.code).el.focus();
}

function fmtLeft(ms) {
  if (ms <= 0) return '0:00';
  const sec = Math.floor(ms / 1000);
  const h = Math.floor(sec / 3600), m = Math.floor(sec % 3600 / 60), x = sec % 60;
  return (h ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(x).padStart(2, '0');
}

function timeLeft(s) {
  if (!s.deadline || s.state === 'SUBMITTED') return '—';
  return fmtLeft(s.deadline - (Date.now() + app.offset));
}

function fmtSkew(s) {
  if (s.skew === null) return '—';
  const v = Math.round(s.skew / 1000);
  return (v > 0 ? '+' : '') + v + ' s';
}

function drawSeat(s) {
  const st = seatState(s);
  const flags = openFlagsOf(s.code);
  const el = s.el;
  el.className = 'seat s-' + st + (app.selected === s.code ? ' selected' : '');
  el.dataset.state = st;
  const total = app.sitting.itemCount || '?';
  el.innerHTML = '';
  const add = (cls, text) => { const d = document.createElement('div'); d.className = cls; d.textContent = text; el.appendChild(d); };
  add('code', s.code);
  add('name', s.name || t('none'));
  add('meta', t('st_' + st));
  if (s.ticket && st !== 'empty' && st !== 'absent') {
    add('meta', s.answered + '/' + total + ' · ' + timeLeft(s));
    add('meta', t('skewShort') + ' ' + fmtSkew(s));
  }
  if (flags > 0) {
    const b = document.createElement('span');
    b.className = 'badge';
    b.textContent = '⚑' + flags;
    el.appendChild(b);
  }
  el.setAttribute('aria-label', s.code + ' ' + (s.name || '') + ' ' + t('st_' + st) + (flags ? ' ⚑' + flags : ''));
}

function renderRoomSummary() {
  const seats = [...app.seats.values()].filter(s => s.roomId === app.roomId);
  const c = counts(seats);
  $('room-summary').textContent = t('summary', c.present, c.absent, c.submitted, c.offline, c.flags);
}

/** Only the shown room's clocks tick: at most 100 small text updates a second. */
setInterval(() => {
  if (app.view !== 'room') return;
  for (const s of app.seats.values()) if (s.roomId === app.roomId && s.el && s.deadline) drawSeat(s);
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
  $('seat-facts').replaceChildren(...facts.flatMap(([k, v]) => {
    const dt = document.createElement('dt'); dt.textContent = k;
    const dd = document.createElement('dd'); dd.textContent = v;
    return [dt, dd];
  }));
  // The lists hold inputs a proctor may be typing in: rebuild them only when their content changed.
  const sug = [...app.suggestions.values()].filter(x => x.seatCode === s.code);
  const list = [...app.flags.values()].filter(f => f.seatCode === s.code);
  const signature = LANG + '|' + s.code + '|' + s.reminded + '|' + sug.map(x => x.id).join(',') + '|'
    + list.map(f => f.id + ':' + f.evidence.length + ':' + (f.severity || '') + ':' + app.decided.has(f.id)).join(',');
  if (app.panelSignature === signature) return;
  app.panelSignature = signature;
  $('seat-suggestions').replaceChildren(...sug.map(x => {
    const d = document.createElement('div');
    d.className = 'suggestion';
    const reminded = s.reminded && s.reminded >= x.at;
    d.textContent = x.category + ' · ' + (reminded ? t('reminderOpen') : t('suggestRemind')) + ' — ' + explain(x.explanation);
    return d;
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
    + t('similarityEvidence', p.identicalWrong, p.bothWrong, p.expectedIdenticalWrong.toFixed(1), p.pValue.toExponential(1)));
  return t('similaritySeats') + ' ' + e.members.map(m => m.seatCode).join(', ') + ' — ' + pairs.join('; ');
}

/** The chief proctor (an administrator) runs the similarity detector now; its flags arrive on the stream. */
$('run-similarity').addEventListener('click', async () => {
  $('similarity-result').textContent = t('similarityRunning');
  try {
    const r = await api('POST', '/live/sittings/' + encodeURIComponent(app.sitting.id) + '/similarity');
    $('similarity-result').textContent = t('similarityDone', r.candidates, r.suspicions, r.newOrChanged)
      + (r.allSubmitted ? t('similarityFinal') : '');
  } catch (e) {
    $('similarity-result').textContent = t('refused') + ': ' + e.message;
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
    $('action-result').textContent = t('refused') + ': ' + e.message;
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
    const field = e.body && e.body.details && e.body.details.field;
    $('action-result').textContent = t('refused') + ': ' + e.message + (field ? ' [' + field + ']' : '');
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
      $('live').textContent = t('refused') + ': ' + e.message;
    }
  });
}

/* ---------- feed ---------- */
function eventCategory(e) {
  return e.detail && (e.detail.category || '') || '';
}

function renderFeed() {
  app.feedDirty = false;
  const kind = $('feed-kind').value, cat = $('feed-cat').value, seat = $('feed-seat').value.trim();
  const roomSeats = app.view === 'room' ? new Set([...app.seats.values()].filter(s => s.roomId === app.roomId).map(s => s.code)) : null;
  const kinds = new Set();
  const out = [];
  for (let i = app.events.length - 1; i >= 0 && out.length < FEED_LIMIT; i--) {
    const e = app.events[i];
    kinds.add(e.kind);
    if (roomSeats && !roomSeats.has(e.seatCode)) continue;
    if (kind && e.kind !== kind) continue;
    if (cat && eventCategory(e) !== cat) continue;
    if (seat && e.seatCode !== seat) continue;
    const li = document.createElement('li');
    const k = document.createElement('span');
    k.className = 'k';
    k.textContent = kindText(e.kind);
    k.title = e.kind;
    li.append(fmtTime(e.at) + ' ' + (e.seatCode || '') + ' ', k,
      ' ' + (e.detail && Object.keys(e.detail).length ? JSON.stringify(e.detail) : ''));
    out.push(li);
  }
  $('feed').replaceChildren(...out);
  const sel = $('feed-kind');
  const have = new Set([...sel.options].map(o => o.value));
  for (const k of [...kinds].sort()) if (!have.has(k)) { const o = document.createElement('option'); o.value = k; sel.appendChild(o); }
  for (const o of sel.options) if (o.value) o.textContent = kindText(o.value);
}

for (const id of ['feed-kind', 'feed-cat']) $(id).addEventListener('change', renderFeed);
$('feed-seat').addEventListener('input', renderFeed);

function fillStaticSelects() {
  const fill = (sel, codes, blank) => {
    const keep = sel.value;
    sel.replaceChildren();
    if (blank) { const o = document.createElement('option'); o.value = ''; o.textContent = blank; sel.appendChild(o); }
    for (const c of codes) { const o = document.createElement('option'); o.value = c; o.textContent = c; sel.appendChild(o); }
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
