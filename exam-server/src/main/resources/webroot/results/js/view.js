// What the results lookup shows, as plain functions of the server's answer and the language (unit-tested in
// web-tests/results.test.js); lookup.js only wires them to the form and the table.

/** The cells of one result row: [text, class] pairs in column order. */
export function resultCells(r, t) {
  const none = t('none');
  let verdict;
  let verdictClass = '';
  if (r.status === 'ABSENT' || r.status === 'CANCELLED') {
    verdict = t(`status.${r.status}`);
    verdictClass = 'fail';
  } else {
    verdict = t(`passed.${r.passed === true ? 'true' : r.passed === false ? 'false' : 'null'}`);
    verdictClass = r.passed === true ? 'pass' : r.passed === false ? 'fail' : '';
  }
  const score = r.total == null ? none : t('score', { total: r.total, max: r.maxScore });
  return [
    [r.sittingDate, 'nowrap'], [r.occupation, ''], [levelName(r, t), ''], [t(`subject.${r.subject}`), ''], [score, 'nowrap'],
    [verdict, verdictClass], [r.validUntil || none, 'nowrap'], levelCell(r.levelResult, t),
    [r.certificateNumber || none, ''],
  ];
}

/** The level in the page's language from its code (kit/levels.js); the server's Chinese name only without one. */
function levelName(r, t) {
  return Number.isInteger(r.levelCode) && r.levelCode >= 1 && r.levelCode <= 5 ? t(`level.${r.levelCode}`) : r.level;
}

/** 等级结果: the level result of the evaluation the row belongs to (every subject passed within its validity). */
function levelCell(levelResult, t) {
  if (!['PASSED', 'FAILED', 'PENDING'].includes(levelResult)) return [t('none'), ''];
  return [t(`levelResult.${levelResult}`), levelResult === 'PASSED' ? 'pass' : levelResult === 'FAILED' ? 'fail' : ''];
}

/** The status line for a failed lookup: the same words for an unknown ID number and a wrong name. */
export function lookupError(error, t) {
  if (error.status === 404) return t('lookup.notFound');
  if (error.status === 429) {
    const seconds = (error.details && error.details.retryAfterSeconds) || 60;
    return t('lookup.limited', { seconds });
  }
  if (error.status === 400 && error.details && error.details.field) {
    return t('lookup.missing', { field: t(`lookup.${error.details.field}`) });
  }
  return t('lookup.failed');
}

/** The two fields as the server wants them, or the name of the first one left empty. */
export function readForm(name, idNumber) {
  const n = (name || '').trim();
  const id = (idNumber || '').replace(/\s+/g, '').toUpperCase();
  if (!n) return { missing: 'name' };
  if (!id) return { missing: 'idNumber' };
  return { body: { name: n, idNumber: id } };
}
