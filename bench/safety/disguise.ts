/**
 * Disguise generators: each turns a lexicon term into the kind of variant people type to slip
 * past filters. Deterministic given the Random instance. A generator returns undefined when it
 * does not apply to a term (e.g. numerals for a term without digits).
 */
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import type { Random } from './random.js';

export type Disguise = (term: string, random: Random) => string | undefined;

const LATIN_TERM = /^[\p{Script=Latin}0-9 $'\-.]+$/u;
const HAN_TERM = /^\p{Script=Han}+$/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

// Separators people put between letters. `+ | ! @ $` are left out: they are read as leetspeak.
const SEPARATORS = [
  '.',
  '-',
  '_',
  '*',
  '~',
  '/',
  '·',
  '•',
  ',',
  ';',
  ':',
  '^',
  '#',
  '♥',
  '★',
  '🔥',
  '😂',
  '👉',
];
const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\ufe0f', '\u200e', '\u180e'];
// Cyrillic, Greek and Armenian look-alikes listed in Unicode's confusables for the Latin letter.
const HOMOGLYPHS: Record<string, string[]> = {
  a: ['а', 'α'],
  c: ['с', 'ϲ'],
  e: ['е'],
  o: ['о', 'ο'],
  p: ['р', 'ρ'],
  x: ['х'],
  y: ['у', 'γ'],
  i: ['і', 'ι'],
  s: ['ѕ'],
  j: ['ј'],
  h: ['һ'],
  n: ['ո'],
  u: ['υ', 'ս'],
  d: ['ԁ'],
  g: ['ɡ'],
  l: ['ӏ'],
  w: ['ԝ'],
  v: ['ν'],
  r: ['г'],
  q: ['ԛ'],
};
const LEET: Record<string, string[]> = {
  a: ['4', '@'],
  e: ['3'],
  i: ['1', '!'],
  o: ['0'],
  s: ['5', '$'],
  t: ['7'],
  l: ['1'],
  b: ['8'],
  g: ['9'],
};
// Mathematical alphanumeric styles (bold, italic, script bold, fraktur bold, bold italic,
// sans-serif, monospace) and enclosed letters (circled, negative squared).
const STYLES: ((letter: number) => number)[] = [
  (l) => 0x1d41a + l,
  (l) => (l === 7 ? 0x210e : 0x1d44e + l),
  (l) => 0x1d4ea + l,
  (l) => 0x1d586 + l,
  (l) => 0x1d482 + l,
  (l) => 0x1d5ba + l,
  (l) => 0x1d68a + l,
  (l) => 0x24d0 + l,
  (l) => 0x1f170 + l,
];

function letters(term: string): string[] {
  return [...term];
}

function isLatinLetter(char: string): boolean {
  return /^[a-z]$/i.test(char);
}

function latinOnly(fn: Disguise): Disguise {
  return (term, random) => (LATIN_TERM.test(term) ? fn(term, random) : undefined);
}

const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });

export const LATIN_DISGUISES: Record<string, Disguise> = {
  'mixed case': latinOnly((term, random) =>
    letters(term)
      .map((c) => (random.next() < 0.5 ? c.toUpperCase() : c.toLowerCase()))
      .join(''),
  ),
  'spaces between letters': latinOnly((term) => letters(term).join(' ')),
  'symbols between letters': latinOnly((term, random) =>
    letters(term).reduce(
      (out, c, i) =>
        i === 0 || c === ' ' || out.endsWith(' ') ? out + c : out + random.pick(SEPARATORS) + c,
      '',
    ),
  ),
  homoglyphs: latinOnly((term, random) => {
    let changed = false;
    const out = letters(term).map((c) => {
      const options = HOMOGLYPHS[c.toLowerCase()];
      if (!options || random.next() < 0.4) return c;
      changed = true;
      return random.pick(options);
    });
    return changed ? out.join('') : undefined;
  }),
  'repeated letters': latinOnly((term, random) => {
    const chars = letters(term);
    const candidates = chars.flatMap((c, i) => (isLatinLetter(c) ? [i] : []));
    if (candidates.length === 0) return undefined;
    const picks = new Set([random.pick(candidates), random.pick(candidates)]);
    return chars.map((c, i) => (picks.has(i) ? c.repeat(random.int(3, 5)) : c)).join('');
  }),
  leetspeak: latinOnly((term, random) => {
    let changed = false;
    const out = letters(term).map((c) => {
      const options = LEET[c.toLowerCase()];
      if (!options || random.next() < 0.3) return c;
      changed = true;
      return random.pick(options);
    });
    return changed ? out.join('') : undefined;
  }),
  'full-width': latinOnly((term) =>
    letters(term)
      .map((c) => (c > ' ' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
      .join(''),
  ),
  'stylized and enclosed letters': latinOnly((term, random) => {
    const style = random.pick(STYLES);
    return letters(term)
      .map((c) =>
        isLatinLetter(c) ? String.fromCodePoint(style(c.toLowerCase().charCodeAt(0) - 0x61)) : c,
      )
      .join('');
  }),
  'invisible characters': latinOnly((term, random) =>
    letters(term).reduce((out, c, i) => (i === 0 ? c : out + random.pick(INVISIBLES) + c), ''),
  ),
  'combining marks': latinOnly((term, random) =>
    letters(term)
      .map((c) =>
        isLatinLetter(c) && random.next() < 0.7
          ? c + String.fromCharCode(0x300 + random.int(0, 0x2f))
          : c,
      )
      .join(''),
  ),
  'numeral forms': (term, random) => {
    if (!/[0-9]/.test(term)) return undefined;
    return letters(term)
      .map((c) => {
        if (!/[0-9]/.test(c)) return c;
        const digit = Number(c);
        const forms = [
          digit === 0 ? '⓪' : String.fromCharCode(0x245f + digit),
          String.fromCharCode(0xff10 + digit),
          '零壹贰叁肆伍陆柒捌玖'[digit]!,
          String.fromCodePoint(0x1d7ce + digit),
        ];
        return random.pick(forms);
      })
      .join('');
  },
};

export const CHINESE_DISGUISES: Record<string, Disguise> = {
  'traditional characters': (term) => {
    if (!HAN_TERM.test(term)) return undefined;
    const converted = toTraditional(term);
    return converted === term ? undefined : converted;
  },
  pinyin: (term, random) => {
    if (!HAN_TERM.test(term) || [...term].length < 2) return undefined;
    const syllables = pinyin(term, { toneType: 'none', type: 'array' });
    return syllables.join(random.next() < 0.5 ? '' : ' ');
  },
  'pinyin initials': (term, random) => {
    if (!HAN_TERM.test(term) || [...term].length < 2) return undefined;
    const syllables = pinyin(term, { toneType: 'none', type: 'array' });
    return syllables.map((s) => s[0]).join(random.pick([' ', '.', '-', ' . ']));
  },
};

export const CJK_DISGUISES: Record<string, Disguise> = {
  'spaces between characters': (term) => (CJK.test(term) ? letters(term).join(' ') : undefined),
  'symbols between characters': (term, random) =>
    CJK.test(term)
      ? letters(term).reduce((out, c, i) => (i === 0 ? c : out + random.pick(SEPARATORS) + c), '')
      : undefined,
};
