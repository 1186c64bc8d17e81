import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appealable, decisionCells, decisionState, reviewRequestBody, reviewRequestCells, revisionBody, revisedMessage,
} from '../exam-server/src/main/resources/webroot/admin/js/appeals.js';
import { MESSAGES } from '../exam-server/src/main/resources/webroot/admin/js/messages.js';
import { createI18n } from '../exam-server/src/main/resources/webroot/kit/i18n.js';

const tIn = (lang) => {
  const i18n = createI18n(MESSAGES, { storage: null });
  i18n.setLang(lang);
  return i18n.t;
};

test('a review request names the first empty field and sends the trimmed ticket and reason', () => {
  assert.deepEqual(reviewRequestBody({ ticket: '  ', reason: 'x' }), { field: 'ticket' });
  assert.deepEqual(reviewRequestBody({ ticket: 'A-1', reason: ' ' }), { field: 'reason' });
  assert.deepEqual(reviewRequestBody({ ticket: ' A-1 ', reason: ' 漏评 ' }), { body: { ticket: 'A-1', reason: '漏评' } });
});

test('a revision sends outcome and reason, a category only when given and well-formed', () => {
  assert.deepEqual(revisionBody({ outcome: '', reason: 'x' }), { field: 'outcome' });
  assert.deepEqual(revisionBody({ outcome: 'DISMISSED', category: 'D9', reason: 'x' }), { field: 'category' });
  assert.deepEqual(revisionBody({ outcome: 'DISMISSED', category: '', reason: '  ' }), { field: 'reason' });
  assert.deepEqual(revisionBody({ outcome: 'DISMISSED', category: '', severity: '', reason: ' 申诉成立 ' }),
    { body: { outcome: 'DISMISSED', reason: '申诉成立' } });
  assert.deepEqual(revisionBody({ outcome: 'CONFIRMED', category: 'a3', severity: 'MINOR', reason: 'r' }),
    { body: { outcome: 'CONFIRMED', category: 'A3', severity: 'MINOR', reason: 'r' } });
});

test('a decision row says where it stands in the history, and only an unrevised one can be appealed', () => {
  const base = { decisionId: 'd1', candidateId: 'T-1', seatCode: 'R1-01', category: 'B2', severity: null,
    outcome: 'CONFIRMED', by: 'p1', at: Date.UTC(2026, 3, 25, 2, 0), reason: '夹带' };
  const zh = tIn('zh-CN');
  const en = tIn('en');
  assert.deepEqual(decisionCells(base, zh), ['T-1 · R1-01', 'B2', '认定违纪', 'p1，2026-04-25 10:00', '夹带', '有效']);
  assert.equal(decisionState({ ...base, revisedBy: 'd2' }, zh), '已复议，由决定 d2 取代');
  assert.equal(decisionState({ ...base, revises: 'd0' }, en), 'Revision (of decision d0)');
  assert.equal(decisionCells({ ...base, category: 'C3', severity: 'SERIOUS' }, en)[1], 'C3 (serious)');
  assert.equal(appealable(base), true);
  assert.equal(appealable({ ...base, revisedBy: 'd2' }), false);
  assert.equal(revisedMessage({ revises: 'd1', outcome: 'DISMISSED', revokedCertificates: [] }, zh),
    '已记录对决定 d1 的复议：不予认定（撤销处理）。');
  assert.match(revisedMessage({ revises: 'd1', outcome: 'CONFIRMED', revokedCertificates: ['EC-1'] }, en),
    /Misconduct confirmed\. Certificates revoked: EC-1\.$/);
});

test('a review request row says whether the chief marker has decided it, with the totals after a decision', () => {
  const open = { ticket: 'T-1', reason: '漏评', requestedBy: 'admin', requestedAt: Date.UTC(2026, 3, 25, 2, 0) };
  assert.deepEqual(reviewRequestCells(open, tIn('zh-CN')), ['T-1', '漏评', 'admin，2026-04-25 10:00', '待阅卷组长处理', '']);
  const done = { ...open, outcome: 'REMARKED', decidedBy: 'chief', decidedAt: Date.UTC(2026, 3, 26, 2, 0),
    totalBefore: 55, totalAfter: 75 };
  assert.deepEqual(reviewRequestCells(done, tIn('en')).slice(3),
    ['Re-marked, score changed (chief, 2026-04-26 10:00)', '55 → 75']);
});
