// 证书查验: anyone holding a certificate checks it by its number and verification code, without logging in. zh-CN
// by default, English on request; one native form, so it works from the keyboard alone. The code goes in the
// request body, never the URL. What the answer or an error says is in view.js (plain functions, unit-tested).
import { h, $ } from '../../kit/dom.js';
import { createI18n, contentLang } from '../../kit/i18n.js';
import { relabel, statusLine, languageSwitch, sendForm } from '../../kit/public-page.js';
import { MESSAGES } from './messages.js';
import { outcome, readForm, verifyError } from './view.js';

const i18n = createI18n(MESSAGES, { storageKey: 'examcore.verify.lang' });
const { t } = i18n;

// What is on screen, kept so that a language switch says it again in the new language.
const state = { found: null };
const status = statusLine($('#status'));

function applyLanguage() {
  relabel(i18n);
  status.render();
  renderOutcome();
}

function renderOutcome() {
  const section = $('#outcome');
  section.hidden = !state.found;
  if (!state.found) return;
  const o = outcome(state.found, t);
  section.className = o.kind;
  $('#outcome-h').textContent = o.heading;
  $('#outcome-facts').replaceChildren(...o.facts.flatMap(([label, value]) => [
    h('dt', { text: label }), h('dd', { text: value, lang: contentLang(value) })]));
}

function show(found) {
  state.found = found;
  renderOutcome();
  if (found) $('#outcome-h').focus();
}

$('#verify-form').addEventListener('submit', (event) => sendForm(event, {
  read: (field) => readForm(field('number').value, field('code').value),
  prefix: 'verify', path: '/api/public/certificates/verify', status, t, show, refusal: verifyError,
}));
languageSwitch(i18n, applyLanguage);
