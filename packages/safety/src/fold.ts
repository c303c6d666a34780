/**
 * Per-code-point folding: every code point of a text is mapped once, lazily, to either nothing
 * (invisible characters, combining marks), a gap (whitespace, symbols, emoji), a hard break
 * (line ends, CJK sentence punctuation) or one or more "skeleton" code points. Terms and texts
 * are folded by the same function, so a disguise only has to fold to the term's skeleton.
 */
import { CONFUSABLES } from './data/confusables.generated.js';
import { TRADITIONAL_PAIRS } from './data/traditional.generated.js';

/** Fold classes; non-negative values are a single skeleton code point. */
export const IGNORE = -1;
export const SPACE = -2;
export const SYMBOL = -3;
export const BREAK = -4;
/** Values at or below MULTI encode an index into `multiFolds`: MULTI - index. */
const MULTI = -16;
/** Fold-table value of a code point not folded yet. */
export const FOLD_UNKNOWN = -1_000_000_000;
const UNKNOWN = FOLD_UNKNOWN;

/** Fold of each code point, filled lazily; read directly by the scanner's inner loop. */
export const FOLD_TABLE = new Int32Array(0x110000).fill(UNKNOWN);
const foldTable = FOLD_TABLE;
const multiFolds: number[][] = [];
/**
 * Per-code-point facts other than the fold, packed in one byte (0 = not computed yet):
 * bits 0–3 the decimal digit + 1 it writes (①, ３, 壹, 三 …; 0 none), bit 4 a word character,
 * bit 5 always set once computed.
 */
export const INFO_TABLE = new Uint8Array(0x110000);
const infoTable = INFO_TABLE;
export const INFO_WORD = 16;
const INFO_KNOWN = 32;

const traditional = new Map<number, number>();
{
  const chars = [...TRADITIONAL_PAIRS];
  for (let i = 0; i + 1 < chars.length; i += 2) {
    traditional.set(chars[i]!.codePointAt(0)!, chars[i + 1]!.codePointAt(0)!);
  }
}

// Leetspeak and look-alike ASCII. `l` and `1` fold to `i` so that `sh1t`, `shlt` and `shit` meet.
const ASCII_FOLDS: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'i',
  '+': 't',
  '€': 'e',
  l: 'i',
};

// Financial numerals are only ever digits; common numerals (一二三) are words and stay Han.
const HAN_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const HAN_DIGITS_TRADITIONAL = '〇壹貳參肆伍陸柒捌玖';
const HAN_COMMON_DIGITS = '〇一二三四五六七八九';

/** Ranges of characters that hide in text without showing: they fold to nothing. */
const INVISIBLE_RANGES: readonly [number, number][] = [
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul fillers
  [0x17b4, 0x17b5],
  [0x180b, 0x180f], // Mongolian variation selectors
  [0x200b, 0x200f], // zero-width space, joiners, direction marks
  [0x202a, 0x202e], // bidi embeddings and overrides
  [0x2060, 0x206f], // word joiner, invisible operators, bidi isolates
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0x1bca0, 0x1bca3],
  [0xe0000, 0xe0fff], // tags and variation selectors supplement
];

function isInvisible(cp: number): boolean {
  return INVISIBLE_RANGES.some(([from, to]) => cp >= from && cp <= to);
}
const HARD_BREAKS = new Set([
  ...'\n\r\u2028\u2029\u0085。，、；：！？｡､，；：！？「」『』【】《》〈〉（）',
]);
const MARK = /\p{Mn}|\p{Me}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const ASCII = /^[\x20-\x7e]+$/;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const NO_SPACE_SCRIPTS =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u;
const WHITESPACE = /^[\s\p{Z}]$/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Emoji_Component}/u;

/** Enclosed letters that NFKC leaves alone: negative circled/squared and regional indicators. */
function enclosedLetter(cp: number): string | undefined {
  const bases = [0x1f150, 0x1f170, 0x1f1e6];
  for (const base of bases) {
    if (cp >= base && cp < base + 26) return String.fromCharCode(0x61 + cp - base);
  }
  return undefined;
}

/** Kana voicing marks (゛゜) tell が from か: they are kept although they combine. */
function isKanaVoicing(char: string): boolean {
  const cp = char.codePointAt(0);
  return cp === 0x3099 || cp === 0x309a;
}

const HAS_LETTER = /[\p{L}\p{N}]/u;

function confusable(text: string): string {
  let out = '';
  for (const char of text) {
    const prototype = CONFUSABLES[char];
    // A letter never folds to punctuation (ノ looks like /): that would erase it from the text.
    out += prototype && (HAS_LETTER.test(prototype) || !HAS_LETTER.test(char)) ? prototype : char;
  }
  return out;
}

function stripMarks(text: string): string {
  let out = '';
  for (const char of text.normalize('NFD')) {
    if (!MARK.test(char) || isKanaVoicing(char)) out += char;
  }
  // Voiced kana stay decomposed (ブ → フ + ゙) so half-width ﾌﾞ, two code points, folds alike.
  return out.normalize('NFC').replace(KANA, (kana) => kana.normalize('NFD'));
}

/** The skeleton of one code point, as a string (possibly empty). */
function skeletonOf(char: string): string {
  const cp = char.codePointAt(0)!;
  // NFKC first when it yields ASCII (𝐦 → m; confusables would say rn); else confusables first
  // when they yield ASCII, as NFKC turns some look-alikes into other letters (ϲ → ς, not c).
  const compatible = char.normalize('NFKC');
  const early = confusable(char).normalize('NFKC');
  let text =
    enclosedLetter(cp) ?? (ASCII.test(compatible) || !ASCII.test(early) ? compatible : early);
  // Confusables on the original case when that gives ASCII (Greek Η → H), then again after
  // lowercasing (η → n); Σ → Ʃ is not taken, so Σ and σ fold alike.
  const sameCase = confusable(text);
  text = (ASCII.test(sameCase) ? sameCase : text).toLowerCase().replace(/ß/g, 'ss');
  text = confusable(stripMarks(text).replace(/ς/g, 'σ')).toLowerCase();
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    const digit =
      HAN_DIGITS.indexOf(c) >= 0 ? HAN_DIGITS.indexOf(c) : HAN_DIGITS_TRADITIONAL.indexOf(c);
    let folded = digit >= 0 && c !== '〇' ? String(digit) : c;
    folded = ASCII_FOLDS[folded] ?? folded;
    const simplified = traditional.get(folded.codePointAt(0)!);
    if (simplified !== undefined) folded = String.fromCodePoint(simplified);
    if (LETTER_OR_DIGIT.test(folded) || isKanaVoicing(folded) || folded !== c || code < 0x80) {
      out += folded;
    }
  }
  // Only letters and digits survive: NFKC turns ⒜ into "(a)" and the parentheses are noise.
  let letters = '';
  for (const c of out) if (LETTER_OR_DIGIT.test(c) || isKanaVoicing(c)) letters += c;
  return letters;
}

function computeFold(cp: number): number {
  const char = String.fromCodePoint(cp);
  if (HARD_BREAKS.has(char)) return BREAK;
  if (isInvisible(cp)) return IGNORE;
  if (MARK.test(char) && !isKanaVoicing(char)) return IGNORE;
  if (WHITESPACE.test(char)) return SPACE;
  const skeleton = [...skeletonOf(char)].map((c) => c.codePointAt(0)!);
  if (skeleton.length === 0) return PICTOGRAPHIC.test(char) || cp > 0x20 ? SYMBOL : SPACE;
  if (skeleton.length === 1) return skeleton[0]!;
  multiFolds.push(skeleton);
  return MULTI - (multiFolds.length - 1);
}

function computeDigit(cp: number): number {
  const char = String.fromCodePoint(cp);
  const nfkc = char.normalize('NFKC');
  if (nfkc.length === 1 && nfkc >= '0' && nfkc <= '9') return nfkc.charCodeAt(0) - 0x30;
  for (const digits of [HAN_DIGITS, HAN_DIGITS_TRADITIONAL, HAN_COMMON_DIGITS]) {
    const index = digits.indexOf(char);
    if (index >= 0) return index;
  }
  return -1;
}

/** Fold value of a code point: IGNORE, SPACE, SYMBOL, BREAK, a code point, or a multi index. */
export function foldCodePoint(cp: number): number {
  let value = foldTable[cp]!;
  if (value === UNKNOWN) {
    value = computeFold(cp);
    foldTable[cp] = value;
  }
  return value;
}

/** The code points a multi-valued fold stands for. */
export function multiFold(value: number): readonly number[] {
  return multiFolds[MULTI - value]!;
}

/** True when a fold value stands for more than one code point. */
export function isMultiFold(value: number): boolean {
  return value <= MULTI;
}

function computeInfo(cp: number): number {
  const char = String.fromCodePoint(cp);
  const word = WORD_CHAR.test(char) && !NO_SPACE_SCRIPTS.test(char);
  return INFO_KNOWN | (word ? INFO_WORD : 0) | (computeDigit(cp) + 1);
}

/** Packed facts about a code point: `& 15` is its digit + 1 (0 none), `& INFO_WORD` a word char. */
export function charInfo(cp: number): number {
  let value = infoTable[cp]!;
  if (value === 0) {
    value = computeInfo(cp);
    infoTable[cp] = value;
  }
  return value;
}

/** The decimal digit a code point writes (①, ３, 壹, 三 …), or -1. */
export function digitOf(cp: number): number {
  return (charInfo(cp) & 15) - 1;
}

/**
 * Whether a code point continues a word of an alphabetic script: letters, digits and marks,
 * except ideographs, kana and the scripts written without spaces (Thai, Lao, Khmer, Myanmar),
 * which sit next to Latin words without a space and get their boundaries from Intl.Segmenter.
 */
export function isWordCodePoint(cp: number): boolean {
  return (charInfo(cp) & INFO_WORD) !== 0;
}

/** Folds a whole string to its skeleton (gaps removed), e.g. for tests and term compilation. */
export function skeletonString(text: string): string {
  let out = '';
  for (const char of text) {
    const value = foldCodePoint(char.codePointAt(0)!);
    if (value >= 0) out += String.fromCodePoint(value);
    else if (isMultiFold(value)) out += String.fromCodePoint(...multiFold(value));
  }
  return out;
}
