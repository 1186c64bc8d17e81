// What the public ticket page says for each answer of POST /api/public/tickets: plain functions, unit-tested.

/** Beijing time, "2026-04-18 09:00", of epoch milliseconds. */
export function beijingTime(ms) {
  const d = new Date(ms + 8 * 3600 * 1000);
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** The first field left empty, as its message key, or null. */
export function missingField(name, idNumber) {
  if (!name.trim()) return 'need.name';
  if (!idNumber.trim()) return 'need.idNumber';
  return null;
}

/** The message for a refused download: the message key and its parameters. */
export function refusal(error) {
  if (error.code === 'NOT_STARTED' && error.details && error.details.opensAt) {
    return { key: 'notYet', params: { at: beijingTime(error.details.opensAt) } };
  }
  if (error.code === 'NOT_FOUND') return { key: 'noMatch', params: {} };
  if (error.code === 'RATE_LIMITED') {
    return { key: 'limited', params: { s: (error.details && error.details.retryAfterSeconds) || 60 } };
  }
  return { key: 'failed', params: { message: error.message || error.code } };
}
