// HTTP side of the candidate protocol (docs/candidate-protocol.md §1–3 and uploads).

/** A failed request: `status` 0 means the server was not reached at all. */
export class ApiError extends Error {
  constructor(status, code, message, details = {}) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.details = details || {};
  }
}

async function request(method, path, { body, token, form } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload;
  if (form) payload = form;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e.message);
  }
  if (response.ok) return response;
  let error = {};
  try { error = await response.json(); } catch { /* not a JSON error body */ }
  throw new ApiError(response.status, error.code || `HTTP_${response.status}`,
    error.message || response.statusText, error.details);
}

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
