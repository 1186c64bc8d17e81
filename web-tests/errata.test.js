import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createI18n } from '../exam-server/src/main/resources/webroot/kit/i18n.js';
import { MESSAGES } from '../exam-server/src/main/resources/webroot/admin/js/messages.js';
import { erratumBody, erratumOutcome } from '../exam-server/src/main/resources/webroot/admin/js/errata.js';

const zh = createI18n(MESSAGES, { storage: null });
const en = createI18n(MESSAGES, { storage: null });
en.setLang('en');

test('a corrected choice key is sent as bank option ids, whatever separator was typed', () => {
  assert.deepEqual(erratumBody({ itemId: ' HR4-T-0001 ', kind: 'OPTIONS', key: 'A，C D', reason: '印刷错误' }),
    { body: { itemId: 'HR4-T-0001', kind: 'KEY', key: { options: ['A', 'C', 'D'] }, reason: '印刷错误' } });
});

test('true/false keys read 对/错 as well as true/false; anything else names the key field', () => {
  assert.deepEqual(erratumBody({ itemId: 'Q', kind: 'TRUE_FALSE', key: '错', reason: 'r' }).body.key, { trueFalse: false });
  assert.deepEqual(erratumBody({ itemId: 'Q', kind: 'TRUE_FALSE', key: 'True', reason: 'r' }).body.key, { trueFalse: true });
  assert.deepEqual(erratumBody({ itemId: 'Q', kind: 'TRUE_FALSE', key: 'maybe', reason: 'r' }), { field: 'key' });
});

test('fill-in keys are one line per blank with | between accepted answers', () => {
  assert.deepEqual(erratumBody({ itemId: 'Q', kind: 'BLANKS', key: '16 | 十六\n人社部', reason: 'r' }).body.key,
    { blanks: [['16', '十六'], ['人社部']] });
});

test('a void sends no key; a missing item, key or reason is named before anything is sent', () => {
  assert.deepEqual(erratumBody({ itemId: 'Q', kind: 'VOID', key: 'ignored', reason: 'r' }),
    { body: { itemId: 'Q', kind: 'VOID', reason: 'r' } });
  assert.deepEqual(erratumBody({ itemId: ' ', kind: 'VOID', reason: 'r' }), { field: 'itemId' });
  assert.deepEqual(erratumBody({ itemId: 'Q', kind: 'OPTIONS', key: ' ', reason: 'r' }), { field: 'key' });
  assert.deepEqual(erratumBody({ itemId: 'Q', kind: 'VOID', reason: '' }), { field: 'reason' });
  assert.deepEqual(erratumBody({ itemId: 'Q', kind: 'OTHER', reason: 'r' }), { field: 'kind' });
});

test('the outcome line counts rescored, changed, failing, passing and revoked in both languages', () => {
  const out = { itemId: 'Q1', rescored: 12, changed: 5, nowFailing: ['t1'], nowPassing: [], revokedCertificates: ['c'] };
  assert.equal(erratumOutcome(out, zh.t), '试题 Q1 已勘误：重新评分 12 份，分数变化 5 份；转为不合格 1 人，转为合格 0 人，撤销证书 1 份。');
  assert.match(erratumOutcome(out, en.t), /12 papers rescored, 5 scores changed; 1 now fail, 0 now pass, 1 certificates/);
});
