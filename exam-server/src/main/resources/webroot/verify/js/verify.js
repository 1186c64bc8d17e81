// 证书查验: anyone holding a certificate checks it by its number and verification code, without logging in. zh-CN
// by default, English on request; one native form, so it works from the keyboard alone. The code goes in the
// request body, never the URL. What the answer or an error says is in view.js (plain functions, unit-tested).
import { h, $ } from '../../kit/dom.js';
import { api } from '../../kit/api.js';
import { createI18n, contentLang } from '../../kit/i18n.js';
import { MESSAGES } from './messages.js';
import { outcome, readForm, verifyError } from './view.js';

const i18n = createI18n(MESSAGES, { storageKey: 'examcore.verify.lang' });
const { t } = i18n;

// What is on screen, kept so that a language switch says it again in the new language.
const state = { status: null, found: null };

function applyLanguage() {
  document.title = t('app.title');
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
  const other = i18n.otherLanguage();
  $('#lang').textContent = other.label;
  $('#lang').lang = other.code;
  renderStatus();
  renderOutcome();
}

function say(render, isError = false) {
  state.status = render ? { render, isError } : null;
  renderStatus();
}

function renderStatus() {
  const s = $('#status');
  s.textContent = state.status ? state.status.render() : '';
  s.className = state.status && state.status.isError ? 'error' : '';
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

async function verify(event) {
  event.preventDefault();
  const form = event.target;
  const field = (n) => form.elements.namedItem(n);
  const read = readForm(field('number').value, field('code').value);
  state.found = null;
  renderOutcome();
  if (read.missing) {
    say(() => t('verify.missing', { field: t(`verify.${read.missing}`) }), true);
    field(read.missing).focus();
    return;
  }
  say(() => t('verify.working'));
  try {
    state.found = await api('POST', '/api/public/certificates/verify', { body: read.body });
    say('');
    renderOutcome();
    $('#outcome-h').focus();
  } catch (e) {
    say(() => verifyError(e, t), true);
  }
}

$('#lang').addEventListener('click', () => i18n.toggle());
i18n.onLangChange(applyLanguage);
$('#verify-form').addEventListener('submit', verify);
applyLanguage();
