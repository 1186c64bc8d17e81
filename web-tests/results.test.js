import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createI18n } from '../exam-server/src/main/resources/webroot/kit/i18n.js';
import { MESSAGES } from '../exam-server/src/main/resources/webroot/results/js/messages.js';
import { resultCells, lookupError, readForm } from '../exam-server/src/main/resources/webroot/results/js/view.js';

const zh = createI18n(MESSAGES, { storage: null });
const en = createI18n(MESSAGES, { storage: null });
en.setLang('en');

const passed = {
  sittingDate: '2026-04-25', occupation: '企业人力资源管理师', level: '四级/中级工', levelCode: 4, subject: 'THEORY', status: 'SUBMITTED',
  total: 72, maxScore: 100, passed: true, validUntil: '2028-04-24', certificateNumber: 'C-1', levelResult: 'PASSED',
};

test('a passed result shows its score, verdict, validity and certificate in both languages', () => {
  assert.deepEqual(resultCells(passed, zh.t).map(([text]) => text),
    ['2026-04-25', '企业人力资源管理师', '四级/中级工', '理论知识', '72 / 100', '合格', '2028-04-24', '等级合格', 'C-1']);
  assert.deepEqual(resultCells(passed, en.t).slice(3, 6), [['Theory', ''], ['72 / 100', 'nowrap'], ['Passed', 'pass']]);
});

test('a failed, an absent and a cancelled result say so, with no validity or certificate', () => {
  const failed = { ...passed, passed: false, validUntil: null, certificateNumber: null, total: 40, levelResult: 'FAILED' };
  assert.deepEqual(resultCells(failed, zh.t).slice(5), [['不合格', 'fail'], ['—', 'nowrap'], ['等级不合格', 'fail'], ['—', '']]);
  assert.equal(resultCells({ ...failed, status: 'ABSENT', total: null }, en.t)[5][0], 'Absent');
  assert.equal(resultCells({ ...failed, status: 'ABSENT', total: null }, en.t)[4][0], '—');
  assert.equal(resultCells({ ...failed, status: 'CANCELLED' }, zh.t)[5][0], '成绩取消');
});

test('the level result reads as passed, failed or pending, and as a dash when the server gives none', () => {
  assert.deepEqual(resultCells({ ...passed, levelResult: 'PENDING' }, en.t)[7],
    ['Pending: subjects open', '']);
  assert.deepEqual(resultCells({ ...passed, levelResult: 'PASSED' }, en.t)[7], ['Level passed', 'pass']);
  assert.deepEqual(resultCells({ ...passed, levelResult: null }, zh.t)[7], ['—', '']);
});

test('an unknown ID number and a wrong name get the same words; a limit says how long to wait', () => {
  assert.equal(lookupError({ status: 404, details: {} }, zh.t), zh.t('lookup.notFound'));
  assert.match(lookupError({ status: 429, details: { retryAfterSeconds: 60 } }, en.t), /60 s/);
  assert.equal(lookupError({ status: 400, details: { field: 'idNumber' } }, zh.t), '请填写身份证号。');
  assert.equal(lookupError({ status: 0, details: {} }, en.t), en.t('lookup.failed'));
});

test('the form trims the name, drops spaces from the ID number and upper-cases its check character', () => {
  assert.deepEqual(readForm(' 张三 ', '3101 0119 9001 01123x'), { body: { name: '张三', idNumber: '31010119900101123X' } });
  assert.deepEqual(readForm('  ', '1'), { missing: 'name' });
  assert.deepEqual(readForm('张三', ' '), { missing: 'idNumber' });
});

test('every message exists in both languages', () => {
  assert.deepEqual(Object.keys(MESSAGES.en).sort(), Object.keys(MESSAGES['zh-CN']).sort());
});

test('the level is named from its code in the page\'s language, the server\'s name only without a code', () => {
  assert.deepEqual(resultCells(passed, en.t)[2], ['Level 4 (intermediate worker)', '']);
  assert.deepEqual(resultCells(passed, zh.t)[2], ['四级/中级工', '']);
  assert.deepEqual(resultCells({ ...passed, levelCode: undefined }, en.t)[2], ['四级/中级工', '']);
});
