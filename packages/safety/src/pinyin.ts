/**
 * Toneless pinyin of Chinese terms, for matching romanized disguises (`dama`, `d m` for 大麻).
 * Readings come from generated tables; phrase readings of shipped terms override per-character
 * readings where a character has several (heteronyms).
 */
import { PINYIN_PHRASES, PINYIN_TABLE } from './data/pinyin.generated.js';
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
