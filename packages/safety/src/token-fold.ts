/**
 * Folds that depend on the token a character stands in, not on the character alone (see
 * tokens.ts for how a token earns them). Each is cached per code point and mode, so a disguised
 * token costs a map lookup per character; ordinary tokens never come here.
 */
import {
  BREAK,
  baseSkeleton,
  COMBINING,
  foldCodePoint,
  IGNORE,
  internFold,
  isInheritedMark,
  SPACE,
  SYMBOL,
} from './fold.js';
import { lookalikeOf } from './lookalikes.js';

/** Leetspeak: the token mixes digits or symbols with letters (`sh1t`, `a$$`). */
export const MODE_LEET = 1;
/** Look-alikes: a mixed-script token, or one whose script differs from its neighbours'. */
export const MODE_SKELETON = 2;
/** Stray or stacked marks (Zalgo): every mark of the token is noise. */
export const MODE_STRIPPED = 4;

// Leetspeak digits and symbols; `l` and `1` both fold to `i` so that `sh1t`, `5lut` and `s1ut` meet.
const LEET_UNITS: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '2': 'z',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  l: 'i',
};
/** Symbols read as letters inside a leet token (and only there: `$100`, `hi!` stay as they are). */
export const LEET_SYMBOLS: Readonly<Record<string, string>> = {
  '@': 'a',
  $: 's',
  '!': 'i',
  '€': 'e',
};

/** Removes the marks every script shares (é → e, й → и), keeping kana voicing and script marks. */
export function stripInheritedMarks(text: string): string {
  let out = '';
  for (const char of text.normalize('NFD')) if (!isInheritedMark(char)) out += char;
  return out.normalize('NFC');
}

function computeSpecial(cp: number, mode: number): number {
  const base = foldCodePoint(cp);
  if (base === BREAK || base === SPACE) return base;
  const char = String.fromCodePoint(cp);
  if (mode & MODE_LEET && LEET_SYMBOLS[char] !== undefined)
    return LEET_SYMBOLS[char]!.codePointAt(0)!;
  if (base === COMBINING) return mode & (MODE_STRIPPED | MODE_SKELETON) ? IGNORE : COMBINING;
  if (base === IGNORE) return IGNORE;
  let text = char;
  if (mode & MODE_SKELETON) text = lookalikeOf(char) ?? char;
  if (base === SYMBOL && text === char) return SYMBOL;
  text = baseSkeleton(text);
  if (mode & (MODE_STRIPPED | MODE_SKELETON)) text = stripInheritedMarks(text);
  if (mode & MODE_SKELETON) {
    let mapped = '';
    for (const c of text) mapped += lookalikeOf(c) ?? c;
    text = mapped;
  }
  if (mode & MODE_LEET) {
    let mapped = '';
    for (const c of text) mapped += LEET_UNITS[c] ?? c;
    text = mapped;
  }
  const units = [...text].map((c) => c.codePointAt(0)!);
  return units.length === 0 ? (base === SYMBOL ? SYMBOL : IGNORE) : internFold(units);
}

const cache = new Map<number, number>();

/** The fold of a code point in a token with the given modes (0: the ordinary fold). */
export function specialFold(cp: number, mode: number): number {
  if (mode === 0) return foldCodePoint(cp);
  const key = cp * 8 + mode;
  let value = cache.get(key);
  if (value === undefined) {
    value = computeSpecial(cp, mode);
    cache.set(key, value);
  }
  return value;
}

const LEET_SYMBOL = /[@$!€]/gu;
const LATIN_LETTER = /\p{Script=Latin}/u;

/**
 * Whether a term is spelled with leet symbols (`a$$`, `@$$`, `sh!t`): read as a text token would
 * be, its symbols are letters, so it has no plain spelling of its own (dropping the symbols would
 * leave `a`); only its leet reading is matched.
 */
export function spelledInLeet(term: string): boolean {
  return term.split(/\s+/u).some((word) => {
    const symbols = word.replace(/!+$/u, '').match(LEET_SYMBOL)?.length ?? 0;
    return symbols > 0 && (LATIN_LETTER.test(word) || symbols >= 2);
  });
}
