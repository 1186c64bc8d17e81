// The kit's one HTTP helper. The bearer token travels only in the Authorization header (never in a URL, where
// it would sit in logs and history), and a failure becomes an ApiError carrying the server's
// {code, message, details} body (docs: one failure handler renders that shape for every ErrorType).

/** A failed request: `status` 0 means the server was not reached at all. */
export class ApiError extends Error {
  constructor(status, code, message, details = {}) {
    super(message || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details || {};
  }
}

/**
 * Sends a request and returns the Response when it is ok. Options: `token` (bearer), `body` (sent as JSON),
 * `form` (FormData, multipart), `raw` (bytes, application/octet-stream), `cache` (fetch's cache mode), `headers`
 * (more request headers, e.g. a certificate's verification code, which never goes into a URL).
 */
export async function request(method, path, { token, body, form, raw, cache, headers: extra } = {}) {
  const headers = { ...(extra || {}) };
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload;
  if (form) payload = form;
  else if (raw !== undefined) {
    headers['Content-Type'] = 'application/octet-stream';
    payload = raw;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, cache });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e.message);
  }
  if (response.ok) return response;
  throw await errorOf(response);
}

/** The ApiError for a failed response; a body that is not the server's JSON error gets a code from the status. */
export async function errorOf(response) {
  let error = {};
  try { error = await response.json(); } catch { /* not a JSON error body (a proxy's page, say) */ }
  if (!error || typeof error !== 'object') error = {};
  const fallback = response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
  return new ApiError(response.status, error.code || fallback, error.message || response.statusText,
    error.details);
}

/** Like request(), answering the body: parsed JSON, null when empty, else a Blob (exports, resources). */
export async function api(method, path, options = {}) {
  const response = await request(method, path, options);
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }
  if (response.status === 204) return null;
  return response.blob();
}
