// 成绩复核: the chief marker's page for score reviews (复核). A candidate's request is recorded by an administrator;
// here the chief marker sees a sitting's requests, open ones first, and decides each: confirm the score, or re-mark
// with the new marked score; always with a comment. zh-CN by default, English on request; native controls only,
// so every step works from the keyboard (Escape leaves the decision form). What a row says and what is sent are in
// logic.js (plain functions, unit-tested).
import { h, $ } from '../../kit/dom.js';
import { api as kitApi } from '../../kit/api.js';
import { createI18n, contentLang } from '../../kit/i18n.js';
import { StaffSession } from '../../kit/session.js';
import { MESSAGES } from './messages.js';
import { decidedMessage, decisionBody, describeError, ordered, reviewCells } from './logic.js';

const i18n = createI18n(MESSAGES, { storageKey: 'examcore.review.lang' });
const { t } = i18n;
// The marking page's sign-in: a chief marker coming from there is signed in here too.
const session = new StaffSession(sessionStorage, 'examcore.marking.session');

// What is on screen, kept so that a language switch says it again in the new language.
const state = { user: session.user, view: 'login', sittings: [], sittingId: null, reviews: null, current: null,
  status: null };

function say(render, isError = false) {
  state.status = render ? { render: typeof render === 'function' ? render : () => render, isError } : null;
  renderStatus();
}

function renderStatus() {
  const s = $('#status');
  s.textContent = state.status ? state.status.render() : '';
  s.className = state.status && state.status.isError ? 'error' : '';
}

function act(work) {
  const working = () => t('working');
  say(working);
  return Promise.resolve().then(work).then(() => {
    if (state.status && state.status.render === working) say('');
  }).catch((e) => {
    say(() => describeError(e, i18n.lang(), t, fieldLabel), true);
    // A refusal naming a field of the open form puts the cursor there, to correct it at once.
    const named = e.details && e.details.field && state.view === 'decide'
      && $('#decide-form').elements.namedItem(e.details.field);
    if (named && typeof named.focus === 'function') named.focus();
  });
}

function fieldLabel(field) {
  return i18n.has(`field.${field}`) ? t(`field.${field}`) : field;
}

function show(view) {
  state.view = view;
  document.querySelectorAll('main > section').forEach((s) => { s.hidden = s.id !== `view-${view}`; });
}

function renderWho() {
  const logged = Boolean(state.user && session.signedIn());
  $('#logout').hidden = !logged;
  $('#to-marking').hidden = !logged;
  $('#who').textContent = logged ? t('who', { user: state.user.username }) : '';
}

function renderSittings() {
  const select = $('#sitting-form [name=sitting]');
  select.replaceChildren(...state.sittings.map((s) => h('option', { value: s.sittingId, text: s.title,
    lang: contentLang(s.title), selected: s.sittingId === state.sittingId })));
}

function renderReviews() {
  const list = state.reviews;
  const table = $('#reviews-table');
  $('#reviews-none').hidden = !(list && list.length === 0);
  table.hidden = !(list && list.length > 0);
  if (!list) return;
  const labels = Array.from(table.querySelectorAll('thead th'), (th) => th.textContent);
  $('#reviews-table tbody').replaceChildren(...ordered(list).map((r) => {
    const cells = reviewCells(r, t).map(([text, cls], i) => h('td', { class: cls || undefined, text,
      lang: contentLang(text), dataset: { label: labels[i] ?? '' } }));
    const action = r.outcome ? t('none') : h('button', { type: 'button', text: t('action.decide'),
      'aria-label': t('action.decideLabel', { ticket: r.ticket }), on: { click: () => openDecision(r) } });
    return h('tr', { dataset: { review: r.reviewId } }, cells,
      h('td', { dataset: { label: labels[cells.length] ?? '' } }, action));
  }));
}

function renderDecision() {
  const r = state.current;
  if (!r) return;
  $('#decide-h').textContent = t('decide.title', { ticket: r.ticket });
  $('#decide-reason').textContent = t('decide.reason', { reason: r.reason });
  $('#decide-reason').lang = contentLang(r.reason) || '';
  $('#marked-label').hidden = $('#decide-form').elements.namedItem('outcome').value !== 'REMARKED';
}

function applyLanguage() {
  document.title = t('app.title');
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
  const other = i18n.otherLanguage();
  $('#lang').textContent = other.label;
  $('#lang').lang = other.code;
  renderWho();
  renderStatus();
  renderReviews();
  renderDecision();
}

async function login(form) {
  const out = await kitApi('POST', '/api/admin/login',
    { body: { username: form.username.value, password: form.password.value } });
  if (out.role !== 'CHIEF_MARKER') {
    say(() => t('login.notChief'), true);
    return;
  }
  session.start(out);
  state.user = session.user;
  form.reset();
  renderWho();
  await loadSittings();
}

function logout() {
  session.end();
  Object.assign(state, { user: null, sittings: [], sittingId: null, reviews: null, current: null });
  renderWho();
  say('');
  show('login');
  $('#login-form [name=username]').focus();
}

async function loadSittings() {
  state.sittings = await session.api('GET', '/api/marking/sittings');
  if (!state.sittingId && state.sittings.length) state.sittingId = state.sittings[0].sittingId;
  renderSittings();
  show('reviews');
  if (!state.sittings.length) {
    say(() => t('reviews.noSittings'));
    return;
  }
  await loadReviews();
  $('#sitting-form [name=sitting]').focus();
}

async function loadReviews() {
  state.reviews = await session.api('GET', `/api/marking/sittings/${encodeURIComponent(state.sittingId)}/reviews`);
  renderReviews();
}

function openDecision(review) {
  state.current = review;
  const form = $('#decide-form');
  form.reset();
  show('decide');
  renderDecision();
  $('#decide-h').focus();
}

function backToList(focusReview) {
  state.current = null;
  show('reviews');
  const row = focusReview && document.querySelector(`#reviews-table tr[data-review="${CSS.escape(focusReview)}"]`);
  // Back where the chief marker left: the row's button while it is still open, else the list's heading.
  ((row && row.querySelector('button')) || $('#reviews-h')).focus();
}

async function decide(form) {
  const field = (n) => form.elements.namedItem(n);
  const read = decisionBody(field('outcome').value, field('markedScore').value, field('comment').value);
  if (read.missing || read.invalid) {
    const name = read.missing || read.invalid;
    say(() => (read.invalid ? t('decide.badScore') : t('decide.missing', { field: t(`field.${name}`) })), true);
    field(name).focus();
    return;
  }
  const review = state.current;
  const reply = await session.api('POST', `/api/marking/reviews/${encodeURIComponent(review.reviewId)}/decision`,
    { body: read.body });
  await loadReviews();
  backToList(review.reviewId);
  say(() => decidedMessage(reply, t));
}

$('#lang').addEventListener('click', () => i18n.toggle());
i18n.onLangChange(applyLanguage);
$('#login-form').addEventListener('submit', (e) => { e.preventDefault(); act(() => login(e.target)); });
$('#logout').addEventListener('click', logout);
$('#sitting-form').addEventListener('submit', (e) => {
  e.preventDefault();
  state.sittingId = e.target.elements.namedItem('sitting').value;
  act(loadReviews);
});
$('#decide-form').addEventListener('change', renderDecision);
$('#decide-form').addEventListener('submit', (e) => { e.preventDefault(); act(() => decide(e.target)); });
$('#decide-cancel').addEventListener('click', () => backToList(state.current && state.current.reviewId));
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && state.view === 'decide') backToList(state.current && state.current.reviewId);
});
applyLanguage();
if (state.user && session.signedIn() && state.user.role === 'CHIEF_MARKER') act(loadSittings);
else {
  show('login');
  $('#login-form [name=username]').focus();
}
