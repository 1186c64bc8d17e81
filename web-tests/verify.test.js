import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createI18n } from '../exam-server/src/main/resources/webroot/kit/i18n.js';
import { MESSAGES } from '../exam-server/src/main/resources/webroot/verify/js/messages.js';
import { outcome, readForm, shanghaiTime, verifyError } from '../exam-server/src/main/resources/webroot/verify/js/view.js';

const zh = createI18n(MESSAGES, { storage: null });
const en = createI18n(MESSAGES, { storage: null });
en.setLang('en');

const issued = {
  number: 'EC-EV-1', status: 'ISSUED', name: '王*', occupation: '企业人力资源管理师', level: 4,
  subjects: 'THEORY+OPERATION', passedOn: '2026-04-26', body: '上海市技师协会', revokedAt: null,
};

test('a valid certificate reads as valid with its facts, the name as the server masked it', () => {
  const o = outcome(issued, zh.t);
  assert.equal(o.kind, 'valid');
  assert.equal(o.heading, '证书有效');
  assert.deepEqual(o.facts, [['证书编号', 'EC-EV-1'], ['持证人', '王*'], ['职业', '企业人力资源管理师'],
    ['等级', '四级/中级工'], ['科目', '理论知识、操作技能'], ['合格日期', '2026-04-26'], ['评价机构', '上海市技师协会']]);
  assert.deepEqual(outcome(issued, en.t).facts[4], ['Subjects', 'Theory, Operation skill']);
});

test('a revoked certificate says so in words and when, in Shanghai time', () => {
  // 2026-05-01T02:30:00Z is 10:30 in Shanghai.
  const o = outcome({ ...issued, status: 'REVOKED', revokedAt: Date.UTC(2026, 4, 1, 2, 30) }, en.t);
  assert.equal(o.kind, 'revoked');
  assert.equal(o.heading, 'The certificate was revoked and is no longer valid');
  assert.deepEqual(o.facts.at(-1), ['Revoked at', '2026-05-01 10:30']);
  assert.equal(shanghaiTime(Date.UTC(2026, 11, 31, 16, 5)), '2027-01-01 00:05');
});

test('an unknown number and a wrong code get the same words; limits and missing fields are named', () => {
  assert.equal(verifyError({ status: 404, details: { field: 'number' } }, zh.t),
    '未查到相符的证书：证书编号或查验码不符。请核对证书上的编号和查验码后重试。');
  assert.equal(verifyError({ status: 429, details: { retryAfterSeconds: 6 } }, en.t),
    'Too many verifications; try again in 6 s.');
  assert.equal(verifyError({ status: 400, details: { field: 'code' } }, zh.t), '请填写查验码。');
  assert.equal(verifyError({ status: 0 }, en.t), 'Verification is not available right now; try again later.');
});

test('the form trims the number, drops spaces from the code and upper-cases it, and names an empty field', () => {
  assert.deepEqual(readForm(' EC-EV-1 ', 'abcd efgh 23'), { body: { number: 'EC-EV-1', code: 'ABCDEFGH23' } });
  assert.deepEqual(readForm('', 'X'), { missing: 'number' });
  assert.deepEqual(readForm('EC-1', '  '), { missing: 'code' });
});

test('both languages have every key', () => {
  assert.deepEqual(Object.keys(MESSAGES.en).sort(), Object.keys(MESSAGES['zh-CN']).sort());
});
