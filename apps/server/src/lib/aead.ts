import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// AES-256-GCM sealing shared by everything the server encrypts at rest: TOTP secrets
// (`modules/accounts/totp-crypto.ts`) and the personal-data vault (`modules/vault`). A fresh
// 96-bit random IV per value; the associated data binds a value to where it belongs (an account
// and a field), so a sealed value copied to another row does not open.

const VERSION = 'v1';

/** Whether two byte strings are equal (Buffers, or the Uint8Arrays a database driver returns). */
export function sameBytes(
  a: Uint8Array | null | undefined,
  b: Uint8Array | null | undefined,
): boolean {
  return !!a && !!b && Buffer.compare(a, b) === 0;
}

/** `v1.<iv>.<tag>.<ciphertext>` (base64url). */
export function sealText(key: Buffer, aad: string, plain: string): string {
  const { iv, tag, body } = sealBytes(key, aad, Buffer.from(plain, 'utf8'));
  return [VERSION, iv, tag, body]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The text sealed by `sealText`; throws when it was altered, moved or sealed under another key. */
export function openText(key: Buffer, aad: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('unknown seal');
  return openBytes(
    key,
    aad,
    Buffer.from(iv, 'base64url'),
    Buffer.from(tag, 'base64url'),
    Buffer.from(body, 'base64url'),
  ).toString('utf8');
}

/** Bytes sealed as `iv (12) | tag (16) | ciphertext`: how data keys are wrapped. */
export function sealPacked(key: Buffer, aad: string, plain: Buffer): Buffer {
  const { iv, tag, body } = sealBytes(key, aad, plain);
  return Buffer.concat([iv, tag, body]);
}

export function openPacked(key: Buffer, aad: string, packed: Buffer): Buffer {
  if (packed.length < 28) throw new Error('unknown seal');
  return openBytes(key, aad, packed.subarray(0, 12), packed.subarray(12, 28), packed.subarray(28));
}

function sealBytes(key: Buffer, aad: string, plain: Buffer) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), body };
}

function openBytes(key: Buffer, aad: string, iv: Buffer, tag: Buffer, body: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}
