// 成绩查询: the candidates' public lookup of their own released results by name and ID number. zh-CN by default,
// English on request; one native form, so it works from the keyboard alone. The ID number goes in the request
// body, never the URL. What a row or an error says is in view.js (plain functions, unit-tested).
import { h, $ } from '../../kit/dom.js';
import { createI18n, contentLang } from '../../kit/i18n.js';
import { relabel, statusLine, languageSwitch, sendForm } from '../../kit/public-page.js';
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

function show(found) {
  state.found = found;
  renderResults();
  if (found) $('#results-h').focus();
}

$('#lookup-form').addEventListener('submit', (event) => sendForm(event, {
  read: (field) => readForm(field('name').value, field('idNumber').value),
  prefix: 'lookup', path: '/api/public/results', status, t, show, refusal: lookupError,
}));
languageSwitch(i18n, applyLanguage);
