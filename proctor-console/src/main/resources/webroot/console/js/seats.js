// The console's seat model as plain functions: what a seat tile shows is derived here from the layout, the
// attempts query, the live events and the progress pushes, so node --test can check it without a browser.

export const CATEGORIES = ['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'B3', 'B4', 'B5', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'];
const OFFLINE_KINDS = new Set(['DISCONNECT', 'HEARTBEAT_GAP', 'OFFLINE']);
const ONLINE_KINDS = new Set(['LOGIN', 'SOCKET_OPENED', 'RECONNECT', 'ONLINE']);
/** Kinds that show the page had its seat socket open: past "logged in", on to waiting / answering. */
const SOCKET_KINDS = new Set(['SOCKET_OPENED', 'RECONNECT', 'DISCONNECT', 'HEARTBEAT_GAP']);
const BROWSER_SOURCE = 'BROWSER';
/** Events after which states and deadlines are re-read: their effect on the attempt is not in the event. */
const REFRESH_KINDS = new Set(['EXTENDED', 'PAUSED', 'RESUMED', 'SEAT_CHANGED']);

/** Every state a tile can show, in the legend's order. */
export const SEAT_STATES = ['empty', 'absent', 'loggedIn', 'waiting', 'answering', 'paused', 'offline', 'submitted'];

/** A seat of the layout (`/rooms`) as the console models it, before any attempt or event is known. */
export function newSeat(seat, roomId) {
  return {
    code: seat.code, row: seat.row, col: seat.col, roomId, ticket: seat.ticket, name: seat.name,
    extraTime: seat.extraTime || null,
    attemptId: null, state: null, deadline: 0, answered: 0, loggedIn: false, socket: false, online: false,
    skew: null, leaveUntil: 0, reminded: 0, reminders: [], away: false,
    // While paused: the time the seat had left when its clock stopped (its deadline moves with the clock until the
    // resume, so a deadline alone would count down on the tile).
    pausedLeft: null,
  };
}

/**
 * Applies a row of the attempts query, read at about server time `serverNow` (a paused seat's deadline in it is the
 * one of that moment); true when what the tile shows changed.
 */
export function applyAttempt(s, a, serverNow = Date.now()) {
  const changed = s.state !== a.state || s.answered !== a.answered || s.deadline !== a.deadline;
  // A pause already known keeps the time left at its moment: a later query's figure differs by its latency.
  const wasPaused = s.state === 'PAUSED' && s.pausedLeft !== null;
  s.attemptId = a.attemptId;
  s.state = a.state;
  s.deadline = a.deadline;
  s.answered = a.answered;
  if (a.state !== 'PAUSED') s.pausedLeft = null;
  else if (!wasPaused && a.deadline) s.pausedLeft = Math.max(0, a.deadline - serverNow);
  return changed;
}

/** Applies a progress push: answering implies the page's socket is open, whatever events were missed. */
export function applyProgress(s, p) {
  s.answered = p.answered;
  s.socket = true;
}

/**
 * Applies one seat event to its seat. Returns true when the attempt's state or deadline should be re-read
 * (only meaningful for live events: the history is read together with the attempts).
 */
export function applySeatEvent(s, e) {
  const k = e.kind;
  const browser = e.source === BROWSER_SOURCE;
  if (k === 'LOGIN') { s.loggedIn = true; s.attemptId = e.attemptId || s.attemptId; }
  if (SOCKET_KINDS.has(k) || browser) s.socket = true;
  if (OFFLINE_KINDS.has(k)) s.online = false;
  else if (ONLINE_KINDS.has(k) || browser) s.online = true;
  if (k === 'PAUSED') {
    // The clock stops at the pause: what was left then is what the tile shows until the resume.
    if (s.state !== 'PAUSED' && s.deadline) s.pausedLeft = Math.max(0, s.deadline - e.at);
    s.state = 'PAUSED';
  }
  if (k === 'RESUMED' && s.state === 'PAUSED') {
    // The deadline moved by the time paused: the re-read this kind asks for brings the new one.
    s.pausedLeft = null;
    s.state = 'ANSWERING';
  }
  if (k === 'SUBMITTED' || k === 'AUTO_SUBMITTED' || k === 'FORCE_SUBMITTED') { s.state = 'SUBMITTED'; s.away = false; }
  // The seat agent saw the seat empty: shown on the tile until it sees the candidate again.
  if (k === 'PRESENCE_LOST') s.away = true;
  if (k === 'PRESENCE_REGAINED') s.away = false;
  if (k === 'EXTENDED' && e.detail && e.detail.deadline) s.deadline = e.detail.deadline;
  if (k === 'LEAVE_PERMITTED' && e.detail) s.leaveUntil = Number(e.detail.until) || 0;
  if (k === 'REMINDED') {
    s.reminded = e.at;
    s.reminders.push({ at: e.at, category: (e.detail && e.detail.category) || null });
  }
  // A browser event says when the terminal thought it happened: the difference is its clock's skew.
  if (browser && e.observedAt > 0) s.skew = e.observedAt - e.at;
  return REFRESH_KINDS.has(k);
}

/** What belongs to the candidate at a seat rather than to the seat itself: it moves with them (调换考位). */
const CANDIDATE_FIELDS = ['ticket', 'name', 'extraTime', 'attemptId', 'state', 'deadline', 'answered', 'loggedIn',
  'socket', 'online', 'skew', 'leaveUntil', 'reminded', 'reminders', 'away', 'pausedLeft'];

/**
 * A live seat change: the candidate, their attempt and what is known of them move from seat `from` to seat `to`, and
 * `from` becomes an empty seat. The layout was read before the move, so without this the overview and the tiles would
 * count the candidate at the old seat and show the new one empty until a reload. True when something moved (a move
 * seen twice, or onto a seat already holding a candidate, changes nothing).
 */
export function moveCandidate(from, to) {
  if (!from || !to || from === to || !from.ticket || to.ticket) return false;
  const empty = newSeat({ code: from.code, row: from.row, col: from.col, ticket: null, name: null }, from.roomId);
  for (const f of CANDIDATE_FIELDS) {
    to[f] = from[f];
    from[f] = empty[f];
  }
  return true;
}

/** The state a tile shows (one of SEAT_STATES). */
export function seatState(s) {
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

/** Flags on seat `code` that no decision has closed. */
export function openFlagCount(flags, decided, code) {
  let n = 0;
  for (const f of flags.values()) if (f.seatCode === code && !decided.has(f.id)) n++;
  return n;
}

/** The counts of a room (or the site) for the overview row and the room summary. */
export function countSeats(seats, openFlagsOf) {
  const c = { seats: 0, present: 0, absent: 0, submitted: 0, offline: 0, flags: 0 };
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

/** A span as H:MM:SS or M:SS; nothing left shows 0:00. */
export function fmtLeft(ms) {
  if (ms <= 0) return '0:00';
  const sec = Math.floor(ms / 1000);
  const h = Math.floor(sec / 3600), m = Math.floor(sec % 3600 / 60), x = sec % 60;
  return (h ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(x).padStart(2, '0');
}

/** The seat's time left in ms at server time `serverNow` (frozen while paused), or null without a deadline. */
export function msLeft(s, serverNow) {
  if (!s.deadline || s.state === 'SUBMITTED') return null;
  if (s.state === 'PAUSED' && s.pausedLeft !== null) return s.pausedLeft;
  return s.deadline - serverNow;
}

/** The seat's time left at server time `serverNow`, or a dash when it has no running deadline. */
export function timeLeft(s, serverNow) {
  const left = msLeft(s, serverNow);
  return left === null ? '—' : fmtLeft(left);
}

/**
 * The latest reminder at seat `s` that covers tier-A `category` (one naming it, or a general one) sent at or after
 * `since`, as its server time; 0 when there is none. A suggestion to remind is answered only by such a reminder.
 */
export function reminderCovering(s, category, since) {
  let at = 0;
  for (const r of s.reminders || []) {
    if (r.at >= since && (!r.category || r.category === category) && r.at > at) at = r.at;
  }
  return at;
}

/** The terminal's clock skew in whole seconds with its sign, or a dash when unknown. */
export function fmtSkew(s) {
  if (s.skew === null) return '—';
  const v = Math.round(s.skew / 1000);
  return (v > 0 ? '+' : '') + v + ' s';
}

/**
 * The room's grid as rows in reading order, for the seat map's role=grid > role=row > role=gridcell: one cell per
 * position, `code` null where the room has no seat (a gap keyed by its position).
 */
export function roomRows(room) {
  const codes = new Map(room.seats.map((s) => [s.row + ':' + s.col, s.code]));
  const rows = [];
  for (let r = 1; r <= room.rows; r++) {
    const cells = [];
    for (let c = 1; c <= room.cols; c++) {
      const code = codes.get(r + ':' + c) || null;
      cells.push({ key: code || 'gap:' + r + ':' + c, code });
    }
    rows.push({ key: 'row:' + r, cells });
  }
  return rows;
}

const STEPS = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };

const readingOrder = (a, b) => a.row - b.row || a.col - b.col;

/**
 * The seat a key moves the seat map's focus to from seat `s`, as the ARIA grid pattern has it: an arrow goes to the
 * next seat that way (over gaps, where the room has no seat), Home/End to the row's first/last seat, Ctrl+Home/End
 * to the room's first/last seat. Null when there is no seat that way (the room's edge); undefined for another key.
 */
export function seatForKey(room, s, key, ctrl = false) {
  const step = STEPS[key];
  if (step) {
    const ahead = room.seats.filter((x) => (step[0] === 0 ? x.row === s.row && Math.sign(x.col - s.col) === step[1]
      : x.col === s.col && Math.sign(x.row - s.row) === step[0]));
    ahead.sort((a, b) => Math.abs(a.row - s.row) + Math.abs(a.col - s.col) - Math.abs(b.row - s.row)
      - Math.abs(b.col - s.col));
    return ahead[0] || null;
  }
  if (key !== 'Home' && key !== 'End') return undefined;
  const pool = (ctrl ? room.seats : room.seats.filter((x) => x.row === s.row)).slice().sort(readingOrder);
  return (key === 'Home' ? pool[0] : pool[pool.length - 1]) || null;
}

/**
 * The icon a tile and the legend show before a state's name: the state never rests on the tile's colour alone
 * (WCAG 1.4.1), and the shapes tell apart states whose background colours are close (1.4.11).
 */
export const SEAT_ICONS = {
  empty: '–', absent: '○', loggedIn: '●', waiting: '◷', answering: '✎', paused: '‖', offline: '✕', submitted: '✓',
};

/**
 * Whole minutes left, rounded up, at server time `serverNow`, or null without a running deadline. A tile shows
 * minutes (the panel shows seconds): a seconds clock on every tile changed the map thirty times a second.
 */
export function minutesLeft(s, serverNow) {
  const left = msLeft(s, serverNow);
  return left === null ? null : Math.max(0, Math.ceil(left / 60000));
}

/**
 * The feed: the newest `limit` events passing the filters (kind, category, seat code, and the shown room's seats
 * when `roomSeats` is a Set), newest first, and every kind met on the way for the kind filter's options.
 */
export function feedEntries(events, { kind = '', cat = '', seat = '', roomSeats = null } = {}, limit = 400) {
  const kinds = new Set();
  const shown = [];
  for (let i = events.length - 1; i >= 0 && shown.length < limit; i--) {
    const e = events[i];
    kinds.add(e.kind);
    if (roomSeats && !roomSeats.has(e.seatCode)) continue;
    if (kind && e.kind !== kind) continue;
    if (cat && eventCategory(e) !== cat) continue;
    if (seat && e.seatCode !== seat) continue;
    shown.push(e);
  }
  return { shown, kinds };
}

function eventCategory(e) {
  return e.detail && (e.detail.category || '') || '';
}
