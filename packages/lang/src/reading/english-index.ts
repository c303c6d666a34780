/**
 * English words → Chinese headwords, from the glosses of CC-CEDICT: how an English query also
 * finds Chinese notes (`cat` → 猫, 貓). Only a sense that is one English word (after dropping
 * parentheses and a leading "to" or article) counts, and only in an entry's first two senses of
 * a common word (no proper nouns, no pointer-only entries): "cat" maps to 猫, not to every word
 * whose long gloss mentions a cat.
 *
 * CC-CEDICT has no word frequencies, so among the headwords of a word the common ones are told
 * by how many headwords their characters appear in (a rare character such as 姹 is in few; 美
 * is in hundreds): a headword counts as common as its rarest character.
 */
import type { ChineseDictionary, DictionaryEntry } from './cedict.js';
import { pickEntry } from './read-chinese.js';

export interface EnglishIndex {
  /** Chinese headwords (Simplified, then Traditional when it differs) glossed as `word`. */
  chineseFor(word: string): readonly string[];
  readonly size: number;
}

const ONE_WORD = /^[a-z]+$/;
const HAN_ONLY = /^\p{Script=Han}+$/u;
const SENSES_READ = 2;
const HEADWORDS_PER_WORD = 3;

function englishWordOf(sense: string): string | null {
  const cleaned = sense
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/^(?:to|a|an|the)\s+/, '')
    .trim();
  return ONE_WORD.test(cleaned) ? cleaned : null;
}

export function createEnglishIndex(dictionary: ChineseDictionary): EnglishIndex {
  const productivity = new Map<string, number>();
  for (const entry of dictionary.entries()) {
    for (const character of new Set(entry.simplified)) {
      productivity.set(character, (productivity.get(character) ?? 0) + 1);
    }
  }
  const commonness = (headword: string) =>
    Math.min(...Array.from(headword, (character) => productivity.get(character) ?? 0));
  // word → [sense position, commonness, entry]
  const found = new Map<string, [number, number, DictionaryEntry][]>();
  for (const entry of dictionary.entries()) {
    if (!HAN_ONLY.test(entry.simplified)) continue;
    // the entry a reader would be shown for this headword: skips surnames and variant pointers
    if (pickEntry(dictionary.lookup(entry.simplified)) !== entry) continue;
    entry.senses.slice(0, SENSES_READ).forEach((sense, position) => {
      const word = englishWordOf(sense);
      if (!word) return;
      const list = found.get(word) ?? [];
      list.push([position, commonness(entry.simplified), entry]);
      found.set(word, list);
    });
  }
  const index = new Map<string, string[]>();
  for (const [word, list] of found) {
    list.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const headwords: string[] = [];
    for (const [, , entry] of list.slice(0, HEADWORDS_PER_WORD)) {
      for (const form of [entry.simplified, entry.traditional]) {
        if (!headwords.includes(form)) headwords.push(form);
      }
    }
    index.set(word, headwords);
  }
  return { chineseFor: (word) => index.get(word.toLowerCase()) ?? [], size: index.size };
}
