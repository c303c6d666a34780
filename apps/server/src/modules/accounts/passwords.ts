import { PASSWORD_MAX, PASSWORD_MIN } from '@atrium/contracts';
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { accountsError } from './accounts.errors.js';

// argon2id (the library's default algorithm) with OWASP's parameters: 19 MiB, 2 passes, 1 lane.
// The algorithm enum is a `const enum` that is empty at run time under tsx, so it is not named.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));
  return common;
}

/**
 * Refuses short passwords, those in the common-password list (~30k leaked favourites), one
 * repeated character, or ones built from the account's own handle or e-mail name.
 */
export function checkPasswordStrength(password: string, personal: string[] = []): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw accountsError('WEAK_PASSWORD', `Use at least ${PASSWORD_MIN} characters`);
  }
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower) || /^(.)\1*$/u.test(lower)) {
    throw accountsError('WEAK_PASSWORD', 'This password is too common');
  }
  for (const word of personal) {
    if (word.length >= 3 && lower.includes(word.toLowerCase())) {
      throw accountsError('WEAK_PASSWORD', 'Do not build the password from your handle or e-mail');
    }
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | null = null;

/**
 * Verifies a password. With no stored hash (unknown account, phone-only account) it verifies
 * against a dummy hash anyway, so the answer takes the same time and reveals nothing.
 */
export async function verifyPassword(
  storedHash: string | null,
  password: string,
): Promise<boolean> {
  dummyHash ??= hashPassword('atrium-dummy-password-for-timing');
  const target = storedHash ?? (await dummyHash);
  const ok = await verify(target, password).catch(() => false);
  return storedHash !== null && ok;
}
