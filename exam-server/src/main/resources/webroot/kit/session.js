// A staff sign-in in a page: the short-lived access token every staff route takes, renewed with the sign-in's
// refresh token before it ends. The access token lives minutes so that an account that is changed, locked out or
// logged out elsewhere loses what a page still holds within minutes; the page must not make its user log in again
// every quarter of an hour for that. Kept in sessionStorage: a reload keeps the sign-in, a closed tab ends it.
import { api as kitApi, request as kitRequest, ApiError } from './api.js';

/** Renew this long before the access token ends, so a request never leaves with a token about to lapse. */
export const RENEW_AHEAD_MS = 60_000;

export class StaffSession {
  /**
   * `storage`: sessionStorage (tests pass a Map-like object); `key`: the page's own prefix, so the admin page and
   * the console keep separate sign-ins; `now` and `send` (the kit's request) are for tests.
   */
  constructor(storage, key, { now = () => Date.now(), send = kitRequest } = {}) {
    this.storage = storage;
    this.key = key;
    this.now = now;
    this.send = send;
    this.renewing = null;
  }

  /** The stored sign-in ({username, role, token, expiresAt, refreshToken, sessionEndsAt}) or null. */
  get state() {
    try {
      const s = JSON.parse(this.storage.getItem(this.key) || 'null');
      return s && typeof s === 'object' && s.token && s.refreshToken ? s : null;
    } catch {
      return null;
    }
  }

  get user() {
    const s = this.state;
    return s ? { username: s.username, role: s.role } : null;
  }

  signedIn() {
    const s = this.state;
    return s !== null && s.sessionEndsAt > this.now();
  }

  /** Stores what `POST /api/admin/login` answered. */
  start(login) {
    this.storage.setItem(this.key, JSON.stringify({
      username: login.username, role: login.role, token: login.token, expiresAt: login.expiresAt,
      refreshToken: login.refreshToken, sessionEndsAt: login.sessionEndsAt }));
  }

  /** Forgets the sign-in (the server is told separately, by the logout route). */
  clear() {
    this.storage.removeItem(this.key);
  }

  /** An access token with at least RENEW_AHEAD_MS to live, renewing first when needed; null when signed out. */
  async token() {
    const s = this.state;
    if (!s) return null;
    if (s.expiresAt - this.now() > RENEW_AHEAD_MS) return s.token;
    return this.renew();
  }

  /**
   * Renews the access token now. One renewal at a time: requests that find the token stale together wait for the
   * same one. A refused renewal (the session ended, the account changed or logged out) ends the sign-in here too
   * and throws the server's error, for the page to send its user to the login form.
   */
  renew() {
    if (!this.renewing) {
      this.renewing = this.renewOnce().finally(() => { this.renewing = null; });
    }
    return this.renewing;
  }

  async renewOnce() {
    const s = this.state;
    if (!s) throw new ApiError(401, 'UNAUTHORIZED', 'not signed in');
    let out;
    try {
      const response = await this.send('POST', '/api/staff/refresh', { token: s.refreshToken });
      out = await response.json();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) this.clear();
      throw e;
    }
    // Signed out (or in again) while the renewal was on its way: that is not to be undone.
    if (this.state?.refreshToken === s.refreshToken) {
      this.storage.setItem(this.key, JSON.stringify({ ...s, token: out.token, expiresAt: out.expiresAt,
        role: out.role, sessionEndsAt: out.sessionEndsAt }));
    }
    return out.token;
  }

  /**
   * Ends the sign-in in this page at once, and on the server (every token of the account, on every device), renewing
   * first when the access token has lapsed: a logout after a long pause must still retire the sign-in.
   */
  async end() {
    const s = this.state;
    this.clear();
    if (!s) return;
    try {
      let token = s.token;
      if (s.expiresAt - this.now() <= RENEW_AHEAD_MS) {
        const response = await this.send('POST', '/api/staff/refresh', { token: s.refreshToken });
        token = (await response.json()).token;
      }
      await this.send('POST', '/api/staff/logout', { token });
    } catch {
      // Unreachable, or the sign-in had already ended on the server: nothing is left there to retire.
    }
  }

  /**
   * The kit's api() with a fresh access token. A 401 on a token the page thought good (revoked, or a clock that
   * runs differently from the server's) is answered by one renewal and one retry; a second 401 is final.
   */
  async api(method, path, options = {}, call = kitApi) {
    const token = await this.token();
    try {
      return await call(method, path, { ...options, token });
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401 || !token) throw e;
      const fresh = await this.renew();
      return call(method, path, { ...options, token: fresh });
    }
  }
}
