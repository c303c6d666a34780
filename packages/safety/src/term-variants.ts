/**
 * Variants of a term for the token folds (tokens.ts): how the term reads in a leet token, in a
 * disguised (mixed or foreign-script) token, and with its accents stripped. Each variant that
 * differs from the term's own spelling is added with a flag saying which token mode the text
 * must have been read in (gaps.ts), so `siut` (slut in leet) never fires on a plain `siut`, and
 * Russian `его` read as Latin `ero` fires only on a disguised token, never on Italian `ero`.
 */

import { foldCodePoint, SPACE } from './fold.js';
import {
  defaultMode,
  PATTERN_BREAKS_REQUIRED,
  PATTERN_LEET,
  PATTERN_SKELETON,
  PATTERN_STRIPPED,
  PATTERN_WORD,
  type PatternTable,
  type Skeleton,
  termSkeleton,
} from './patterns.js';
import { pinyinSyllables } from './pinyin.js';
import { MODE_LEET, MODE_SKELETON, MODE_STRIPPED, specialFold } from './token-fold.js';
import type { LexiconEntry } from './types.js';

const NO_SPACE_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const LOOKALIKE_LETTER =
  /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]/u;
/** Below this many units, a term stripped of its accents is too often another word (`pédé` → `pede`). */
const STRIPPED_ALONE = 5;

function skeleton(): Skeleton {
  return { units: [], counts: [], flags: [] };
}
const own = skeleton();
const variant = skeleton();

function same(a: Skeleton, b: Skeleton): boolean {
  if (a.units.length !== b.units.length) return false;
  for (let i = 0; i < a.units.length; i++)
    if (a.units[i] !== b.units[i] || a.counts[i] !== b.counts[i]) return false;
  return true;
}

/** Adds the token-fold variants of one entry to the pattern table. */
export function addFoldVariants(
  table: PatternTable,
  entry: LexiconEntry,
  index: number,
  withPinyin: boolean,
): void {
  if (withPinyin) addUmlautPinyin(table, entry, index);
  if (!LOOKALIKE_LETTER.test(entry.term)) return;
  const mode = entry.match ?? defaultMode(entry.term);
  const noSpaces = NO_SPACE_SCRIPT.test(entry.term);
  const locale = mode === 'word' && noSpaces ? (entry.lang ?? 'zh') : undefined;
  const word = mode === 'word' ? PATTERN_WORD : 0;
  const flags = word | (word && !noSpaces ? PATTERN_BREAKS_REQUIRED : 0);
  termSkeleton(entry.term, false, own);
  if (own.units.length === 0) return;
  const seen: Skeleton[] = [];
  for (const [foldMode, need] of [
    // Least demanding first: a later variant equal to an earlier one adds nothing.
    [MODE_STRIPPED, PATTERN_STRIPPED],
    [MODE_LEET, PATTERN_LEET],
    [MODE_LEET | MODE_STRIPPED, PATTERN_LEET],
    [MODE_SKELETON, PATTERN_SKELETON],
  ] as const) {
    termSkeleton(entry.term, false, variant, (cp) => specialFold(cp, foldMode));
    if (variant.units.length === 0 || same(variant, own) || seen.some((s) => same(s, variant)))
      continue;
    seen.push({
      units: [...variant.units],
      counts: [...variant.counts],
      flags: [...variant.flags],
    });
    // Long enough, a term without its accents is how people type it (`cocaina`): no mode needed.
    const required =
      foldMode === MODE_STRIPPED && variant.units.length >= STRIPPED_ALONE ? 0 : need;
    addWithRepeats(table, variant, index, flags | required, locale);
  }
  // A phrase with only some of its words disguised (`säтta på`, `Hа фиг`): the disguised words
  // read as look-alikes, the others keep their exact letters.
  const words = entry.term.trim().split(/\s+/u).length;
  if (words < 2 || words > MAX_MIXED_WORDS) return;
  for (let subset = 1; subset < (1 << words) - 1; subset++) {
    let word = 0;
    termSkeleton(entry.term.trim(), false, variant, (cp) => {
      const base = foldCodePoint(cp);
      if (base === SPACE) {
        word++;
        return base;
      }
      return (subset >> word) & 1 ? specialFold(cp, MODE_SKELETON) : base;
    });
    if (variant.units.length === 0 || same(variant, own) || seen.some((s) => same(s, variant)))
      continue;
    seen.push({
      units: [...variant.units],
      counts: [...variant.counts],
      flags: [...variant.flags],
    });
    addWithRepeats(table, variant, index, flags | PATTERN_SKELETON, locale);
  }
}

/** Phrases up to this many words get a variant per set of disguised words. */
const MAX_MIXED_WORDS = 3;

const U_SYLLABLE = /^[nl]ue?$/u;

/**
 * Pinyin written with `ü` (`nüwang` for 女王): accented letters are exact now, so `ü` no longer
 * meets the table's toneless `u`; the syllables nu, nue, lu, lue get a reading with `ü` too.
 */
function addUmlautPinyin(table: PatternTable, entry: LexiconEntry, index: number): void {
  const syllables = pinyinSyllables(entry.term);
  if (!syllables || syllables.length < 2 || !syllables.some((s) => U_SYLLABLE.test(s))) return;
  const full = syllables.map((s) => (U_SYLLABLE.test(s) ? s.replace('u', 'ü') : s)).join(' ');
  // The same length rule as the plain romanization (patterns.ts): short ones are everyday words.
  if (full.length - syllables.length + 1 < 4) return;
  termSkeleton(full, false, variant);
  table.add(variant, index, PATTERN_WORD);
  termSkeleton(full, true, variant);
  table.add(variant, index, PATTERN_WORD);
}

/** Adds a skeleton and its spelled-out repeats (`a s s`), as addEntryPatterns does. */
function addWithRepeats(
  table: PatternTable,
  units: Skeleton,
  index: number,
  flags: number,
  locale: string | undefined,
): void {
  table.add(units, index, flags, 0, locale);
  let repeated = 0;
  let seen = 0;
  for (let i = 0; i < units.counts.length && seen < 3; i++) {
    if (units.counts[i]! > 1) {
      repeated |= 1 << i;
      seen++;
    }
  }
  for (let subset = repeated; subset > 0; subset = (subset - 1) & repeated)
    table.add(units, index, flags, subset, locale);
}
