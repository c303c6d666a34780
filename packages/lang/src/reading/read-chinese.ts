/**
 * A word-by-word reading of Chinese text: words segmented, each with its pinyin and a short
 * English gloss from CC-CEDICT. A reading aid for learners and newcomers, not a translation.
 */
import type { ChineseDictionary, DictionaryEntry } from './cedict.js';
import { pinyinWithMarks } from './pinyin.js';

export interface ReadingToken {
  /** The text as written (every character of the input is in exactly one token, in order). */
  text: string;
  /** Pinyin with tone marks (Chinese) or hiragana (Japanese words with kanji). */
  reading?: string;
  /** A short English gloss (the first senses of the entry). */
  gloss?: string;
  /** The reading in Latin letters, where `reading` is not already (Hepburn romaji for Japanese). */
  romaji?: string;
}

const HAN = /\p{Script=Han}/u;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Senses that only point elsewhere, read last when a word has several entries. */
const POINTER_SENSE =
  /^(?:(?:old |archaic |Japanese )?variant of|used in|see |erhua variant|surname )/i;

/** Proper nouns (capitalised pinyin) and pointer-only entries rank after common words. */
function entryRank(entry: DictionaryEntry): number {
  let rank = 0;
  if (/^[A-Z]/.test(entry.pinyin)) rank += 2;
  if (entry.senses.every((sense) => POINTER_SENSE.test(sense))) rank += 4;
  return rank;
}

/** The entry to show for a word: the most common-looking reading, dictionary order otherwise. */
export function pickEntry(entries: readonly DictionaryEntry[]): DictionaryEntry | undefined {
  let best: DictionaryEntry | undefined;
  for (const entry of entries) if (!best || entryRank(entry) < entryRank(best)) best = entry;
  return best;
}

/** A gloss short enough to sit under a word: the first senses without classifiers and notes. */
export function shortGloss(entry: DictionaryEntry, maxLength = 24): string {
  const senses = entry.senses
    .map((sense) =>
      sense
        .replace(/\s*\(?CL:[^)]*\)?/g, '')
        .replace(/\s*\[[^\]]*\]/g, '')
        .trim(),
    )
    .filter((sense) => sense !== '' && !/^(?:variant of|used in|see )/i.test(sense));
  const picked = senses.length > 0 ? senses : entry.senses;
  let gloss = picked[0] ?? '';
  for (const sense of picked.slice(1)) {
    if (gloss.length + sense.length + 2 > maxLength) break;
    gloss += `; ${sense}`;
  }
  return gloss.length > maxLength ? `${gloss.slice(0, maxLength - 1)}…` : gloss;
}

function tokenOf(word: string, dictionary: ChineseDictionary): ReadingToken {
  const entry = pickEntry(dictionary.lookup(word));
  if (!entry) return { text: word };
  return { text: word, reading: pinyinWithMarks(entry.pinyin), gloss: shortGloss(entry) };
}

/** Longest-match split of a run of Han characters the dictionary does not know as one word. */
function splitByDictionary(run: string, dictionary: ChineseDictionary): string[] {
  const words: string[] = [];
  let start = 0;
  while (start < run.length) {
    let end = Math.min(run.length, start + dictionary.longestWord);
    while (end > start + 1 && dictionary.lookup(run.slice(start, end)).length === 0) end--;
    // a character outside the BMP is two code units: never split it
    if (end === start + 1 && /[\uD800-\uDBFF]/.test(run[start]!)) end++;
    words.push(run.slice(start, end));
    start = end;
  }
  return words;
}

/**
 * Reads Chinese text (Simplified or Traditional) word by word. ICU's dictionary segmentation
 * proposes the words; a word CC-CEDICT does not know is split again by longest dictionary
 * match. Text in other scripts, spaces and punctuation come back as tokens without a reading.
 */
export function readChinese(text: string, dictionary: ChineseDictionary): ReadingToken[] {
  const tokens: ReadingToken[] = [];
  let plain = '';
  const flush = () => {
    if (plain !== '') tokens.push({ text: plain });
    plain = '';
  };
  for (const { segment } of segmenter.segment(text)) {
    if (!HAN.test(segment)) {
      plain += segment;
      continue;
    }
    flush();
    const words =
      dictionary.lookup(segment).length > 0 ? [segment] : splitByDictionary(segment, dictionary);
    for (const word of words) tokens.push(tokenOf(word, dictionary));
  }
  flush();
  return tokens;
}
