import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createI18n } from '../exam-server/src/main/resources/webroot/kit/i18n.js';
import { ApiError } from '../exam-server/src/main/resources/webroot/kit/api.js';
import { MESSAGES } from '../exam-server/src/main/resources/webroot/tickets/js/messages.js';
import { beijingTime, missingField, refusal } from '../exam-server/src/main/resources/webroot/tickets/js/format.js';

describe('the public admission-ticket page', () => {
  test('defines the same keys in both languages', () => {
    assert.deepEqual(Object.keys(MESSAGES.en).sort(), Object.keys(MESSAGES['zh-CN']).sort());
  });

  test('shows the opening time in Beijing time whatever the browser zone', () => {
    assert.equal(beijingTime(Date.UTC(2026, 3, 18, 1, 0)), '2026-04-18 09:00');
    assert.equal(beijingTime(Date.UTC(2026, 11, 31, 16, 30)), '2027-01-01 00:30');
  });

  test('names the first empty field', () => {
    assert.equal(missingField(' ', '1'), 'need.name');
    assert.equal(missingField('李芳', ''), 'need.idNumber');
    assert.equal(missingField('李芳', '110101199003077777'), null);
  });

  test('says one thing for no match, the time for not yet, the wait for too many', () => {
    const en = createI18n(MESSAGES, { storage: null });
    en.setLang('en');
    const say = (e) => { const r = refusal(e); return en.t(r.key, r.params); };
    assert.equal(say(new ApiError(404, 'NOT_FOUND', 'no admission ticket matches', { field: 'idNumber' })),
      MESSAGES.en.noMatch);
    assert.equal(say(new ApiError(409, 'NOT_STARTED', 'later', { opensAt: Date.UTC(2026, 3, 18, 1, 0) })),
      'Admission tickets are not open yet. They open at 2026-04-18 09:00 (Beijing time).');
    assert.equal(say(new ApiError(429, 'RATE_LIMITED', 'slow down', { retryAfterSeconds: 120 })),
      'Too many tries. Please try again in 120 seconds.');
    assert.equal(say(new ApiError(500, 'INTERNAL', 'boom')), 'The download failed: boom');
  });
});
