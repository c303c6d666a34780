import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { openText, sealText } from '../../lib/aead.js';

// Encryption at rest of TOTP secrets: AES-256-GCM under a key derived (HKDF-SHA256) from the
// server secret (`ATRIUM_SECRET`, the key of every HMAC of the server), with a purpose of its
// own so the derived key is used for nothing else. A database dump alone reveals no secret.

const KEY_INFO = 'atrium totp secret v1';

function keyOf(serverSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, 'atrium', KEY_INFO, 32));
}

/** `v1.<iv>.<tag>.<ciphertext>` (base64url, `lib/aead.ts`); the account id is bound as associated data. */
export function sealSecret(serverSecret: string, accountId: string, plain: string): string {
  return sealText(keyOf(serverSecret), accountId.toLowerCase(), plain);
}

/** The secret sealed by `sealSecret`; throws when it was altered or sealed under another key. */
export function openSecret(serverSecret: string, accountId: string, sealed: string): string {
  return openText(keyOf(serverSecret), accountId.toLowerCase(), sealed);
}

/** The keyed hash a recovery code is kept as (the code itself is never stored). */
export function recoveryCodeHash(serverSecret: string, accountId: string, code: string): Buffer {
  return createHmac('sha256', serverSecret)
    .update(`recovery:${accountId.toLowerCase()}:${normalizeRecoveryCode(code)}`)
    .digest();
}

/** Lower case, without spaces or dashes: `ABCDE-FGHIJ` and `abcdefghij` are the same code. */
export function normalizeRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, '').toLowerCase();
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A new recovery code: 10 characters (about 49 bits) as `xxxxx-xxxxx`. */
export function newRecoveryCode(): string {
  let code = '';
  while (code.length < 10) {
    // rejection sampling: no modulo bias
    const byte = randomBytes(1)[0]!;
    if (byte < 248) code += RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length];
  }
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
