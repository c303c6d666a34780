/**
 * Scunthorpe traps found mechanically: words of a language's word list (public-corpora.ts) that
 * contain a term of the same language's lists as a substring without being that term.
 *
 * A candidate is left out when it is probably the term itself in another form:
 * - it is a term of any list (case-insensitively);
 * - in scripts written with spaces, it is the term plus at most three letters (`fucked`,
 *   `fucking`), or in Hangul plus at most two syllables (a particle or ending);
 * - in Chinese, Japanese and Thai, `Intl.Segmenter` puts word boundaries at both ends of the term
 *   inside the candidate (色情片 → 色情|片: a compound of the term), so only candidates where the
 *   term straddles a word boundary stay (大麻雀 → 大|麻雀, 特色情调 → 特色|情调).
 *
 * What remains is mostly innocent words, but not all: a list of a few hundred words per language
 * is not checked by hand, so a flagged trap is an upper bound on the false-positive count. At most
 * `cap` traps per language are kept, drawn with a seeded shuffle; each is shown with the longest
 * term it contains.
 */

import { primaryOf, wordList } from './public-corpora.js';
import type { PublicTerm } from './public-lexicons.js';
import { Random } from './random.js';

/** Traps named by the outside evaluation, tested as they were given. */
export const NAMED_CHINESE_TRAPS = ['大麻雀', '特色情调', '清洗钱包', '白粉笔', '子弹簧'];

export interface TrapSet {
  lang: string;
  script: string;
  source: string;
  candidates: number;
  traps: { word: string; term: string }[];
}

const UNSPACED = new Set(['zh', 'ja', 'th']);

const SCRIPTS: [string, RegExp][] = [
  ['Han', /\p{Script=Han}/u],
  ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Latin', /\p{Script=Latin}/u],
];

export function scriptOf(text: string): string {
  for (const [name, pattern] of SCRIPTS) if (pattern.test(text)) return name;
  return 'other';
}

const segmenters = new Map<string, Intl.Segmenter>();

function straddles(word: string, at: number, length: number, lang: string): boolean {
  const segmenter = segmenters.get(lang) ?? new Intl.Segmenter(lang, { granularity: 'word' });
  segmenters.set(lang, segmenter);
  const bounds = new Set<number>([word.length]);
  for (const s of segmenter.segment(word)) bounds.add(s.index);
  return !(bounds.has(at) && bounds.has(at + length));
}

/** Traps per language and script of the lexicon, deterministic for `seed`. */
export function findTraps(terms: readonly PublicTerm[], cap: number, seed: number): TrapSet[] {
  const everyTerm = new Set(terms.map((t) => t.term.toLowerCase()));
  const byLang = new Map<string, PublicTerm[]>();
  for (const t of terms) {
    const lang = primaryOf(t.lang);
    const list = byLang.get(lang) ?? [];
    list.push(t);
    byLang.set(lang, list);
  }
  const sets: TrapSet[] = [];
  for (const [lang, own] of [...byLang].sort((a, b) => a[0].localeCompare(b[0]))) {
    const list = wordList(lang);
    // Group the language's terms by script: a word is tested against terms of its script.
    const byScript = new Map<string, Set<string>>();
    for (const t of own) {
      const lower = t.term.toLowerCase();
      const script = scriptOf(lower);
      byScript.set(script, (byScript.get(script) ?? new Set()).add(lower));
    }
    const found = new Map<string, { word: string; term: string; script: string }>();
    for (const raw of list.words) {
      const word = raw.toLowerCase();
      if (everyTerm.has(word) || found.has(word)) continue;
      const script = scriptOf(word);
      // The longest term the word contains and is not a form of.
      let chosen: string | undefined;
      for (const term of byScript.get(script) ?? []) {
        if (chosen !== undefined && term.length <= chosen.length) continue;
        const at = word.indexOf(term);
        if (at < 0 || word === term) continue;
        if (UNSPACED.has(lang)) {
          if (!straddles(word, at, term.length, lang)) continue;
        } else {
          const tail = [...word.slice(at + term.length)].length;
          const limit = script === 'Hangul' ? 2 : 3;
          if (at === 0 && tail <= limit) continue;
        }
        chosen = term;
      }
      if (chosen !== undefined) found.set(word, { word: raw, term: chosen, script });
    }
    const random = new Random(seed);
    const all = [...found.values()];
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    const scripts = new Map<string, { word: string; term: string }[]>();
    for (const item of all) {
      // In unspaced scripts one-character terms are split from longer ones: they make most of
      // the candidates, and the traps of the outside evaluation were of the longer kind.
      const length = [...item.term].length;
      if (UNSPACED.has(lang))
        item.script += length >= 2 ? ', term ≥ 2 characters' : ', one-character term';
      const items = scripts.get(item.script) ?? [];
      items.push(item);
      scripts.set(item.script, items);
    }
    for (const [script, items] of scripts) {
      sets.push({
        lang,
        script,
        source: list.source,
        candidates: items.length,
        traps: items.slice(0, cap).map(({ word, term }) => ({ word, term })),
      });
    }
  }
  return sets;
}
