/**
 * Disguise classes for the public-lexicon benchmark. Each generator turns a term into a variant
 * people type to slip past filters, or returns undefined when the class does not apply to the
 * term (small capitals for a Chinese term, pinyin for an English one). Deterministic for a given
 * `Random`; the seed is fixed in public.ts and was never changed to improve a figure.
 *
 * These generators are independent of the matcher's own tables: the look-alike letters are the
 * ones people use, not only Unicode's confusables prototypes.
 */
import { pinyin } from 'pinyin-pro';
import type { Random } from './random.js';

export type PublicDisguise = (term: string, random: Random) => string | undefined;

const LATIN = /^[\p{Script=Latin}0-9 '\-.]+$/u;
const CYRILLIC = /^[\p{Script=Cyrillic} '\-.]+$/u;
const HAN = /^\p{Script=Han}+$/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LETTER = /\p{L}/u;

// Latin letter → Cyrillic and Greek look-alikes attackers type (several are not in Unicode's
// confusables: г for r, п for n, ь for b, τ for t).
const LATIN_LOOKALIKES: Record<string, string[]> = {
  a: ['а', 'α'],
  b: ['ь', 'в'],
  c: ['с', 'ϲ'],
  e: ['е', 'ε'],
  h: ['һ', 'н'],
  i: ['і', 'ι'],
  k: ['к', 'κ'],
  l: ['ӏ'],
  m: ['м'],
  n: ['п', 'η'],
  o: ['о', 'ο'],
  p: ['р', 'ρ'],
  r: ['г'],
  t: ['τ', 'т'],
  u: ['υ'],
  v: ['ν'],
  x: ['х', 'χ'],
  y: ['у', 'γ'],
};
// Cyrillic letter → Latin look-alike (the same trick the other way round).
const CYRILLIC_LOOKALIKES: Record<string, string[]> = {
  а: ['a'],
  в: ['B'],
  е: ['e'],
  к: ['k'],
  м: ['M'],
  н: ['H'],
  о: ['o'],
  р: ['p'],
  с: ['c'],
  т: ['T'],
  у: ['y'],
  х: ['x'],
  і: ['i'],
};
const SMALL_CAPS: Record<string, string> = {
  a: 'ᴀ',
  b: 'ʙ',
  c: 'ᴄ',
  d: 'ᴅ',
  e: 'ᴇ',
  f: 'ꜰ',
  g: 'ɢ',
  h: 'ʜ',
  i: 'ɪ',
  j: 'ᴊ',
  k: 'ᴋ',
  l: 'ʟ',
  m: 'ᴍ',
  n: 'ɴ',
  o: 'ᴏ',
  p: 'ᴘ',
  q: 'ǫ',
  r: 'ʀ',
  s: 'ꜱ',
  t: 'ᴛ',
  u: 'ᴜ',
  v: 'ᴠ',
  w: 'ᴡ',
  y: 'ʏ',
  z: 'ᴢ',
};
const LEET: Record<string, string[]> = {
  a: ['4'],
  b: ['8'],
  e: ['3'],
  g: ['9'],
  i: ['1'],
  l: ['1'],
  o: ['0'],
  s: ['5'],
  t: ['7'],
  z: ['2'],
};

function chars(term: string): string[] {
  return [...term];
}

/** Replaces each replaceable character with probability 0.6; undefined if none changed. */
function substitute(
  term: string,
  random: Random,
  table: Record<string, string[]>,
  lower: boolean,
): string | undefined {
  let changed = false;
  const out = chars(term).map((c) => {
    const options = table[lower ? c.toLowerCase() : c];
    if (!options || random.next() >= 0.6) return c;
    changed = true;
    return random.pick(options);
  });
  return changed ? out.join('') : undefined;
}

function between(term: string, separators: readonly string[], random: Random): string {
  const separator = random.pick(separators);
  return chars(term)
    .filter((c) => c !== ' ')
    .join(separator);
}

export const PUBLIC_DISGUISES: Record<string, PublicDisguise> = {
  plain: (term) => term,
  homoglyphs: (term, random) => {
    if (LATIN.test(term)) return substitute(term, random, LATIN_LOOKALIKES, true);
    if (CYRILLIC.test(term)) return substitute(term, random, CYRILLIC_LOOKALIKES, true);
    return undefined;
  },
  'small capitals': (term) =>
    LATIN.test(term)
      ? chars(term.toLowerCase())
          .map((c) => SMALL_CAPS[c] ?? c)
          .join('')
      : undefined,
  'full-width': (term) =>
    LATIN.test(term)
      ? chars(term)
          .map((c) => (c > ' ' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
          .join('')
      : undefined,
  // A token of letters and digits (`f4gg0t`): at least one letter stays a letter.
  leetspeak: (term, random) => {
    if (!LATIN.test(term)) return undefined;
    const out = substitute(term, random, LEET, true);
    return out && /\p{L}/u.test(out) ? out : undefined;
  },
  'separators (Latin)': (term, random) =>
    LATIN.test(term) && chars(term).length > 1 ? between(term, ['.', '-', ' '], random) : undefined,
  'separators (CJK)': (term, random) =>
    CJK.test(term) && chars(term).length > 1
      ? between(term, ['、', '|', '·', ' '], random)
      : undefined,
  'separators (other scripts)': (term, random) =>
    !LATIN.test(term) && !CJK.test(term) && LETTER.test(term) && chars(term).length > 1
      ? between(term, ['.', '-', ' '], random)
      : undefined,
  'run-together pinyin': (term) =>
    HAN.test(term) && chars(term).length > 1
      ? pinyin(term, { toneType: 'none', type: 'array' }).join('')
      : undefined,
  // Two letters repeated 3–6 times (`fuuuuck`).
  'stretched letters': (term, random) => {
    if (CJK.test(term) || !LETTER.test(term)) return undefined;
    const list = chars(term);
    const letters = list.flatMap((c, i) => (LETTER.test(c) ? [i] : []));
    const picks = new Set([random.pick(letters), random.pick(letters)]);
    return list.map((c, i) => (picks.has(i) ? c.repeat(random.int(3, 6)) : c)).join('');
  },
  // One to three combining marks (U+0300–U+036F) on every letter.
  'Zalgo marks': (term, random) => {
    if (CJK.test(term) || !LETTER.test(term)) return undefined;
    return chars(term)
      .map((c) => {
        if (!LETTER.test(c)) return c;
        let marks = '';
        for (let n = random.int(1, 3); n > 0; n--)
          marks += String.fromCharCode(0x300 + random.int(0, 0x6f));
        return c + marks;
      })
      .join('');
  },
  // Hiragana written as katakana and the other way round.
  'hiragana ↔ katakana': (term) => {
    if (!KANA.test(term)) return undefined;
    return chars(term)
      .map((c) => {
        const code = c.codePointAt(0)!;
        if (code >= 0x3041 && code <= 0x3096) return String.fromCodePoint(code + 0x60);
        if (code >= 0x30a1 && code <= 0x30f6) return String.fromCodePoint(code - 0x60);
        return c;
      })
      .join('');
  },
};
