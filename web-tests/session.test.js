import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../exam-server/src/main/resources/webroot/kit/api.js';
import { StaffSession, RENEW_AHEAD_MS } from '../exam-server/src/main/resources/webroot/kit/session.js';

function memoryStorage() {
  const data = new Map();
  return {
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => data.set(k, String(v)),
    removeItem: (k) => data.delete(k),
    data,
  };
}

const LOGIN = { username: 'p1', role: 'PROCTOR', token: 'access-1', expiresAt: 1_000_000,
  refreshToken: 'refresh-1', sessionEndsAt: 5_000_000 };

/** A fake server: answers /api/staff/refresh with access-N (or refuses), records every call. */
function server({ refuse = false } = {}) {
  const calls = [];
  let n = 1;
  const send = async (method, path, { token } = {}) => {
    calls.push({ method, path, token });
    await Promise.resolve();
    if (path === '/api/staff/refresh') {
      if (refuse) throw new ApiError(401, 'STALE_TOKEN', 'token has been superseded');
      n += 1;
      return { json: async () => ({ token: `access-${n}`, expiresAt: 2_000_000, role: 'PROCTOR',
        username: 'p1', sessionEndsAt: 5_000_000 }) };
    }
    return { json: async () => ({}) };
  };
  return { calls, send };
}

describe('StaffSession', () => {
  test('hands out the access token while it has more than a minute to live, without asking the server', async () => {
    const srv = server();
    const s = new StaffSession(memoryStorage(), 'k', { now: () => LOGIN.expiresAt - RENEW_AHEAD_MS - 1, send: srv.send });
    s.start(LOGIN);
    assert.equal(await s.token(), 'access-1');
    assert.equal(srv.calls.length, 0);
    assert.deepEqual(s.user, { username: 'p1', role: 'PROCTOR' });
  });

  test('renews with the refresh token once the access token is within a minute of its end, and keeps the new one', async () => {
    const srv = server();
    const storage = memoryStorage();
    const s = new StaffSession(storage, 'k', { now: () => LOGIN.expiresAt - 1000, send: srv.send });
    s.start(LOGIN);
    assert.equal(await s.token(), 'access-2');
    assert.deepEqual(srv.calls, [{ method: 'POST', path: '/api/staff/refresh', token: 'refresh-1' }]);
    const stored = JSON.parse(storage.getItem('k'));
    assert.equal(stored.token, 'access-2');
    assert.equal(stored.refreshToken, 'refresh-1', 'the refresh token is kept: a renewal issues none');
  });

  test('requests that find the token stale together share one renewal', async () => {
    const srv = server();
    const s = new StaffSession(memoryStorage(), 'k', { now: () => LOGIN.expiresAt, send: srv.send });
    s.start(LOGIN);
    const tokens = await Promise.all([s.token(), s.token(), s.token()]);
    assert.deepEqual(tokens, ['access-2', 'access-2', 'access-2']);
    assert.equal(srv.calls.length, 1);
  });

  test('a refused renewal ends the sign-in in the page and throws the server error', async () => {
    const srv = server({ refuse: true });
    const s = new StaffSession(memoryStorage(), 'k', { now: () => LOGIN.expiresAt, send: srv.send });
    s.start(LOGIN);
    await assert.rejects(s.token(), (e) => e.status === 401 && e.code === 'STALE_TOKEN');
    assert.equal(s.state, null);
    assert.equal(s.signedIn(), false);
  });

  test('api() answers a 401 on a token it thought good with one renewal and one retry, and no more', async () => {
    const srv = server();
    const s = new StaffSession(memoryStorage(), 'k', { now: () => 0, send: srv.send });
    s.start(LOGIN);
    const seen = [];
    const call = async (method, path, { token }) => {
      seen.push(token);
      if (token === 'access-1') throw new ApiError(401, 'STALE_TOKEN', 'revoked');
      return { ok: true };
    };
    assert.deepEqual(await s.api('GET', '/api/staff/me', {}, call), { ok: true });
    assert.deepEqual(seen, ['access-1', 'access-2']);

    const always401 = async () => { throw new ApiError(401, 'STALE_TOKEN', 'revoked'); };
    await assert.rejects(s.api('GET', '/api/staff/me', {}, always401), (e) => e.status === 401);
    assert.equal(srv.calls.filter((c) => c.path === '/api/staff/refresh').length, 2, 'one renewal per request');
  });

  test('other failures are not retried', async () => {
    const srv = server();
    const s = new StaffSession(memoryStorage(), 'k', { now: () => 0, send: srv.send });
    s.start(LOGIN);
    let calls = 0;
    const forbidden = async () => { calls += 1; throw new ApiError(403, 'FORBIDDEN', 'not your room'); };
    await assert.rejects(s.api('POST', '/api/proctor/x', {}, forbidden), (e) => e.status === 403);
    assert.equal(calls, 1);
    assert.equal(srv.calls.length, 0);
  });

  test('end() clears the page at once and retires the sign-in on the server, renewing a lapsed token first', async () => {
    const srv = server();
    const s = new StaffSession(memoryStorage(), 'k', { now: () => LOGIN.expiresAt + 1, send: srv.send });
    s.start(LOGIN);
    const ending = s.end();
    assert.equal(s.state, null, 'cleared before the server answers');
    await ending;
    assert.deepEqual(srv.calls.map((c) => [c.path, c.token]),
      [['/api/staff/refresh', 'refresh-1'], ['/api/staff/logout', 'access-2']]);
  });

  test('a renewal that returns after the user signed out does not sign them back in', async () => {
    const srv = server();
    const storage = memoryStorage();
    const s = new StaffSession(storage, 'k', { now: () => LOGIN.expiresAt, send: srv.send });
    s.start(LOGIN);
    const renewing = s.token();
    s.clear();
    await renewing;
    assert.equal(storage.getItem('k'), null);
  });

  test('a stored value that is not a sign-in is no sign-in', () => {
    const storage = memoryStorage();
    storage.setItem('k', '{"token":"only-an-old-token"}');
    assert.equal(new StaffSession(storage, 'k').state, null);
    storage.setItem('k', 'not json');
    assert.equal(new StaffSession(storage, 'k').signedIn(), false);
  });
});
