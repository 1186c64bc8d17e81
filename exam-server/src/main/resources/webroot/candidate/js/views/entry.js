// The two forms before an attempt: terminal enrolment (staff, once) and candidate login.
import { h, $ } from '../dom.js';
import { t, contentLang } from '../i18n.js';
import { field, showErrors, clearErrors, errorSummary } from './ui.js';

const SEAT_CODE = /^[A-Za-z0-9-]+$/;

function required(errors, id, value, labelKey, max = 64) {
  if (!value) errors.push({ field: id, message: t('err.required', { field: t(labelKey) }) });
  else if (value.length > max) errors.push({ field: id, message: t('err.tooLong', { field: t(labelKey), max }) });
}

/** Turns a failed request into form errors, attaching it to the field the server named. */
export function serverErrors(error, fieldsByWireName, params = {}) {
  const known = `err.${error.code}`;
  const message = t(known) !== known ? t(known, params)
    : (error.status === 0 ? t('err.NETWORK') : t('err.SERVER', { status: error.status, message: error.message }));
  const wire = error.details && error.details.field;
  return [{ field: (wire && fieldsByWireName[wire]) || null, message }];
}

function busy(form, busyKey, idleKey, isBusy) {
  const button = $('button[type=submit]', form);
  button.disabled = isBusy;
  button.textContent = t(isBusy ? busyKey : idleKey);
  form.setAttribute('aria-busy', String(isBusy));
}

/** 终端登记: staff bind this terminal to a seat with the seat code and the sitting's PIN. */
export function renderEnrol(app) {
  const form = h('form', { class: 'card form', novalidate: true },
    h('h1', { text: t('enrol.title') }),
    h('p', { class: 'lead', text: t('enrol.intro') }),
    app.notice ? h('p', { class: 'notice error', role: 'alert', text: t(app.notice.key, app.notice.params) }) : null,
    errorSummary(),
    field({ id: 'seat-code', label: t('enrol.seatCode'), hint: t('enrol.seatCode.hint'), maxlength: 32 }),
    field({ id: 'pin', label: t('enrol.pin'), type: 'password', inputmode: 'numeric' }),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', text: t('enrol.submit') })));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const seatCode = $('#seat-code', form).value.trim();
    const pin = $('#pin', form).value.trim();
    const errors = [];
    required(errors, 'seat-code', seatCode, 'enrol.seatCode', 32);
    if (seatCode && seatCode.length <= 32 && !SEAT_CODE.test(seatCode)) {
      errors.push({ field: 'seat-code', message: t('err.format.seatCode') });
    }
    required(errors, 'pin', pin, 'enrol.pin');
    if (errors.length) { showErrors(form, errors); return; }
    clearErrors(form);
    busy(form, 'enrol.busy', 'enrol.submit', true);
    try {
      await app.enrol(seatCode, pin);
    } catch (error) {
      busy(form, 'enrol.busy', 'enrol.submit', false);
      showErrors(form, serverErrors(error, { seatCode: 'seat-code', pin: 'pin' }, { seat: seatCode }));
    }
  });
  return { root: form, focus: () => $('#seat-code', form).focus() };
}

/** 考生登录: admission ticket number (准考证号) and ID number (身份证号) at the enrolled seat. */
export function renderLogin(app) {
  const terminal = app.terminal;
  const form = h('form', { class: 'card form', novalidate: true },
    h('h1', { text: t('login.title') }),
    h('p', { class: 'lead terminal-line' },
      h('span', { lang: contentLang(terminal.sittingTitle), text: terminal.sittingTitle || '' }),
      h('span', { class: 'seat-badge', text: t('login.terminal', { seat: terminal.seatCode, room: terminal.roomName || '' }) })),
    app.notice ? h('p', { class: 'notice', role: 'status', text: t(app.notice.key, app.notice.params) }) : null,
    errorSummary(),
    field({ id: 'ticket', label: t('login.ticket') }),
    field({ id: 'id-number', label: t('login.idNumber'), maxlength: 64 }),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', text: t('login.submit') })),
    h('p', { class: 'staff-link' },
      // One confirmation, the page's own dialog (forgetTerminal), in the page's language and text size.
      h('button', { type: 'button', class: 'link', id: 'reenrol', text: t('login.reenrol'), on: {
        click: () => app.forgetTerminal(),
      } })));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const ticket = $('#ticket', form).value.trim();
    let idNumber = $('#id-number', form).value.trim();
    // Resident ID numbers end in a check character that may be typed as a lower-case x.
    if (/^\d{17}x$/.test(idNumber)) idNumber = idNumber.toUpperCase();
    const errors = [];
    required(errors, 'ticket', ticket, 'login.ticket');
    required(errors, 'id-number', idNumber, 'login.idNumber');
    if (errors.length) { showErrors(form, errors); return; }
    clearErrors(form);
    busy(form, 'login.busy', 'login.submit', true);
    try {
      await app.login(ticket, idNumber);
    } catch (error) {
      busy(form, 'login.busy', 'login.submit', false);
      showErrors(form, serverErrors(error, { ticket: 'ticket', idNumber: 'id-number' }));
    }
  });
  return { root: form, focus: () => $('#ticket', form).focus() };
}
