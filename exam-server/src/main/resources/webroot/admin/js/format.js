// What the administrators' page says about an error, a result and a ban: plain functions of the data and the
// page's t(), kept out of the DOM code so node --test can check them.
import { errorMessage } from '../../kit/errors.js';

/** The server's error in the page's language (its ErrorType code), then the server's own detail and field. */
export function describeError(e, lang, t) {
  const headline = errorMessage(e.code, lang) ?? t('error.generic');
  const field = e.details && e.details.field;
  return `${headline}${lang === 'en' ? ': ' : '：'}${e.message}${field ? ` [${t('error.field')}: ${field}]` : ''}`;
}

/** The cells of a results row: ticket, name, seat, status, objective score, passed, cancellations. */
export function resultCells(r, t) {
  return [
    r.ticket, r.name, r.seatCode, t(`status.${r.status}`),
    r.objectiveScore == null ? '' : `${r.objectiveScore} / ${r.maxScore}`,
    r.passed == null ? (r.pendingMarking ? t('pending') : '') : (r.passed ? t('yes') : t('no')),
    (r.cancellations || [])
      .map((c) => `${c.reason} — ${t('cancelled.by', { id: c.decisionId })}${c.declaredInvalid ? t('invalid') : ''}`)
      .join('; '),
  ];
}

/** The text cells of a ban-registry row (the lift button is added by the page): id number … lift. */
export function banCells(b, t, time) {
  return [
    b.idNumber, `${b.category} ${b.noticeText}${b.severity ? ` (${b.severity})` : ''}`, b.from, b.until, b.decisionId,
    b.lift ? t('bans.lifted', { by: b.lift.by, at: time(b.lift.at), reason: b.lift.reason }) : '',
  ];
}

/** The import defaults a bank upload may carry; the server reads them as query parameters. */
const BANK_DEFAULTS = ['occupation', 'level', 'subject', 'difficulty'];

/**
 * The bank upload URL: the file name, then each import default the administrator filled in (blank ones are left
 * out, so an item's own tags are the only ones used).
 */
export function bankUploadPath(fileName, fields) {
  const query = new URLSearchParams({ fileName });
  for (const name of BANK_DEFAULTS) {
    const value = String(fields.get(name) ?? '').trim();
    if (value) query.append(name, value);
  }
  return `/api/admin/banks?${query}`;
}
