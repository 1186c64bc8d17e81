import { test } from 'node:test';
import assert from 'node:assert/strict';
import { certificateCells, issuedMessage } from '../exam-server/src/main/resources/webroot/admin/js/certificates.js';
import { MESSAGES } from '../exam-server/src/main/resources/webroot/admin/js/messages.js';
import { createI18n } from '../exam-server/src/main/resources/webroot/kit/i18n.js';

const zh = createI18n(MESSAGES, { storage: null });
const en = createI18n(MESSAGES, { storage: null });
en.setLang('en');
const time = (ms) => `t${ms}`;
const cert = { number: 'EC-1', ticket: 'T-1', name: '王五', status: 'ISSUED', issuedBy: 'admin', issuedAt: 5 };

test('a certificate row shows the verification code only while the page holds it from issuing', () => {
  assert.deepEqual(certificateCells(cert, zh.t, new Map([['EC-1', 'ABCD-EFGH']]), time),
    ['EC-1', 'T-1', '王五', '有效', 'admin，t5', 'ABCD-EFGH']);
  assert.equal(certificateCells(cert, en.t, new Map(), time)[5], '(shown only when issued)');
});

test('a revoked certificate says when it was revoked', () => {
  assert.equal(certificateCells({ ...cert, status: 'REVOKED', revokedAt: 9 }, zh.t, new Map(), time)[3], '已撤销（t9）');
  assert.equal(certificateCells({ ...cert, status: 'REVOKED', revokedAt: 9 }, en.t, new Map(), time)[3], 'Revoked (t9)');
});

test('issuing says how many, or that none was due', () => {
  assert.equal(issuedMessage([cert, cert], zh.t), '本次发放证书 2 份。');
  assert.equal(issuedMessage([], en.t), 'No certificate is due (level not passed, a sanction, or issued already).');
});
