// Score reviews (复核) recorded for a candidate and appeals (复议) against misconduct decisions, as plain functions
// (unit-tested in web-tests/appeals.test.js): what the forms send, and what a row of each table says.

/** A time in Shanghai as yyyy-MM-dd HH:mm, whatever the browser's zone. */
function shanghai(epochMs) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(epochMs));
  const v = Object.fromEntries(parts.map((p) => [p.type, p.value]));
  return `${v.year}-${v.month}-${v.day} ${v.hour}:${v.minute}`;
}

/**
 * The body of a review request from the form, or {field} naming the first field left empty, which the page reports
 * before sending anything.
 */
export function reviewRequestBody({ ticket, reason }) {
  const tk = (ticket || '').trim();
  if (!tk) return { field: 'ticket' };
  const why = (reason || '').trim();
  if (!why) return { field: 'reason' };
  return { body: { ticket: tk, reason: why } };
}

/** The cells of one review request row: ticket, reason, who recorded it when, its state, the totals. */
export function reviewRequestCells(r, t) {
  const open = !r.outcome;
  return [
    r.ticket, r.reason, t('appeals.recorded', { by: r.requestedBy, at: shanghai(r.requestedAt) }),
    open ? t('appeals.review.open') : t(`appeals.review.${r.outcome}`, { by: r.decidedBy, at: shanghai(r.decidedAt) }),
    open ? '' : `${r.totalBefore ?? ''} → ${r.totalAfter ?? ''}`,
  ];
}

/**
 * Where a decision stands in its append-only history: revised by a later one (which applies in its place), a
 * revision of an earlier one, or a first decision still applying.
 */
export function decisionState(d, t) {
  if (d.revisedBy) return t('appeals.decision.revised', { id: d.revisedBy });
  if (d.revises) return t('appeals.decision.revision', { id: d.revises });
  return t('appeals.decision.standing');
}

/** The cells of one decision row: candidate and seat, category, outcome, who and when, the reason, its state. */
export function decisionCells(d, t) {
  const category = d.severity ? `${d.category} (${t(`severity.${d.severity}`)})` : d.category;
  return [
    `${d.candidateId}${d.seatCode ? ` · ${d.seatCode}` : ''}`, category, t(`appeals.outcome.${d.outcome}`),
    t('appeals.recorded', { by: d.by, at: shanghai(d.at) }), d.reason, decisionState(d, t),
  ];
}

/** Only a decision nobody has revised yet can be appealed; a further appeal revises the revision. */
export function appealable(d) {
  return !d.revisedBy;
}

/**
 * The body of a revision from the form: outcome (CONFIRMED or DISMISSED), the reason, and a changed category or
 * severity only when one was given. Answers {field} naming the first field left empty or unreadable instead.
 */
export function revisionBody({ outcome, category, severity, reason }) {
  if (outcome !== 'CONFIRMED' && outcome !== 'DISMISSED') return { field: 'outcome' };
  const body = { outcome };
  const cat = (category || '').trim().toUpperCase();
  if (cat) {
    if (!/^[ABC][1-7]$/.test(cat)) return { field: 'category' };
    body.category = cat;
  }
  if (severity) body.severity = severity;
  const why = (reason || '').trim();
  if (!why) return { field: 'reason' };
  body.reason = why;
  return { body };
}

/** The line said after a revision is recorded: which decision, the new outcome, any certificate it revoked. */
export function revisedMessage(revision, t) {
  const revoked = revision.revokedCertificates || [];
  return t('appeals.revised', { id: revision.revises, outcome: t(`appeals.outcome.${revision.outcome}`),
    revoked: revoked.length ? t('appeals.revoked', { numbers: revoked.join(', ') }) : '' });
}
