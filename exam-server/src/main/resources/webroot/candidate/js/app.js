// The candidate page's controller: which view is showing, the attempt's session, and the glue
// between the seat socket, the answer journal and the views. Protocol: docs/candidate-protocol.md.
import { debounce, h } from './dom.js';
import { t, onLangChange, lang, formatSpan, formatTime, contentLang } from './i18n.js';
import { applyFontSize } from './prefs.js';
import * as api from './api.js';
import { ServerClock } from './clock.js';
import { SeatSocket } from './socket.js';
import { AnswerStore } from './journal.js';
import { BrowserEvents } from './events.js';
import { ResourceImages } from './resources.js';
import { cryptoAvailable, decryptPaper, answerDigest } from './crypto.js';
import { renderShell } from './views/shell.js';
import { renderEnrol, renderLogin } from './views/entry.js';
import { renderRules, renderWaiting } from './views/before.js';
import { renderExam } from './views/exam.js';
import { renderReceipt } from './views/after.js';
import { openHelp, openSubmitConfirm, openReminder, openPaused, openConfirm } from './views/dialogs.js';
import { toast } from './views/ui.js';
import { describeFocus, shortcutFor, shortcutsEnabled } from './shortcuts.js';
import { rulesVersionShown } from './rules.js';
import { offersOfflineFile, offlineFileName, sealOfflineFile } from './offline.js';

export { RULES_VERSION } from './rules.js';

/** RETRY errors in a row after which the seat socket moves to the next node. */
const RETRIES_BEFORE_FAILOVER = 3;
/** A hello without a welcome this long moves the seat socket to the next node. */
const HELLO_TIMEOUT_MS = 10000;

const TERMINAL_KEY = 'examcore.terminal'; // localStorage: survives browser restarts (set once by staff)
const SESSION_KEY = 'examcore.session';   // sessionStorage: survives a reload, not a closed browser
const RECEIPT_KEY = 'examcore.receipt';
const TYPING_DEBOUNCE_MS = 500;
// After a seat change, how long the page waits for the acks of its last saves; less than the server's
// seat-change-grace-millis (5 s by default), so it says `drained` before the server lets the socket go.
const SEAT_DRAIN_MS = 4000;
const TOKEN_REFUSED = ['BAD_TOKEN', 'STALE_TOKEN', 'WRONG_KIND'];
const MINUTE = 60 * 1000;
const remindersKey = (attemptId) => `examcore.reminders.${attemptId}`; // shown, not yet acknowledged
// sessionStorage: the item the candidate was on, so a reload returns there rather than to item 1.
const currentItemKey = (attemptId) => `examcore.item.${attemptId}`;
// sessionStorage: the offline-file credentials, so a page reloaded while cut off can still write its file.
const offlineKey = (attemptId) => `examcore.offline.${attemptId}`;
// sessionStorage: answers the server no longer took (it froze the attempt first), kept for the offline file.
const LATE_KEY = 'examcore.offline-late';
// Each view's name in the page title, so the window title and a screen reader's page announcement say where one is.
const VIEW_TITLES = {
  enrol: 'enrol.title', login: 'login.title', rules: 'rules.title', waiting: 'waiting.title', exam: 'exam.title',
  receipt: 'receipt.title',
};

function readJson(storage, key) {
  try { return JSON.parse(storage.getItem(key)); } catch { return null; }
}

function writeJson(storage, key, value) {
  try {
    if (value === null) storage.removeItem(key); else storage.setItem(key, JSON.stringify(value));
  } catch { /* private mode or quota: the page still works, a reload then needs a new login */ }
}

class CandidateApp {
  constructor() {
    this.terminal = readJson(localStorage, TERMINAL_KEY);
    this.session = readJson(sessionStorage, SESSION_KEY);
    this.receipt = readJson(sessionStorage, RECEIPT_KEY);
    this.lateAnswers = readJson(sessionStorage, LATE_KEY);
    this.clock = new ServerClock();
    this.browserOnline = navigator.onLine;
    this.view = null;
    this.viewApi = null;
    this.notice = null;
    this.resetAttempt();
    this.flushLater = debounce(() => this.flush(), TYPING_DEBOUNCE_MS);
  }

  resetAttempt() {
    document.getElementById('announcements')?.replaceChildren();
    clearTimeout(this.seatMove?.timer);
    this.seatMove = null;
    this.socket?.stop();
    this.events?.stop();
    this.resources?.close();
    this.flushLater?.cancel();
    clearTimeout(this.paperRetry);
    this.socket = null;
    this.events = null;
    this.resources = null;
    this.remindersShown = false;
    this.store = null;
    this.connection = 'offline';
    this.outage = false;
    this.welcomed = false;
    this.examState = 'WAITING';
    this.t0 = 0;
    this.deadline = 0;
    this.pausedRemaining = null;
    this.encryptedPaper = null;
    this.paperStatus = 'downloading';
    this.paperError = null;
    this.paperFailures = 0;
    this.key = null;
    this.paper = null;
    this.items = [];
    this.decrypting = false;
    this.currentIndex = 0;
    this.submitting = null;
    this.submitFrom = 0;
    this.warned = { 15: false, 5: false };
    this.timeUp = false;
    this.pausedDialog?.close();
    this.pausedDialog = null;
    this.offlineCredentials = null;
    this.offlinePanel?.remove();
    this.offlinePanel = null;
    this.offlineStatus = null;
  }

  boot() {
    applyFontSize();
    document.title = t('app.name');
    this.shell = renderShell(this);
    onLangChange(() => this.relabel());
    document.addEventListener('keydown', (e) => this.onKeyDown(e));
    setInterval(() => this.tick(), 250);

    if (!cryptoAvailable()) {
      // Browsers give WebCrypto only to secure contexts: https://, or http:// on localhost.
      this.fatal('err.INSECURE', { address: location.href });
      return;
    }
    if (this.receipt) {
      this.show('receipt');
      if (this.session) this.watchForReopen();
    } else if (!this.terminal) this.show('enrol');
    else if (this.session) this.startAttempt();
    else this.show('login');
  }

  // ---- views -------------------------------------------------------------------------------

  show(view) {
    this.view = view;
    const render = { enrol: renderEnrol, login: renderLogin, rules: renderRules, waiting: renderWaiting,
      exam: renderExam, receipt: renderReceipt }[view];
    this.viewApi = render(this);
    const main = document.getElementById('main');
    main.dataset.view = view;
    main.replaceChildren(this.viewApi.root);
    main.scrollTop = 0; // a new view starts at its top, not where the last one was scrolled to
    document.title = t('app.title', { view: t(VIEW_TITLES[view]) });
    this.shell.update();
    this.viewApi.focus?.();
    if (view === 'exam') {
      this.applyState();
      this.reopenReminders();
      // A fresh view (a reload, a language switch) must not offer 交卷 until the next clock tick corrects it.
      this.refreshSubmitButton();
    }
  }

  /** Language switch: redraw in place and keep keyboard focus on the switch. */
  relabel() {
    this.shell.draw();
    const acknowledged = document.getElementById('ack')?.checked; // a ticked rules box stays ticked
    if (this.view) this.show(this.view);
    else if (this.fatalShown) this.fatal(this.fatalShown.key, this.fatalShown.params);
    if (acknowledged) document.getElementById('ack').checked = true;
    if (this.pausedDialog) { this.pausedDialog.close(); this.pausedDialog = openPaused(this.pauseReason); }
    document.getElementById('lang-switch')?.focus();
  }

  fatal(key, params) {
    this.fatalShown = { key, params }; // redrawn in the other language by the switch
    const main = document.getElementById('main');
    const p = document.createElement('p');
    p.className = 'card notice error';
    p.setAttribute('role', 'alert');
    p.textContent = t(key, params);
    main.replaceChildren(p);
  }

  /** Shortcuts (js/shortcuts.js decides which key does what, and only inside the question area). */
  onKeyDown(e) {
    if (e.key === 'F1') {
      e.preventDefault(); // the browser's own help would open otherwise
      openHelp();
      return;
    }
    if (document.querySelector('dialog[open]') || this.view !== 'exam') return;
    const focus = describeFocus(e.target, document.getElementById('item-scroll'));
    const action = shortcutFor(e, focus, shortcutsEnabled(localStorage));
    if (!action) return;
    if (action.kind === 'help') {
      e.preventDefault();
      openHelp();
    } else if (this.viewApi.perform(action)) {
      e.preventDefault();
    }
  }

  tick() {
    this.refreshOfflinePanel();
    if (this.view === 'waiting') {
      this.viewApi.update();
      if (this.paper && this.started()) this.enterExamIfReady();
    }
    if (this.view !== 'exam') {
      this.shell.setTimer(null);
      return;
    }
    const remaining = this.remaining();
    let level = '';
    if (remaining <= 5 * MINUTE) level = 'danger';
    else if (remaining <= 15 * MINUTE) level = 'warn';
    this.shell.setTimer(formatSpan(remaining), level);
    this.refreshSubmitButton();
    if (this.examState !== 'ANSWERING') return;
    for (const minutes of [5, 15]) {
      if (remaining > minutes * MINUTE + 5000) this.warned[minutes] = false; // an extension re-arms it
    }
    if (remaining <= 5 * MINUTE && !this.warned[5]) {
      this.warned[5] = this.warned[15] = true;
      toast(t('time.warn5'), { kind: 'warn', ms: 10000, id: 'time-warning' });
    } else if (remaining <= 15 * MINUTE && !this.warned[15]) {
      this.warned[15] = true;
      toast(t('time.warn15'), { kind: 'warn', ms: 10000, id: 'time-warning' });
    }
    if (remaining <= 0 && !this.timeUp) {
      // The server auto-submits at its deadline; stop edits it would refuse anyway.
      this.timeUp = true;
      this.flushLater.flush();
      this.viewApi.setEnabled(false);
      // Cut off, nothing is being submitted from here: say where the answers are and what to do instead.
      const cutOff = this.connection === 'offline';
      toast(t(cutOff ? 'time.upOffline' : 'time.up'), { kind: 'warn', ms: 60000, id: 'time-up' });
    }
  }

  remaining() {
    if (this.examState === 'PAUSED' && this.pausedRemaining !== null) return this.pausedRemaining;
    return this.deadline - this.clock.now();
  }

  started() {
    return this.examState === 'ANSWERING' || this.examState === 'PAUSED';
  }

  // ---- enrolment, login, logout ------------------------------------------------------------

  async enrol(seatCode, pin) {
    const result = await api.enrol(seatCode, pin);
    this.terminal = {
      terminalToken: result.terminalToken, seatCode: result.seatCode || seatCode,
      roomName: result.roomName || '', sittingTitle: result.sittingTitle || '',
    };
    writeJson(localStorage, TERMINAL_KEY, this.terminal);
    this.notice = { key: 'enrol.done', params: { seat: this.terminal.seatCode, room: this.terminal.roomName } };
    this.show('login');
  }

  forgetTerminal() {
    openConfirm({
      id: 'reenrol-dialog', title: t('login.reenrol'), text: t('login.reenrol.confirm'),
      yes: t('login.reenrol'), no: t('login.reenrol.cancel'),
      onYes: () => {
        this.terminal = null;
        writeJson(localStorage, TERMINAL_KEY, null);
        this.notice = null;
        this.show('enrol');
      },
    });
  }

  async login(ticket, idNumber) {
    const sentAt = Date.now();
    let result;
    try {
      result = await api.login(this.terminal.terminalToken, ticket, idNumber);
    } catch (error) {
      if (TOKEN_REFUSED.includes(error.code)) {
        // The terminal's enrolment token is no longer accepted (expired, or its sitting is gone).
        this.terminal = null;
        writeJson(localStorage, TERMINAL_KEY, null);
        this.notice = { key: 'enrol.expired', params: {} };
        this.show('enrol');
        return;
      }
      throw error;
    }
    this.clock.roughSample(result.serverNow, sentAt);
    this.session = {
      token: result.token, attemptId: result.attemptId, candidate: result.candidate,
      sitting: result.sitting, rulesAcknowledged: false, socketUrls: result.socketUrls || [],
    };
    writeJson(sessionStorage, SESSION_KEY, this.session);
    this.notice = null;
    this.startAttempt();
  }

  /** Back to the login form, e.g. when the server no longer accepts the token. */
  logout(noticeKey, params = {}) {
    this.stopReopenWatch();
    this.resetAttempt();
    this.session = null;
    writeJson(sessionStorage, SESSION_KEY, null);
    this.notice = noticeKey ? { key: noticeKey, params } : null;
    this.show('login');
  }

  /**
   * A proctor moved this attempt to another seat (调换座位): this terminal is no longer the candidate's. Before it
   * lets go, the page drains: it sends every journal entry the server has not acknowledged once more (per-item revs
   * make repeats harmless), waits for their `saved` (at most SEAT_DRAIN_MS, inside the server's grace), says
   * `drained`, and only then clears the journal and goes back to login. The candidate logs in again at the new seat.
   */
  onSeatChanged(message) {
    if (this.seatMove) return;
    this.seatMove = { to: message.to || '', timer: setTimeout(() => this.finishSeatChange(), SEAT_DRAIN_MS) };
    this.flushLater?.cancel();
    if (this.store && this.socket?.connected) {
      this.store.markAllUnsent();
      for (const { item, value, rev } of this.store.unsent()) {
        if (!this.socket.send({ type: 'save', item, value, rev })) break;
        this.store.markSent(item);
      }
      if (this.store.pendingCount() > 0) {
        toast(t('seat.moving'), { kind: 'warn', ms: SEAT_DRAIN_MS });
        return;
      }
    }
    this.finishSeatChange();
  }

  /** During a drain: done once the journal is empty (every entry acknowledged or refused for good). */
  checkDrained() {
    if (this.seatMove && (!this.store || this.store.pendingCount() === 0)) this.finishSeatChange();
  }

  /** The drain is over (all acknowledged, the wait ran out, or the server let the socket go). */
  finishSeatChange() {
    const move = this.seatMove;
    if (!move) return;
    clearTimeout(move.timer);
    this.socket?.send({ type: 'drained' });
    if (this.session) {
      new AnswerStore(this.session.attemptId).clear();
      try {
        localStorage.removeItem(remindersKey(this.session.attemptId));
      } catch { /* nothing to free */ }
    }
    this.logout('seat.changed', { to: move.to });
  }

  /** After the receipt: the terminal is ready for the next candidate. */
  finish() {
    if (this.session) {
      new AnswerStore(this.session.attemptId).clear();
      try {
        localStorage.removeItem(`examcore.events.${this.session.attemptId}`);
        localStorage.removeItem(remindersKey(this.session.attemptId));
        sessionStorage.removeItem(currentItemKey(this.session.attemptId));
      } catch { /* nothing to free */ }
    }
    this.receipt = null;
    writeJson(sessionStorage, RECEIPT_KEY, null);
    this.lateAnswers = null;
    writeJson(sessionStorage, LATE_KEY, null);
    this.logout(null);
  }

  /**
   * On the receipt, the page keeps listening with the candidate's token: should a proctor reopen the attempt (重新开放)
   * while the candidate is still at the terminal, the exam comes back without a new login. A token the server no
   * longer accepts ends the wait quietly; the next candidate's login (finish()) ends it too.
   */
  watchForReopen() {
    this.reopenWatch?.stop();
    const session = this.session;
    const watch = new SeatSocket({
      token: session.token, clock: this.clock, nodes: session.socketUrls || [],
      onOpen: () => watch.send({ type: 'hello', answers: [] }),
      onMessage: (message) => {
        if (this.reopenWatch !== watch) return;
        const state = message.type === 'welcome' || message.type === 'state' ? message.state : null;
        if (state === 'ANSWERING' || state === 'PAUSED') {
          this.stopReopenWatch();
          this.receipt = null;
          writeJson(sessionStorage, RECEIPT_KEY, null);
          this.startAttempt();
        } else if (message.type === 'error' && TOKEN_REFUSED.includes(message.code)) {
          this.stopReopenWatch();
        }
      },
      onStatus: () => {},
    });
    this.reopenWatch = watch;
    watch.start();
  }

  stopReopenWatch() {
    this.reopenWatch?.stop();
    this.reopenWatch = null;
  }

  acknowledgeRules() {
    // 考生承诺 is kept on the server with the version of the text shown; queued like an event, so an outage
    // delays it but cannot lose it.
    this.events?.deliver({ type: 'ack-rules', version: rulesVersionShown(this.session.sitting) });
    this.session.rulesAcknowledged = true;
    writeJson(sessionStorage, SESSION_KEY, this.session);
    if (!this.enterExamIfReady()) this.show('waiting');
  }

  // ---- the attempt -------------------------------------------------------------------------

  startAttempt() {
    this.resetAttempt();
    const { sitting, attemptId, token } = this.session;
    this.t0 = sitting.t0;
    this.deadline = sitting.t0 + (sitting.durationSeconds || 0) * 1000;
    this.store = new AnswerStore(attemptId);
    this.offlineCredentials = readJson(sessionStorage, offlineKey(attemptId));
    this.currentIndex = Number(readJson(sessionStorage, currentItemKey(attemptId))) || 0;
    if (this.store.storageFailed) toast(t('err.STORAGE'), { kind: 'error', ms: 30000 });
    this.events = new BrowserEvents(
      (event) => this.welcomed && this.socket.send(event),
      () => (this.view === 'exam' ? this.items[this.currentIndex]?.number ?? null : null),
      (online) => this.onBrowserConnectivity(online),
      `examcore.events.${attemptId}`);
    this.events.start();
    this.resources = new ResourceImages((name) => api.fetchResource(token, name));
    this.socket = new SeatSocket({
      token, clock: this.clock, nodes: this.session.socketUrls || [],
      onOpen: () => this.sendHello(),
      onMessage: (message) => this.onMessage(message),
      onStatus: (status) => this.onSocketStatus(status),
    });
    this.socket.start();
    this.downloadPaper();
    this.show(this.session.rulesAcknowledged ? 'waiting' : 'rules');
  }

  sendHello() {
    this.welcomed = false;
    this.helloSentAt = Date.now();
    this.socket.send({ type: 'hello', answers: this.store.vector() });
    this.store.markAllSent();
    // A node that cannot take the hello (the minority side of a split) may not answer at all while its pongs
    // still arrive: without a welcome in time, move to the next node.
    clearTimeout(this.helloTimer);
    const socket = this.socket;
    this.helloTimer = setTimeout(() => {
      if (!this.welcomed && this.socket === socket && socket.connected) socket.networkLost();
    }, HELLO_TIMEOUT_MS);
  }

  onSocketStatus(status) {
    // The server closes a drained (or timed-out) socket after a seat change: nothing more can be sent from here.
    if (this.seatMove && status === 'offline') {
      this.finishSeatChange();
      return;
    }
    this.connection = status;
    if (status === 'offline') {
      this.welcomed = false;
      this.outage = true;
    }
    this.refreshSaveState();
  }

  onBrowserConnectivity(online) {
    this.browserOnline = online;
    if (online) this.socket?.reconnectNow();
    else this.socket?.networkLost();
    this.refreshSaveState();
  }

  isOnline() {
    return this.connection === 'online' && this.welcomed && this.browserOnline;
  }

  onMessage(message) {
    switch (message.type) {
      case 'welcome': this.onWelcome(message); break;
      case 'saved':
        this.retries = 0;
        this.store.acknowledge(message.item, message.rev);
        this.refreshSaveState();
        break;
      case 'pong': break; // the socket already fed the clock
      case 'key': this.onKey(message.key, message.deadline); break;
      case 'state': this.onState(message); break;
      case 'reminder': this.onReminder(message); break;
      case 'announcement': this.onAnnouncement(message); break;
      case 'submitted': this.onSubmitted(message.receipt); break;
      case 'seat-changed': this.onSeatChanged(message); break;
      case 'error': this.onServerError(message); break;
      default: console.warn('seat socket: unknown message type', message.type);
    }
    // A save acknowledged (or refused for good) may have been the last one a seat change waits for.
    if (this.seatMove && (message.type === 'saved' || message.type === 'error')) this.checkDrained();
  }

  onWelcome(message) {
    this.clock.roughSample(message.serverNow, this.helloSentAt);
    const wasOutage = this.outage;
    this.welcomed = true;
    this.outage = false;
    this.socket.resetBackoff();
    if (this.paperStatus !== 'downloading') this.fetchOfflineCredentials();
    if (Number.isFinite(message.t0)) this.t0 = message.t0;
    if (Number.isFinite(message.deadline)) this.deadline = message.deadline;
    if (Number.isFinite(message.submitFrom)) this.submitFrom = message.submitFrom;
    const changed = this.store.merge(message.answers);
    this.setExamState(message.state, message);
    if (this.examState === 'SUBMITTED') {
      this.onSubmitted(null);
      return;
    }
    this.flush();
    this.events.flush();
    if (message.key) this.onKey(message.key);
    if (this.view === 'exam') for (const item of changed) this.viewApi.redrawItem(item);
    this.refreshSaveState();
    if (wasOutage && this.view === 'exam') toast(t('banner.reconnected'), { kind: 'ok', ms: 5000 });
    this.refreshSubmitButton(); // the welcome's earliest submission counts now, not at the next clock tick
    if (this.submitting) this.sendSubmit();
  }

  onState(message) {
    if (!this.welcomed && this.socket?.connected && message.state !== 'SUBMITTED') {
      // Our hello was refused (e.g. during a pause); now that the attempt changed state, sync again.
      this.sendHello();
    }
    const before = this.deadline;
    this.takeDeadline(message.deadline, message.reason === 'start');
    // A resume also moves the deadline (by the time spent paused): that is the candidate's own time given back,
    // not an extension, and saying "extended" would have them expect minutes they do not have.
    const extension = message.reason === 'extend' || (message.reason !== 'resume' && this.examState !== 'PAUSED');
    if (extension && this.deadline > before + 1000 && message.state === 'ANSWERING' && this.view === 'exam') {
      // The proctor's reason, when given, is shown with the new deadline so the candidate knows why.
      const note = typeof message.note === 'string' && message.note.trim() ? message.note.trim() : null;
      // A warning of the old end no longer holds.
      document.getElementById('time-warning')?.remove();
      // It stays until dismissed: a candidate reading a long question must not miss the new end time or the note.
      toast(t(note ? 'time.extendedNote' : 'time.extended',
        { end: formatTime(this.deadline), left: formatSpan(this.remaining()), note }),
      { kind: 'ok', ms: null, id: 'extension-toast' });
    }
    this.setExamState(message.state, message);
    if (this.examState === 'SUBMITTED') this.onSubmitted(null);
  }

  setExamState(state, message) {
    if (!state) return;
    this.examState = state;
    // The proctor's words when the pause came with a note for the candidate, otherwise the kind of pause.
    this.pauseReason = state === 'PAUSED' && typeof message.note === 'string' && message.note.trim()
      ? message.note.trim() : (message.reason || null);
    if (state === 'PAUSED') {
      const now = Number.isFinite(message.serverNow) ? message.serverNow : this.clock.now();
      this.pausedRemaining = this.deadline - now;
    } else {
      this.pausedRemaining = null;
    }
    this.applyState();
    if (state === 'ANSWERING') {
      this.enterExamIfReady();
      this.flush();
    }
  }

  // ---- proctor reminders -------------------------------------------------------------------

  /**
   * A proctor's reminder stays until the candidate acknowledges it, across a reload too (it is kept per
   * attempt until then). The acknowledgement goes to the server through the event queue, so an outage
   * delays it but cannot lose it.
   */
  onReminder(message) {
    const key = remindersKey(this.session.attemptId);
    const pending = readJson(localStorage, key) || [];
    if (message.reminderId && !pending.some((r) => r.reminderId === message.reminderId)) {
      writeJson(localStorage, key, [...pending, message]);
    }
    this.showReminder(message);
  }

  showReminder(message) {
    openReminder(message, () => this.acknowledgeReminder(message));
  }

  acknowledgeReminder(message) {
    if (!message.reminderId || !this.session) return; // a server without reminder ids takes no acknowledgement
    const key = remindersKey(this.session.attemptId);
    const pending = (readJson(localStorage, key) || []).filter((r) => r.reminderId !== message.reminderId);
    writeJson(localStorage, key, pending.length ? pending : null);
    this.events?.deliver({ type: 'ack-reminder', reminderId: message.reminderId });
  }

  // ---- announcements to the room or the sitting --------------------------------------------

  /**
   * 考场公告: a banner above the paper until the candidate acknowledges it. The server sends every announcement
   * not yet acknowledged again after each welcome, so a reload or a later login shows it too.
   */
  onAnnouncement(message) {
    const box = document.getElementById('announcements');
    if (!box || !message.announcementId) return;
    const id = `announcement-${message.announcementId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    if (document.getElementById(id)) return;
    const textId = `${id}-text`;
    const ack = h('button', { type: 'button', class: 'primary', text: t('announcement.ack'),
      'aria-describedby': textId, on: { click: () => {
        banner.remove();
        this.events?.deliver({ type: 'ack-announcement', announcementId: message.announcementId });
      } } });
    const banner = h('div', { class: 'announcement', id, role: 'alert' },
      h('p', { class: 'announcement-title', text: t(message.scope === 'room' ? 'announcement.room' : 'announcement.sitting',
        { time: formatTime(message.at) }) }),
      h('p', { class: 'announcement-text', id: textId, lang: contentLang(message.message), text: message.message }),
      ack);
    box.append(banner);
  }

  /** Reminders left unacknowledged when the page was reloaded or closed show again with the paper. */
  reopenReminders() {
    if (this.remindersShown || !this.session) return;
    this.remindersShown = true;
    for (const message of readJson(localStorage, remindersKey(this.session.attemptId)) || []) this.showReminder(message);
  }

  /** Pause overlay and editability follow the attempt state. */
  applyState() {
    const paused = this.examState === 'PAUSED';
    if (paused && !this.pausedDialog && this.view === 'exam') this.pausedDialog = openPaused(this.pauseReason);
    if (!paused && this.pausedDialog) { this.pausedDialog.close(); this.pausedDialog = null; }
    if (this.view === 'exam') {
      if (this.remaining() > 0) this.timeUp = false;
      this.viewApi.setEnabled(this.examState === 'ANSWERING' && !this.timeUp);
    }
  }

  /** A new deadline; one counted from the start also moves the earliest submission (see onKey). */
  takeDeadline(deadline, fromStart) {
    const before = this.deadline;
    if (Number.isFinite(deadline)) this.deadline = deadline;
    if (fromStart && this.submitFrom > 0 && before > this.deadline) {
      // Released before its T0: the earliest submission, counted from the start, comes as much earlier.
      this.submitFrom -= before - this.deadline;
    }
  }

  /**
   * The paper key at the start. It carries the deadline counted from the start, taken before the paper opens: the
   * exam view's clock must not show, even between two messages, the deadline of the scheduled T0.
   */
  onKey(key, deadline) {
    this.takeDeadline(deadline, true);
    this.key = key;
    // The key is only sent once the attempt may start, even if no state message said so.
    if (this.examState === 'WAITING') this.examState = 'ANSWERING';
    this.openPaper();
  }

  async downloadPaper() {
    const session = this.session;
    this.paperStatus = 'downloading';
    try {
      const encrypted = await api.fetchEncryptedPaper(session.token);
      if (session !== this.session) return;
      this.encryptedPaper = encrypted;
      this.paperStatus = 'ready';
      this.openPaper();
      this.fetchOfflineCredentials();
    } catch (error) {
      if (session !== this.session) return;
      if (error.status === 401) { this.logout('err.SESSION'); return; }
      if (error.code === 'ALREADY_SUBMITTED' || error.code === 'ATTEMPT_SUBMITTED') { this.onSubmitted(null); return; }
      this.paperStatus = 'failed';
      this.paperFailures += 1;
      const delay = Math.min(30000, 1000 * 2 ** this.paperFailures) * (0.5 + Math.random() / 2);
      this.paperRetry = setTimeout(() => this.downloadPaper(), delay);
    }
  }

  /** The offline-file credentials, asked for once with the paper (and again after a welcome until they came). */
  async fetchOfflineCredentials() {
    const session = this.session;
    if (!session || this.offlineCredentials || this.offlineAsking) return;
    this.offlineAsking = true;
    try {
      const credentials = await api.fetchOfflineCredentials(session.token);
      if (session !== this.session || credentials.attemptId !== session.attemptId) return;
      this.offlineCredentials = credentials;
      writeJson(sessionStorage, offlineKey(session.attemptId), credentials);
    } catch (error) {
      console.warn('offline credentials not available yet', error);
    } finally {
      this.offlineAsking = false;
    }
  }

  /**
   * 离线答卷: shows the offline panel while the page is cut off near or after its deadline, and takes it away when
   * the connection returns (the journal's resend then delivers the answers) or a receipt came.
   */
  refreshOfflinePanel() {
    const offer = this.view === 'exam' && offersOfflineFile({ credentials: this.offlineCredentials,
      started: this.started(), online: this.isOnline(), receipt: this.receipt, remainingMs: this.remaining() });
    if (!offer) {
      if (this.offlinePanel?.dataset.kind === 'exam') { this.offlinePanel.remove(); this.offlinePanel = null; }
      return;
    }
    if (this.offlinePanel && this.offlinePanel.dataset.lang === lang()) return;
    const first = !this.offlinePanel;
    const panel = this.offlinePanelNode('exam');
    if (this.offlinePanel) this.offlinePanel.replaceWith(panel);
    else document.getElementById('announcements').after(panel);
    this.offlinePanel = panel;
    // Once the time is up nothing else can be done on the page: take the candidate straight to the button.
    if (first && this.timeUp) panel.querySelector('#offline-save').focus();
  }

  /**
   * The offline panel: in the exam view while cut off ('exam'), or on the receipt when answers came back too late
   * for the resend ('late', see onSubmitted).
   */
  offlinePanelNode(kind) {
    const panel = h('section', { class: 'offline-panel', id: 'offline-panel', 'aria-labelledby': 'offline-title',
      'data-lang': lang(), 'data-kind': kind },
      h('h2', { id: 'offline-title', text: t(kind === 'late' ? 'offline.lateTitle' : 'offline.title') }),
      h('p', { text: t(kind === 'late' ? 'offline.lateText' : 'offline.text') }),
      h('button', { type: 'button', class: 'primary', id: 'offline-save', text: t('offline.save'),
        on: { click: () => this.saveOfflineFile() } }),
      h('p', { class: 'offline-status', id: 'offline-status', role: 'status', 'aria-live': 'polite',
        text: this.offlineStatus ? t(this.offlineStatus.key, this.offlineStatus.params) : '' }));
    if (kind === 'late') this.offlinePanel = panel;
    return panel;
  }

  /** Seals the journal's whole vector into the offline file and hands it to the browser as a download. */
  async saveOfflineFile() {
    const late = this.view === 'receipt' ? this.lateAnswers : null;
    const credentials = late ? late.credentials : this.offlineCredentials;
    const vector = late ? late.vector : this.store?.vector();
    if (!credentials || !vector) return;
    this.setOfflineStatus('offline.saving', {});
    try {
      const file = await sealOfflineFile(credentials, vector, this.clock.now());
      const name = offlineFileName(credentials.ticket, credentials.attemptId);
      const url = URL.createObjectURL(new Blob([JSON.stringify(file)], { type: 'application/json' }));
      const link = h('a', { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      this.setOfflineStatus('offline.saved', { name, time: formatTime(this.clock.now()) });
    } catch (error) {
      console.error('offline file could not be written', error);
      this.setOfflineStatus('offline.failed', { message: String(error?.message || error) });
    }
  }

  setOfflineStatus(key, params) {
    this.offlineStatus = { key, params };
    const status = this.offlinePanel?.querySelector('#offline-status');
    if (status) status.textContent = t(key, params);
  }

  async openPaper() {
    if (!this.key || !this.encryptedPaper || this.paper || this.decrypting) return;
    this.decrypting = true;
    this.paperStatus = 'decrypting';
    try {
      const paper = await decryptPaper(this.encryptedPaper, this.key);
      if (!Array.isArray(paper.sections)) throw new Error('paper has no sections');
      if (paper.attemptId && paper.attemptId !== this.session.attemptId) throw new Error('paper of another attempt');
      this.items = paper.sections.flatMap((section) => (section.items || []).map((item) => ({ ...item, section })));
      if (this.items.length === 0) throw new Error('paper has no items');
      this.paper = paper;
      this.paperStatus = 'open';
      this.enterExamIfReady();
    } catch (error) {
      console.error('paper could not be opened', error);
      this.paperError = 'err.PAPER';
    } finally {
      this.decrypting = false;
    }
  }

  /** Keeps the item shown for this attempt (exam.js calls it on every move), for the next reload. */
  rememberItem() {
    if (this.session) writeJson(sessionStorage, currentItemKey(this.session.attemptId), this.currentIndex);
  }

  enterExamIfReady() {
    if (!this.paper || !this.session?.rulesAcknowledged || !this.started() || this.view === 'exam') return false;
    this.show('exam');
    return true;
  }

  // ---- answers -----------------------------------------------------------------------------

  /** A change by the candidate: journal it at once, send it now (or after typing pauses). */
  recordAnswer(item, value, typing) {
    // During a seat change's drain the attempt is no longer this terminal's: nothing new is taken here.
    if (this.examState !== 'ANSWERING' || this.timeUp || this.seatMove) return;
    this.store.set(item, value);
    if (typing) this.flushLater();
    else { this.flushLater.cancel(); this.flush(); }
    this.refreshSaveState();
  }

  /** Sends every journal entry changed since it was last sent. */
  flush() {
    if (!this.store || !this.welcomed || this.examState !== 'ANSWERING') return;
    for (const { item, value, rev } of this.store.unsent()) {
      if (!this.socket.send({ type: 'save', item, value, rev })) break;
      this.store.markSent(item);
    }
    this.refreshSaveState();
  }

  itemSaveState(item) {
    if (this.store.rejected.has(item)) return 'rejected';
    if (this.store.isPending(item)) return this.isOnline() ? 'saving' : 'unsaved';
    return this.store.isAnswered(item) ? 'saved' : 'empty';
  }

  refreshSaveState() {
    this.shell?.update();
    if (this.view === 'exam') this.viewApi.refreshSaveStates();
  }

  onServerError(message) {
    const code = message.code;
    const item = message.details?.item;
    if (code === 'RETRY') {
      // A node that keeps refusing to confirm (the minority side of a split, a member without its backups)
      // will not get better soon: after a few in a row, fail over to the next node and resend there.
      this.retries = (this.retries || 0) + 1;
      if (this.retries >= RETRIES_BEFORE_FAILOVER) {
        this.retries = 0;
        if (item !== undefined) this.store.markUnsent(item); else this.store.markAllUnsent();
        this.socket.networkLost();
        return;
      }
    }
    if (!this.welcomed && item === undefined && ['RETRY', 'PAUSED', 'NOT_STARTED'].includes(code)) {
      // The reply to our hello: nothing was merged. Ask again once the server can take it (a RETRY after a
      // moment, a pause when the next state message says the attempt runs again).
      if (code === 'PAUSED') this.setExamState('PAUSED', {});
      if (code === 'RETRY') setTimeout(() => { if (!this.welcomed && this.socket?.connected) this.sendHello(); }, 1000);
      return;
    }
    switch (code) {
      case 'RETRY':
      case 'PAUSED':
      case 'NOT_STARTED':
        // Not taken this time; the journal still holds it and sends it again.
        if (item !== undefined) this.store.markUnsent(item); else this.store.markAllUnsent();
        if (code === 'RETRY') setTimeout(() => this.flush(), 1000);
        break;
      case 'RATE_LIMITED':
        // Too many saves at once on this connection: still in the journal, sent again after the wait.
        if (item !== undefined) this.store.markUnsent(item); else this.store.markAllUnsent();
        setTimeout(() => this.flush(), 1000 * (message.details?.retryAfterSeconds || 1));
        break;
      case 'BAD_VALUE':
      case 'UNKNOWN_ITEM':
      case 'MESSAGE_TOO_LARGE':
        if (item !== undefined) {
          this.store.reject(item, message.message);
          if (this.view === 'exam') this.viewApi.refreshSaveStates();
        }
        toast(t(`err.${code}`, { item: item ?? '?', message: message.message || '' }), { kind: 'error', ms: 10000 });
        break;
      case 'ATTEMPT_SUBMITTED':
        this.onSubmitted(null);
        break;
      case 'TOO_EARLY':
        // The server's rule wins over the page's clock: take its time, and keep answering.
        this.submitting = null;
        document.getElementById('submit-dialog')?.close();
        if (Number.isFinite(message.details?.submitFrom)) this.submitFrom = message.details.submitFrom;
        this.refreshSubmitButton();
        toast(t('err.TOO_EARLY', { time: formatTime(this.submitFrom) }), { kind: 'error', ms: 10000 });
        break;
      case 'STALE_TOKEN':
      case 'BAD_TOKEN':
      case 'WRONG_KIND':
        this.logout('err.SESSION');
        break;
      default:
        console.warn('seat socket error', code, message.message);
    }
    this.refreshSaveState();
  }

  /**
   * The object URL of the signed-in candidate's photo, or null while it is fetched or when there is none. Fetched
   * once per token: the header asks on every redraw, and a candidate without a photo is not asked for it again.
   */
  photoFor(session) {
    if (!session || !session.token) return null;
    if (this.photo && this.photo.token === session.token) return this.photo.url;
    if (this.photo && this.photo.url) URL.revokeObjectURL(this.photo.url);
    this.photo = { token: session.token, url: null };
    const mine = this.photo;
    api.fetchPhoto(session.token).then((blob) => {
      if (!blob || this.photo !== mine) return;
      mine.url = URL.createObjectURL(blob);
      this.shell?.update();
    }).catch(() => { /* the header simply shows no photo; the exam does not depend on it */ });
    return null;
  }

  upload(file) {
    return api.upload(this.session.token, file).then((result) => {
      this.store.rememberFile(result.fileId, result.name || file.name, result.size ?? file.size);
      return result;
    });
  }

  async downloadAttachment(name) {
    try {
      const blob = await api.fetchResource(this.session.token, name);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (error) {
      toast(t('op.downloadFailed', { name, message: error.message }), { kind: 'error' });
    }
  }

  // ---- submission --------------------------------------------------------------------------

  /** Before the sitting's earliest submission the button is off and says from when it may be used. */
  refreshSubmitButton() {
    const button = document.getElementById('submit');
    if (!button) return;
    const early = this.submitFrom > 0 && this.clock.now() < this.submitFrom;
    const text = early ? t('nav.submitFrom', { time: formatTime(this.submitFrom) }) : t('nav.submit');
    if (button.disabled !== early) button.disabled = early;
    if (button.textContent !== text) button.textContent = text;
  }

  openSubmitDialog() {
    openSubmitConfirm({
      items: this.items,
      isAnswered: (n) => this.store.isAnswered(n),
      isMarked: (n) => this.store.isMarked(n),
      pending: this.store.pendingCount(),
      online: this.isOnline(),
      onJump: (n) => this.jumpTo(n),
      onConfirm: () => this.submit(),
    });
  }

  jumpTo(number) {
    const index = this.items.findIndex((i) => i.number === number);
    if (index >= 0 && this.view === 'exam') {
      this.currentIndex = index;
      this.show('exam');
    }
  }

  async submit() {
    this.flushLater.cancel();
    const vector = this.store.vector();
    this.submitting = { answers: vector, digest: await answerDigest(vector) };
    this.sendSubmit();
  }

  sendSubmit() {
    if (!this.socket.send({ type: 'submit', ...this.submitting })) {
      toast(t('submit.offline'), { kind: 'error' });
    }
  }

  /**
   * The attempt is frozen: with `receipt` from a `submitted` message, or without one when only a
   * state change (auto-submit) said so; a receipt arriving later completes the view.
   */
  onSubmitted(receipt) {
    if (this.view === 'receipt' && !receipt) return;
    const session = this.session || {};
    this.receipt = {
      ...(this.receipt || {}),
      attemptId: session.attemptId || this.receipt?.attemptId,
      ...(receipt || {}),
      auto: this.receipt?.auto ?? !this.submitting,
      candidateName: session.candidate?.name || this.receipt?.candidateName,
      ticket: session.candidate?.ticket || this.receipt?.ticket,
      total: this.items.length || this.receipt?.total,
    };
    writeJson(sessionStorage, RECEIPT_KEY, this.receipt);
    if (receipt) {
      // Answers the journal still holds were made before the deadline but reached no node before the freeze (the
      // page came back too late): the resend cannot add them any more, the offline file still can.
      if (this.offlineCredentials?.windowMinutes > 0 && this.store?.pendingCount() > 0) {
        this.lateAnswers = { credentials: this.offlineCredentials, vector: this.store.vector() };
        writeJson(sessionStorage, LATE_KEY, this.lateAnswers);
      }
      // Nothing else of the attempt needs to stay on the terminal once the server has frozen it.
      this.store?.clear();
      this.events?.forget();
      if (session.attemptId) writeJson(localStorage, remindersKey(session.attemptId), null);
      if (session.attemptId) writeJson(sessionStorage, currentItemKey(session.attemptId), null);
      this.resetAttempt();
      // The session stays (the token only) so that a reopening finds the candidate here; finish() forgets it.
      this.watchForReopen();
    } else {
      this.flushLater.cancel();
    }
    document.querySelectorAll('dialog[open]').forEach((d) => d.close());
    this.show('receipt');
  }
}

const app = new CandidateApp();
window.examcoreCandidate = app; // for staff diagnostics in the browser console and the browser test
document.documentElement.lang = lang();
app.boot();
