// 交卷回执: what the candidate may note down as proof of submission.
import { h, $ } from '../dom.js';
import { t, formatDateTime, contentLang } from '../i18n.js';
import { facts } from './ui.js';

export function renderReceipt(app) {
  const r = app.receipt || {};
  const unknown = t('receipt.unknown');
  const digest = r.digest ? r.digest.match(/.{1,8}/g).join(' ') : unknown;
  const root = h('div', { class: 'card receipt' },
    h('h1', { id: 'receipt-title', tabindex: '-1', text: t('receipt.title') }),
    r.auto ? h('p', { class: 'notice', text: t('receipt.auto') }) : null,
    app.lateAnswers ? app.offlinePanelNode('late') : null,
    h('div', { class: 'receipt-code' },
      h('p', { class: 'receipt-code-label', text: t('receipt.code') }),
      h('p', { class: 'receipt-code-value', id: 'receipt-code', text: r.code || unknown })),
    facts([
      [t('candidate.name'), r.candidateName, { lang: contentLang(r.candidateName) }],
      [t('candidate.ticket'), r.ticket],
      [t('receipt.attempt'), r.attemptId || unknown, { id: 'receipt-attempt', class: 'mono' }],
      [t('receipt.time'), r.submittedAt ? formatDateTime(r.submittedAt) : unknown, { id: 'receipt-time' }],
      [t('receipt.answered'), r.answered === undefined ? unknown
        : (r.total ? t('receipt.answeredValue', { answered: r.answered, total: r.total }) : String(r.answered)), { id: 'receipt-answered' }],
      [t('receipt.digest'), digest, { id: 'receipt-digest', class: 'mono digest' }],
      r.digestMatches === undefined || r.digestMatches === null ? null
        : [t('receipt.digestMatches'), t(r.digestMatches ? 'receipt.match' : 'receipt.mismatch'),
          { id: 'receipt-digest-check', class: r.digestMatches ? 'ok' : 'error' }],
    ].filter(Boolean)),
    h('p', { class: 'lead', text: t('receipt.note') }),
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', id: 'receipt-done', text: t('receipt.done'), on: { click: () => app.finish() } })));
  return { root, focus: () => $('#receipt-title', root).focus() };
}
