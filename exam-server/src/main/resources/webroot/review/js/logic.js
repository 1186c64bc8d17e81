// What the score review page shows and sends, as plain functions of the server's answers and the language
// (unit-tested in web-tests/review.test.js); review.js only wires them to the page.
import { errorMessage, serverMessage } from '../../kit/errors.js';

/** A time in Shanghai as yyyy-MM-dd HH:mm, whatever the browser's zone. */
export function shanghaiTime(epochMs) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(epochMs));
  const v = Object.fromEntries(parts.map((p) => [p.type, p.value]));
  return `${v.year}-${v.month}-${v.day} ${v.hour}:${v.minute}`;
}

/** Open reviews first, each group in the order requested. */
export function ordered(reviews) {
  return [...reviews].sort((a, b) => (a.outcome ? 1 : 0) - (b.outcome ? 1 : 0) || a.requestedAt - b.requestedAt);
}

/** The cells of one review row (without the action): [text, class] pairs in column order. */
export function reviewCells(r, t) {
  const none = t('none');
  const open = !r.outcome;
  const scores = open ? none : t('scores', { before: r.totalBefore ?? none, after: r.totalAfter ?? none });
  const changed = !open && String(r.totalBefore) !== String(r.totalAfter);
  return [
    [r.ticket, ''], [r.reason, 'reason'], [t('requested', { by: r.requestedBy, at: shanghaiTime(r.requestedAt) }), ''],
    [open ? t('state.open') : t(`outcome.${r.outcome}`), open ? 'open' : ''], [scores, changed ? 'changed' : ''],
    [open ? none : t('decided', { by: r.decidedBy, at: shanghaiTime(r.decidedAt), comment: r.comment }), 'reason'],
  ];
}

/**
 * The decision as the server wants it, or what is wrong with the form: `missing` names an empty required field,
 * `invalid` one whose value cannot be sent. A confirmed score sends no markedScore.
 */
export function decisionBody(outcome, markedScore, comment) {
  const text = (comment || '').trim();
  if (outcome === 'REMARKED') {
    const raw = String(markedScore ?? '').trim();
    if (!raw) return { missing: 'markedScore' };
    const score = Number(raw);
    if (!Number.isFinite(score) || score < 0) return { invalid: 'markedScore' };
    if (!text) return { missing: 'comment' };
    return { body: { outcome, markedScore: score, comment: text } };
  }
  if (!text) return { missing: 'comment' };
  return { body: { outcome: 'CONFIRMED', comment: text } };
}

/** The status line after a decision: outcome, totals, a change of the verdict and any certificate revoked. */
export function decidedMessage(reply, t) {
  const none = t('none');
  const pass = reply.passedBefore !== reply.passedAfter
    ? t('decide.passChanged', { from: t(`pass.${reply.passedBefore}`), to: t(`pass.${reply.passedAfter}`) }) : '';
  const numbers = reply.revokedCertificates || [];
  const revoked = numbers.length ? t('decide.revoked', { numbers: numbers.join(', ') }) : '';
  return t('decide.done', { ticket: reply.ticket, outcome: t(`outcome.${reply.outcome}`),
    before: reply.totalBefore ?? none, after: reply.totalAfter ?? none, pass, revoked });
}

/**
 * What the page says about a failure: the code's text, the server's message and the field it names, in the
 * form's words when `label` knows the field.
 */
export function describeError(e, lang, t, label = (field) => field) {
  const base = errorMessage(e.code, lang);
  const said = serverMessage(e, lang);
  const message = base ? (said && said !== e.code ? `${base}：${said}` : base)
    : t('error.generic', { message: said || e.code });
  const text = lang === 'en' ? message.replace('：', ': ') : message;
  const field = e.details && e.details.field;
  return field ? t('error.field', { message: text, field: label(field) }) : text;
}
