import { PASSWORD_MAX, PASSWORD_MIN, STAFF_PASSWORD_MIN } from '@atrium/contracts';
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { accountsError } from './accounts.errors.js';

// argon2id (the library's default algorithm) with OWASP's parameters: 19 MiB, 2 passes, 1 lane.
// The algorithm enum is a `const enum` that is empty at run time under tsx, so it is not named.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** zxcvbn's score is 0–4; 3 is "safely unguessable: moderate protection from offline attacks". */
export const PASSWORD_MIN_SCORE = 3;
/** Words of the site itself, given to the estimator with the account's own names. */
const SITE_WORDS = ['atrium'];

let estimator: ZxcvbnFactory | null = null;
function strength(): ZxcvbnFactory {
  // The common dictionary holds the ~30k passwords most seen in breaches; the English one adds
  // words, names and the words of English-language TV and Wikipedia.
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/** What a password is checked against: the account's own words, and whether it is staff's. */
export interface PasswordContext {
  /** Handle, e-mail address (its local part is used), display name. */
  personal?: (string | null | undefined)[];
  /** Staff (a staff role, the operator account) need at least STAFF_PASSWORD_MIN characters. */
  staff?: boolean;
}

function userInputs(personal: (string | null | undefined)[]): string[] {
  const words = personal
    .filter((word): word is string => typeof word === 'string' && word.length > 0)
    .map((word) => (word.includes('@') ? word.split('@')[0]! : word).toLowerCase());
  return [...new Set([...words, ...SITE_WORDS])];
}

/**
 * Refuses passwords shorter than PASSWORD_MIN (STAFF_PASSWORD_MIN for staff), and those the
 * zxcvbn estimator scores below PASSWORD_MIN_SCORE: common and breached passwords and their
 * l33t variants, sequences (`0123456789`, `abcdefghij`), keyboard walks, repeats, dictionary
 * words, and anything built from the handle, the e-mail address, the display name or the site's
 * name. No composition rules (ASVS 2.1.9).
 */
export function checkPasswordStrength(password: string, context: PasswordContext = {}): void {
  const min = context.staff ? STAFF_PASSWORD_MIN : PASSWORD_MIN;
  const length = [...password].length;
  if (length < min || password.length > PASSWORD_MAX) {
    throw accountsError('WEAK_PASSWORD', `Use at least ${min} characters`);
  }
  const inputs = userInputs(context.personal ?? []);
  const lower = password.toLowerCase();
  for (const word of inputs) {
    if (word.length >= 3 && lower.includes(word)) {
      throw accountsError(
        'WEAK_PASSWORD',
        'Do not build the password from your handle, e-mail, name or the site name',
      );
    }
  }
  // zxcvbn's run time grows with the length; the first 100 characters decide the score anyway
  const result = strength().check(password.slice(0, 100), inputs);
  if (result.score < PASSWORD_MIN_SCORE) {
    throw accountsError(
      'WEAK_PASSWORD',
      result.feedback.warning
        ? `This password is too easy to guess: ${result.feedback.warning}`
        : 'This password is too easy to guess: add a few uncommon words',
    );
  }
}

/** Whether a password that passed `checkPasswordStrength` is long enough for a staff role. */
export function meetsStaffLength(password: string): boolean {
  return [...password].length >= STAFF_PASSWORD_MIN;
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
