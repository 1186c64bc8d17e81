// The frame around every view: title, exam clock, save and connection state, and the tools a
// candidate may need at any time (text size, language, shortcut help, full screen).
import { h, $ } from '../dom.js';
import { t, otherLanguage, setLang, contentLang } from '../i18n.js';
import { stepFontSize, canShrink, canGrow, fontSize } from '../prefs.js';
import { openHelp } from './dialogs.js';

export function renderShell(app) {
  const header = document.getElementById('topbar');
  const banner = document.getElementById('banner');

  function draw() {
    const other = otherLanguage();
    header.replaceChildren(
      // The candidate's own ID photo beside their name: the proctor compares person, photo and ID card at a glance.
      h('img', { class: 'brand-photo', id: 'brand-photo', alt: t('candidate.photo'), hidden: true }),
      h('div', { class: 'brand' },
        h('span', { class: 'brand-name', text: t('app.name') }),
        h('span', { class: 'brand-context', id: 'brand-context' })),
      h('div', { class: 'timer', id: 'timer', hidden: true },
        h('span', { class: 'timer-label', id: 'timer-label', text: t('exam.remaining') }),
        h('span', { class: 'timer-value', id: 'timer-value', role: 'timer', 'aria-live': 'off', 'aria-labelledby': 'timer-label timer-value' })),
      h('div', { class: 'status' },
        h('span', { class: 'pill', id: 'save-status', hidden: true }),
        h('span', { class: 'pill', id: 'conn-status', hidden: true }),
        // The one place a save is announced, and only its outcome ("saved" or "N unsaved"): the visible pills
        // change on every keystroke's save, which a screen reader would otherwise read out each time.
        h('span', { class: 'sr-only', id: 'save-announce', role: 'status' })),
      h('div', { class: 'tools', role: 'toolbar', 'aria-label': t('app.name') },
        // The name starts with the visible "A−"/"A+", so a voice-control user can say what they see (WCAG 2.5.3).
        h('button', { type: 'button', id: 'font-smaller', class: 'tool', 'aria-label': `A− ${t('font.smaller')}`, title: t('font.smaller'),
          disabled: !canShrink(), on: { click: () => { stepFontSize(-1); update(); } } }, 'A−'),
        h('button', { type: 'button', id: 'font-larger', class: 'tool', 'aria-label': `A+ ${t('font.larger')}`, title: t('font.larger'),
          disabled: !canGrow(), on: { click: () => { stepFontSize(1); update(); } } }, 'A+'),
        h('button', { type: 'button', id: 'lang-switch', class: 'tool', lang: other.code, title: t('lang.switch'),
          on: { click: () => setLang(other.code) } }, other.label),
        h('button', { type: 'button', id: 'help-button', class: 'tool', 'aria-keyshortcuts': 'F1', on: { click: () => openHelp() } },
          h('span', { 'aria-hidden': 'true', text: '? ' }), t('help.button')),
        h('button', { type: 'button', id: 'fullscreen-button', class: 'tool', hidden: true, on: { click: toggleFullscreen } },
          t(document.fullscreenElement ? 'fullscreen.exit' : 'fullscreen.enter'))));
    update();
  }

  /** Shows the candidate's photo once it is fetched (once per sign-in); a candidate without one sees none. */
  function showPhoto(loggedIn) {
    const img = $('#brand-photo', header);
    if (!loggedIn) {
      img.hidden = true;
      return;
    }
    const photo = app.photoFor(app.session);
    if (photo) {
      if (img.getAttribute('src') !== photo) img.src = photo;
      img.hidden = false;
    } else {
      img.hidden = true;
    }
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    else document.documentElement.requestFullscreen().catch(() => {});
  }

  function update() {
    $('#font-smaller', header).disabled = !canShrink();
    $('#font-larger', header).disabled = !canGrow();
    $('#font-larger', header).dataset.size = String(fontSize());
    const loggedIn = Boolean(app.session) && app.view !== 'receipt';
    const context = $('#brand-context', header);
    context.textContent = loggedIn
      ? [app.session.candidate?.name, app.session.sitting?.title].filter(Boolean).join(' · ')
      : (app.terminal ? app.terminal.seatCode : '');
    setLangOf(context, context.textContent);
    showPhoto(loggedIn);

    const fullscreen = $('#fullscreen-button', header);
    fullscreen.hidden = !loggedIn || !document.fullscreenEnabled;
    fullscreen.textContent = t(document.fullscreenElement ? 'fullscreen.exit' : 'fullscreen.enter');

    const conn = $('#conn-status', header);
    conn.hidden = !loggedIn;
    const state = app.isOnline() ? 'online' : (app.connection === 'connecting' && !app.outage ? 'connecting' : 'offline');
    conn.dataset.state = state;
    conn.textContent = t(`conn.${state}`);

    const save = $('#save-status', header);
    save.hidden = app.view !== 'exam';
    if (!save.hidden) {
      const pending = app.store.pendingCount();
      const saveState = pending === 0 ? 'saved' : (app.isOnline() ? 'saving' : 'unsaved');
      const text = saveState === 'unsaved' ? t('save.unsaved', { n: pending }) : t(`save.${saveState}`);
      save.dataset.state = saveState;
      if (save.textContent !== text) save.textContent = text;
      const announce = $('#save-announce', header);
      const spoken = saveState === 'saving' ? '' : text; // emptied while saving, so the outcome is news again
      if (announce.textContent !== spoken) announce.textContent = spoken;
    }

    const showBanner = loggedIn && (app.outage || !app.browserOnline);
    banner.hidden = !showBanner;
    if (showBanner && banner.textContent !== t('banner.offline')) banner.textContent = t('banner.offline');
    document.body.classList.toggle('is-offline', showBanner);
  }

  /** Writes the clock; `level` is '', 'warn' or 'danger'. */
  function setTimer(text, level) {
    const timer = $('#timer', header);
    timer.hidden = text === null;
    if (text === null) return;
    const value = $('#timer-value', header);
    if (value.textContent !== text) value.textContent = text;
    timer.dataset.level = level;
  }

  function setLangOf(el, text) {
    const code = contentLang(text);
    if (code) el.setAttribute('lang', code); else el.removeAttribute('lang');
  }

  document.addEventListener('fullscreenchange', update);
  draw();
  return { draw, update, setTimer };
}
