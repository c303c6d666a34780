/**
 * The normalization used by the matcher, exposed for inspection and tests: the skeleton of a
 * text with, for every skeleton character, the span of the original text it came from.
 */
import { CodeUnits } from './code-units.js';
import {
  BREAK,
  COMBINING,
  foldCodePoint,
  IGNORE,
  isMultiFold,
  LINE_BREAKS,
  multiFold,
  SPACE,
  SYMBOL,
} from './fold.js';
import { MODE_LEET, MODE_SKELETON, MODE_STRIPPED, specialFold } from './token-fold.js';
import { TokenFolds } from './tokens.js';

export interface NormalizedText {
  /** Skeleton: folded letters and digits; separators dropped, each hard break kept as `\n`. */
  text: string;
  /** UTF-16 start offset in the original text of each code unit of `text`. */
  starts: number[];
  /** UTF-16 end offset in the original text of each code unit of `text`. */
  ends: number[];
}

const tokens = new TokenFolds();
const codeUnits = new CodeUnits();

/**
 * Normalizes a text in one pass, as the matcher reads it: NFKC, case folding, full-width to
 * half-width, invisible characters removed, enclosed, stylized and small-capital letters to
 * their letter, kana to hiragana, Traditional to Simplified Chinese, separators skipped (one line
 * end too; two are a break). Per token: leetspeak where digits or symbols mix with letters,
 * look-alikes in mixed-script or foreign-script tokens, marks dropped where they are Zalgo.
 * Repeats are kept here; the matcher collapses them.
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
  const count = tokens.analyze(input, codeUnits.of(input));
  let special = 0;
  let lineEnds = 0;
  for (let k = 0; k < input.length; ) {
    const cp = input.codePointAt(k)!;
    const size = cp > 0xffff ? 2 : 1;
    let value = foldCodePoint(cp);
    while (special < count && tokens.ends[special]! <= k) special++;
    if (special < count && k >= tokens.starts[special]!) value = tokens.values[k]!;
    if (value === COMBINING) value = IGNORE;
    if (value === BREAK && LINE_BREAKS.has(cp)) {
      if (cp === 0x0a && k > 0 && input.charCodeAt(k - 1) === 0x0d) value = IGNORE;
      else if (lineEnds++ === 0 && text.length > 0) value = SPACE;
    } else if (value !== SPACE && value !== IGNORE) lineEnds = 0;
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
/** Names are read with every fold at once: a look-alike name is cheap to refuse. */
const ALL_FOLDS = MODE_LEET | MODE_SKELETON | MODE_STRIPPED;

/**
 * The skeletons of the words of a text, for comparing names with reserved words: runs of folded
 * letters and digits, ended by separators (spaces, punctuation, symbols, line breaks). Unlike
 * the matcher, every word is read with every fold (homoglyphs, leetspeak with `l` as `i`, marks
 * dropped), since a name that merely looks like a reserved one is already a problem. With
 * `digitsSeparate`, a character that writes a number ends a word too and is dropped
 * (`admin2` → `admin`); without, digits fold like leetspeak (`adm1n` → `admin`,
 * `0fficial` → `officiai`).
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
    const value = specialFold(char.codePointAt(0)!, ALL_FOLDS);
    if (value >= 0) word += String.fromCodePoint(value);
    else if (isMultiFold(value)) word += String.fromCodePoint(...multiFold(value));
    else if (value !== IGNORE && value !== COMBINING) end();
  }
  end();
  return words;
}
