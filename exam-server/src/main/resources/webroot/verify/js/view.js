// What the certificate verification shows, as plain functions of the server's answer and the language
// (unit-tested in web-tests/verify.test.js); verify.js only wires them to the form and the page.

/** The two fields as the server wants them, or the name of the first one left empty. */
export function readForm(number, code) {
  const n = (number || '').trim();
  const c = (code || '').replace(/\s+/g, '').toUpperCase();
  if (!n) return { missing: 'number' };
  if (!c) return { missing: 'code' };
  return { body: { number: n, code: c } };
}

/** A time in Shanghai as yyyy-MM-dd HH:mm, whatever the browser's zone. */
export function shanghaiTime(epochMs) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(epochMs));
  const v = Object.fromEntries(parts.map((p) => [p.type, p.value]));
  return `${v.year}-${v.month}-${v.day} ${v.hour}:${v.minute}`;
}

/**
 * The verdict of a verified certificate: `kind` (valid or revoked: the heading and the colour), the heading's
 * text, and the facts as [label, value] pairs in the order shown.
 */
export function outcome(c, t) {
  const kind = c.status === 'REVOKED' ? 'revoked' : 'valid';
  const subjects = String(c.subjects || '').split('+').filter(Boolean)
    .map((s) => t(`subject.${s}`)).join(t('list.sep'));
  const level = [1, 2, 3, 4, 5].includes(c.level) ? t(`level.${c.level}`) : String(c.level ?? t('none'));
  const facts = [
    [t('fact.number'), c.number], [t('fact.name'), c.name], [t('fact.occupation'), c.occupation],
    [t('fact.level'), level], [t('fact.subjects'), subjects || t('none')], [t('fact.passedOn'), c.passedOn],
    [t('fact.body'), c.body || t('none')],
  ];
  if (kind === 'revoked' && c.revokedAt) facts.push([t('fact.revokedAt'), shanghaiTime(c.revokedAt)]);
  return { kind, heading: t(`outcome.${kind}`), facts };
}

/**
 * The status line of a failed verification: an unknown number and a wrong code get the same words, as the server
 * answers both alike.
 */
export function verifyError(error, t) {
  if (error.status === 404) return t('verify.unknown');
  if (error.status === 429) {
    const seconds = (error.details && error.details.retryAfterSeconds) || 10;
    return t('verify.limited', { seconds });
  }
  if (error.status === 400 && error.details && (error.details.field === 'number' || error.details.field === 'code')) {
    return t('verify.missing', { field: t(`verify.${error.details.field}`) });
  }
  return t('verify.failed');
}
