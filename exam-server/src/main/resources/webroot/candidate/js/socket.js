// The seat socket (docs/candidate-protocol.md §4): one WebSocket per logged-in candidate, reopened
// with jittered exponential backoff whenever it drops, with a 5-second ping that doubles as the
// heartbeat and the clock-sync probe. With a node list (the login reply's `socketUrls`) each reconnect goes
// to the next node, starting from a random one so that a site's seats spread over its nodes.
const PING_EVERY_MS = 5000;
const SILENCE_LIMIT_MS = 15000; // three missed pongs: treat the connection as dead
const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 10000;
// The token travels as a subprotocol (the one header a page can set on a WebSocket), never in the URL; the server
// selects SUBPROTOCOL, so the token is not echoed back (cn.examcore.contract.SeatSocketAuth).
const SUBPROTOCOL = 'examcore.seat.v1';
const TOKEN_PREFIX = 'examcore.token.';

export class SeatSocket {
  /**
   * @param {object} o
   * @param {string} o.token      the candidate JWT, offered as the subprotocol `examcore.token.<token>`
   * @param {string[]} [o.nodes]   socket origins (`wss://host:port`) to fail over between; empty: this page's origin
   * @param {import('./clock.js').ServerClock} o.clock
   * @param {() => void} o.onOpen         called on every (re)connect; must send `hello`
   * @param {(msg: object) => void} o.onMessage
   * @param {(status: 'connecting'|'online'|'offline') => void} o.onStatus
   */
  constructor({ token, clock, nodes = [], onOpen, onMessage, onStatus }) {
    this.token = token;
    this.nodes = nodes.length ? nodes : [null];
    this.nodeIndex = Math.floor(Math.random() * this.nodes.length);
    this.clock = clock;
    this.onOpen = onOpen;
    this.onMessage = onMessage;
    this.onStatus = onStatus;
    this.ws = null;
    this.failures = 0;
    this.stopped = true;
    this.retryTimer = null;
    this.pingTimer = null;
    this.lastHeard = 0;
  }

  get connected() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  /** Closes for good (logout, submitted); no reconnect follows. */
  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.dropCurrent(1000);
  }

  /** Skips the remaining backoff, e.g. when the browser reports it is online again. */
  reconnectNow() {
    if (this.stopped || this.ws) return;
    clearTimeout(this.retryTimer);
    this.connect();
  }

  /**
   * The browser says the network is gone. An open socket then carries nothing but may stay "open" for a
   * long time, so it is dropped now: saves stay in the journal instead of vanishing into it.
   */
  networkLost() {
    if (this.stopped || !this.ws) return;
    this.lost();
  }

  /** A welcome proves the server accepted us: the next outage starts from the shortest delay again. */
  resetBackoff() {
    this.failures = 0;
  }

  /** Sends one message; false when the socket is not open (the caller keeps it in the journal). */
  send(message) {
    if (!this.connected) return false;
    try {
      this.ws.send(JSON.stringify(message));
      return true;
    } catch {
      return false;
    }
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const origin = this.nodes[this.nodeIndex] || `${scheme}://${location.host}`;
    const url = `${origin}/ws/seat`;
    this.onStatus('connecting');
    let ws;
    try {
      ws = new WebSocket(url, [SUBPROTOCOL, TOKEN_PREFIX + this.token]);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.lastHeard = Date.now();
      this.onStatus('online');
      this.pingTimer = setInterval(() => this.heartbeat(), PING_EVERY_MS);
      this.onOpen();
      this.heartbeat();
    };
    ws.onmessage = (event) => {
      if (this.ws !== ws) return;
      this.lastHeard = Date.now();
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        console.warn('seat socket: ignoring a message that is not JSON');
        return;
      }
      if (message.type === 'pong') this.clock.pong(message.clientTime, message.serverNow);
      this.onMessage(message);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.lost();
    };
  }

  heartbeat() {
    if (Date.now() - this.lastHeard > SILENCE_LIMIT_MS) {
      // A dead TCP connection can stay "open" for minutes; stop trusting it now.
      this.dropCurrent(4000);
      this.lost();
      return;
    }
    this.send({ type: 'ping', clientTime: Date.now() });
  }

  lost() {
    this.dropCurrent(4000);
    // The node we lost may be the one that is down: the next attempt goes to the next node of the list.
    this.nodeIndex = (this.nodeIndex + 1) % this.nodes.length;
    this.onStatus('offline');
    this.scheduleReconnect();
  }

  dropCurrent(code) {
    clearInterval(this.pingTimer);
    this.pingTimer = null;
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) {
      try { ws.close(code); } catch { /* already closing */ }
    }
  }

  scheduleReconnect() {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    const base = MIN_DELAY_MS * 2 ** Math.min(this.failures, 10);
    const delay = Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, base * (0.5 + Math.random())));
    this.failures += 1;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }
}
