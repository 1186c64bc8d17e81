// What the administrators' page says about an error, a result and a ban: plain functions of the data and the
// page's t(), kept out of the DOM code so node --test can check them.
//
// Text the page did not write itself (server messages, which are English; names, titles and reasons, usually
// Chinese) is split by langParts() before it is shown: a plain string is in the page's language, a {text, lang}
// part is not and goes into an element carrying that lang, so a screen reader switches voice for it (WCAG 3.1.2).
import { errorMessage, serverMessage } from '../../kit/errors.js';

// CJK ideographs and CJK/full-width punctuation, as the kit's contentLang() counts them; Latin letters.
const HAN = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const LATIN = /[A-Za-z]/;

/**
 * Splits `text` into runs of Chinese and of Latin-script words for a page in `pageLang`: a run in the page's own
 * language is a plain string, any other is {text, lang}. Digits, spaces and punctuation stay with the run they
 * follow, so "phone used — 决定 D-1" is one English run, one Chinese run and one more English run.
 */
export function langParts(text, pageLang) {
  const value = text == null ? '' : String(text);
  const runs = [];
  for (const ch of value) {
    const lang = HAN.test(ch) ? 'zh-CN' : LATIN.test(ch) ? 'en' : null;
    const last = runs[runs.length - 1];
    if (last && (lang === null || last.lang === lang || last.lang === null)) {
      last.text += ch;
      if (last.lang === null) last.lang = lang;
    } else {
      runs.push({ text: ch, lang });
    }
  }
  const parts = [];
  for (const run of runs) {
    const part = run.lang === null || run.lang === pageLang ? run.text : run;
    const last = parts[parts.length - 1];
    if (typeof part === 'string' && typeof last === 'string') parts[parts.length - 1] = last + part;
    else parts.push(part);
  }
  return parts;
}

/** The language of `text` when all of it is in one language other than the page's (for a <select>'s option). */
export function wholeLang(text, pageLang) {
  const parts = langParts(text, pageLang);
  return parts.length === 1 && typeof parts[0] === 'object' ? parts[0].lang : undefined;
}

/** The server's error in the page's language (its ErrorType code), then the server's own detail and field. */
export function describeError(e, lang, t, label = (field) => field) {
  const headline = errorMessage(e.code, lang) ?? t('error.generic');
  const field = e.details && e.details.field;
  return `${headline}${lang === 'en' ? ': ' : '：'}${serverMessage(e, lang)}${field ? ` [${t('error.field')}: ${label(field)}]` : ''}`;
}

/**
 * The level result (等级成绩) of a row's evaluation across all its sittings: the evaluation id, the verdict, and for
 * an open or failed level how each subject stands.
 */
export function levelCell(r, t) {
  const l = r.levelResult;
  if (!l) return '';
  // The evaluation id defaults to the ticket; repeating it beside the ticket column says nothing.
  const head = r.evaluationId && r.evaluationId !== r.ticket ? `${r.evaluationId} · ${t(`level.${l.status}`)}`
    : t(`level.${l.status}`);
  if (l.status === 'PASSED') return `${head} ${l.passedOn}`;
  const subjects = (l.subjects || []).map((s) => `${t(`subject.${s.subject}`)} ${t(`outcome.${s.outcome}`)}`);
  return `${head}${t('level.detail', { subjects: subjects.join(t('list.comma')) })}`;
}

/**
 * Until when a candidate without a login may still arrive: the sitting's start plus its late-entry minutes, or with no
 * late-entry rule (0) its end. Before the start every candidate may still come.
 */
export function arrivalOpenUntil(sitting, rules) {
  if (!sitting) return 0;
  const start = sitting.startAt || sitting.t0;
  const late = rules && rules.lateEntryMinutes > 0 ? rules.lateEntryMinutes * 60000 : sitting.durationMinutes * 60000;
  return start + late;
}

/**
 * The score cell: the subject score out of the paper's total once it is final; while marking is pending the
 * objective points with the rest said to await marking, so "26 / 100" never reads as the candidate's score.
 */
export function scoreCell(r, t) {
  if (r.objectiveScore == null) return '';
  if (r.pendingMarking) return t('score.pending', { objective: r.objectiveScore, max: r.maxScore });
  const total = r.total == null ? r.objectiveScore : r.total;
  return `${total} / ${r.maxScore}`;
}

/**
 * The cells of a results row: ticket, name, seat, status, score, passed, cancellations, level result. A candidate
 * without a login is "not arrived" while late login is still open (`arrival.until` after `arrival.now`), absent after.
 */
export function resultCells(r, t, arrival = null) {
  const notArrived = r.status === 'ABSENT' && arrival !== null && arrival.now < arrival.until;
  return [
    r.ticket, r.name, r.seatCode, notArrived ? t('status.NOT_ARRIVED') : t(`status.${r.status}`),
    scoreCell(r, t),
    r.passed == null ? (r.pendingMarking ? t('pending') : '') : (r.passed ? t('yes') : t('no')),
    (r.cancellations || [])
      .map((c) => `${c.reason} — ${t('cancelled.by', { id: c.decisionId })}${c.declaredInvalid ? t('invalid') : ''}`)
      .join('; '),
    levelCell(r, t),
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
