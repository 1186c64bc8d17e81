import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createI18n } from '../exam-server/src/main/resources/webroot/kit/i18n.js';
import { ApiError } from '../exam-server/src/main/resources/webroot/kit/api.js';
import { MESSAGES } from '../exam-server/src/main/resources/webroot/admin/js/messages.js';
import { describeError, resultCells, levelCell, banCells, bankUploadPath, langParts, wholeLang, arrivalOpenUntil }
  from '../exam-server/src/main/resources/webroot/admin/js/format.js';

const zh = createI18n(MESSAGES, { storage: null });
const en = createI18n(MESSAGES, { storage: null });
en.setLang('en');

describe('the administrators page', () => {
  test('defines the same keys in both languages', () => {
    assert.deepEqual(Object.keys(MESSAGES.en).sort(), Object.keys(MESSAGES['zh-CN']).sort());
  });

  test('says an error by its code, then the server detail and the field', () => {
    const e = new ApiError(400, 'BAD_REQUEST', 'reason is required', { field: 'reason' });
    assert.equal(describeError(e, 'zh-CN', zh.t), '请求有误：reason is required [字段: reason]');
    assert.equal(describeError(e, 'en', en.t), 'Bad request: reason is required [field: reason]');
    assert.equal(describeError(new ApiError(409, 'SOMETHING_NEW', 'x'), 'zh-CN', zh.t), '操作失败：x');
  });

  test('says the server\'s Chinese text on the Chinese page, and names the field by the form\'s label', () => {
    const e = new ApiError(400, 'BAD_REQUEST', 'reason is required', { field: 'reason', messageZh: '必须填写' });
    const label = (f) => ({ reason: '复议理由' }[f] ?? f);
    assert.equal(describeError(e, 'zh-CN', zh.t, label), '请求有误：必须填写 [字段: 复议理由]');
    assert.equal(describeError(e, 'en', en.t), 'Bad request: reason is required [field: reason]');
  });

  test('fills a result row, with pending marking and cancellations', () => {
    const r = { ticket: 'T1', name: '张三', seatCode: 'R101-01', status: 'CANCELLED', objectiveScore: 42, maxScore: 60,
      passed: null, pendingMarking: true,
      cancellations: [{ reason: 'B1', decisionId: 'D-1', declaredInvalid: true }] };
    assert.deepEqual(resultCells(r, zh.t),
      ['T1', '张三', 'R101-01', '成绩取消', '客观题 42 分，其余待阅卷（满分 60）', '待评', 'B1 — 决定 D-1（事后发现，成绩无效）', '']);
    assert.deepEqual(resultCells({ ...r, objectiveScore: null, passed: false, cancellations: [] }, en.t).slice(4),
      ['', 'no', '', '']);
  });

  test('shows the marked total once marking is done, and the objective points alone only while it is pending', () => {
    const r = { ticket: 'T1', name: 'n', seatCode: 's', status: 'SUBMITTED', objectiveScore: 26, markedScore: 15,
      total: 41, maxScore: 100, pendingMarking: false, passed: false, cancellations: [] };
    assert.equal(resultCells(r, zh.t)[4], '41 / 100');
    assert.equal(resultCells({ ...r, total: null, markedScore: null, pendingMarking: true, passed: null }, en.t)[4],
      'objective 26, the rest awaits marking (out of 100)');
  });

  test('a candidate without a login is not arrived while late entry is open, absent after the cutoff', () => {
    const sitting = { t0: 1_000_000, startAt: 1_000_000, durationMinutes: 90 };
    const until = arrivalOpenUntil(sitting, { lateEntryMinutes: 15 });
    assert.equal(until, 1_000_000 + 15 * 60000);
    assert.equal(arrivalOpenUntil(sitting, { lateEntryMinutes: 0 }), 1_000_000 + 90 * 60000, 'no rule: until the end');
    const r = { ticket: 'T1', name: 'n', seatCode: 's', status: 'ABSENT', objectiveScore: null, passed: null,
      cancellations: [] };
    assert.equal(resultCells(r, zh.t, { until, now: until - 1 })[3], '尚未到场（仍可迟到入场）');
    assert.equal(resultCells(r, en.t, { until, now: until })[3], 'Absent');
    assert.equal(resultCells(r, zh.t)[3], '缺考');
  });

  test('says the level result of the row\'s evaluation: passed with its day, or how each subject stands', () => {
    const subjects = [{ subject: 'THEORY', outcome: 'PASSED' }, { subject: 'OPERATION', outcome: 'NOT_SAT' }];
    const open = { evaluationId: 'EV-1', levelResult: { status: 'PENDING', passedOn: null, subjects } };
    assert.equal(levelCell(open, zh.t), 'EV-1 · 等级待定（理论知识 合格，操作技能 未考）');
    assert.equal(levelCell(open, en.t), 'EV-1 · level open (Theory passed, Operation not sat)');
    const passed = { evaluationId: 'EV-1', levelResult: { status: 'PASSED', passedOn: '2026-04-26', subjects } };
    assert.equal(levelCell(passed, zh.t), 'EV-1 · 等级合格 2026-04-26');
    assert.equal(levelCell({ levelResult: null }, zh.t), '');
    assert.equal(levelCell({ ...passed, ticket: 'EV-1' }, en.t), 'level passed 2026-04-26');
  });

  test('fills a ban row, lifted or not', () => {
    const b = { idNumber: '3101**', category: 'B', noticeText: 'n', severity: null, from: '2026-01-01',
      until: '2026-12-31', decisionId: 'D-2', lift: null };
    assert.deepEqual(banCells(b, zh.t, String), ['3101**', 'B n', '2026-01-01', '2026-12-31', 'D-2', '']);
    const lifted = { ...b, severity: 'SERIOUS', lift: { by: 'admin', at: 5, reason: '复核' } };
    assert.deepEqual(banCells(lifted, en.t, (ms) => `t${ms}`).slice(1),
      ['B n (SERIOUS)', '2026-01-01', '2026-12-31', 'D-2', 'lifted by admin at t5: 复核']);
  });

  test('puts the import defaults filled in on the bank upload, and leaves blank ones out', () => {
    const fields = new Map([['occupation', ' 企业人力资源管理师 '], ['level', '4'], ['subject', ''], ['difficulty', '3']]);
    const url = new URL(bankUploadPath('题库 1.xml', fields), 'http://x');
    assert.equal(url.pathname, '/api/admin/banks');
    assert.deepEqual([...url.searchParams], [['fileName', '题库 1.xml'], ['occupation', '企业人力资源管理师'],
      ['level', '4'], ['difficulty', '3']]);
    assert.equal(bankUploadPath('a.json', new Map()), '/api/admin/banks?fileName=a.json');
  });

  test('marks the server\'s English on the Chinese page, and Chinese names and reasons on the English page', () => {
    assert.deepEqual(langParts('请求有误：reason is required [字段: reason]', 'zh-CN'),
      ['请求有误：', { text: 'reason is required [', lang: 'en' }, '字段: ', { text: 'reason]', lang: 'en' }]);
    assert.deepEqual(langParts('lifted by admin at 2026/12/5 10:00:00: 复核撤销', 'en'),
      ['lifted by admin at 2026/12/5 10:00:00: ', { text: '复核撤销', lang: 'zh-CN' }]);
    assert.deepEqual(langParts('张三', 'zh-CN'), ['张三']);
    assert.deepEqual(langParts('R101-01', 'en'), ['R101-01']);
    assert.deepEqual(langParts('42 / 60', 'zh-CN'), ['42 / 60']);
    assert.deepEqual(langParts(null, 'en'), []);
  });

  test('names the language of a whole title only when all of it is foreign to the page', () => {
    assert.equal(wholeLang('理论知识模拟', 'en'), 'zh-CN');
    assert.equal(wholeLang('理论知识模拟', 'zh-CN'), undefined);
    assert.equal(wholeLang('Mock 理论', 'en'), undefined);
  });
});
