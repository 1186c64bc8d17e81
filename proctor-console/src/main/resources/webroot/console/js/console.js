/*
 * The proctor console web app. State lives in plain objects keyed by seat code (the seat model and its rules are in
 * seats.js); the live stream (SSE) delivers one coalesced batch per flush, and only the seats a batch touched are
 * re-drawn, at most once per animation frame, each tile in place (the kit's keyed render()), writing only the texts
 * and attributes that changed: a screen reader on a focused seat hears nothing unless that seat changed.
 */
import { h } from '../kit/dom.js';
import { api as kitApi } from '../kit/api.js';
import { StaffSession } from '../kit/session.js';
import { render as renderKeyed } from '../kit/render.js';
import { contentLang } from '../kit/i18n.js';
import {
  CATEGORIES, SEAT_STATES, SEAT_ICONS, newSeat, applyAttempt, applyProgress, applySeatEvent, seatState, openFlagCount,
  countSeats, timeLeft as seatTimeLeft, minutesLeft, fmtSkew, roomRows, seatForKey, feedEntries, reminderCovering,
  moveCandidate,
} from './seats.js';
import { pairRows, seatGrid, fmtP, joinedMembers } from './similarity.js';
import { describeDetail, REPEATS_A_SEAT_EVENT } from './kinds.js';
import {
  t, lang, toggle, onLangChange, errorText, fmtTime, kindText, explain, loadTexts, applyTexts,
} from './texts.js';

const FEED_LIMIT = 400;

// The sign-in: a short-lived access token renewed with the refresh token (kit/session.js), so a proctor is not
// sent back to the login form during a sitting while a revoked account still loses the console within minutes.
const session = new StaffSession(sessionStorage, 'examcore.console.session');

export const app = {
  user: session.user,
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
  rover: null,          // the seat holding the seat map's one tab stop
  tiles: new Map(),     // code -> tile element of the shown room
  panelSignature: null,
  factsSignature: null,
  source: null,
  dirty: new Set(),
  frame: 0,
  feedDirty: false,
  poll: 0,
  refreshedAt: 0,
  identityRequired: false, // the sitting hands out a seat's key only after its identity check
  refreshTimer: 0       // a re-read of the attempts asked for by live events, pending
};

const $ = id => document.getElementById(id);

/**
 * The kit's request helper with a fresh staff token (renewed when about to lapse, and once more on a 401); a
 * failure is the kit's ApiError, said by errorText().
 */
function api(method, path, body) {
  return session.api(method, path, {body});
}

/* ---------- login ---------- */
$('login-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  $('login-error').textContent = '';
  try {
    const out = await kitApi('POST', '/api/admin/login',
      {body: {username: $('username').value, password: $('password').value}});
    session.start(out);
    app.user = session.user;
    await afterLogin();
  } catch (e) {
    $('login-error').textContent = errorText(e);
  }
});

$('logout').addEventListener('click', async () => {
  // The server retires the token too (on every device): a token left in a copied tab or a log stops working.
  await session.end();
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
  for (const id of ['room-action-result', 'announce-result', 'offline-result', 'action-result']) sayAgain($(id));
  document.querySelectorAll('.actions .form-result').forEach(sayAgain);
});

/**
 * A result line beside its button, kept as a function of the language so that a switch says it again in the new
 * one instead of leaving it in the old.
 */
function say(el, render) {
  el.render = render;
  el.textContent = render();
}

function sayAgain(el) {
  if (el && el.render) el.textContent = el.render();
}

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
  app.identityRequired = false;
  await Promise.all([refreshAttempts(), loadEvents(), loadDecisions(), refreshIdentity(), loadIdentityRule(id)]);
  connectLive();
  clearInterval(app.poll);
  // Progress arrives on the stream; the query re-syncs states and deadlines every 10 s while a seat still waits for
  // the start (an early release or T0 is no seat event), otherwise once a minute.
  app.poll = setInterval(() => {
    const waiting = [...app.seats.values()].some(s => s.state === 'WAITING');
    if (waiting || Date.now() - app.refreshedAt >= 60000) rereadAttempts();
    // A seat held for its identity check says so on its tile; confirmations made elsewhere (another proctor, a
    // reader) arrive here.
    if (app.identityRequired) refreshIdentity();
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
    if (s && applyAttempt(s, a, Date.now() + app.offset)) markDirty(s.code);
  }
}

/**
 * A re-read nobody waits for (the timer's, or after an action whose own result is already shown). It may be refused:
 * a node answers a bounded number of seat-list reads and refuses more as busy (RETRY). The tiles keep what they show,
 * and the next 10-s tick reads again instead of waiting a minute.
 */
function rereadAttempts() {
  refreshAttempts().catch(e => {
    app.refreshedAt = 0;
    console.warn('attempts not re-read: ' + errorText(e));
  });
}

/**
 * One re-read for a burst of events that ask for it: a room-wide pause or extension arrives as one event per seat,
 * and a sitting-wide one as thousands, which must not become as many reads of the whole attempts list.
 */
function refreshAttemptsSoon() {
  if (app.refreshTimer) return;
  app.refreshTimer = setTimeout(() => {
    app.refreshTimer = 0;
    rereadAttempts();
  }, 250);
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
  if (live && e.kind === 'SEAT_CHANGED' && e.detail) {
    // The layout read at the start places the candidate at the old seat: they move now, so the tiles, the room
    // summary and the site overview count them where they sit (the history needs no replay: the layout is newer).
    const from = app.seats.get(e.detail.from);
    const to = app.seats.get(e.detail.to);
    if (moveCandidate(from, to)) {
      markDirty(from.code);
      markDirty(to.code);
    }
  }
  const s = app.seats.get(e.seatCode);
  if (!s) return;
  if (e.kind === 'DECISION_RECORDED' && e.detail && e.detail.flagId) app.decided.set(e.detail.flagId, e.detail);
  if (applySeatEvent(s, e) && live) refreshAttemptsSoon();
  if (live && e.kind === 'IDENTITY_CONFIRMED') refreshIdentity();
  markDirty(s.code);
}

function openFlagsOf(code) {
  return openFlagCount(app.flags, app.decided, code);
}

/* ---------- live stream ---------- */
/**
 * EventSource cannot send the bearer token, and a token in the URL would sit in logs and history for its whole
 * life: the page asks for a one-time ticket (valid ~30 s) with the header and opens the stream with that. The
 * server ends the stream when the access token behind it expires (minutes): the page then renews the token and
 * opens the next stream at once, so the proctor sees no break; only a refused renewal (the sign-in ended, or the
 * account was changed or logged out) sends them back to the login form.
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
      if (app.source === src) {
        app.source = null;
        connectLive();
      }
      return;
    }
    if (m.type === 'batch') {
      for (const e of m.events) applyEvent(e, true);
      for (const a of m.audit) feedAudit(a);
      for (const id of m.removedFlags) { const f = app.flags.get(id); app.flags.delete(id); if (f) markDirty(f.seatCode); }
      for (const w of m.withdrawals || []) feedWithdrawal(w);
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
  session.clear();
  app.user = null;
  for (const id of ['views', 'logout', 'site-view', 'room-view', 'side']) $(id).hidden = true;
  $('login-view').hidden = false;
  $('login-error').textContent = t('sessionExpired') + (why ? ' (' + why + ')' : '');
}

function feedAudit(a) {
  if (REPEATS_A_SEAT_EVENT(a.action)) return;
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
      const el = app.tiles.get(code);
      if (el) drawSeat(el, app.seats.get(code));
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
  if (!room.seats.some(x => x.code === app.rover)) {
    const first = room.seats.slice().sort((a, b) => a.row - b.row || a.col - b.col)[0];
    app.rover = room.seats.some(x => x.code === app.selected) ? app.selected : first && first.code;
  }
  const columns = String(room.cols);
  app.tiles = new Map();
  // Keyed by row and seat code: showing the same room again (a language switch, a re-sync) keeps every tile and
  // its focus. The grid's rows are real elements, as role=grid requires (role=row > role=gridcell).
  renderKeyed($('seat-map'), roomRows(room), row => row.key, () => h('div', {role: 'row', class: 'seat-row'}),
    (rowEl, row) => {
      if (rowEl.style.getPropertyValue('--cols') !== columns) rowEl.style.setProperty('--cols', columns);
      renderKeyed(rowEl, row.cells, cell => cell.key,
        cell => (cell.code ? seatTile(cell.code) : h('div', {role: 'gridcell', class: 'gap'})),
        (el, cell) => {
          if (!cell.code) return;
          app.tiles.set(cell.code, el);
          drawSeat(el, app.seats.get(cell.code));
        });
    });
  $('legend').replaceChildren(...SEAT_STATES.map(st => h('li', {class: 's-' + st},
    h('span', {class: 'icon', 'aria-hidden': 'true', text: SEAT_ICONS[st]}), ' ' + t('st_' + st))));
  renderRoomSummary();
  renderFeed();
}

/**
 * A seat's tile: made once per room view, then only drawSeat() changes it. A grid cell named by its content (code,
 * name, state, progress, time, clock skew, flags), so what a screen reader says is what the tile shows.
 */
function seatTile(code) {
  const part = cls => h('div', {class: cls});
  return h('div', {role: 'gridcell', tabindex: '-1', dataset: {seat: code}},
    part('code'), part('name'),
    h('div', {class: 'state'}, h('span', {class: 'icon', 'aria-hidden': 'true'}), h('span', {class: 'label'})),
    part('meta'), part('meta'), part('away'),
    h('span', {class: 'badge'}, h('span', {'aria-hidden': 'true'}), h('span', {class: 'sr-only'})),
    // Decorative on the tile (the name says who sits there); the panel shows it large with a text alternative.
    h('img', {class: 'thumb', alt: '', hidden: true}));
}

/* ---------- candidate photos ---------- */
/** ticket -> object URL of the photo, or null (none imported, or not to be shown); a pending fetch is a Promise. */
const photos = new Map();

/**
 * The photo of the candidate with this ticket, as an object URL once fetched; null meanwhile or when there is none.
 * Fetched once per ticket and sitting (the token travels in a header, so an <img> cannot fetch it itself); the
 * seats that show it are redrawn when it arrives.
 */
function photoOf(ticket) {
  if (!ticket || !app.sitting) return null;
  const key = app.sitting.id + '|' + ticket;
  const known = photos.get(key);
  if (known === undefined) {
    photos.set(key, api('GET', '/api/proctor/sittings/' + encodeURIComponent(app.sitting.id) + '/photos/'
      + encodeURIComponent(ticket)).then(blob => {
      photos.set(key, blob instanceof Blob ? URL.createObjectURL(blob) : null);
    }, () => photos.set(key, null)).then(() => {
      for (const seat of app.seats.values()) if (seat.ticket === ticket) markDirty(seat.code);
      if (app.selected && app.seats.get(app.selected)?.ticket === ticket) showPanelPhoto(app.seats.get(app.selected));
    }));
    return null;
  }
  return typeof known === 'string' ? known : null;
}

/* ---------- identity at the seat (身份核验) ---------- */
/** ticket -> the confirmation of the sitting shown ({ticket, seatCode, method, confirmedBy, confirmedAt}). */
const identity = new Map();

/** Whether the sitting requires the identity check before a seat's key; without the answer, no seat says it waits. */
async function loadIdentityRule(sittingId) {
  try {
    const out = await api('GET', '/api/proctor/sittings/' + encodeURIComponent(sittingId) + '/identity/required');
    app.identityRequired = out.identityRequired === true;
  } catch (e) {
    console.warn('identity rule not available: ' + errorText(e));
  }
}

async function refreshIdentity() {
  if (!app.sitting) return;
  try {
    const list = await api('GET', '/api/proctor/sittings/' + encodeURIComponent(app.sitting.id) + '/identity');
    identity.clear();
    for (const k of list) identity.set(k.ticket, k);
    if (app.selected) showIdentity(app.seats.get(app.selected));
    if (app.identityRequired) for (const s of app.seats.values()) if (s.loggedIn) markDirty(s.code);
  } catch { /* the panel keeps what it showed; the next action or seat opened asks again */ }
}

function showIdentity(s) {
  if (!s) return;
  const k = s.ticket ? identity.get(s.ticket) : undefined;
  $('identity-state').textContent = !s.ticket ? '' : k
    ? t('identityDone', {by: k.confirmedBy, time: fmtTime(k.confirmedAt), how: t('identityBy_' + k.method)})
    : held(s) ? t('identityHeld') : t('identityPending');
  $('identity-state').className = k ? 'ok' : '';
  $('confirm-identity').hidden = !s.ticket || Boolean(k);
}

$('confirm-identity').addEventListener('click', async () => {
  const s = app.seats.get(app.selected);
  if (!s) return;
  try {
    await api('POST', '/api/proctor/sittings/' + encodeURIComponent(app.sitting.id) + '/seats/'
      + encodeURIComponent(s.code) + '/confirm-identity');
    $('action-result').textContent = t('done') + ': ' + t('confirmIdentity');
    await refreshIdentity();
    $('seat-title').focus();
  } catch (e) {
    $('action-result').textContent = t('refused') + ': ' + errorText(e);
  }
});

$('room-identity').addEventListener('click', async () => {
  if (!confirm(t('confirmRoomIdentity'))) return;
  try {
    const out = await api('POST', '/api/proctor/sittings/' + encodeURIComponent(app.sitting.id) + '/rooms/'
      + encodeURIComponent(app.roomId) + '/confirm-identity');
    $('live').textContent = t('done') + ': ' + t('roomIdentity') + ' (' + out.confirmed.length + ')';
    await refreshIdentity();
  } catch (e) {
    $('live').textContent = t('refused') + ': ' + errorText(e);
  }
});

/**
 * Whether the seat waits for its identity check: the sitting requires it, the candidate has logged in there and no
 * confirmation is on record, so the seat gets no paper key (its attempt may already count as answering). Said in
 * words on the tile and in the panel, where "waiting" or "answering" would leave the proctor guessing.
 */
function held(s) {
  return app.identityRequired && Boolean(s.ticket) && s.loggedIn && s.state !== 'SUBMITTED'
    && !identity.has(s.ticket);
}

/** A tile's or the panel's state in words: a held seat says what it waits for. */
function stateText(s, st) {
  return ['loggedIn', 'waiting', 'answering'].includes(st) && held(s) ? t('st_held') : t('st_' + st);
}

function showPanelPhoto(s) {
  const img = $('seat-photo');
  const url = photoOf(s.ticket);
  setHidden(img, !url);
  $('seat-photo-none').hidden = Boolean(url) || !s.ticket;
  if (url && img.getAttribute('src') !== url) img.src = url;
  setAttr(img, 'alt', t('photoOf', {name: s.name || s.ticket || ''}));
}

/** The shown room's layout (rows, cols, seats), or undefined outside a room. */
function shownRoom() {
  return app.view === 'room' ? app.rooms.find(r => r.id === app.roomId) : undefined;
}

/** Gives the seat map's one tab stop to seat `code` (and focus, when asked): a roving tabindex. */
function moveRover(code, focus) {
  const before = app.tiles.get(app.rover);
  const el = app.tiles.get(code);
  if (!el) return;
  app.rover = code;
  if (before && before !== el) setAttr(before, 'tabindex', '-1');
  setAttr(el, 'tabindex', '0');
  if (focus) el.focus();
}

const seatMap = $('seat-map');
// The grid's keys, per the ARIA grid pattern: arrows, Home/End in the row, Ctrl+Home/End in the room; Enter or
// Space opens the seat. One listener for the map: tiles come and go with the room shown.
seatMap.addEventListener('keydown', ev => {
  const tile = ev.target.closest('[data-seat]');
  const room = shownRoom();
  if (!tile || !room || ev.altKey) return;
  const code = tile.dataset.seat;
  if (ev.key === 'Enter' || ev.key === ' ') {
    ev.preventDefault();
    selectSeat(code, true);
    return;
  }
  const target = seatForKey(room, app.seats.get(code), ev.key, ev.ctrlKey || ev.metaKey);
  if (target === undefined) return;
  ev.preventDefault();
  if (target) moveRover(target.code, true);
});
seatMap.addEventListener('click', ev => {
  const tile = ev.target.closest('[data-seat]');
  if (tile) selectSeat(tile.dataset.seat, true);
});
// A click or a screen reader's cursor may focus any seat: the tab stop follows it.
seatMap.addEventListener('focusin', ev => {
  const tile = ev.target.closest('[data-seat]');
  if (tile && tile.dataset.seat !== app.rover) moveRover(tile.dataset.seat, false);
});

function timeLeft(s) {
  return seatTimeLeft(s, Date.now() + app.offset);
}

/**
 * Brings a tile up to date in place: its class, state, selection, tab stop, texts and badge. Only what differs is
 * written, and no child is re-created, so the focused tile stays the same element and a tick changes nothing.
 */
function drawSeat(el, s) {
  const st = seatState(s);
  const flags = openFlagsOf(s.code);
  const selected = app.selected === s.code;
  setAttr(el, 'class', 'seat s-' + st + (selected ? ' selected' : ''));
  setAttr(el, 'data-state', st);
  setAttr(el, 'aria-selected', String(selected));
  setAttr(el, 'tabindex', app.rover === s.code ? '0' : '-1');
  const total = app.sitting.itemCount || '?';
  const [code, name, state, progress, skew, away, badge, thumb] = el.children;
  const progressShown = Boolean(s.ticket) && st !== 'empty' && st !== 'absent';
  const minutes = minutesLeft(s, Date.now() + app.offset);
  setText(code, s.code);
  setText(name, s.name || t('none'));
  markLang(name, s.name);
  setText(state.firstChild, SEAT_ICONS[st]);
  setText(state.lastChild, stateText(s, st));
  setText(progress, progressShown ? s.answered + '/' + total + ' · ' + (minutes === null ? '—' : t('minutesLeft', {m: minutes})) : '');
  setText(skew, progressShown ? t('skewShort') + ' ' + fmtSkew(s) : '');
  const serverNow = Date.now() + app.offset;
  const awayShown = s.away && st !== 'submitted';
  setText(away, !awayShown ? '' : s.leaveUntil > serverNow ? t('awayUntil', {time: fmtTime(s.leaveUntil)}) : t('away'));
  setText(badge.firstChild, flags > 0 ? '⚑' + flags : '');
  setText(badge.lastChild, flags > 0 ? t('openFlagCount', {n: flags}) : '');
  setHidden(progress, !progressShown);
  setHidden(skew, !progressShown);
  setHidden(away, !awayShown);
  setHidden(badge, flags === 0);
  const photo = st === 'empty' ? null : photoOf(s.ticket);
  setHidden(thumb, !photo);
  if (photo && thumb.getAttribute('src') !== photo) thumb.src = photo;
}

/**
 * Writes text only when it changed, into the existing text node where there is one: a tick must not disturb a screen
 * reader or a text selection for nothing.
 */
function setText(el, text) {
  const node = el.firstChild;
  if (node && node.nodeType === Node.TEXT_NODE && !node.nextSibling) {
    if (node.data !== text) {
      if (text === '') el.textContent = ''; else node.data = text;
    }
  } else if (el.textContent !== text) {
    el.textContent = text;
  }
}

function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Marks server text that is Chinese as lang="zh-CN" (read with a Chinese voice on the English page, WCAG 3.1.2). */
function markLang(el, text) {
  const want = contentLang(text);
  if (el.getAttribute('lang') === (want || null)) return;
  if (want) el.setAttribute('lang', want); else el.removeAttribute('lang');
}

function setHidden(el, hidden) {
  if (el.hidden !== hidden) el.hidden = hidden;
}

function renderRoomSummary() {
  const seats = [...app.seats.values()].filter(s => s.roomId === app.roomId);
  const c = counts(seats);
  $('room-summary').textContent = t('summary', c);
}

/** The shown room's clocks tick: a tile changes when its minute does, the open seat's facts every second. */
setInterval(() => {
  if (app.view !== 'room') return;
  for (const [code, el] of app.tiles) {
    const s = app.seats.get(code);
    if (s.deadline) drawSeat(el, s);
  }
  if (app.selected) renderFacts(app.seats.get(app.selected));
}, 1000);

/* ---------- seat panel and actions ---------- */
/**
 * Opens seat `code` in the panel and marks it selected (aria-selected). With `focusPanel` focus moves to the panel's
 * heading, so a screen reader announces the opened seat; Escape in the panel goes back to the seat.
 */
function selectSeat(code, focusPanel) {
  const prev = app.selected;
  app.selected = code;
  if (prev) markDirty(prev);
  markDirty(code);
  if (app.tiles.has(code)) moveRover(code, false);
  $('seat-panel').hidden = false;
  say($('action-result'), () => '');
  document.querySelectorAll('.actions .form-result').forEach(el => say(el, () => ''));
  refreshIdentity();
  renderSeatPanel();
  $('feed-seat').value = code;
  app.feedDirty = true;
  if (focusPanel) $('seat-title').focus();
}

$('seat-panel').addEventListener('keydown', ev => {
  if (ev.key !== 'Escape' || !app.selected || !app.tiles.has(app.selected)) return;
  ev.preventDefault();
  moveRover(app.selected, true);
});

/** The panel's heading, "考位 R101-02 · 李芳", with the name marked Chinese on the English page (WCAG 3.1.2). */
function renderTitle(s) {
  const name = s.name || t('none');
  const [before, after] = t('seatTitle', {code: s.code, name: '{name}'}).split('{name}');
  const title = $('seat-title');
  if (title.textContent === before + name + (after || '')) return;
  title.replaceChildren(before, h('span', {lang: contentLang(name), text: name}), after || '');
}

/**
 * The panel's facts. The list is rebuilt only for another seat or language; otherwise only a changed value is
 * written (the time left changes every second), into the element that shows it.
 */
function renderFacts(s) {
  const facts = [[t('candidate'), (s.name || t('none')) + (s.ticket ? ' · ' + s.ticket : '')],
    [t('state'), stateText(s, seatState(s))], [t('progress'), s.answered + '/' + (app.sitting.itemCount || '?')],
    [t('timeLeft'), timeLeft(s)], [t('skew'), fmtSkew(s)]];
  if (s.extraTime) {
    const x = s.extraTime;
    facts.push([t('extraTime'), t('extraTimeText', {percent: x.percent, minutes: x.minutes,
      total: Math.round(x.seconds / 60), by: x.approvedBy})]);
  }
  const list = $('seat-facts');
  const signature = s.code + '|' + facts.map(([k]) => k).join('|');
  if (app.factsSignature !== signature) {
    app.factsSignature = signature;
    list.replaceChildren(...facts.flatMap(([k]) => [h('dt', {text: k}), h('dd')]));
  }
  const values = list.querySelectorAll('dd');
  facts.forEach(([, v], i) => {
    setText(values[i], v);
    markLang(values[i], v);
  });
}

function renderSeatPanel() {
  const s = app.seats.get(app.selected);
  if (!s) return;
  renderTitle(s);
  renderFacts(s);
  showPanelPhoto(s);
  showIdentity(s);
  // The lists hold inputs a proctor may be typing in: rebuild them only when their content changed.
  const sug = [...app.suggestions.values()].filter(x => x.seatCode === s.code);
  const list = [...app.flags.values()].filter(f => f.seatCode === s.code);
  const signature = lang() + '|' + s.code + '|' + s.reminders.length + '|' + sug.map(x => x.id).join(',') + '|'
    + list.map(f => f.id + ':' + f.evidence.length + ':' + (f.severity || '') + ':' + app.decided.has(f.id)).join(',');
  if (app.panelSignature === signature) return;
  app.panelSignature = signature;
  $('seat-suggestions').replaceChildren(...sug.map(x => {
    // Only a reminder about this category (or a general one) since the suggestion answers it; once there is one,
    // the suggestion's own "no reminder recorded yet" part is no longer true and is left out.
    const reminded = reminderCovering(s, x.category, x.at);
    const explanation = reminded ? withoutRemindFirst(x.explanation) : x.explanation;
    const head = reminded ? t('reminderOpenAt', {time: fmtTime(reminded)}) : t('suggestRemind');
    const why = explain(explanation);
    return h('div', {class: 'suggestion' + (reminded ? ' reminded' : ''), text: x.category + ' · ' + head + (why ? ' — ' + why : '')});
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

/** A suggestion's explanation without its "remind first" part (the proctor has reminded since). */
function withoutRemindFirst(x) {
  if (!x || typeof x === 'string' || !Array.isArray(x.parts)) return x;
  return {...x, parts: x.parts.filter(p => p.key !== 'REMIND_FIRST'), text: ''};
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
  if (f.similarity) li.appendChild(similarityBlock(f.similarity));
  if (decided) {
    const d = document.createElement('div');
    d.textContent = t('decided') + ': ' + outcomeText(decided.outcome) + ' ' + (decided.by || '');
    li.appendChild(d);
    return li;
  }
  const form = document.createElement('form');
  form.className = 'decide';
  let sev = null;
  if (f.tier === 'C') {
    sev = document.createElement('select');
    sev.name = 'severity';
    sev.setAttribute('aria-label', t('severity'));
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

/** A similarity flag's evidence in one line: the seats and each flagged pair's statistics. */
function similarityText(e) {
  const pairs = e.pairs.map(p => p.seatA + ' ↔ ' + p.seatB + (p.neighbours ? ' (' + t('neighbours') + ')' : '') + ': '
    + t('similarityEvidence', {identicalWrong: p.identicalWrong, bothWrong: p.bothWrong,
      expected: p.expectedIdenticalWrong.toFixed(1), p: fmtP(p.pValue)}));
  return t('similaritySeats') + ' ' + e.members.map(m => m.seatCode).join(', ') + ' — ' + pairs.join('; ');
}

/**
 * The evidence a chief proctor examines behind a B2 / C5 proposal: the seat map of the members, per flagged pair the
 * answers and timing statistics and a table of the items both answered (both answers and save times), members that
 * joined through the group statistic, and what this sitting could detect at all.
 */
function similarityBlock(e) {
  const block = h('div', {class: 'sim'});
  for (const room of seatGrid(e.members)) {
    const seats = room.grid.flat().filter(c => c.seatCode).map(c => c.seatCode).join(', ');
    const table = h('table', {class: 'sim-map'}, h('caption', {text: t('simSeatMap', {seats})}));
    for (const line of room.grid) {
      table.appendChild(h('tr', {}, line.map(c => h('td', {class: c.seatCode ? 'member' : null,
        title: c.seatCode ? c.seatCode + ' · ' + c.attemptId : t('simRowCol', {row: c.row, col: c.col}),
        text: c.seatCode || '·'}))));
    }
    block.appendChild(table);
  }
  for (const p of e.pairs) {
    const details = h('details', {class: 'sim-pair'});
    details.appendChild(h('summary', {text: p.seatA + ' ↔ ' + p.seatB
      + (p.neighbours ? ' (' + t('neighbours') + ')' : '') + ' — ' + t('simPairP', {p: fmtP(p.pValue),
        threshold: fmtP(p.threshold)})}));
    details.appendChild(h('p', {text: t('simAnswers', {identicalWrong: p.identicalWrong, bothWrong: p.bothWrong,
      expected: p.expectedIdenticalWrong.toFixed(1), identicalCorrect: p.identicalCorrect,
      hard: p.identicalCorrectHard, items: p.itemsBothAnswered, p: fmtP(p.answersPValue)})}));
    details.appendChild(h('p', {text: timingText(p)}));
    if (p.changesFollowed > 0) {
      details.appendChild(h('p', {text: t('simChanges', {followed: p.changesFollowed, p: fmtP(p.changesPValue)})}));
    }
    const rows = pairRows(p);
    const table = h('table', {class: 'sim-items'},
      h('caption', {text: t('simItemsCaption', {a: p.seatA, b: p.seatB})}),
      h('thead', {}, h('tr', {}, ['simItem', 'simResult', 'simLag', 'simSavedA', 'simSavedB']
        .map(k => h('th', {scope: 'col', text: t(k, {a: p.seatA, b: p.seatB})})))));
    const body = h('tbody');
    for (const r of rows) {
      body.appendChild(h('tr', {class: 'k-' + r.kind},
        h('td', {text: r.itemId}), h('td', {text: t('sim_' + r.kind)}),
        h('td', {text: r.lagSeconds === null ? '–' : (r.lagSeconds > 0 ? '+' : '') + r.lagSeconds + ' s'}),
        h('td', {text: r.savedAtA === null ? '–' : fmtTime(r.savedAtA)}),
        h('td', {text: r.savedAtB === null ? '–' : fmtTime(r.savedAtB)})));
    }
    table.appendChild(body);
    details.appendChild(table);
    block.appendChild(details);
  }
  const joined = joinedMembers(e);
  if (joined.length) {
    block.appendChild(h('p', {text: t('simJoined', {list: joined.map(j => j.seat + ' ' + (j.anchor
      ? t('simRingOne', {anchor: j.anchor, agreeing: j.agreeing, items: j.items, p: fmtP(j.pValue),
        threshold: fmtP(j.threshold)})
      : t('simJoinedOne', {agreeing: j.agreeing, items: j.items, p: fmtP(j.pValue)}))).join('; ')})}));
  }
  block.appendChild(h('p', {class: 'sim-power', text: powerText(e.medianSharedItems, e.minimumDetectableCopy)}));
  return block;
}

/** The timing test of a pair in words: which test applied and what it found. */
function timingText(p) {
  if (p.timedItems < 10) return t('simNoTiming');
  if (p.timingTest === 'time-correlation') {
    return t('simTimingCorrelation', {r: (p.timingCorrelation ?? 0).toFixed(2), items: p.timedItems,
      p: fmtP(p.timingPValue)});
  }
  return t('simTimingLockstep', {lockstep: p.lockstepItems, items: p.timedItems, p: fmtP(p.timingPValue)});
}

/** The sitting's power figure: how much copying between neighbours the answers alone could show here. */
function powerText(shared, detectable) {
  if (!shared) return '';
  return detectable === null || detectable === undefined ? t('simPowerNone', {shared})
    : t('simPower', {shared, percent: Math.round(detectable * 100)});
}

/** A similarity flag a later run took back: a line in the status next to the run button, in the page's language. */
function feedWithdrawal(w) {
  const line = t(w.supersededBy ? 'simWithdrawnSuperseded' : 'simWithdrawnUnsupported',
    {category: w.category, seat: w.seatCode, time: fmtTime(w.at)});
  const status = $('similarity-result');
  if (status) status.textContent = line;
}

/** The chief proctor (an administrator) runs the similarity detector now; its flags arrive on the stream. */
$('run-similarity').addEventListener('click', async () => {
  $('similarity-result').textContent = t('similarityRunning');
  try {
    const r = await api('POST', '/live/sittings/' + encodeURIComponent(app.sitting.id) + '/similarity');
    $('similarity-result').textContent = t('similarityDone', r)
      + (r.withdrawn ? ' ' + t('similarityWithdrawn', r) : '')
      + (r.allSubmitted ? t('similarityFinal') : '')
      + ' ' + powerText(r.medianSharedItems, r.minimumDetectableCopy);
  } catch (e) {
    $('similarity-result').textContent = t('refused') + ': ' + errorText(e);
  }
});

/** A decision's outcome in the page's language; an outcome the console does not know shows as sent. */
function outcomeText(outcome) {
  return {CONFIRMED: t('confirmed'), DISMISSED: t('dismissed')}[outcome] || outcome || '';
}

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
    say($('action-result'), () => t('done') + ': ' + outcomeText(outcome) + ' ' + f.category);
  } catch (e) {
    say($('action-result'), () => t('refused') + ': ' + errorText(e));
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
  // The result goes beside the button that was used, where the proctor is looking, and is said again in the other
  // language after a switch.
  const result = formResult(form);
  try {
    const out = await api('POST', '/api/proctor/sittings/' + encodeURIComponent(app.sitting.id) + '/seats/'
      + encodeURIComponent(s.code) + '/' + action, body);
    say(result, () => (out.ok === false ? t('refused') + ': ' + errorText(out) : t('done') + ': ' + t(camel(action))));
    if (out.state) {
      applyAttempt(s, {attemptId: s.attemptId, state: out.state, deadline: out.deadline, answered: s.answered},
        Date.now() + app.offset);
      markDirty(s.code);
    }
    form.reset();
  } catch (e) {
    const field = e.details && e.details.field;
    say(result, () => t('refused') + ': ' + errorText(e) + (field ? ' [' + field + ']' : ''));
  }
}));

/** The status line of a seat action's form, right after its button (made on first use). */
function formResult(form) {
  let el = form.querySelector('.form-result');
  if (!el) {
    el = h('span', {class: 'form-result', role: 'status'});
    form.appendChild(el);
  }
  return el;
}

function camel(action) {
  return action.replace(/-(\w)/g, (m, c) => c.toUpperCase());
}

/* ---------- room and sitting: pause, resume, extend, announce, record ---------- */
function scopePath(scope, tail) {
  const base = '/api/proctor/sittings/' + encodeURIComponent(app.sitting.id);
  return scope === 'sitting' ? base + '/all-rooms/' + tail : base + '/rooms/' + encodeURIComponent(app.roomId) + '/' + tail;
}

$('room-action').addEventListener('change', () => {
  $('room-action-minutes').disabled = $('room-action').value !== 'extend';
});
$('room-action-minutes').disabled = $('room-action').value !== 'extend';

$('room-action-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const action = $('room-action').value;
  const body = {reason: $('room-action-reason').value.trim()};
  if (action === 'extend') body.seconds = Number($('room-action-minutes').value) * 60;
  // The result goes next to the button that asked for it, where the proctor is looking.
  const result = $('room-action-result');
  try {
    const out = await api('POST', scopePath($('room-action-scope').value, action), body);
    const n = (out.seats || []).filter(o => o.ok).length;
    say(result, () => t('roomActionDone', {action: t(action), n}));
    $('room-action-reason').value = '';
    rereadAttempts();
  } catch (e) {
    const field = e.details && e.details.field;
    say(result, () => t('refused') + ': ' + errorText(e) + (field ? ' [' + field + ']' : ''));
  }
});

$('announce-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const body = {message: $('announce-message').value.trim()};
  if ($('announce-scope').value === 'room') body.roomId = app.roomId;
  const result = $('announce-result');
  try {
    const out = await api('POST', '/api/proctor/sittings/' + encodeURIComponent(app.sitting.id) + '/announcements', body);
    say(result, () => t('announceDone', {n: out.reached}));
    $('announce-message').value = '';
  } catch (e) {
    const field = e.details && e.details.field;
    say(result, () => t('refused') + ': ' + errorText(e) + (field ? ' [' + field + ']' : ''));
  }
});

/**
 * 离线答卷: the file goes to exam-server as it is; exam-server checks the proctor's room, the file's seal, the window
 * after the deadline, and answers what it merged and the score after it, or why it refused the file.
 */
$('offline-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const result = $('offline-result');
  const file = $('offline-file').files[0];
  if (!file) {
    say(result, () => t('offlineNoFile'));
    $('offline-file').focus();
    return;
  }
  let body;
  try {
    body = JSON.parse(await file.text());
  } catch {
    body = {}; // not JSON: exam-server names it OFFLINE_FILE_INVALID, in the same words as any other refusal
  }
  try {
    const out = await api('POST', '/api/proctor/sittings/' + encodeURIComponent(app.sitting.id) + '/offline-answers',
      body);
    const verdict = out.pendingMarking ? 'verdictPending' : (out.passed ? 'verdictPassed' : 'verdictFailed');
    say(result, () => t('offlineDone', {seat: out.seatCode, ticket: out.ticket, merged: out.merged,
      answered: out.answered, score: out.objectiveScore, max: out.maxScore, verdict: t(verdict), receipt: out.receipt}));
    $('offline-file').value = '';
    rereadAttempts();
  } catch (e) {
    const field = e.details && e.details.field;
    say(result, () => t('refused') + ': ' + errorText(e) + (field ? ' [' + field + ']' : ''));
  }
});

/** The room record is built by this console from exam-server's data with the proctor's own token. */
async function downloadReport(path, fileName) {
  try {
    const blob = await api('GET', path);
    const url = URL.createObjectURL(blob);
    const a = h('a', {href: url, download: fileName});
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    $('room-action-result').textContent = t('refused') + ': ' + errorText(e);
  }
}

for (const [id, scope, format] of [['report-pdf', 'room', 'pdf'], ['report-xlsx', 'room', 'xlsx'],
  ['report-sitting-pdf', 'sitting', 'pdf']]) {
  $(id).addEventListener('click', ev => {
    ev.preventDefault();
    const sitting = encodeURIComponent(app.sitting.id);
    const path = scope === 'room' ? '/report/sittings/' + sitting + '/rooms/' + encodeURIComponent(app.roomId) + '/' + format
      : '/report/sittings/' + sitting + '/' + format;
    downloadReport(path, 'room-record-' + (scope === 'room' ? app.roomId : app.sitting.id) + '.' + format);
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
    ' ' + describeDetail(e.detail, lang()))));
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
if (session.signedIn()) {
  afterLogin().catch(() => { sessionStorage.clear(); $('login-view').hidden = false; });
}
