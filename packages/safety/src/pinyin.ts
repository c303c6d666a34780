/**
 * Toneless pinyin of Chinese terms, for matching romanized disguises (`dama`, `d m` for 大麻).
 * Readings come from generated tables; phrase readings of shipped terms override per-character
 * readings where a character has several (heteronyms).
 */
import { PINYIN_PHRASES, PINYIN_TABLE } from './data/pinyin.generated.js';
import { skeletonString } from './fold.js';

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
  const phrase = PINYIN_PHRASES[term] ?? PINYIN_PHRASES[skeletonString(term)];
  if (phrase) return phrase.split(' ');
  const table = readingTable();
  const syllables: string[] = [];
  for (const char of term) {
    const reading = table.get(char) ?? table.get(skeletonString(char));
    if (!reading) return undefined;
    syllables.push(reading);
  }
  return syllables;
}
