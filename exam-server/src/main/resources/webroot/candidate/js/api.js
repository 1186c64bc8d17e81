// HTTP side of the candidate protocol (docs/candidate-protocol.md §1–3 and uploads).

import { request as kitRequest } from '../../kit/api.js';

export { ApiError } from '../../kit/api.js';

// The exam's requests must never come from the HTTP cache: a stale paper or resource could cost an attempt.
const request = (method, path, options = {}) => kitRequest(method, path, { ...options, cache: 'no-store' });

const json = (response) => response.json();

/** POST /api/terminal/enrol → {terminalToken, seatCode, roomName, sittingTitle}. */
export function enrol(seatCode, pin) {
  return request('POST', '/api/terminal/enrol', { body: { seatCode, pin } }).then(json);
}

/** POST /api/candidate/login → {token, attemptId, candidate, sitting, serverNow}. */
export function login(terminalToken, ticket, idNumber) {
  return request('POST', '/api/candidate/login', { body: { terminalToken, ticket, idNumber } }).then(json);
}

/** GET /api/candidate/paper → {alg, iv, ciphertext} (the paper, still encrypted). */
export function fetchEncryptedPaper(token) {
  return request('GET', '/api/candidate/paper', { token }).then(json);
}

/** POST /api/candidate/upload (multipart field `file`) → {fileId, name, size}. */
export function upload(token, file) {
  const form = new FormData();
  form.append('file', file, file.name);
  return request('POST', '/api/candidate/upload', { token, form }).then(json);
}

/** GET /api/candidate/resource/{name} as a Blob (the token travels in a header, not in a URL). */
export function fetchResource(token, name) {
  return request('GET', `/api/candidate/resource/${encodeURIComponent(name)}`, { token })
    .then((r) => r.blob());
}

/** GET /api/candidate/photo: the candidate's own photo as a Blob, or null when none was imported. */
export function fetchPhoto(token) {
  return request('GET', '/api/candidate/photo', { token }).then((r) => r.blob()).catch((e) => {
    if (e && e.status === 404) return null;
    throw e;
  });
}

/** GET /api/candidate/offline-credentials → what the page needs to write its offline answer file (offline.js). */
export function fetchOfflineCredentials(token) {
  return request('GET', '/api/candidate/offline-credentials', { token }).then(json);
}
