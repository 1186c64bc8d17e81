// Modal dialogs of the exam: shortcut help, the submit confirmation, proctor reminders and the
// pause overlay. All are native <dialog>s opened modally, so focus stays inside and Esc works.
import { h } from '../dom.js';
import { t, tList, tOr, formatDateTime, contentLang } from '../i18n.js';
import { openDialog } from './ui.js';
import { shortcutsEnabled, setShortcutsEnabled } from '../shortcuts.js';

export function openHelp() {
  if (document.getElementById('help-dialog')) { document.getElementById('help-dialog').close(); return; }
  const rows = tList('help.keys').map(([keys, what]) => h('tr', {}, h('th', { scope: 'row' }, h('kbd', { text: keys })), h('td', { text: what })));
  // The off switch for the single-key shortcuts (WCAG 2.1.4), kept per terminal.
  const toggle = h('input', { type: 'checkbox', id: 'shortcuts-on', checked: shortcutsEnabled(localStorage),
    on: { change: () => setShortcutsEnabled(localStorage, toggle.checked) } });
  const { close } = openDialog({
    id: 'help-dialog', title: t('help.title'), describedBy: 'help-note',
    body: [
      h('p', { class: 'hint', id: 'help-note', text: t('help.note') }),
      h('table', { class: 'keys' }, h('tbody', {}, rows)),
      h('label', { class: 'check', for: 'shortcuts-on' }, toggle, h('span', { text: t('help.enabled') }))],
    actions: [h('button', { type: 'button', class: 'primary', text: t('help.close'), on: { click: () => close() } })],
  });
}

/**
 * Asks for confirmation before submitting, with the counts a candidate checks last: unanswered and
 * marked items (as jump links back to them), and saves not yet on the server.
 */
export function openSubmitConfirm({ items, isAnswered, isMarked, pending, online, onJump, onConfirm }) {
  const unanswered = items.filter((i) => !isAnswered(i.number)).map((i) => i.number);
  const marked = items.filter((i) => isMarked(i.number)).map((i) => i.number);
  const jumpList = (key, numbers) => numbers.length === 0 ? null : h('p', { class: 'jump-list' },
    t(key, { list: '' }),
    numbers.map((n) => h('button', { type: 'button', class: 'small jump', dataset: { item: String(n) }, text: String(n),
      'aria-label': t('submit.jump', { n, state: jumpState(n) }),
      on: { click: () => { close(); onJump(n); } } })));
  const jumpState = (n) => [isAnswered(n) ? null : t('legend.unanswered'), isMarked(n) ? t('legend.marked') : null]
    .filter(Boolean).join(t('list.sep'));
  const confirmButton = h('button', { type: 'button', class: 'danger', id: 'submit-confirm', text: t('submit.confirm'), disabled: !online,
    on: { click: () => { confirmButton.disabled = true; confirmButton.textContent = t('submit.sending'); onConfirm(); } } });
  const { close } = openDialog({
    id: 'submit-dialog', title: t('submit.title'), describedBy: 'submit-summary',
    body: [
      h('p', { class: 'submit-summary', id: 'submit-summary', text: t('submit.summary', {
        total: items.length, answered: items.length - unanswered.length, unanswered: unanswered.length, marked: marked.length,
      }) }),
      jumpList('submit.unansweredList', unanswered),
      jumpList('submit.markedList', marked),
      pending > 0 && online ? h('p', { class: 'notice', text: t('submit.unsaved', { n: pending }) }) : null,
      online ? null : h('p', { class: 'notice error', role: 'alert', text: t('submit.offline') }),
      h('p', { class: 'warning', text: t('submit.warning') }),
    ],
    actions: [
      h('button', { type: 'button', id: 'submit-cancel', autofocus: true, text: t('submit.cancel'), on: { click: () => close() } }),
      confirmButton,
    ],
  });
  return { close };
}

/** A proctor's reminder stays until the candidate acknowledges it; `onAck` runs when they do. */
export function openReminder({ message, at, reminderId }, onAck) {
  // One dialog per reminder: the same reminder pushed twice replaces its dialog instead of stacking.
  const id = `reminder-${String(reminderId || at || Date.now()).replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const { close } = openDialog({
    id, title: t('reminder.title'), className: 'reminder', closable: false, describedBy: `${id}-text`,
    body: [h('p', { class: 'reminder-text', id: `${id}-text`, lang: contentLang(message), text: message }),
      at ? h('p', { class: 'muted', text: t('reminder.at', { time: formatDateTime(at) }) }) : null],
    actions: [h('button', { type: 'button', class: 'primary', text: t('reminder.ack'), on: { click: () => { close(); onAck(); } } })],
  });
}

/** 考试已暂停: covers the paper until the server says the attempt is answering again. */
export function openPaused(reason) {
  return openDialog({
    id: 'paused-dialog', title: t('paused.title'), className: 'paused', closable: false, describedBy: 'paused-body',
    body: [h('p', { id: 'paused-body', text: t('paused.body') }), reason ? h('p', { class: 'muted', text: t('paused.reason', { reason: tOr('reason', reason) }) }) : null],
  });
}

/** A yes/no question in the page's own style (native confirm() ignores the page's text size). */
export function openConfirm({ id, title, text, yes, no, onYes }) {
  const { close } = openDialog({
    id, title, describedBy: `${id}-text`, body: h('p', { id: `${id}-text`, text }),
    actions: [
      h('button', { type: 'button', autofocus: true, text: no, on: { click: () => close() } }),
      h('button', { type: 'button', class: 'danger', text: yes, on: { click: () => { close(); onYes(); } } }),
    ],
  });
}
