/**
 * Ordinary Chinese words from CC-CEDICT (CC BY-SA 4.0, MDBG), for the word check of Chinese
 * substring terms: where a term sits inside a longer ordinary word (头 in 埋头苦干, 鸡 in 卤鸡肉,
 * 白粉 in 白粉笔), the writer wrote that word, not the term. ICU's segmenter alone splits some of
 * these words. Headwords whose senses are vulgar, slang, sexual or about drugs are left out: a
 * longer word of that kind never shields the term inside it.
 *
 * The words are generated data (`data/chinese-words.generated.ts`, from the `cc-cedict` package by
 * `scripts/generate-chinese-words.ts`), grouped by first character. They are indexed once per
 * process, when the first lexicon with Chinese substring terms is compiled
 * (`loadOrdinaryChineseWords`): a map from first character to the rest of its words, looked up
 * only when a Chinese term has matched.
 */
import { CHINESE_WORDS } from './data/chinese-words.generated.js';

const LONGEST = 6;

/** First character → ` rest1 rest2 … ` (spaces around every rest, so a lookup is one search). */
let groups: Map<string, string> | undefined;

/** Indexes the ordinary words (once per process); answers how many first characters they have. */
export function loadOrdinaryChineseWords(): number {
  if (!groups) {
    groups = new Map();
    for (const line of CHINESE_WORDS.split('\n')) {
      const space = line.indexOf(' ');
      groups.set(line.slice(0, space), `${line.slice(space)} `);
    }
  }
  return groups.size;
}

/** Whether `word` (two to six Han characters) is an ordinary word of the dictionary. */
export function isOrdinaryChineseWord(word: string): boolean {
  if (/\s/.test(word)) return false;
  if (!groups) loadOrdinaryChineseWords();
  const first = String.fromCodePoint(word.codePointAt(0) ?? 0);
  return groups?.get(first)?.includes(` ${word.slice(first.length)} `) ?? false;
}

/**
 * Whether the Han span [start, end) of `text` lies inside a longer ordinary word written around
 * it (`卤鸡肉` holds 鸡肉 around 鸡).
 */
export function insideLongerWord(text: string, start: number, end: number): boolean {
  if (!groups || end - start >= LONGEST) return false;
  for (let from = Math.max(0, start - (LONGEST - 1)); from <= start; from++) {
    for (let to = Math.max(end, from + 2); to <= Math.min(text.length, from + LONGEST); to++) {
      if (to - from <= end - start) continue;
      if (isOrdinaryChineseWord(text.slice(from, to))) return true;
    }
  }
  return false;
}
