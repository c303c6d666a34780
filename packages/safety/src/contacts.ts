/**
 * Off-platform contact details: phone numbers written with any digit forms and separators
 * (`1 3 8-①②③④-伍陆柒捌`), and messenger IDs that follow a contact lure (`加V：abc_123`).
 */

/** Pseudo-terms reported for contact details. */
export const PHONE_TERM = '<phone-number>';
export const CONTACT_ID_TERM = '<contact-id>';

/**
 * Whether a run of digits is a phone number: a Chinese mobile number (11 digits, 1[3-9]…), or
 * 8–15 digits after a `+`. Other long numbers (dates, amounts, IDs) are left alone.
 */
export function isPhoneNumber(digits: string, plus: boolean): boolean {
  if (plus) return digits.length >= 8 && digits.length <= 15;
  return digits.length === 11 && digits[0] === '1' && digits[1]! >= '3';
}

const ID_CHAR = '[A-Za-z0-9_\\-\\uFF10-\\uFF19\\uFF21-\\uFF3A\\uFF41-\\uFF5A\\uFF3F]';
// A lure, optional punctuation, then an ID whose characters may be spaced or dotted apart.
const HANDLE = new RegExp(`^([\\s:：=＝>~—–@＠]{0,4})((?:${ID_CHAR}[\\s.·•*]?){5,24})`, 'u');

/**
 * The span of a messenger ID right after a contact lure ending at `end`, or undefined. Plain
 * words after a lure (`add me on telegram please`) are not IDs: an ID needs a digit or `_`, or
 * to follow `:` or `@`.
 */
export function handleAfter(text: string, end: number): { start: number; end: number } | undefined {
  const found = HANDLE.exec(text.slice(end, end + 96));
  if (!found) return undefined;
  const prefix = found[1]!;
  const raw = found[2]!.replace(/[\s.·•*]+$/u, '');
  const id = raw.normalize('NFKC').replace(/[\s.·•*]/gu, '');
  if (id.length < 5 || id.length > 20) return undefined;
  if (!/[0-9_]/.test(id) && !/[:：@＠]/.test(prefix)) return undefined;
  const start = end + prefix.length;
  return { start, end: start + raw.length };
}
