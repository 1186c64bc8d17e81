import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { AnswerStore, isAnswered } from '../exam-server/src/main/resources/webroot/candidate/js/journal.js';
import { ServerClock } from '../exam-server/src/main/resources/webroot/candidate/js/clock.js';
import { describeFocus, shortcutFor, shortcutsEnabled, setShortcutsEnabled, SHORTCUTS_KEY } from '../exam-server/src/main/resources/webroot/candidate/js/shortcuts.js';

function memoryStorage() {
  const data = new Map();
  return {
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => data.set(k, String(v)),
    removeItem: (k) => data.delete(k),
    data,
  };
}

describe('the answer journal', () => {
  test('an unsent change keeps its revision; a change after sending takes the next', () => {
    const store = new AnswerStore('a1', memoryStorage());
    assert.equal(store.set(1, 'A').rev, 1);
    assert.equal(store.set(1, 'B').rev, 1);
    store.markSent(1);
    assert.equal(store.set(1, 'C').rev, 2);
    assert.deepEqual(store.unsent(), [{ item: 1, value: 'C', rev: 2 }]);
  });

  test('a reload restores unacknowledged saves, revisions and marks from storage', () => {
    const storage = memoryStorage();
    const store = new AnswerStore('a1', storage);
    store.set(3, ['A', 'C']);
    store.set(4, 'x');
    store.acknowledge(4, 1);
    store.toggleMark(3);
    const again = new AnswerStore('a1', storage);
    assert.deepEqual(again.value(3), ['A', 'C']);
    assert.equal(again.isPending(3), true);
    assert.equal(again.isPending(4), false);
    assert.equal(again.isMarked(3), true);
    assert.equal(again.set(4, 'y').rev, 2, 'the acknowledged revision is not reused');
  });

  test('an acknowledgement of an older revision keeps the newer pending save', () => {
    const store = new AnswerStore('a1', memoryStorage());
    store.set(1, 'A');
    store.markSent(1);
    store.set(1, 'B');
    store.acknowledge(1, 1);
    assert.equal(store.isPending(1), true);
    store.acknowledge(1, 2);
    assert.equal(store.pendingCount(), 0);
  });

  test('a refused save stops travelling and remembers why', () => {
    const store = new AnswerStore('a1', memoryStorage());
    store.set(2, 'too long');
    store.reject(2, 'MESSAGE_TOO_LARGE');
    assert.equal(store.pendingCount(), 0);
    assert.equal(store.rejected.get(2), 'MESSAGE_TOO_LARGE');
    store.set(2, 'short');
    assert.equal(store.rejected.has(2), false);
  });

  test('after a reconnect all entries travel again, and markAllUnsent queues them for resending', () => {
    const store = new AnswerStore('a1', memoryStorage());
    store.set(1, 'A');
    store.set(2, 'B');
    store.markAllSent();
    assert.deepEqual(store.unsent(), []);
    store.markAllUnsent();
    assert.equal(store.unsent().length, 2);
  });

  test('a cleared answer is null and does not count as answered; the vector is sorted by item', () => {
    const store = new AnswerStore('a1', memoryStorage());
    store.set(5, 'A');
    store.set(2, null);
    assert.equal(store.isAnswered(2), false);
    assert.equal(isAnswered(''), true);
    assert.deepEqual(store.vector().map((a) => a.item), [2, 5]);
  });

  test('storage that refuses writes is reported, not thrown', () => {
    const storage = memoryStorage();
    storage.setItem = () => { throw new Error('QuotaExceededError'); };
    const store = new AnswerStore('a1', storage);
    store.set(1, 'A');
    assert.equal(store.storageFailed, true);
    assert.equal(store.value(1), 'A');
  });

  test('clear() removes everything the attempt kept', () => {
    const storage = memoryStorage();
    const store = new AnswerStore('a1', storage);
    store.set(1, 'A');
    store.toggleMark(1);
    store.rememberFile('f1', 'a.dwg', 10);
    store.clear();
    assert.equal(storage.data.size, 0);
  });
});

describe('merging the server vector with local answers', () => {
  test('the higher revision wins on each side, and only changed items are reported', () => {
    const store = new AnswerStore('a1', memoryStorage());
    store.set(1, 'local');           // rev 1, pending
    store.set(2, 'local newer');     // rev 1 …
    store.markSent(2);
    store.set(2, 'local newest');    // … rev 2, pending
    const changed = store.merge([
      { item: 1, value: 'server', rev: 3 },      // the server holds a later revision: it wins
      { item: 2, value: 'server old', rev: 1 },  // older than the local one: the local answer stays
      { item: 7, value: 'only on server', rev: 1 },
    ]);
    assert.deepEqual(changed, [1, 7]);
    assert.equal(store.value(1), 'server');
    assert.equal(store.value(2), 'local newest');
    assert.equal(store.value(7), 'only on server');
  });

  test('journal entries the server already holds are acknowledged; newer ones stay pending', () => {
    const store = new AnswerStore('a1', memoryStorage());
    store.set(1, 'A');
    store.set(2, 'B');
    store.merge([{ item: 1, value: 'A', rev: 1 }, { item: 2, value: 'older', rev: 0 }]);
    assert.equal(store.isPending(1), false);
    assert.equal(store.isPending(2), true);
  });

  test('a merge raises the revision counter, so the next change outranks the server', () => {
    const store = new AnswerStore('a1', memoryStorage());
    store.merge([{ item: 4, value: 'server', rev: 9 }]);
    assert.equal(store.set(4, 'mine').rev, 10);
  });

  test('an empty or missing vector changes nothing', () => {
    const store = new AnswerStore('a1', memoryStorage());
    store.set(1, 'A');
    assert.deepEqual(store.merge(undefined), []);
    assert.deepEqual(store.merge([]), []);
    assert.equal(store.value(1), 'A');
  });
});

// Date.now() stubbed by hand rather than with mock.timers, whose Date support needs Node 20.11 (Debian's is 18).
function atTime(now, body) {
  const real = Date.now;
  Date.now = () => now;
  try {
    body();
  } finally {
    Date.now = real;
  }
}

describe('the server clock', () => {
  test('keeps the offset of the sample with the smallest round trip', () => {
    atTime(1_000_000, () => {
      const clock = new ServerClock();
      // Sent at 999,900, answered now (rtt 100): the server read its clock at about 999,950 + offset.
      clock.pong(999_900, 1_005_000);
      assert.equal(clock.offset, 5_050);
      clock.pong(999_990, 1_002_000); // rtt 10: more trustworthy
      assert.equal(clock.offset, 2_005);
      clock.pong(999_000, 1_100_000); // rtt 1000: ignored while a better sample is in the window
      assert.equal(clock.offset, 2_005);
      assert.equal(clock.now(), 1_002_005);
    });
  });

  test('a rough sample counts as a slow one, and old samples leave the window', () => {
    atTime(0, () => {
      const clock = new ServerClock();
      clock.roughSample(500, 0);
      assert.equal(clock.offset, 500);
      clock.pong(0, 300); // rtt 0 beats the rough sample's 1000 ms penalty
      assert.equal(clock.offset, 300);
      for (let i = 0; i < 12; i++) clock.addSample(1000 + i, 50);
      assert.equal(clock.samples.length, 12);
      assert.equal(clock.offset, 1000, 'the rtt-0 sample left the window; the first of the equal ones wins');
      clock.addSample(NaN, 0);
      assert.equal(clock.samples.length, 12);
    });
  });
});

describe('keyboard shortcuts: a stray key cannot change an answer', () => {
  const key = (k, mods = {}) => ({ key: k, ctrlKey: false, altKey: false, metaKey: false, ...mods });
  const inQuestion = { control: 'other', inQuestion: true };
  const outside = { control: 'other', inQuestion: false };

  test('option, mark and help keys act inside the question area', () => {
    assert.deepEqual(shortcutFor(key('3'), inQuestion, true), { kind: 'choose', key: '3' });
    assert.deepEqual(shortcutFor(key('b'), { control: 'radio', inQuestion: true }, true), { kind: 'choose', key: 'b' });
    assert.deepEqual(shortcutFor(key('M'), { control: 'checkbox', inQuestion: true }, true), { kind: 'mark' });
    assert.deepEqual(shortcutFor(key('?'), inQuestion, true), { kind: 'help' });
  });

  test('outside the question area (Submit, header, answer sheet) the same keys do nothing', () => {
    for (const k of ['1', '9', 'a', 'H', 'm', '?']) assert.equal(shortcutFor(key(k), outside, true), null, k);
  });

  test('switched off, no character key acts anywhere; F1 and the arrows still do', () => {
    for (const k of ['1', 'a', 'm', '?']) assert.equal(shortcutFor(key(k), inQuestion, false), null, k);
    assert.deepEqual(shortcutFor(key('F1'), outside, false), { kind: 'help' });
    assert.deepEqual(shortcutFor(key('ArrowRight'), outside, false), { kind: 'next' });
  });

  test('in a text field nothing but F1 is a shortcut, and modified keys are left to the browser', () => {
    const text = { control: 'text', inQuestion: true };
    for (const k of ['1', 'a', 'm', '?', 'ArrowLeft', 'ArrowRight']) assert.equal(shortcutFor(key(k), text, true), null, k);
    assert.equal(shortcutFor(key('c', { ctrlKey: true }), inQuestion, true), null);
    assert.equal(shortcutFor(key('a', { altKey: true }), inQuestion, true), null);
  });

  test('on a radio button ← / → are the browser\'s (neighbouring option), elsewhere they change the item', () => {
    assert.equal(shortcutFor(key('ArrowLeft'), { control: 'radio', inQuestion: true }, true), null);
    assert.equal(shortcutFor(key('ArrowRight'), { control: 'radio', inQuestion: true }, true), null);
    assert.deepEqual(shortcutFor(key('ArrowLeft'), inQuestion, true), { kind: 'prev' });
    assert.deepEqual(shortcutFor(key('ArrowRight'), { control: 'checkbox', inQuestion: true }, true), { kind: 'next' });
  });

  test('describeFocus tells text fields, radios and checkboxes apart and finds the question area', () => {
    const el = (selectorMatched) => ({ matches: (sel) => sel.includes(selectorMatched) && selectorMatched !== '' });
    const area = { contains: (e) => e.inside === true };
    const radio = { ...el('input[type=radio]'), inside: true };
    assert.deepEqual(describeFocus(radio, area), { control: 'radio', inQuestion: true });
    const submit = { matches: () => false, inside: false };
    assert.deepEqual(describeFocus(submit, area), { control: 'other', inQuestion: false });
    assert.deepEqual(describeFocus(submit, null), { control: 'other', inQuestion: false });
    assert.deepEqual(describeFocus(null, area), { control: 'other', inQuestion: false });
  });

  test('the off switch persists and defaults to on', () => {
    const storage = memoryStorage();
    assert.equal(shortcutsEnabled(storage), true);
    setShortcutsEnabled(storage, false);
    assert.equal(storage.getItem(SHORTCUTS_KEY), 'off');
    assert.equal(shortcutsEnabled(storage), false);
    setShortcutsEnabled(storage, true);
    assert.equal(shortcutsEnabled(storage), true);
    assert.equal(shortcutsEnabled({ getItem: () => { throw new Error('denied'); } }), true);
  });
});
