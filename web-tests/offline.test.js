import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  offersOfflineFile, offlineFileName, sealOfflineFile, openOfflineFile, OFFER_BEFORE_DEADLINE_MS, OFFLINE_FORMAT,
} from '../exam-server/src/main/resources/webroot/candidate/js/offline.js';

const subtle = globalThis.crypto.subtle;
const b64 = (bytes) => Buffer.from(bytes).toString('base64');

async function sitting() {
  const pair = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const publicKey = b64(new Uint8Array(await subtle.exportKey('spki', pair.publicKey)));
  return { pair, credentials: (attemptId, macKey) => ({ format: OFFLINE_FORMAT, attemptId, ticket: 'T-001',
    seatCode: 'R1-01', publicKey, macKey, windowMinutes: 30 }) };
}

const macKey = (n) => b64(new Uint8Array(32).fill(n));
const vector = [{ item: 1, value: 'A', rev: 3 }, { item: 2, value: ['x', 'y'], rev: 1 }, { item: 3, value: null, rev: 2 }];

describe('the offline answer file', () => {
  test('is offered only offline, started, without a receipt, when the deadline has passed or is near', () => {
    const base = { credentials: { windowMinutes: 30 }, started: true, online: false, receipt: null, remainingMs: -1 };
    assert.equal(offersOfflineFile(base), true);
    assert.equal(offersOfflineFile({ ...base, remainingMs: OFFER_BEFORE_DEADLINE_MS }), true);
    assert.equal(offersOfflineFile({ ...base, remainingMs: OFFER_BEFORE_DEADLINE_MS + 1 }), false, 'too early');
    assert.equal(offersOfflineFile({ ...base, online: true }), false, 'online: the resend takes precedence');
    assert.equal(offersOfflineFile({ ...base, receipt: { code: 'X' } }), false, 'already submitted');
    assert.equal(offersOfflineFile({ ...base, started: false }), false, 'not started');
    assert.equal(offersOfflineFile({ ...base, credentials: null }), false, 'no credentials');
    assert.equal(offersOfflineFile({ ...base, credentials: { windowMinutes: 0 } }), false, 'the sitting takes none');
  });

  test('is named by ticket and attempt, safe for any file system', () => {
    assert.equal(offlineFileName('T-001', 'a1b2'), 'examcore-offline-T-001-a1b2.json');
    assert.equal(offlineFileName('T/../1', 'a:b'), 'examcore-offline-T____1-a_b.json');
  });

  test('opens with the sitting key and the attempt key, and holds the vector and the attempt', async () => {
    const s = await sitting();
    const file = await sealOfflineFile(s.credentials('att-1', macKey(7)), vector, 1234.4);
    assert.equal(file.createdAt, 1234);
    assert.equal(file.format, OFFLINE_FORMAT);
    assert.ok(!file.ciphertext.includes('att-1'));
    const opened = await openOfflineFile(file, s.pair.privateKey, macKey(7));
    assert.deepEqual(opened, { attemptId: 'att-1', answers: vector });
  });

  test('another attempt\'s key, a changed seat or a changed byte does not verify', async () => {
    const s = await sitting();
    const file = await sealOfflineFile(s.credentials('att-1', macKey(7)), vector, 1);
    await assert.rejects(openOfflineFile(file, s.pair.privateKey, macKey(8)), /MAC/);
    await assert.rejects(openOfflineFile({ ...file, seatCode: 'R1-02' }, s.pair.privateKey, macKey(7)), /MAC/);
    const ct = Buffer.from(file.ciphertext, 'base64');
    ct[0] ^= 1;
    await assert.rejects(openOfflineFile({ ...file, ciphertext: ct.toString('base64') }, s.pair.privateKey, macKey(7)),
      /MAC/);
  });

  test('another sitting\'s key does not open it even with a valid MAC', async () => {
    const s = await sitting();
    const other = await sitting();
    const file = await sealOfflineFile(s.credentials('att-1', macKey(7)), vector, 1);
    await assert.rejects(openOfflineFile(file, other.pair.privateKey, macKey(7)));
  });
});
