/**
 * The normalization used by the matcher, exposed for inspection and tests: the skeleton of a
 * text with, for every skeleton character, the span of the original text it came from.
 */
import { BREAK, foldCodePoint, IGNORE, isMultiFold, multiFold, SPACE, SYMBOL } from './fold.js';

export interface NormalizedText {
  /** Skeleton: folded letters and digits; separators dropped, each hard break kept as `\n`. */
  text: string;
  /** UTF-16 start offset in the original text of each code unit of `text`. */
  starts: number[];
  /** UTF-16 end offset in the original text of each code unit of `text`. */
  ends: number[];
}

/**
 * Normalizes a text in one pass: NFKC, case folding, full-width to half-width, invisible
 * characters and combining marks removed, confusable homoglyphs and enclosed or stylized letters
 * to their skeleton, leetspeak, Traditional to Simplified Chinese, and separators (spaces,
 * punctuation, symbols, emoji) skipped. Repeats are kept here; the matcher collapses them.
 */
export function normalizeText(input: string): NormalizedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (cp: number, start: number, end: number): void => {
    const char = String.fromCodePoint(cp);
    text += char;
    for (let i = 0; i < char.length; i++) {
      starts.push(start);
      ends.push(end);
    }
  };
  for (let k = 0; k < input.length; ) {
    const cp = input.codePointAt(k)!;
    const size = cp > 0xffff ? 2 : 1;
    const value = foldCodePoint(cp);
    if (value >= 0) emit(value, k, k + size);
    else if (value === BREAK) emit(0x0a, k, k + size);
    else if (isMultiFold(value)) for (const part of multiFold(value)) emit(part, k, k + size);
    else if (value !== IGNORE && value !== SPACE && value !== SYMBOL)
      throw new Error('unreachable fold value');
    k += size;
  }
  return { text, starts, ends };
}

const NUMBER = /^\p{N}$/u;

/**
 * The skeletons of the words of a text, for comparing names with reserved words: runs of folded
 * letters and digits (the fold of `normalizeText`: homoglyphs, full-width, leetspeak…), ended by
 * separators (spaces, punctuation, symbols, line breaks). With `digitsSeparate`, a character
 * that writes a number ends a word too and is dropped (`admin2` → `admin`); without, digits
 * fold like leetspeak (`adm1n` → `admin`, `0fficial` → `officiai`).
 */
export function skeletonWords(input: string, options: { digitsSeparate?: boolean } = {}): string[] {
  const words: string[] = [];
  let word = '';
  const end = (): void => {
    if (word) words.push(word);
    word = '';
  };
  for (const char of input) {
    if (options.digitsSeparate && NUMBER.test(char)) {
      end();
      continue;
    }
    const value = foldCodePoint(char.codePointAt(0)!);
    if (value >= 0) word += String.fromCodePoint(value);
    else if (isMultiFold(value)) word += String.fromCodePoint(...multiFold(value));
    else if (value !== IGNORE) end();
  }
  end();
  return words;
}
