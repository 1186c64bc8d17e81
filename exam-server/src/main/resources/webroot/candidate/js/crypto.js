// WebCrypto side of the protocol: the paper arrives encrypted during check-in and the 256-bit key
// only at T0 (docs/candidate-protocol.md §3); the submission carries a digest of the answer vector.
import { isAnswered } from './journal.js';

/** True when WebCrypto is usable: browsers expose `crypto.subtle` only to secure contexts. */
export function cryptoAvailable() {
  return Boolean(window.isSecureContext && window.crypto && window.crypto.subtle);
}

function base64ToBytes(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Decrypts `{alg, iv, ciphertext}` with the base64 raw key. The ciphertext carries the 128-bit GCM
 * tag at its end, which is both Java's and WebCrypto's layout, so it is passed on unchanged.
 */
export async function decryptPaper(encrypted, keyBase64) {
  if (encrypted.alg !== 'AES-GCM') throw new Error(`unsupported paper cipher ${encrypted.alg}`);
  const key = await crypto.subtle.importKey('raw', base64ToBytes(keyBase64), { name: 'AES-GCM' },
    false, ['decrypt']);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: base64ToBytes(encrypted.iv), tagLength: 128 },
    key, base64ToBytes(encrypted.ciphertext));
  return JSON.parse(new TextDecoder().decode(plain));
}

/**
 * Lowercase hex SHA-256 of the answered items sorted by number, each written `number:rev;`
 * (the protocol's digest; it lets the candidate's receipt prove what the page sent).
 */
export async function answerDigest(vector) {
  const text = vector
    .filter((a) => isAnswered(a.value))
    .sort((a, b) => a.item - b.item)
    .map((a) => `${a.item}:${a.rev};`)
    .join('');
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
}
