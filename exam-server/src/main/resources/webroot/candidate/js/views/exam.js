// The answering view: the answer-sheet navigator (答题卡) beside one item at a time, with the item's
// section title, its save state, and keyboard shortcuts for everything a mouse can do here.
import { h, trustedHtml, $, $$ } from '../dom.js';
import { t, contentLang } from '../i18n.js';
import { renderAnswer, optionInputs } from './items.js';

const SAVE_STATE_KEY = {
  empty: 'save.item.empty', saved: 'save.item.saved', saving: 'save.item.saving',
  unsaved: 'save.item.unsaved', rejected: 'save.item.rejected',
};

/** Builds the exam view for `app.items` (flattened paper items, each with its `section`). */
export function renderExam(app) {
  const navigator = h('nav', { class: 'navigator', 'aria-labelledby': 'nav-title' });
  // Focusable (not in the tab order) so that a click anywhere in the question puts focus in the question area,
  // where the single-key shortcuts act.
  const scroll = h('div', { class: 'item-scroll', id: 'item-scroll', tabindex: '-1' });
  const markButton = h('button', { type: 'button', id: 'mark', 'aria-pressed': 'false', on: { click: () => toggleMark() } });
  const prev = h('button', { type: 'button', id: 'prev', on: { click: () => go(-1) } }, h('span', { 'aria-hidden': 'true', text: '← ' }), t('nav.prev'));
  const next = h('button', { type: 'button', id: 'next', on: { click: () => go(1) } }, t('nav.next'), h('span', { 'aria-hidden': 'true', text: ' →' }));
  const pane = h('section', { class: 'item-pane', 'aria-labelledby': 'item-heading' },
    scroll,
    h('div', { class: 'item-nav' }, prev, markButton, next,
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'primary', id: 'submit', text: t('nav.submit'), on: { click: () => app.openSubmitDialog() } })));
  const root = h('div', { class: 'exam' }, navigator, pane);

  const items = app.items;
  let answerRoot = null;

  // On a small screen (or zoomed in) the answer sheet folds away behind this button, so the question comes first;
  // the CSS shows the button only in that layout, where the sheet starts folded.
  const toggle = h('button', { type: 'button', class: 'small nav-toggle', id: 'nav-toggle', 'aria-expanded': 'false',
    'aria-controls': 'nav-body', on: { click: () => setSheetOpen(toggle.getAttribute('aria-expanded') !== 'true') } });
  function setSheetOpen(open) {
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = t(open ? 'exam.navigator.hide' : 'exam.navigator.show');
    navigator.classList.toggle('is-open', open);
  }

  function drawNavigator() {
    const body = h('div', { class: 'nav-body', id: 'nav-body' });
    navigator.replaceChildren(
      h('div', { class: 'nav-head' },
        h('h2', { id: 'nav-title', text: t('exam.navigator') }),
        h('p', { class: 'progress', id: 'progress' }),
        toggle),
      body);
    setSheetOpen(false);
    body.append(
      h('ul', { class: 'legend', 'aria-hidden': 'true' },
        h('li', {}, h('span', { class: 'swatch is-answered' }), t('legend.answered')),
        h('li', {}, h('span', { class: 'swatch' }), t('legend.unanswered')),
        h('li', {}, h('span', { class: 'swatch is-marked' }), t('legend.marked')),
        h('li', {}, h('span', { class: 'swatch is-current' }), t('legend.current'))));
    let section = null;
    let grid = null;
    items.forEach((item, index) => {
      if (item.section !== section) {
        section = item.section;
        grid = h('div', { class: 'nav-grid' });
        body.append(h('div', { class: 'nav-section' }, h('h3', { lang: contentLang(section.title), text: section.title }), grid));
      }
      grid.append(h('button', {
        type: 'button', class: 'nav-item', dataset: { index: String(index), item: String(item.number) },
        // In the compact layout the sheet folds away again once an item is picked, so the question shows.
        on: { click: () => { if (toggle.offsetParent !== null) setSheetOpen(false); show(index, true); } },
      }, String(item.number)));
    });
    refreshNavigator();
  }

  function refreshNavigator() {
    let answered = 0;
    for (const button of $$('.nav-item', navigator)) {
      const index = Number(button.dataset.index);
      const number = items[index].number;
      const isAnswered = app.store.isAnswered(number);
      const isMarked = app.store.isMarked(number);
      const isCurrent = index === app.currentIndex;
      const saveState = app.itemSaveState(number);
      if (isAnswered) answered += 1;
      button.classList.toggle('is-answered', isAnswered);
      button.classList.toggle('is-marked', isMarked);
      button.classList.toggle('is-current', isCurrent);
      button.classList.toggle('is-pending', saveState === 'unsaved' || saveState === 'saving');
      if (isCurrent) button.setAttribute('aria-current', 'step'); else button.removeAttribute('aria-current');
      const states = [t(isAnswered ? 'legend.answered' : 'legend.unanswered')];
      if (isMarked) states.push(t('legend.marked'));
      if (saveState === 'unsaved') states.push(t('save.item.unsaved'));
      button.setAttribute('aria-label', t('nav.item', { n: number, state: states.join(t('list.sep')) }));
    }
    $('#progress', navigator).textContent = t('exam.progress', { answered, total: items.length });
  }

  function itemSaveLabel(number) {
    const state = app.itemSaveState(number);
    const rejected = app.store.rejected.get(number);
    return { state, text: rejected ? t('save.item.rejectedWith', { message: rejected }) : t(SAVE_STATE_KEY[state]) };
  }

  function show(index, focusHeading) {
    app.currentIndex = Math.max(0, Math.min(items.length - 1, index));
    app.rememberItem();
    const item = items[app.currentIndex];
    const save = itemSaveLabel(item.number);
    answerRoot = renderAnswer(item, {
      value: app.store.value(item.number),
      change: (value, typing) => app.recordAnswer(item.number, value, typing),
      upload: (file) => app.upload(file),
      download: (name) => app.downloadAttachment(name),
      fileInfo: (fileId) => app.store.fileInfo(fileId),
      online: () => app.isOnline(),
    });
    scroll.replaceChildren(
      h('p', { class: 'section-title', lang: contentLang(item.section.title), text: item.section.title }),
      h('div', { class: 'item-head' },
        h('h2', { id: 'item-heading', tabindex: '-1', text: t('item.heading', { n: item.number }) }),
        h('span', { class: 'badge', text: t(`type.${item.type}`) }),
        h('span', { class: 'badge score', text: t('item.score', { score: item.score }) }),
        // Not a live region: the header's #save-announce speaks each save once.
        h('span', { class: 'item-save', id: 'item-save', dataset: { state: save.state }, text: save.text })),
      trustedHtml('div', item.stem, { class: 'stem', id: 'stem', lang: contentLang(item.stem) }),
      h('div', { class: 'answer', id: 'answer', dataset: { type: item.type } }, answerRoot));
    app.resources?.resolve(scroll);
    scroll.scrollTop = 0;
    prev.disabled = app.currentIndex === 0;
    next.disabled = app.currentIndex === items.length - 1;
    drawMark();
    refreshNavigator();
    $('.nav-item.is-current', navigator)?.scrollIntoView({ block: 'nearest' });
    if (focusHeading) $('#item-heading', scroll).focus();
  }

  function drawMark() {
    const marked = app.store.isMarked(items[app.currentIndex].number);
    markButton.setAttribute('aria-pressed', String(marked));
    markButton.replaceChildren(h('span', { class: 'flag', 'aria-hidden': 'true', text: '⚑ ' }), t(marked ? 'nav.unmark' : 'nav.mark'));
  }

  function go(delta) {
    const target = app.currentIndex + delta;
    if (target < 0 || target >= items.length) return;
    show(target, true);
  }

  function toggleMark() {
    app.store.toggleMark(items[app.currentIndex].number);
    drawMark();
    refreshNavigator();
  }

  function chooseOption(key) {
    const inputs = optionInputs(answerRoot);
    if (inputs.length === 0) return false;
    let input;
    if (/^[1-9]$/.test(key)) input = inputs[Number(key) - 1];
    else {
      const letter = key.toUpperCase();
      const item = items[app.currentIndex];
      input = item.type === 'TRUE_FALSE'
        ? inputs['AB'.indexOf(letter)]
        : inputs.find((i) => i.dataset.option.toUpperCase() === letter);
    }
    if (!input) return false;
    input.focus();
    input.click();
    return true;
  }

  /** Carries out a shortcut action (shortcuts.js decided it applies); returns true when it did something. */
  function perform(action) {
    switch (action.kind) {
      case 'prev': go(-1); return true;
      case 'next': go(1); return true;
      case 'mark': toggleMark(); return true;
      case 'choose': return chooseOption(action.key);
      default: return false;
    }
  }

  /** Updates the save labels without touching the controls (the candidate may be typing). */
  function refreshSaveStates() {
    const label = $('#item-save', scroll);
    if (label) {
      const save = itemSaveLabel(items[app.currentIndex].number);
      if (label.dataset.state !== save.state || label.textContent !== save.text) {
        label.dataset.state = save.state;
        label.textContent = save.text;
      }
    }
    refreshNavigator();
  }

  drawNavigator();
  show(app.currentIndex || 0, false);

  return {
    root,
    perform,
    refreshSaveStates,
    /** Redraws the current item, e.g. after the server's vector replaced its value. */
    redrawItem: (number) => { if (items[app.currentIndex].number === number) show(app.currentIndex, false); },
    setEnabled: (enabled) => { root.inert = !enabled; },
    focus: () => $('#item-heading', scroll).focus(),
  };
}
