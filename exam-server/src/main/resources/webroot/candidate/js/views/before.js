// The views between login and the paper: the rules summary to acknowledge (附件4 参评人员须知) and
// the waiting room (候考) with the countdown to T0 and the state of the encrypted paper.
import { h, $ } from '../dom.js';
import { t, tList, tOr, formatDateTime, formatSpan, contentLang } from '../i18n.js';
import { facts } from './ui.js';
import { rulesVersionShown } from '../rules.js';

function tier(key, noteKey, className) {
  return h('section', { class: `tier ${className}`, 'aria-labelledby': `${key}-title` },
    h('h2', { id: `${key}-title`, text: t(`${key}.title`) }),
    noteKey ? h('p', { class: 'tier-note', text: t(noteKey) }) : null,
    h('ol', {}, tList(`${key}.items`).map((text) => h('li', { text }))));
}

/** 参评人员须知: the candidate must tick the acknowledgement before the waiting room opens. */
export function renderRules(app) {
  const error = h('p', { class: 'field-error', id: 'ack-error', role: 'alert', hidden: true });
  const checkbox = h('input', { type: 'checkbox', id: 'ack', 'aria-describedby': 'ack-error' });
  const root = h('div', { class: 'card rules' },
    h('h1', { id: 'rules-title', tabindex: '-1', text: t('rules.title') }),
    candidateFacts(app),
    h('p', { class: 'lead', text: t('rules.intro') }),
    tier('rules.a', 'rules.a.note', 'tier-a'),
    tier('rules.b', null, 'tier-b'),
    tier('rules.c', null, 'tier-c'),
    h('p', { text: t('rules.after') }),
    h('p', { class: 'monitor-note', text: t('rules.monitor') }),
    h('p', { class: 'muted', id: 'rules-version', text: t('rules.version', { version: rulesVersionShown(app.session.sitting) }) }),
    h('div', { class: 'ack-row' },
      error,
      h('label', { class: 'check big', for: 'ack' }, checkbox, h('span', { text: t('rules.ack') }))),
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'primary', id: 'rules-continue', text: t('rules.continue'), on: {
        click: () => {
          if (!checkbox.checked) {
            error.textContent = t('rules.ackRequired');
            error.hidden = false;
            checkbox.setAttribute('aria-invalid', 'true');
            checkbox.focus();
            return;
          }
          app.acknowledgeRules();
        },
      } })));
  checkbox.addEventListener('change', () => {
    if (checkbox.checked) { error.hidden = true; checkbox.removeAttribute('aria-invalid'); }
  });
  return { root, focus: () => $('#rules-title', root).focus() };
}

function candidateFacts(app) {
  const { candidate, sitting } = app.session;
  return facts([
    [t('candidate.name'), candidate.name, { lang: contentLang(candidate.name) }],
    [t('candidate.ticket'), candidate.ticket, { class: 'code' }],
    [t('candidate.seat'), app.terminal.seatCode, { class: 'code' }],
    [t('sitting.occupation'), sitting.occupation, { lang: contentLang(sitting.occupation) }],
    [t('sitting.level'), tOr('level', sitting.level)],
    [t('sitting.subject'), tOr('subject', sitting.subject)],
  ], 'facts candidate-facts');
}

const PAPER_STATUS = {
  downloading: 'waiting.paper.downloading',
  failed: 'waiting.paper.failed',
  ready: 'waiting.paper.ready',
  decrypting: 'waiting.paper.decrypting',
  open: 'waiting.paper.decrypting',
};

/** 候考: countdown to T0 by the server clock while the encrypted paper downloads. */
export function renderWaiting(app) {
  const { sitting } = app.session;
  const countdown = h('p', { class: 'countdown', id: 'waiting-countdown', role: 'timer', 'aria-live': 'off' });
  const paperLine = h('p', { class: 'paper-status', id: 'paper-status', role: 'status' });
  const root = h('div', { class: 'card waiting' },
    h('h1', { id: 'waiting-title', tabindex: '-1', lang: contentLang(sitting.title), text: sitting.title || t('waiting.title') }),
    candidateFacts(app),
    facts([
      [t('sitting.t0'), formatDateTime(app.t0)],
      [t('sitting.duration'), t('duration.minutes', { n: Math.round((sitting.durationSeconds || 0) / 60) })],
    ], 'facts'),
    h('div', { class: 'countdown-box' },
      h('p', { class: 'countdown-label', id: 'countdown-label', text: t('waiting.until') }),
      countdown),
    paperLine,
    h('p', { class: 'lead', text: t('waiting.note') }));

  const update = () => {
    const left = app.t0 - app.clock.now();
    const released = left <= 0;
    $('#countdown-label', root).textContent = released ? t('waiting.released') : t('waiting.until');
    countdown.textContent = released ? '' : formatSpan(left);
    countdown.hidden = released;
    const status = t(app.paperError || PAPER_STATUS[app.paperStatus] || PAPER_STATUS.downloading);
    if (paperLine.textContent !== status) paperLine.textContent = status;
    paperLine.dataset.state = app.paperError ? 'error' : app.paperStatus;
  };
  update();
  return { root, update, focus: () => $('#waiting-title', root).focus() };
}
