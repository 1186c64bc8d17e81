import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createI18n } from '../exam-server/src/main/resources/webroot/kit/i18n.js';
import { MESSAGES } from '../exam-server/src/main/resources/webroot/review/js/messages.js';
import { decidedMessage, decisionBody, describeError, ordered, reviewCells }
  from '../exam-server/src/main/resources/webroot/review/js/logic.js';

const zh = createI18n(MESSAGES, { storage: null });
const en = createI18n(MESSAGES, { storage: null });
en.setLang('en');

// 2026-04-27T01:00:00Z is 09:00 in Shanghai.
const AT = Date.UTC(2026, 3, 27, 1, 0);
const open = { reviewId: 'r1', ticket: 'O-P1', reason: '操作题第2题评分偏低', requestedBy: 'admin', requestedAt: AT,
  outcome: null, comment: null, decidedBy: null, decidedAt: null, totalBefore: null, totalAfter: null };
const decided = { ...open, reviewId: 'r0', ticket: 'O-P2', requestedAt: AT - 1000, outcome: 'REMARKED',
  comment: '第2题漏评一处要点', decidedBy: 'chief', decidedAt: AT + 3600_000, totalBefore: 58, totalAfter: 64 };

test('open reviews come first, then decided ones, each in the order requested', () => {
  assert.deepEqual(ordered([decided, open]).map((r) => r.reviewId), ['r1', 'r0']);
});

test('a row says who asked and when, its state, the totals before and after and the decision', () => {
  assert.deepEqual(reviewCells(open, zh.t), [['O-P1', ''], ['操作题第2题评分偏低', 'reason'],
    ['admin，2026-04-27 09:00', ''], ['待处理', 'open'], ['—', ''], ['—', 'reason']]);
  assert.deepEqual(reviewCells(decided, en.t).slice(3), [['Re-marked, score changed', ''], ['58 → 64', 'changed'],
    ['chief, 2026-04-27 10:00: 第2题漏评一处要点', 'reason']]);
});

test('a confirmation sends no score; a re-mark needs a score of 0 or more; both need a comment', () => {
  assert.deepEqual(decisionBody('CONFIRMED', '12', ' 评分无误 '),
    { body: { outcome: 'CONFIRMED', comment: '评分无误' } });
  assert.deepEqual(decisionBody('REMARKED', '31.5', '漏评'),
    { body: { outcome: 'REMARKED', markedScore: 31.5, comment: '漏评' } });
  assert.deepEqual(decisionBody('REMARKED', '', '漏评'), { missing: 'markedScore' });
  assert.deepEqual(decisionBody('REMARKED', '-1', '漏评'), { invalid: 'markedScore' });
  assert.deepEqual(decisionBody('REMARKED', 'abc', '漏评'), { invalid: 'markedScore' });
  assert.deepEqual(decisionBody('CONFIRMED', '', '  '), { missing: 'comment' });
});

test('after a decision the page says the totals, a changed verdict and the certificates revoked', () => {
  const reply = { ticket: 'O-P1', outcome: 'REMARKED', totalBefore: 64, totalAfter: 55, passedBefore: true,
    passedAfter: false, revokedCertificates: ['EC-EV-P1'] };
  assert.equal(decidedMessage(reply, zh.t), '已处理 O-P1：重新评阅，改分，总分 64 → 55，合格 → 不合格；撤销证书 EC-EV-P1。');
  assert.equal(decidedMessage({ ...reply, outcome: 'CONFIRMED', totalAfter: 64, passedAfter: true,
    revokedCertificates: [] }, en.t), 'O-P1 decided: Score confirmed, total 64 → 64.');
});

test('an error names the server\'s words and the field, in Chinese on the Chinese page', () => {
  const e = { code: 'BAD_REQUEST', message: 'markedScore must be between 0 and 40',
    details: { field: 'markedScore', messageZh: '新评分须在 0 到 40 分之间' } };
  assert.equal(describeError(e, 'en', en.t), 'Bad request: markedScore must be between 0 and 40 (field markedScore)');
  assert.equal(describeError(e, 'zh-CN', zh.t, (f) => zh.t(`field.${f}`)),
    '请求有误：新评分须在 0 到 40 分之间（字段 主观题新评分）');
});

test('both languages have every key', () => {
  assert.deepEqual(Object.keys(MESSAGES.en).sort(), Object.keys(MESSAGES['zh-CN']).sort());
});
