import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

// Encryption at rest of TOTP secrets: AES-256-GCM under a key derived (HKDF-SHA256) from the
// server secret (`ATRIUM_SECRET`, the key of every HMAC of the server), with a purpose of its
// own so the derived key is used for nothing else. A database dump alone reveals no secret.

const KEY_INFO = 'atrium totp secret v1';
const VERSION = 'v1';

function keyOf(serverSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, 'atrium', KEY_INFO, 32));
}

/** `v1.<iv>.<tag>.<ciphertext>` (base64url); the account id is bound as associated data. */
export function sealSecret(serverSecret: string, accountId: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(serverSecret), iv);
  cipher.setAAD(Buffer.from(accountId.toLowerCase()));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url'));
  return [VERSION, ...parts].join('.');
}

/** The secret sealed by `sealSecret`; throws when it was altered or sealed under another key. */
export function openSecret(serverSecret: string, accountId: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('unknown seal');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    keyOf(serverSecret),
    Buffer.from(iv, 'base64url'),
  );
  decipher.setAAD(Buffer.from(accountId.toLowerCase()));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(body, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
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
