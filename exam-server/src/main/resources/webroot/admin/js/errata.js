// The erratum form (勘误) and the results release of the administrators' page, as plain functions
// (unit-tested in web-tests/errata.test.js): what the form sends, and what the page says about the outcome.

/**
 * The request body of an erratum from the form's fields. `kind` is OPTIONS, TRUE_FALSE, BLANKS (a corrected key
 * of that shape) or VOID. The key is typed as text: option ids separated by commas; 对/错 or true/false; for
 * blanks, one line per blank with its accepted answers separated by "|". Answers {field} naming the first field
 * left empty or unreadable instead, which the page reports before sending anything.
 */
export function erratumBody({ itemId, kind, key, reason }) {
  const item = (itemId || '').trim();
  if (!item) return { field: 'itemId' };
  const why = (reason || '').trim();
  const text = (key || '').trim();
  let body;
  if (kind === 'VOID') {
    body = { itemId: item, kind: 'VOID' };
  } else if (kind === 'OPTIONS') {
    const options = text.split(/[,，、\s]+/).filter(Boolean);
    if (!options.length) return { field: 'key' };
    body = { itemId: item, kind: 'KEY', key: { options } };
  } else if (kind === 'TRUE_FALSE') {
    const yes = ['true', '对', '正确', '√', 't', 'yes'];
    const no = ['false', '错', '错误', '×', 'f', 'no'];
    const v = text.toLowerCase();
    if (!yes.includes(v) && !no.includes(v)) return { field: 'key' };
    body = { itemId: item, kind: 'KEY', key: { trueFalse: yes.includes(v) } };
  } else if (kind === 'BLANKS') {
    const blanks = text.split(/\r?\n/).map((line) => line.split('|').map((a) => a.trim()).filter(Boolean))
      .filter((answers) => answers.length);
    if (!blanks.length) return { field: 'key' };
    body = { itemId: item, kind: 'KEY', key: { blanks } };
  } else {
    return { field: 'kind' };
  }
  if (!why) return { field: 'reason' };
  return { body: { ...body, reason: why } };
}

/** One line saying what an applied erratum did, in the page's language. */
export function erratumOutcome(out, t) {
  return t('errata.done', {
    item: out.itemId, rescored: out.rescored, changed: out.changed,
    failing: out.nowFailing.length, passing: out.nowPassing.length, revoked: out.revokedCertificates.length,
  });
}
