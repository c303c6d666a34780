/**
 * Off-platform contact details: phone numbers written with any digit forms and separators
 * (`1 3 8-①②③④-伍陆柒捌`), with letters standing for digits (`138OO138OOO`) or in a national
 * format (`(212) 555-0147`, `090-1234-5678`); messenger IDs that follow a contact lure
 * (`加V：abc_123`) or a messenger's name (`LINE: abc123`, `카톡 abc_77`); and links to
 * messengers written apart (`t . me / x`, `wa . me/…`).
 */
import {
  CodeUnits,
  UNIT_CONTACT_DIGIT,
  UNIT_HINTS,
  UNIT_ID_MARK,
  UNIT_SLASH,
} from './code-units.js';
import { digitOf } from './fold.js';

/** Pseudo-terms reported for contact details. */
export const PHONE_TERM = '<phone-number>';
export const CONTACT_ID_TERM = '<contact-id>';
export const CONTACT_LINK_TERM = '<contact-link>';

/** Pseudo-entry indexes of contact details in a scan's raw candidates (lexicon entries are ≥ 0). */
export const FOUND_PHONE = -1;
export const FOUND_CONTACT_ID = -2;
export const FOUND_CONTACT_LINK = -3;

// Mobile numbers written without a country code, unambiguous enough to stand without grouping:
// the national trunk prefix 0 and a mobile range (KR 010…, JP 070/080/090…, UK 07…, FR 06/07…,
// TW 09…, DE 015x/016x/017x). Other runs of digits (orders, dates, IDs) need phone-like grouping.
const TRUNK_MOBILE =
  /^(?:01[016789]\d{7,8}|0[789]0\d{8}|07\d{9}|0[67]\d{8}|09\d{8}|01[5-7]\d{8,9})$/;

/**
 * Whether a run of digits is a phone number, read by the scan without its grouping: a Chinese
 * mobile number (11 digits, 1[3-9]…), or 8–15 digits after a `+`. Other long numbers (dates,
 * amounts, IDs) are left alone; national formats need their grouping (`isNationalNumber`).
 */
export function isPhoneNumber(digits: string, plus: boolean): boolean {
  if (plus) return digits.length >= 8 && digits.length <= 15;
  return digits.length === 11 && digits[0] === '1' && digits[1]! >= '3';
}

/** Whether groups of digits can be a phone number's at all (see `isNationalNumber`). */
function phoneLikeGrouping(digits: string, groups: readonly number[]): boolean {
  // Thousands grouping (`600 000 000`, `1.234.567.890`) is an amount, not a phone number; single
  // digits apart (`0 1 2 3 4 5 6 7 8 9`) are a list.
  if (groups.length >= 3 && groups[0]! <= 3 && groups.slice(1).every((size) => size === 3))
    return false;
  if (groups.slice(1).some((size) => size < 2)) return false;
  // Pairs in rising order (`07 12 23 34 45`) are lottery or bingo numbers.
  if (groups.length >= 4 && groups.every((size) => size === 2)) {
    const pairs = groups.map((_, index) => Number(digits.slice(index * 2, index * 2 + 2)));
    if (pairs.every((pair, index) => index === 0 || pair > pairs[index - 1]!)) return false;
  }
  return true;
}

/**
 * Whether digits written as `groups` (the digit counts of the groups as written) form a
 * national phone number of a common country. Written solid: only a mobile number with its
 * trunk prefix (TRUNK_MOBILE). In phone-like groups (`(212) 555-0147`, `06 45 12 78 33`): also
 * North American 10 digits ([2-9]xx [2-9]xx xxxx, or 11 with the leading 1), any trunk-prefixed
 * 0 number of 10–12 digits (most of Europe, Japan, Korea, …), Brazil's 11 digits with the
 * mobile 9 (`(11) 91234-5678`) and India's 10-digit mobiles written 5 + 5.
 */
export function isNationalNumber(digits: string, groups: readonly number[]): boolean {
  if (groups.length < 2) return TRUNK_MOBILE.test(digits);
  if (!phoneLikeGrouping(digits, groups)) return false;
  if (TRUNK_MOBILE.test(digits)) return true;
  if (/^1?[2-9]\d{2}[2-9]\d{6}$/.test(digits) && groups.at(-1) === 4) return true;
  if (/^0\d{9,11}$/.test(digits)) return true;
  if (/^[1-9]{2}9\d{8}$/.test(digits)) return true;
  return /^[6-9]\d{9}$/.test(digits) && groups.length === 2 && groups[0] === 5;
}

// A digit or a letter standing for one (O o → 0, I l | → 1) — only inside a run that starts
// with a real digit (which also keeps the expression from trying every `o` of a text).
const DIGIT_LIKE = '[\\p{Nd}OoIl|]';
// A number inside a word of a spaced script is part of it (`A1234567890`); Chinese, Japanese
// and Korean attach words to numbers without a space (`01012345678로`, `090-1234-5678まで`).
const WORD_AROUND = '[\\p{Script=Latin}\\p{Script=Cyrillic}\\p{Script=Greek}\\p{Nd}]';
const DIGIT_RUN = new RegExp(
  `(?<!${WORD_AROUND})(\\(?\\p{Nd}(?:[\\s.\\-()]{0,2}${DIGIT_LIKE}){6,16}\\)?)(?!${WORD_AROUND})`,
  'gu',
);
const LETTER_DIGITS: Record<string, string> = { O: '0', o: '0', I: '1', l: '1', '|': '1' };

/** The digits a run stands for, the sizes of its groups and how many letters stood for digits. */
function readDigits(run: string): { digits: string; groups: number[]; letters: number } {
  let digits = '';
  let letters = 0;
  const groups: number[] = [];
  let size = 0;
  for (const char of run) {
    const value = digitOf(char.codePointAt(0)!);
    const letter = LETTER_DIGITS[char];
    if (value >= 0 || letter !== undefined) {
      digits += value >= 0 ? String(value) : letter;
      if (value < 0) letters++;
      size++;
    } else if (size > 0) {
      groups.push(size);
      size = 0;
    }
  }
  if (size > 0) groups.push(size);
  return { digits, groups, letters };
}

/**
 * Phone numbers the scan's digit tracking cannot see: letters standing for digits inside a
 * run of real digits (`138OO138OOO`: at least two thirds real digits), and national formats
 * recognised by their grouping. Pushes `FOUND_PHONE` triples into `found`.
 */
function findPhoneForms(text: string, found: number[]): void {
  DIGIT_RUN.lastIndex = 0;
  for (let hit = DIGIT_RUN.exec(text); hit; hit = DIGIT_RUN.exec(text)) {
    const run = hit[1]!;
    const { digits, groups, letters } = readDigits(run);
    if (digits.length > 16) continue;
    // Letters count only inside a run that starts with a real digit and has at least four,
    // and at least two real digits for every three letters; the number must still be valid.
    const real = digits.length - letters;
    if (letters > 0 && (!/^\(?\p{Nd}/u.test(run) || real < 4 || letters * 2 > real * 3)) continue;
    const plus = /[+＋]\s*$/.test(text.slice(Math.max(0, hit.index - 2), hit.index));
    const phone = isPhoneNumber(digits, plus) || isNationalNumber(digits, groups);
    // The scan's own digit tracking may report the same number: `resolveMatches` keeps one.
    if (phone) found.push(FOUND_PHONE, hit.index, hit.index + run.length);
  }
}

// Messenger names after which an ID follows. `line` is an everyday word: it needs `id` or `:`.
const MESSENGER =
  /(?<![\p{L}\p{Nd}])(?:(line)(?:\s*id)?\s*[:：@＠]|line\s*id|(?:kakao(?:\s*talk)?|카카오톡|카카오|카톡|텔레그램|텔레|telegram|whatsapp|wechat|weixin|微信|kik|snapchat|skype|signal|tg|wx|vx)(?:\s*(?:id|아이디|号|號))?)(?![a-z])/giu;

/**
 * Messenger IDs right after a messenger's name (`LINE: abc123`, `telegram @abc_77`,
 * `카톡 abc_123`), reported as `FOUND_CONTACT_ID` triples; the ID must look like one (see
 * `handleAfter`). Lures of the lexicon (`加V`) get theirs in `resolveMatches`.
 */
function findMessengerIds(text: string, found: number[]): void {
  MESSENGER.lastIndex = 0;
  for (let hit = MESSENGER.exec(text); hit; hit = MESSENGER.exec(text)) {
    // `LINE:` already consumed its colon; give the ID rule the prefix back.
    const end = hit[1] ? hit.index + hit[1].length : hit.index + hit[0].length;
    const handle = handleAfter(text, end);
    if (!handle) continue;
    // `line` is often just a word (`the bottom line: money`): after it the ID must look like
    // one (a digit or `_`). After other names `handleAfter`'s rule holds (`telegram @dealer`).
    const id = text.slice(handle.start, handle.end);
    const plainWord = /\s/u.test(id) || /^line/i.test(hit[0]);
    if (!plainWord || /[0-9０-９_＿]/u.test(id))
      found.push(FOUND_CONTACT_ID, handle.start, handle.end);
  }
}

// Messenger links with their dots and slashes spaced out or spelled (`t . me / x`, `wa dot me`).
const DOT = '\\s*(?:[.．。·]|\\(?\\s*dot\\s*\\)?)\\s*';
const CONTACT_LINK = new RegExp(
  `(?<![\\p{L}\\p{Nd}])(?:t|wa|line|discord|qm\\.qq|u\\.wechat|telegram)${DOT}(?:me|gg|com|ee)\\s*[/／]\\s*[+＋]?[\\p{L}\\p{Nd}_~][\\p{L}\\p{Nd}_~\\-]*`,
  'giu',
);

/** Links to messengers (`t.me/x`, `t . me / x`, `wa.me/…`), as `FOUND_CONTACT_LINK` triples. */
function findContactLinks(text: string, found: number[]): void {
  CONTACT_LINK.lastIndex = 0;
  for (let hit = CONTACT_LINK.exec(text); hit; hit = CONTACT_LINK.exec(text))
    found.push(FOUND_CONTACT_LINK, hit.index, hit.index + hit[0].length);
}

/** Code units of a text whose caller has none at hand (a handle, a test). */
const HINT_UNITS = new CodeUnits();

const HAS_DIGITS = 1; // four or more digits: a phone number may be there
const HAS_SLASH = 2; // a link may be there
const HAS_ID_MARK = 4; // a digit, `_`, `:` or `@`: a messenger ID may be there

/**
 * What a text may hold for these passes (HAS_* bits): every phone number has digits, every link
 * a `/`, and every messenger ID a digit, `_`, `:` or `@` (see `handleAfter`). A plain loop over
 * code units (of `units`, up to `length`; the scan takes the same from its token pass): a
 * regular expression here cost as much as the whole scan of a Chinese text.
 */
export function contactHints(units: Uint16Array, length: number): number {
  let seen = 0;
  let digits = 0;
  for (let i = 0; i < length; i++) {
    const h = UNIT_HINTS[units[i]!]!;
    seen |= h;
    digits += (h & UNIT_CONTACT_DIGIT) >> 1;
  }
  return contactHintsOf(seen, digits);
}

/** `contactHints` from the OR of the text's `UNIT_HINTS` and its count of contact digits. */
export function contactHintsOf(seen: number, digits: number): number {
  let hints = 0;
  if (seen & UNIT_SLASH) hints |= HAS_SLASH;
  if (seen & UNIT_ID_MARK || digits > 0) hints |= HAS_ID_MARK;
  if (digits >= 4) hints |= HAS_DIGITS;
  return hints;
}

/**
 * The contact details the scan loop leaves to this second pass (letter digits, national
 * formats, messenger IDs after a messenger's name, spaced links); pushes triples into `found`.
 * `hints`: `contactHints` of the text, when the caller has them.
 */
export function findContacts(text: string, found: number[], hints = -1): void {
  if (hints < 0) hints = contactHints(HINT_UNITS.of(text), text.length);
  if (hints & HAS_DIGITS) findPhoneForms(text, found);
  if (hints & HAS_ID_MARK) findMessengerIds(text, found);
  if (hints & HAS_SLASH) findContactLinks(text, found);
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
