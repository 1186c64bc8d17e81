// Browser events the proctor console needs as evidence (domain/misconduct.md: focus lost, full
// screen left, paste of outside text, connectivity). Events raised while the socket is down are
// queued and sent after the next welcome, stamped with the time they happened. The queue is kept
// in localStorage so that an outage ended by closing or reloading the page still gets reported.
// Reminder acknowledgements travel through the same queue: a tier-A decision depends on whether a
// reminder was seen, so that proof must survive an outage just as the events do.
const QUEUE_LIMIT = 500;

export class BrowserEvents {
  /**
   * @param {(event: {type, kind, detail, clientTime}) => boolean} send  false when not delivered
   * @param {() => (number|null)} currentItem  the item on screen, added to PASTE details
   * @param {(online: boolean) => void} onConnectivity  navigator online/offline changes
   */
  constructor(send, currentItem, onConnectivity, storageKey = null) {
    this.send = send;
    this.currentItem = currentItem;
    this.onConnectivity = onConnectivity;
    this.storageKey = storageKey;
    this.queue = this.load();
    this.handlers = [];
  }

  load() {
    if (!this.storageKey) return [];
    try {
      const stored = JSON.parse(localStorage.getItem(this.storageKey));
      return Array.isArray(stored) ? stored : [];
    } catch {
      return [];
    }
  }

  persist() {
    if (!this.storageKey) return;
    try {
      if (this.queue.length === 0) localStorage.removeItem(this.storageKey);
      else localStorage.setItem(this.storageKey, JSON.stringify(this.queue));
    } catch { /* the queue then lives in memory only */ }
  }

  /** Drops the stored queue (the attempt is over). */
  forget() {
    this.queue = [];
    this.persist();
  }

  start() {
    this.listen(document, 'visibilitychange', () =>
      this.report(document.visibilityState === 'hidden' ? 'VISIBILITY_HIDDEN' : 'VISIBILITY_VISIBLE'));
    this.listen(window, 'blur', () => this.report('BLUR'));
    this.listen(window, 'focus', () => this.report('FOCUS'));
    this.listen(document, 'fullscreenchange', () =>
      this.report(document.fullscreenElement ? 'FULLSCREEN_ENTER' : 'FULLSCREEN_EXIT'));
    this.listen(document, 'paste', (e) => {
      // Only the length: the content may be anything the candidate had on the clipboard.
      const text = e.clipboardData ? e.clipboardData.getData('text') : '';
      this.report('PASTE', { length: text.length, item: this.currentItem() });
    });
    this.listen(window, 'offline', () => { this.report('OFFLINE'); this.onConnectivity(false); });
    this.listen(window, 'online', () => { this.report('ONLINE'); this.onConnectivity(true); });
  }

  stop() {
    for (const [target, type, fn] of this.handlers) target.removeEventListener(type, fn);
    this.handlers = [];
  }

  listen(target, type, fn) {
    target.addEventListener(type, fn);
    this.handlers.push([target, type, fn]);
  }

  report(kind, detail = {}) {
    const event = { type: 'event', kind, detail, clientTime: Date.now() };
    if (kind === 'OFFLINE') this.enqueue(event);
    else this.deliver(event);
  }

  /**
   * Sends one message that must reach the server even across an outage (an event, a reminder
   * acknowledgement): at once when the socket is up and nothing is waiting, otherwise queued behind what
   * is, so the server sees everything in the order it happened.
   */
  deliver(message) {
    // When the browser already knows it is offline, a send would vanish into a dying socket.
    if (!navigator.onLine || this.queue.length > 0 || !this.send(message)) this.enqueue(message);
  }

  enqueue(event) {
    this.queue.push(event);
    if (this.queue.length > QUEUE_LIMIT) this.queue.shift();
    this.persist();
  }

  /** Sends what was queued while offline, in order; stops at the first failure. */
  flush() {
    const before = this.queue.length;
    while (this.queue.length > 0) {
      if (!this.send(this.queue[0])) break;
      this.queue.shift();
    }
    if (this.queue.length !== before) this.persist();
  }
}
