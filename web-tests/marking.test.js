import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createI18n } from '../exam-server/src/main/resources/webroot/kit/i18n.js';
import { ApiError } from '../exam-server/src/main/resources/webroot/kit/api.js';
import { MESSAGES } from '../exam-server/src/main/resources/webroot/marking/js/messages.js';
import { checkPoints, decimal, describeError, hundredths, markerNames, neighbour, nextOpen, scriptNo, shortcut, size }
  from '../exam-server/src/main/resources/webroot/marking/js/logic.js';

const zh = createI18n(MESSAGES, { storage: null });
const en = createI18n(MESSAGES, { storage: null });
en.setLang('en');

const list = [
  { scriptId: 'a', state: 'MARKED' }, { scriptId: 'b', state: 'TO_MARK' }, { scriptId: 'c', state: 'MARKED' },
  { scriptId: 'd', state: 'TO_MARK' },
];

describe('the marking page', () => {
  test('defines the same keys in both languages', () => {
    assert.deepEqual(Object.keys(MESSAGES.en).sort(), Object.keys(MESSAGES['zh-CN']).sort());
  });

  test('adds scores in hundredths, so 0.1 + 0.2 is 0.3, and prints them short', () => {
    assert.equal(hundredths('12.5'), 1250);
    assert.equal(hundredths(' 3 '), 300);
    assert.equal(hundredths('1.125'), null);
    assert.equal(hundredths('-1'), null);
    assert.equal(hundredths(''), null);
    assert.equal(decimal(30), '0.3');
    assert.equal(decimal(2750), '27.5');
    assert.equal(decimal(1200), '12');
    assert.deepEqual(checkPoints(['0.1', '0.2'], [1, 1]), { total: 30, bad: -1 });
  });

  test('names the first score that is missing, not a number or beyond its rubric point', () => {
    assert.equal(checkPoints(['12', '12.5', '6'], [12, 12, 6]).bad, 1);
    assert.equal(checkPoints(['12', '', '6'], [12, 12, 6]).bad, 1);
    assert.equal(checkPoints(['x'], [10]).bad, 0);
    assert.equal(checkPoints(['12', '12', '6'], [12, 12, 6]).bad, -1);
  });

  test('steps through the list without wrapping, and finds the next script to mark, wrapping once', () => {
    assert.equal(neighbour(list, 'b', 1), 'c');
    assert.equal(neighbour(list, 'a', -1), null);
    assert.equal(neighbour(list, 'd', 1), null);
    assert.equal(nextOpen(list, 'b', false), 'd');
    assert.equal(nextOpen(list, 'd', false), 'b');
    assert.equal(nextOpen(list, null, false), 'b');
    assert.equal(nextOpen([{ scriptId: 'x', state: 'TO_MARK' }], 'x', false), null);
    assert.equal(nextOpen([{ scriptId: 'x', state: 'FINAL' }, { scriptId: 'y', state: 'ARBITRATION' }], 'x', true),
      'y');
  });

  test('reads Alt+N / Alt+P and Ctrl+Enter as the desk shortcuts, and leaves plain keys alone', () => {
    assert.equal(shortcut({ altKey: true, key: 'n' }), 'next');
    assert.equal(shortcut({ altKey: true, key: 'ArrowUp' }), 'prev');
    assert.equal(shortcut({ altKey: true, key: 'π', code: 'KeyP' }), 'prev');
    assert.equal(shortcut({ ctrlKey: true, key: 'Enter' }), 'submit');
    assert.equal(shortcut({ metaKey: true, key: 'Enter' }), 'submit');
    assert.equal(shortcut({ key: 'n' }), null);
    assert.equal(shortcut({ key: 'Enter' }), null);
  });

  test('numbers scripts with four digits, sizes files, splits marker names', () => {
    assert.equal(scriptNo(42), '0042');
    assert.equal(scriptNo(12345), '12345');
    assert.equal(size(900), '900 B');
    assert.equal(size(2048), '2.0 KB');
    assert.equal(size(3 * 1024 * 1024), '3.0 MB');
    assert.deepEqual(markerNames('m1, m2，m3、 m4  '), ['m1', 'm2', 'm3', 'm4']);
  });

  test('says an error by its code, the server message and the field', () => {
    const e = new ApiError(400, 'BAD_VALUE', 'points[0] is 13, outside 0 … 12', { field: 'points[0]' });
    assert.equal(describeError(e, 'zh-CN', zh.t), '填写的值有误：points[0] is 13, outside 0 … 12 [字段: points[0]]');
    assert.equal(describeError(e, 'en', en.t), 'Invalid value: points[0] is 13, outside 0 … 12 [field: points[0]]');
    assert.equal(describeError(new ApiError(409, 'NEW_CODE', 'x'), 'en', en.t), 'Failed: x');
  });

  test('says the server\'s Chinese text on the Chinese page when it gives one', () => {
    const e = new ApiError(400, 'BAD_VALUE', 'points[0] is 13, outside 0 … 12 (rubric point 1)',
      { field: 'points[0]', messageZh: '第 1 个要点得分 13 超出 0 … 12 分' });
    assert.equal(describeError(e, 'zh-CN', zh.t), '填写的值有误：第 1 个要点得分 13 超出 0 … 12 分 [字段: points[0]]');
    assert.match(describeError(e, 'en', en.t), /^Invalid value: points\[0\] is 13, outside/);
  });
});
