// The exam clock is the server's. The page estimates the offset between its own clock and the
// server's from ping/pong round trips and keeps the sample with the smallest round trip among the
// recent ones, because a slow round trip carries the most uncertainty about when the server read
// its clock.
const WINDOW = 12;

export class ServerClock {
  constructor() {
    this.offset = 0;
    this.samples = [];
  }

  /** The server's current time in epoch milliseconds, as best known. */
  now() {
    return Date.now() + this.offset;
  }

  /** A coarse sample (login response, welcome) used until ping/pong gives better ones. */
  roughSample(serverNow, sentAt = Date.now()) {
    const rtt = Date.now() - sentAt;
    this.addSample(serverNow - (sentAt + rtt / 2), rtt + 1000);
  }

  /** A pong for a ping sent at `clientTime`: offset = serverNow − (clientTime + rtt/2). */
  pong(clientTime, serverNow) {
    const rtt = Math.max(0, Date.now() - clientTime);
    this.addSample(serverNow - (clientTime + rtt / 2), rtt);
  }

  addSample(offset, rtt) {
    if (!Number.isFinite(offset)) return;
    this.samples.push({ offset, rtt });
    if (this.samples.length > WINDOW) this.samples.shift();
    this.offset = this.samples.reduce((best, s) => (s.rtt < best.rtt ? s : best)).offset;
  }
}
