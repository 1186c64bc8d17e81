// 成绩查询: the candidates' public lookup of their own released results by name and ID number. zh-CN by default,
// English on request; one native form, so it works from the keyboard alone. The ID number goes in the request
// body, never the URL. What a row or an error says is in view.js (plain functions, unit-tested).
import { h, $ } from '../../kit/dom.js';
import { api } from '../../kit/api.js';
import { createI18n, contentLang } from '../../kit/i18n.js';
import { relabel, statusLine, languageSwitch } from '../../kit/public-page.js';
import { MESSAGES } from './messages.js';
import { resultCells, lookupError, readForm } from './view.js';

const i18n = createI18n(MESSAGES, { storageKey: 'examcore.results.lang' });
const { t } = i18n;

// What is on screen, kept so that a language switch says it again in the new language.
const state = { found: null };
const status = statusLine($('#status'));

function applyLanguage() {
  relabel(i18n);
  status.render();
  renderResults();
}

function renderResults() {
  const found = state.found;
  $('#results').hidden = !found;
  if (!found) return;
  const heading = $('#results-h');
  heading.textContent = t('lookup.found', { name: found.name, n: found.results.length });
  const labels = Array.from(document.querySelectorAll('#results-table thead th'), (th) => th.textContent);
  $('#results-table tbody').replaceChildren(...found.results.map((r) => h('tr', {},
    resultCells(r, t).map(([text, cls], i) => h('td', { class: cls || undefined, text,
      lang: contentLang(text), dataset: { label: labels[i] ?? '' } })))));
}

async function lookup(event) {
  event.preventDefault();
  const form = event.target;
  // namedItem, not form.name: a form's own `name` property shadows its field called "name".
  const field = (n) => form.elements.namedItem(n);
  const read = readForm(field('name').value, field('idNumber').value);
  state.found = null;
  renderResults();
  if (read.missing) {
    status.say(() => t('lookup.missing', { field: t(`lookup.${read.missing}`) }), 'error');
    field(read.missing).focus();
    return;
  }
  status.say(() => t('lookup.working'));
  try {
    state.found = await api('POST', '/api/public/results', { body: read.body });
    status.say(null);
    renderResults();
    $('#results-h').focus();
  } catch (e) {
    status.say(() => lookupError(e, t), 'error');
  }
}

$('#lookup-form').addEventListener('submit', lookup);
languageSwitch(i18n, applyLanguage);
