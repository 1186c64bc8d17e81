// Shared view pieces: labelled form fields with an error summary, modal dialogs and toasts.
import { h, $ } from '../dom.js';
import { t } from '../i18n.js';

/** A labelled text field; `hint` is announced with the field. */
export function field({ id, label, hint, type = 'text', autocomplete = 'off', inputmode, maxlength = 64, value = '' }) {
  const hintId = hint ? `${id}-hint` : null;
  return h('div', { class: 'field', id: `${id}-field` },
    h('label', { class: 'field-label', for: id, text: label }),
    hint ? h('p', { class: 'field-hint', id: hintId, text: hint }) : null,
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
    h('input', {
      id, name: id, type, value, autocomplete, inputmode, maxlength,
      spellcheck: 'false', autocapitalize: 'off', 'aria-describedby': hintId,
    }));
}

/**
 * Shows validation or server errors on a form: a summary at the top (focused, so keyboard and
 * screen-reader users land on it) linking to each field, and the message again next to the field.
 * `errors` is a list of {field: inputId | null, message}.
 */
export function showErrors(form, errors) {
  clearErrors(form);
  if (errors.length === 0) return;
  const summary = $('.error-summary', form);
  const list = h('ul');
  for (const { field: id, message } of errors) {
    if (id) {
      const link = h('a', { href: `#${id}`, text: message, on: { click: (e) => { e.preventDefault(); $(`#${id}`, form).focus(); } } });
      list.append(h('li', {}, link));
      const input = $(`#${id}`, form);
      const error = $(`#${id}-error`, form);
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', [`${id}-error`, input.getAttribute('aria-describedby')].filter(Boolean).join(' '));
      error.textContent = message;
      error.hidden = false;
      $(`#${id}-field`, form).classList.add('has-error');
    } else {
      list.append(h('li', { text: message }));
    }
  }
  summary.replaceChildren(h('h2', { text: t('err.summary') }), list);
  summary.hidden = false;
  summary.focus();
}

export function clearErrors(form) {
  const summary = $('.error-summary', form);
  summary.hidden = true;
  summary.replaceChildren();
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    const described = (input.getAttribute('aria-describedby') || '').split(' ')
      .filter((id) => id && !id.endsWith('-error'));
    if (described.length) input.setAttribute('aria-describedby', described.join(' '));
    else input.removeAttribute('aria-describedby');
  }
  for (const el of form.querySelectorAll('.field-error')) { el.hidden = true; el.textContent = ''; }
  for (const el of form.querySelectorAll('.has-error')) el.classList.remove('has-error');
}

export const errorSummary = () =>
  h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });

/**
 * Opens a modal <dialog>. The browser keeps focus inside it and makes the page behind it inert.
 * `closable: false` ignores Esc (pause overlay); `describedBy` is the id of its main text. Returns {dialog, close}.
 */
export function openDialog({ id, title, body, actions = [], closable = true, className = '', onClose, describedBy }) {
  document.getElementById(id)?.remove();
  const titleId = `${id}-title`;
  // `describedBy` names the dialog's main text, which a screen reader then reads with the title on opening.
  const dialog = h('dialog', { id, class: `dialog ${className}`, 'aria-labelledby': titleId, 'aria-describedby': describedBy },
    h('h2', { id: titleId, text: title }),
    h('div', { class: 'dialog-body' }, body),
    actions.length ? h('div', { class: 'dialog-actions' }, actions) : null);
  dialog.addEventListener('cancel', (e) => { if (!closable) e.preventDefault(); });
  dialog.addEventListener('close', () => { dialog.remove(); if (onClose) onClose(); });
  document.body.append(dialog);
  dialog.showModal();
  const preferred = dialog.querySelector('[autofocus]') || dialog.querySelector('button');
  if (preferred) {
    // Buttons pinned to the dialog's bottom (candidate.css) are in view already; scrolling to them, or to the
    // control showModal() focused first, would only push the title and the explanation out of sight in a
    // dialog taller than the window. So a dialog with pinned buttons opens at its top.
    const bar = preferred.closest('.dialog-actions');
    const pinned = Boolean(bar) && getComputedStyle(bar).position === 'sticky';
    preferred.focus({ preventScroll: pinned });
    if (pinned) dialog.scrollTop = 0;
  }
  return { dialog, close: () => { if (dialog.open) dialog.close(); } };
}

/**
 * A message in the live region; stays `ms` milliseconds, or with `ms: null` until the candidate dismisses it
 * (for what must not be missed). A toast with an `id` replaces the previous one of that id.
 */
export function toast(message, { kind = 'info', ms = 8000, id } = {}) {
  // A notice that stays goes above the paper, in the flow, so it pushes the question down instead of covering it.
  const region = document.getElementById(ms === null ? 'notices' : 'toasts');
  if (id) document.getElementById(id)?.remove();
  const el = h('div', { class: `toast toast-${kind}`, id }, h('span', { class: 'toast-text', text: message }));
  if (ms === null) {
    el.classList.add('toast-sticky');
    el.append(h('button', { type: 'button', class: 'small toast-dismiss', text: t('toast.dismiss'), on: { click: () => el.remove() } }));
  } else {
    setTimeout(() => el.remove(), ms);
  }
  region.append(el);
  return el;
}

/** A definition list of label/value pairs. */
export function facts(pairs, className = 'facts') {
  return h('dl', { class: className }, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([label, value, attrs]) => [h('dt', { text: label }), h('dd', attrs || {}, value)]));
}
