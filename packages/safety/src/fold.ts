/**
 * Per-code-point folding: every code point of a text is mapped once, lazily, to either nothing
 * (invisible characters, combining marks), a gap (whitespace, symbols, emoji), a hard break
 * (line ends, CJK sentence punctuation) or one or more "skeleton" code points. Terms and texts
 * are folded by the same function, so a disguise only has to fold to the term's skeleton.
 */

import { TRADITIONAL_PAIRS } from './data/traditional.generated.js';
import { LETTER_LIKE } from './letter-like.js';

/** Fold classes; non-negative values are a single skeleton code point. */
export const IGNORE = -1;
export const SPACE = -2;
export const SYMBOL = -3;
export const BREAK = -4;
/**
 * A combining mark shared by all scripts (U+0300…): part of an accented letter or Zalgo noise,
 * which only the token around it tells (tokens.ts). Alone, it folds to nothing.
 */
export const COMBINING = -5;
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

// Financial numerals are only ever digits; common numerals (一二三) are words and stay Han. They
// are read as digits for phone numbers (`digitOf`), never folded into the skeleton: `7` is not 柒.
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

/**
 * Optional vowel points and cantillation of Hebrew and Arabic: texts are written with and without
 * them, so they fold to nothing rather than tell words apart.
 */
const OPTIONAL_POINTS: readonly [number, number][] = [
  [0x0591, 0x05c7],
  [0x0610, 0x061a],
  [0x064b, 0x065f],
  [0x0670, 0x0670],
  [0x06d6, 0x06ed],
];

function inRanges(cp: number, ranges: readonly [number, number][]): boolean {
  return ranges.some(([from, to]) => cp >= from && cp <= to);
}
// Only line ends and sentence-final marks break a match. In CJK text an enumeration comma, a
// bracket or a colon between every character is a disguise (大、麻); matches that run across
// a real comma (很大，麻烦) are refused by the word-boundary check of the candidate instead.
const HARD_BREAKS = new Set([...'\n\r\u2028\u2029\u0085。｡！？']);
/** Line ends: one of them between letters is a soft gap, two in a row a hard break. */
export const LINE_BREAKS = new Set([0x0a, 0x0d, 0x2028, 0x2029, 0x85]);
// Spacing marks (Mc: Devanagari ा ि ो, Bengali, Tamil vowel signs) are letters of their script too.
const MARK = /\p{M}/u;
/** Marks shared by every script (accents, overlays, Zalgo): whether they count depends on the token. */
const INHERITED_MARK = /^[\p{Mn}\p{Me}]$/u;
const INHERITED = /^\p{Script=Inherited}$/u;
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
export function isKanaVoicing(char: string): boolean {
  const cp = char.codePointAt(0);
  return cp === 0x3099 || cp === 0x309a;
}

/** Whether a mark is one every script shares (and so may be Zalgo), not a letter of one script. */
export function isInheritedMark(char: string): boolean {
  return INHERITED_MARK.test(char) && INHERITED.test(char) && !isKanaVoicing(char);
}

/**
 * Whether a character survives into the skeleton: letters, digits, kana voicing and the marks
 * that belong to one script (Thai vowels and tones, Devanagari signs), which are letters there.
 */
function keeps(char: string): boolean {
  if (LETTER_OR_DIGIT.test(char) || isKanaVoicing(char)) return true;
  const cp = char.codePointAt(0)!;
  return MARK.test(char) && !INHERITED.test(char) && !inRanges(cp, OPTIONAL_POINTS);
}

/** Katakana → hiragana, so that `でりへる` and `デリヘル` meet (voiced kana are decomposed first). */
function toHiragana(char: string): string {
  const cp = char.codePointAt(0)!;
  if (cp >= 0x30a1 && cp <= 0x30f6) return String.fromCodePoint(cp - 0x60);
  if (cp === 0x30fd || cp === 0x30fe) return String.fromCodePoint(cp - 0x60);
  return char;
}

/**
 * The base skeleton of a string: NFKC (full-width, stylized, circled and superscript letters),
 * lower case, letter-like small capitals, kana as hiragana, Simplified Chinese. Letters keep
 * their accents (a language's own letters are exact: `não` is not `nào`); no look-alike of
 * another letter is folded here: that happens only in tokens that call for it (token-fold.ts).
 */
export function baseSkeleton(input: string): string {
  let out = '';
  for (const char of input) {
    const cp = char.codePointAt(0)!;
    const special = enclosedLetter(cp) ?? LETTER_LIKE[char];
    let text = special ?? char.normalize('NFKC');
    text = text.toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ');
    // Kana stay decomposed (ブ → フ + ゙) so half-width ﾌﾞ, two code points, folds alike.
    text = text.normalize('NFC');
    for (const c of text) {
      if (!keeps(c)) continue;
      let folded = c;
      if (KANA.test(c)) {
        for (const part of c.normalize('NFD')) out += toHiragana(part);
        continue;
      }
      const simplified = traditional.get(folded.codePointAt(0)!);
      if (simplified !== undefined) folded = String.fromCodePoint(simplified);
      out += folded;
    }
  }
  return out;
}
const KANA = /^[\p{Script=Hiragana}\p{Script=Katakana}]$/u;

function computeFold(cp: number): number {
  const char = String.fromCodePoint(cp);
  if (HARD_BREAKS.has(char)) return BREAK;
  if (inRanges(cp, INVISIBLE_RANGES)) return IGNORE;
  if (MARK.test(char) && !isKanaVoicing(char)) {
    if (inRanges(cp, OPTIONAL_POINTS)) return IGNORE;
    if (INHERITED.test(char)) return COMBINING;
    return cp; // a mark of one script is a letter of that script (Thai ้, Devanagari े)
  }
  if (WHITESPACE.test(char)) return SPACE;
  const skeleton = [...baseSkeleton(char)].map((c) => c.codePointAt(0)!);
  if (skeleton.length === 0) return PICTOGRAPHIC.test(char) || cp > 0x20 ? SYMBOL : SPACE;
  return internFold(skeleton);
}

const internedFolds = new Map<string, number>();

/** The fold value of a sequence of skeleton code points: IGNORE, the one code point, or a multi index. */
export function internFold(codePoints: readonly number[]): number {
  if (codePoints.length === 0) return IGNORE;
  if (codePoints.length === 1) return codePoints[0]!;
  const key = String.fromCodePoint(...codePoints);
  let value = internedFolds.get(key);
  if (value === undefined) {
    multiFolds.push([...codePoints]);
    value = MULTI - (multiFolds.length - 1);
    internedFolds.set(key, value);
  }
  return value;
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
/**
 * `text` with Traditional Chinese characters replaced by their Simplified forms, where both
 * are written with as many code units (so offsets stay the same); other characters unchanged.
 */
export function toSimplified(text: string): string {
  let out = '';
  let from = 0;
  for (let k = 0; k < text.length; k++) {
    const cp = text.charCodeAt(k);
    if (cp < 0x3400 || cp >= 0xd800) continue;
    const simplified = traditional.get(cp);
    if (simplified === undefined || simplified >= 0x10000) continue;
    out += text.slice(from, k) + String.fromCharCode(simplified);
    from = k + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

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
