/**
 * Toneless pinyin of Chinese terms, for matching romanized disguises (`dama`, `d m` for 大麻).
 * Readings come from generated tables; phrase readings of shipped terms override per-character
 * readings where a character has several (heteronyms).
 */
import { PINYIN_PHRASES, PINYIN_TABLE } from './data/pinyin.generated.js';
import { PINYIN_HETERONYMS } from './data/pinyin-heteronyms.generated.js';
import { foldCodePoint } from './fold.js';

let readings: Map<string, string> | undefined;

function readingTable(): Map<string, string> {
  if (!readings) {
    readings = new Map();
    for (const line of PINYIN_TABLE.split('\n')) {
      const space = line.indexOf(' ');
      const syllable = line.slice(0, space);
      for (const char of line.slice(space + 1)) readings.set(char, syllable);
    }
  }
  return readings;
}

/** The toneless reading of one ideograph (Simplified or Traditional), or undefined. */
export function readingOf(char: string): string | undefined {
  const table = readingTable();
  const folded = foldCodePoint(char.codePointAt(0)!);
  return table.get(char) ?? (folded >= 0 ? table.get(String.fromCodePoint(folded)) : undefined);
}

const HAN_ONLY = /^\p{Script=Han}+$/u;

/**
 * The syllables of a term written only in Han characters, or undefined when the term has other
 * characters or a character without a known reading. Traditional characters are read through
 * their Simplified fold.
 */
export function pinyinSyllables(term: string): string[] | undefined {
  if (!HAN_ONLY.test(term)) return undefined;
  const table = readingTable();
  const syllables: string[] = [];
  let simplified = '';
  for (const char of term) {
    // Traditional characters are looked up through their Simplified fold when needed.
    const folded = foldCodePoint(char.codePointAt(0)!);
    const plain = folded >= 0 ? String.fromCodePoint(folded) : char;
    const reading = table.get(char) ?? table.get(plain);
    if (!reading) return undefined;
    simplified += plain;
    syllables.push(reading);
  }
  const phrase = PINYIN_PHRASES[simplified];
  return phrase ? phrase.split(' ') : syllables;
}

let heteronyms: Map<string, string[]> | undefined;

function heteronymTable(): Map<string, string[]> {
  if (!heteronyms) {
    heteronyms = new Map();
    for (const item of PINYIN_HETERONYMS.split(' ')) {
      const char = String.fromCodePoint(item.codePointAt(0)!);
      heteronyms.set(char, item.slice(char.length).split(','));
    }
  }
  return heteronyms;
}

/**
 * Other romanizations of a term whose characters have several readings, one character read
 * otherwise at a time (买卖银行卡: mai mai yin hang ka besides yin xing); at most `max`. None
 * for terms with a phrase reading.
 */
export function otherReadings(term: string, syllables: readonly string[], max = 8): string[][] {
  const table = heteronymTable();
  const chars = [...term];
  const variants: string[][] = [];
  // A phrase reading settles the heteronyms (彈藥 is dan yao, never tan yao).
  let simplified = '';
  for (const char of chars) {
    const folded = foldCodePoint(char.codePointAt(0)!);
    simplified += folded >= 0 ? String.fromCodePoint(folded) : char;
  }
  if (PINYIN_PHRASES[simplified]) return variants;
  for (let i = 0; i < chars.length && i < syllables.length; i++) {
    const folded = foldCodePoint(chars[i]!.codePointAt(0)!);
    const plain = folded >= 0 ? String.fromCodePoint(folded) : chars[i]!;
    for (const reading of table.get(chars[i]!) ?? table.get(plain) ?? []) {
      if (reading === syllables[i] || variants.length >= max) continue;
      const variant = [...syllables];
      variant[i] = reading;
      variants.push(variant);
    }
  }
  return variants;
}
