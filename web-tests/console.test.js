import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  newSeat, applyAttempt, applyProgress, applySeatEvent, seatState, openFlagCount, countSeats, fmtLeft, timeLeft,
  minutesLeft, fmtSkew, roomRows, seatForKey, feedEntries, SEAT_STATES, SEAT_ICONS, reminderCovering, moveCandidate,
} from '../proctor-console/src/main/resources/webroot/console/js/seats.js';

const seat = (over = {}) => Object.assign(newSeat({ code: 'R1-01', row: 1, col: 1, ticket: 'T1', name: '张三' }, 'r1'), over);
const event = (kind, over = {}) => ({ id: kind, kind, seatCode: 'R1-01', at: 1000, source: 'SERVER', observedAt: 0,
  detail: {}, ...over });

describe('a seat tile\'s state', () => {
  test('follows login, socket, answering, a disconnect and a reconnect', () => {
    const s = seat({ state: 'WAITING' });
    const out = [seatState(s)];
    for (const step of ['LOGIN', 'SOCKET_OPENED', 'ANSWERING', 'DISCONNECT', 'RECONNECT']) {
      if (step === 'ANSWERING') s.state = 'ANSWERING'; else applySeatEvent(s, event(step));
      out.push(seatState(s));
    }
    assert.deepEqual(out, ['absent', 'loggedIn', 'waiting', 'answering', 'offline', 'answering']);
  });

  test('a seat without a candidate is empty, and an absent one stays absent even when auto-submitted', () => {
    assert.equal(seatState(seat({ ticket: null })), 'empty');
    const s = seat();
    applySeatEvent(s, event('AUTO_SUBMITTED'));
    assert.equal(seatState(s), 'absent');
  });

  test('progress counts as an open page even when the socket events were missed', () => {
    const s = seat({ state: 'ANSWERING', loggedIn: true, online: true });
    assert.equal(seatState(s), 'loggedIn');
    applyProgress(s, { seatCode: 'R1-01', answered: 3 });
    assert.equal(seatState(s), 'answering');
    assert.equal(s.answered, 3);
  });

  test('pause, resume, extension, leave, reminder and submission change the seat; some ask for a re-read', () => {
    const s = seat({ state: 'ANSWERING', loggedIn: true, socket: true, online: true });
    assert.equal(applySeatEvent(s, event('PAUSED')), true);
    assert.equal(seatState(s), 'paused');
    assert.equal(applySeatEvent(s, event('RESUMED')), true);
    assert.equal(seatState(s), 'answering');
    assert.equal(applySeatEvent(s, event('EXTENDED', { detail: { deadline: 99 } })), true);
    assert.equal(s.deadline, 99);
    applySeatEvent(s, event('LEAVE_PERMITTED', { detail: { until: '1234' } }));
    assert.equal(s.leaveUntil, 1234);
    applySeatEvent(s, event('REMINDED', { at: 777 }));
    assert.equal(s.reminded, 777);
    applySeatEvent(s, event('FORCE_SUBMITTED'));
    assert.equal(seatState(s), 'submitted');
  });

  test('a paused seat\'s clock stands still, from a live pause or from the attempts query, and runs after the resume', () => {
    const s = seat({ state: 'ANSWERING', loggedIn: true, socket: true, online: true, deadline: 601_000 });
    applySeatEvent(s, event('PAUSED', { at: 1_000 }));
    assert.equal(timeLeft(s, 1_000), '10:00');
    assert.equal(timeLeft(s, 301_000), '10:00');
    assert.equal(minutesLeft(s, 301_000), 10);
    // The query of a paused seat gives the deadline of its moment (it moves with the clock while paused).
    applyAttempt(s, { attemptId: 'a', state: 'PAUSED', deadline: 901_000, answered: 0 }, 301_000);
    assert.equal(timeLeft(s, 500_000), '10:00');
    // A console opened during the pause knows it from the query alone.
    const fresh = seat();
    applyAttempt(fresh, { attemptId: 'a', state: 'PAUSED', deadline: 901_000, answered: 0 }, 301_000);
    assert.equal(timeLeft(fresh, 400_000), '10:00');
    applySeatEvent(s, event('RESUMED', { at: 500_000 }));
    applyAttempt(s, { attemptId: 'a', state: 'ANSWERING', deadline: 1_100_000, answered: 0 }, 500_000);
    assert.equal(timeLeft(s, 560_000), '9:00');
  });

  test('a suggestion to remind is answered only by a later reminder about its category or a general one', () => {
    const s = seat();
    applySeatEvent(s, event('REMINDED', { at: 100, detail: { category: 'A2' } }));
    applySeatEvent(s, event('REMINDED', { at: 200, detail: { category: 'A1' } }));
    assert.equal(reminderCovering(s, 'A2', 150), 0, 'an A1 reminder does not answer an A2 suggestion');
    assert.equal(reminderCovering(s, 'A2', 50), 100);
    applySeatEvent(s, event('REMINDED', { at: 300, detail: {} }));
    assert.equal(reminderCovering(s, 'A2', 150), 300, 'a general reminder covers every tier-A category');
  });

  test('the seat agent losing and regaining the candidate marks the seat away and back; submitting ends it', () => {
    const s = seat({ state: 'ANSWERING', loggedIn: true, socket: true, online: true });
    applySeatEvent(s, event('PRESENCE_LOST'));
    assert.equal(s.away, true);
    applySeatEvent(s, event('PRESENCE_REGAINED'));
    assert.equal(s.away, false);
    applySeatEvent(s, event('PRESENCE_LOST'));
    applySeatEvent(s, event('SUBMITTED'));
    assert.equal(s.away, false);
  });

  test('every state has an icon of its own, so no two states differ by colour alone', () => {
    const icons = SEAT_STATES.map((st) => SEAT_ICONS[st]);
    assert.ok(icons.every((i) => typeof i === 'string' && i.length > 0));
    assert.equal(new Set(icons).size, SEAT_STATES.length);
  });

  test('a browser event proves the page is online and gives the terminal clock skew', () => {
    const s = seat({ loggedIn: true, state: 'ANSWERING' });
    applySeatEvent(s, event('BLUR', { source: 'BROWSER', at: 10_000, observedAt: 12_400 }));
    assert.equal(seatState(s), 'answering');
    assert.equal(fmtSkew(s), '+2 s');
    assert.equal(fmtSkew(seat()), '—');
    assert.equal(fmtSkew(seat({ skew: -3000 })), '-3 s');
  });

  test('the attempts query reports whether the tile changed', () => {
    const s = seat();
    const row = { attemptId: 'a1', state: 'WAITING', deadline: 5, answered: 0 };
    assert.equal(applyAttempt(s, row), true);
    assert.equal(applyAttempt(s, row), false);
    assert.equal(s.attemptId, 'a1');
  });
});

describe('the room and site counts', () => {
  test('count present, absent, submitted, offline seats and open flags, skipping empty seats', () => {
    const flags = new Map([['f1', { id: 'f1', seatCode: 'A' }], ['f2', { id: 'f2', seatCode: 'A' }],
      ['f3', { id: 'f3', seatCode: 'B' }]]);
    const decided = new Map([['f2', {}]]);
    const seats = [
      seat({ code: 'A', loggedIn: true, socket: true, online: true, state: 'ANSWERING' }),
      seat({ code: 'B', loggedIn: true, socket: true, online: false, state: 'ANSWERING' }),
      seat({ code: 'C', loggedIn: true, state: 'SUBMITTED' }),
      seat({ code: 'D' }),
      seat({ code: 'E', ticket: null }),
    ];
    assert.equal(openFlagCount(flags, decided, 'A'), 1);
    assert.deepEqual(countSeats(seats, (code) => openFlagCount(flags, decided, code)),
      { seats: 4, present: 3, absent: 1, submitted: 1, offline: 1, flags: 2 });
  });
});

describe('a seat change', () => {
  test('moves the candidate and what is known of them to the new seat, which the counts then find there', () => {
    const from = seat({ code: 'R1-01', roomId: 'r1', loggedIn: true, socket: true, online: true, state: 'ANSWERING',
      attemptId: 'a1', deadline: 5000, answered: 7, reminders: [{ at: 1, category: 'A2' }] });
    const to = newSeat({ code: 'R2-01', row: 1, col: 1 }, 'r2');
    assert.equal(moveCandidate(from, to), true);
    assert.deepEqual([to.ticket, to.name, to.attemptId, to.answered, to.deadline, seatState(to)],
      ['T1', '张三', 'a1', 7, 5000, 'answering']);
    assert.deepEqual(to.reminders, [{ at: 1, category: 'A2' }]);
    assert.deepEqual([from.ticket, from.attemptId, from.loggedIn, seatState(from), from.roomId], [null, null, false,
      'empty', 'r1']);
    const none = () => 0;
    assert.deepEqual(countSeats([from], none), { seats: 0, present: 0, absent: 0, submitted: 0, offline: 0, flags: 0 });
    assert.equal(countSeats([to], none).present, 1);
  });

  test('seen twice, or onto a seat that holds a candidate, changes nothing', () => {
    const from = seat({ loggedIn: true });
    const to = seat({ code: 'R1-02', ticket: 'T2', name: '李四' });
    assert.equal(moveCandidate(from, to), false);
    assert.deepEqual([from.ticket, to.ticket], ['T1', 'T2']);
    const empty = newSeat({ code: 'R1-03', row: 1, col: 3 }, 'r1');
    assert.equal(moveCandidate(empty, to), false);
    assert.equal(moveCandidate(undefined, to), false);
  });
});

describe('times', () => {
  test('time left as M:SS or H:MM:SS, a dash without a running deadline', () => {
    assert.equal(fmtLeft(0), '0:00');
    assert.equal(fmtLeft(65_999), '1:05');
    assert.equal(fmtLeft(3_600_000 + 61_000), '1:01:01');
    assert.equal(timeLeft(seat({ deadline: 10_000 }), 4_000), '0:06');
    assert.equal(timeLeft(seat({ deadline: 10_000, state: 'SUBMITTED' }), 4_000), '—');
    assert.equal(timeLeft(seat(), 4_000), '—');
  });

  test('a tile\'s minutes left round up and change once a minute, not every second', () => {
    const s = seat({ deadline: 3_600_000, state: 'ANSWERING' });
    assert.equal(minutesLeft(s, 0), 60);
    assert.equal(minutesLeft(s, 1_000), 60);
    assert.equal(minutesLeft(s, 59_000), 60);
    assert.equal(minutesLeft(s, 60_000), 59);
    assert.equal(minutesLeft(s, 3_599_500), 1);
    assert.equal(minutesLeft(s, 4_000_000), 0);
    assert.equal(minutesLeft(seat(), 0), null);
    assert.equal(minutesLeft(seat({ deadline: 5, state: 'SUBMITTED' }), 0), null);
  });
});

describe('the seat map', () => {
  // 2 rows of 4: S1 S2 __ S4 / S5 __ __ S8
  const room = { rows: 2, cols: 4, seats: [
    { code: 'S1', row: 1, col: 1 }, { code: 'S2', row: 1, col: 2 }, { code: 'S4', row: 1, col: 4 },
    { code: 'S5', row: 2, col: 1 }, { code: 'S8', row: 2, col: 4 }] };
  const [s1, s2, s4, s5, s8] = room.seats;
  const to = (s, key, ctrl) => { const x = seatForKey(room, s, key, ctrl); return x ? x.code : x; };

  test('is rows of cells in reading order, gaps keyed by position', () => {
    assert.deepEqual(roomRows(room).map((r) => [r.key, r.cells.map((c) => c.key)]), [
      ['row:1', ['S1', 'S2', 'gap:1:3', 'S4']], ['row:2', ['S5', 'gap:2:2', 'gap:2:3', 'S8']]]);
  });

  test('arrow keys move to the next seat that way, over gaps, and stop at the room\'s edge', () => {
    assert.equal(to(s1, 'ArrowRight'), 'S2');
    assert.equal(to(s2, 'ArrowRight'), 'S4');
    assert.equal(to(s8, 'ArrowLeft'), 'S5');
    assert.equal(to(s1, 'ArrowDown'), 'S5');
    assert.equal(to(s8, 'ArrowUp'), 'S4');
    assert.equal(to(s1, 'ArrowUp'), null);
    assert.equal(to(s4, 'ArrowRight'), null);
    assert.equal(to(s2, 'ArrowDown'), null);
  });

  test('Home and End go to the row\'s ends, with Ctrl to the room\'s; other keys are not the map\'s', () => {
    assert.equal(to(s2, 'Home'), 'S1');
    assert.equal(to(s2, 'End'), 'S4');
    assert.equal(to(s8, 'Home'), 'S5');
    assert.equal(to(s5, 'End'), 'S8');
    assert.equal(to(s2, 'Home', true), 'S1');
    assert.equal(to(s2, 'End', true), 'S8');
    assert.equal(to(s1, 'End', true), 'S8');
    assert.equal(seatForKey(room, s1, 'Enter'), undefined);
    assert.equal(seatForKey(room, s1, 'a'), undefined);
  });
});

describe('the event feed', () => {
  const events = [
    { kind: 'LOGIN', seatCode: 'A', detail: {} },
    { kind: 'BLUR', seatCode: 'B', detail: {} },
    { kind: 'INCIDENT', seatCode: 'A', detail: { category: 'A3' } },
    { kind: 'BLUR', seatCode: 'A', detail: {} },
  ];

  test('shows the newest first, filtered by kind, category, seat and room', () => {
    assert.deepEqual(feedEntries(events).shown.map((e) => e.kind), ['BLUR', 'INCIDENT', 'BLUR', 'LOGIN']);
    assert.deepEqual(feedEntries(events, { kind: 'BLUR' }).shown.map((e) => e.seatCode), ['A', 'B']);
    assert.deepEqual(feedEntries(events, { cat: 'A3' }).shown.map((e) => e.kind), ['INCIDENT']);
    assert.equal(feedEntries(events, { seat: 'B' }).shown.length, 1);
    assert.equal(feedEntries(events, { roomSeats: new Set(['A']) }).shown.length, 3);
  });

  test('stops at the limit and offers the kinds it met', () => {
    const { shown, kinds } = feedEntries(events, {}, 2);
    assert.equal(shown.length, 2);
    assert.deepEqual([...kinds].sort(), ['BLUR', 'INCIDENT']);
  });
});

describe('event kind names', () => {
  test('every seat event kind the catalogue leaves out is named in both languages', async () => {
    const { EVENT_KINDS } = await import('../proctor-console/src/main/resources/webroot/console/js/kinds.js');
    const { readFile } = await import('node:fs/promises');
    const catalog = JSON.parse(await readFile(new URL(
      '../proctor-console/src/main/resources/webroot/console/explanations.json', import.meta.url), 'utf8'));
    const contract = await readFile(new URL('../contract/src/main/java/cn/examcore/contract/SeatEvent.java',
      import.meta.url), 'utf8');
    const enumBody = contract.slice(contract.indexOf('enum Kind'));
    const kinds = [...enumBody.matchAll(/^\s{8}([A-Z][A-Z_]+)\(/gm)].map((m) => m[1]);
    assert.ok(kinds.length > 30, 'read the Kind enum');
    for (const kind of kinds) {
      const x = catalog.kinds[kind] || EVENT_KINDS[kind];
      assert.ok(x && x.zh && x.en, 'no name for ' + kind);
    }
  });
});

describe('event details in the feed', () => {
  test('a seat event reads as labelled facts in either language, never as JSON', async () => {
    const { describeDetail } = await import('../proctor-console/src/main/resources/webroot/console/js/kinds.js');
    const extended = { by: 'proctor1', reason: '停电补时', seconds: 600 };
    assert.equal(describeDetail(extended, 'zh-CN'), '操作人 proctor1；原因：停电补时；10 分钟');
    assert.equal(describeDetail(extended, 'en'), 'by proctor1; reason: 停电补时; 10 min');
    assert.equal(describeDetail({}, 'en'), '');
    assert.equal(describeDetail(null, 'en'), '');
  });

  test("an audit record's JSON detail is opened, ids are left out and other plain values kept", async () => {
    const { describeDetail } = await import('../proctor-console/src/main/resources/webroot/console/js/kinds.js');
    const audit = { by: 'proctor1', detail: JSON.stringify({ message: '请关闭手机', seats: 29,
      announcementId: 'a-1', scope: 'ROOM' }) };
    const text = describeDetail(audit, 'zh-CN');
    assert.equal(text, '操作人 proctor1；内容：「请关闭手机」；29 个考位；scope: ROOM');
    assert.ok(!text.includes('{') && !text.includes('a-1'));
    assert.equal(describeDetail({ by: 'x', detail: 'not json' }, 'en'), 'by x; note: not json');
  });

  test('the audit copies of seat actions stay out of the feed; room-wide ones stay in', async () => {
    const { REPEATS_A_SEAT_EVENT, EVENT_KINDS } = await import(
      '../proctor-console/src/main/resources/webroot/console/js/kinds.js');
    assert.ok(REPEATS_A_SEAT_EVENT('seat.extend'));
    assert.ok(!REPEATS_A_SEAT_EVENT('room.extend'));
    for (const k of ['AUDIT:room.extend', 'AUDIT:announcement.make', 'AUDIT:identity.confirm']) {
      assert.ok(EVENT_KINDS[k] && EVENT_KINDS[k].zh && EVENT_KINDS[k].en, 'no name for ' + k);
    }
  });
});
