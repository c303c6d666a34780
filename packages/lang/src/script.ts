/**
 * Counts the letters of a text by writing system. Han, Kana and Hangul decide Chinese, Japanese
 * and Korean without a statistical model; scripts used by a single language decide it outright.
 */

export type Script =
  | 'han'
  | 'kana'
  | 'hangul'
  | 'latin'
  | 'cyrillic'
  | 'arabic'
  | 'devanagari'
  | 'greek'
  | 'hebrew'
  | 'armenian'
  | 'georgian'
  | 'thai'
  | 'lao'
  | 'khmer'
  | 'myanmar'
  | 'tibetan'
  | 'ethiopic'
  | 'bengali'
  | 'gurmukhi'
  | 'gujarati'
  | 'oriya'
  | 'tamil'
  | 'telugu'
  | 'kannada'
  | 'malayalam'
  | 'sinhala'
  | 'other';

/** Scripts written by one language only (in social posts): the script is the answer. */
export const SINGLE_LANGUAGE_SCRIPTS: Readonly<Partial<Record<Script, string>>> = {
  hangul: 'ko',
  kana: 'ja',
  greek: 'el',
  hebrew: 'he',
  armenian: 'hy',
  georgian: 'ka',
  thai: 'th',
  lao: 'lo',
  khmer: 'km',
  myanmar: 'my',
  tibetan: 'bo',
  ethiopic: 'am',
  bengali: 'bn',
  gurmukhi: 'pa',
  gujarati: 'gu',
  oriya: 'or',
  tamil: 'ta',
  telugu: 'te',
  kannada: 'kn',
  malayalam: 'ml',
  sinhala: 'si',
};

// [first, last, script], sorted by first code point, for a binary search.
const RANGES: readonly (readonly [number, number, Script])[] = [
  [0x0041, 0x005a, 'latin'],
  [0x0061, 0x007a, 'latin'],
  [0x00c0, 0x00d6, 'latin'],
  [0x00d8, 0x00f6, 'latin'],
  [0x00f8, 0x024f, 'latin'],
  [0x0370, 0x03ff, 'greek'],
  [0x0400, 0x052f, 'cyrillic'],
  [0x0531, 0x058f, 'armenian'],
  [0x0591, 0x05f4, 'hebrew'],
  [0x0610, 0x061a, 'arabic'],
  [0x0620, 0x065f, 'arabic'],
  [0x066e, 0x06d3, 'arabic'],
  [0x06d5, 0x06ef, 'arabic'],
  [0x06fa, 0x06ff, 'arabic'],
  [0x0750, 0x077f, 'arabic'],
  [0x08a0, 0x08ff, 'arabic'],
  [0x0900, 0x0963, 'devanagari'],
  [0x0971, 0x097f, 'devanagari'],
  [0x0980, 0x09e3, 'bengali'],
  [0x09f0, 0x09f1, 'bengali'],
  [0x0a00, 0x0a65, 'gurmukhi'],
  [0x0a70, 0x0a7f, 'gurmukhi'],
  [0x0a80, 0x0ae5, 'gujarati'],
  [0x0af9, 0x0aff, 'gujarati'],
  [0x0b00, 0x0b65, 'oriya'],
  [0x0b71, 0x0b7f, 'oriya'],
  [0x0b80, 0x0be5, 'tamil'],
  [0x0c00, 0x0c65, 'telugu'],
  [0x0c80, 0x0ce5, 'kannada'],
  [0x0cf1, 0x0cff, 'kannada'],
  [0x0d00, 0x0d65, 'malayalam'],
  [0x0d7a, 0x0d7f, 'malayalam'],
  [0x0d80, 0x0de5, 'sinhala'],
  [0x0df2, 0x0dff, 'sinhala'],
  [0x0e01, 0x0e4e, 'thai'],
  [0x0e81, 0x0ecf, 'lao'],
  [0x0f00, 0x0fff, 'tibetan'],
  [0x1000, 0x103f, 'myanmar'],
  [0x1050, 0x109f, 'myanmar'],
  [0x10a0, 0x10ff, 'georgian'],
  [0x1100, 0x11ff, 'hangul'],
  [0x1200, 0x139f, 'ethiopic'],
  [0x1780, 0x17df, 'khmer'],
  [0x1c80, 0x1c8f, 'cyrillic'],
  [0x1c90, 0x1cbf, 'georgian'],
  [0x1e00, 0x1eff, 'latin'],
  [0x1f00, 0x1fff, 'greek'],
  [0x2d00, 0x2d2f, 'georgian'],
  [0x2de0, 0x2dff, 'cyrillic'],
  [0x2e80, 0x2fdf, 'han'],
  [0x3005, 0x3005, 'han'],
  [0x3007, 0x3007, 'han'],
  [0x3021, 0x3029, 'han'],
  [0x3038, 0x303b, 'han'],
  [0x3041, 0x309f, 'kana'],
  // U+30FB (・) and U+30FC (ー) are left out: Chinese text uses the middle dot between the parts
  // of a transcribed name (迈克尔・杰克逊), and neither says anything on its own.
  [0x30a0, 0x30fa, 'kana'],
  [0x30fd, 0x30ff, 'kana'],
  [0x3131, 0x318e, 'hangul'],
  [0x31f0, 0x31ff, 'kana'],
  [0x3400, 0x4dbf, 'han'],
  [0x4e00, 0x9fff, 'han'],
  [0xa640, 0xa69f, 'cyrillic'],
  [0xa720, 0xa7ff, 'latin'],
  [0xa960, 0xa97f, 'hangul'],
  [0xab30, 0xab6f, 'latin'],
  [0xac00, 0xd7ff, 'hangul'],
  [0xf900, 0xfaff, 'han'],
  [0xfb1d, 0xfb4f, 'hebrew'],
  [0xfb50, 0xfdff, 'arabic'],
  [0xfe70, 0xfefc, 'arabic'],
  [0xff21, 0xff3a, 'latin'],
  [0xff41, 0xff5a, 'latin'],
  [0xff66, 0xff9d, 'kana'],
  [0xffa0, 0xffdc, 'hangul'],
  [0x1b000, 0x1b16f, 'kana'],
  [0x20000, 0x3134f, 'han'],
];

const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;

/** The script of a letter, or undefined when the character is not a letter (digits, punctuation). */
export function scriptOf(codePoint: number): Script | undefined {
  if (codePoint < 0x41) return undefined;
  let low = 0;
  let high = RANGES.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last, script] = RANGES[middle]!;
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return script;
  }
  // Only ASCII letters are in the table below U+00C0; the rest of that range is punctuation.
  if (codePoint < 0xc0) return codePoint === 0xaa || codePoint === 0xba ? 'latin' : undefined;
  if (codePoint === 0x30fb || codePoint === 0x30fc) return undefined;
  return LETTER.test(String.fromCodePoint(codePoint)) ? 'other' : undefined;
}

export interface ScriptProfile {
  /** Letters per script. */
  letters: Partial<Record<Script, number>>;
  /** All letters. */
  total: number;
  /** Han, Kana and Hangul letters. */
  cjk: number;
  /** Runs of Hangul syllables (Korean separates words with spaces). */
  hangulWords: number;
  /** Runs of letters in scripts other than Han, Kana and Hangul. */
  otherWords: number;
}

function isCjk(script: Script): boolean {
  return script === 'han' || script === 'kana' || script === 'hangul';
}

/** Counts letters per script, and words where words are separated by spaces. */
export function profileScripts(text: string): ScriptProfile {
  const letters: Partial<Record<Script, number>> = {};
  let total = 0;
  let cjk = 0;
  let hangulWords = 0;
  let otherWords = 0;
  let previous: Script | undefined;
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    const script = scriptOf(codePoint);
    if (script === undefined) {
      // Combining marks continue the word they belong to.
      if (previous !== undefined && codePoint >= 0x300 && MARK.test(char)) continue;
      previous = undefined;
      continue;
    }
    letters[script] = (letters[script] ?? 0) + 1;
    total++;
    if (isCjk(script)) cjk++;
    if (script !== previous) {
      if (script === 'hangul') hangulWords++;
      else if (!isCjk(script)) otherWords++;
    }
    previous = script;
  }
  return { letters, total, cjk, hangulWords, otherWords };
}
