// 离线答卷: the last resort of a terminal that cannot reach any node by its deadline. The page seals its answer
// vector to the sitting's public key and MACs it with its attempt's own key; a proctor uploads the file in the
// console within the sitting's window after the deadline. The server side is exam-server's offline package
// (OfflineCrypto holds the same construction in Java): ECDH P-256 with an ephemeral key, HKDF-SHA256, AES-256-GCM
// with the header as additional data, and HMAC-SHA256 over header and ciphertext.

export const OFFLINE_FORMAT = 'examcore-offline-answers/1';
/** Offline this close to the deadline, the page offers the file already (the candidate may write it again later). */
export const OFFER_BEFORE_DEADLINE_MS = 5 * 60 * 1000;

/**
 * Whether the page offers the offline file: the sitting takes files, the attempt has started and has no receipt,
 * the page is not connected, and the deadline has passed or is near. A page back online sends its journal itself,
 * which takes precedence, so the offer goes away.
 */
export function offersOfflineFile({ credentials, started, online, receipt, remainingMs }) {
  if (!credentials || !(credentials.windowMinutes > 0) || !started || online || receipt) return false;
  return remainingMs <= OFFER_BEFORE_DEADLINE_MS;
}

/** The file's name: ticket and attempt id, with anything a file system might refuse replaced. */
export function offlineFileName(ticket, attemptId) {
  const safe = (s) => String(s).replace(/[^A-Za-z0-9_-]/g, '_');
  return `examcore-offline-${safe(ticket)}-${safe(attemptId)}.json`;
}

function bytesToBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 1) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}

function base64ToBytes(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const utf8 = (text) => new TextEncoder().encode(text);

/** The header lines, the cipher's additional data. */
export function headerText(f) {
  return [f.format, f.attemptId, f.ticket, f.seatCode, f.createdAt].join('\n');
}

/** What the MAC covers: the header and the sealed parts as the file carries them. */
export function macText(f) {
  return [headerText(f), f.epk, f.iv, f.ciphertext].join('\n');
}

/** The AES-256-GCM key shared between an ECDH private key and the other side's public key. */
async function aesKey(subtle, privateKey, publicKey, attemptId, usage) {
  const shared = await subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const ikm = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8(OFFLINE_FORMAT), info: utf8(`${OFFLINE_FORMAT}|${attemptId}`) },
    ikm, { name: 'AES-GCM', length: 256 }, false, [usage]);
}

/**
 * Seals the answer vector into the offline file (an object to write as JSON).
 *
 * @param credentials GET /api/candidate/offline-credentials
 * @param vector      the journal's whole vector [{item, value, rev}]
 * @param createdAt   the server-synchronised time
 */
export async function sealOfflineFile(credentials, vector, createdAt, subtle = globalThis.crypto.subtle) {
  const sitting = await subtle.importKey('spki', base64ToBytes(credentials.publicKey),
    { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  const ephemeral = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const epk = bytesToBase64(new Uint8Array(await subtle.exportKey('spki', ephemeral.publicKey)));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const file = {
    format: OFFLINE_FORMAT, attemptId: credentials.attemptId, ticket: credentials.ticket,
    seatCode: credentials.seatCode, createdAt: Math.round(createdAt), epk, iv: bytesToBase64(iv),
    ciphertext: '', mac: '',
  };
  const key = await aesKey(subtle, ephemeral.privateKey, sitting, credentials.attemptId, 'encrypt');
  const plain = utf8(JSON.stringify({ attemptId: credentials.attemptId, answers: vector }));
  const sealed = await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(headerText(file)), tagLength: 128 },
    key, plain);
  file.ciphertext = bytesToBase64(new Uint8Array(sealed));
  const macKey = await subtle.importKey('raw', base64ToBytes(credentials.macKey), { name: 'HMAC', hash: 'SHA-256' },
    false, ['sign']);
  file.mac = bytesToBase64(new Uint8Array(await subtle.sign('HMAC', macKey, utf8(macText(file)))));
  return file;
}

/**
 * Opens a file with the sitting's private key after checking its MAC (what the server does; the page never can,
 * since it never holds the private key). For tests and tools.
 */
export async function openOfflineFile(file, sittingPrivateKey, macKeyBase64, subtle = globalThis.crypto.subtle) {
  const macKey = await subtle.importKey('raw', base64ToBytes(macKeyBase64), { name: 'HMAC', hash: 'SHA-256' },
    false, ['verify']);
  if (!await subtle.verify('HMAC', macKey, base64ToBytes(file.mac), utf8(macText(file)))) {
    throw new Error('the MAC does not verify');
  }
  const epk = await subtle.importKey('spki', base64ToBytes(file.epk), { name: 'ECDH', namedCurve: 'P-256' }, false,
    []);
  const key = await aesKey(subtle, sittingPrivateKey, epk, file.attemptId, 'decrypt');
  const plain = await subtle.decrypt({ name: 'AES-GCM', iv: base64ToBytes(file.iv),
    additionalData: utf8(headerText(file)), tagLength: 128 }, key, base64ToBytes(file.ciphertext));
  return JSON.parse(new TextDecoder().decode(plain));
}
