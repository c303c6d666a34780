/**
 * Turns lexicon entries into skeleton patterns: the folded, run-collapsed symbol sequences the
 * automaton matches, with what each pattern needs checked afterwards (repeat counts, where
 * spaces may fall, word boundaries).
 */
import { foldCodePoint, isMultiFold, multiFold, SPACE } from './fold.js';
import { pinyinSyllables } from './pinyin.js';
import type { LexiconEntry, MatchMode } from './types.js';

export interface Pattern {
  entry: number;
  /** Skeleton code points, consecutive repeats collapsed. */
  units: number[];
  /** Minimum run length at each unit (≥ 1); repeated letters in the term must repeat in the text. */
  counts: number[];
  /** Unit indexes before which the text may have whitespace even though other units are joined. */
  breaks: number[];
  /** Every unit after the first must be preceded by a separator (pinyin initials like `d m`). */
  separated: boolean;
  mode: MatchMode;
  /** Locale for Intl.Segmenter word boundaries in scripts written without spaces. */
  segmentLocale: string | undefined;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const NO_SPACE_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Default mode: substring for Chinese, Japanese and Korean, whole words elsewhere. */
export function defaultMode(term: string): MatchMode {
  return CJK.test(term) ? 'substring' : 'word';
}

interface Skeleton {
  units: number[];
  counts: number[];
  breaks: number[];
}

/** Folds a term and collapses repeats; whitespace in the term becomes an allowed break. */
export function termSkeleton(term: string): Skeleton {
  const units: number[] = [];
  const counts: number[] = [];
  const breaks: number[] = [];
  let space = false;
  const push = (cp: number): void => {
    // Repeats collapse only when no space separates them, as in the text.
    if (!space && units.length > 0 && units[units.length - 1] === cp) {
      counts[counts.length - 1]!++;
      return;
    }
    if (space && units.length > 0) breaks.push(units.length);
    units.push(cp);
    counts.push(1);
    space = false;
  };
  for (const char of term) {
    const value = foldCodePoint(char.codePointAt(0)!);
    if (value >= 0) push(value);
    else if (isMultiFold(value)) for (const cp of multiFold(value)) push(cp);
    else if (value === SPACE) space = true;
  }
  return { units, counts, breaks };
}

/**
 * Spelled-out variants of repeated letters: `a s s` has three units where `ass` has two, because
 * the text keeps runs apart across spaces. Up to three repeats are split (eight variants).
 */
function splitRepeats(skeleton: Skeleton): Skeleton[] {
  const repeated = skeleton.counts
    .flatMap((count, index) => (count > 1 ? [index] : []))
    .slice(0, 3);
  const variants: Skeleton[] = [];
  for (let mask = 1; mask < 1 << repeated.length; mask++) {
    const units: number[] = [];
    const counts: number[] = [];
    const breaks: number[] = [];
    for (let i = 0; i < skeleton.units.length; i++) {
      if (skeleton.breaks.includes(i)) breaks.push(units.length);
      const bit = repeated.indexOf(i);
      const count = skeleton.counts[i]!;
      if (bit >= 0 && mask & (1 << bit)) {
        for (let k = 0; k < count; k++) {
          if (k > 0) breaks.push(units.length);
          units.push(skeleton.units[i]!);
          counts.push(1);
        }
      } else {
        units.push(skeleton.units[i]!);
        counts.push(count);
      }
    }
    variants.push({ units, counts, breaks });
  }
  return variants;
}

/** All patterns of one entry: the term, its spelled-out repeats, and pinyin for Chinese. */
export function entryPatterns(entry: LexiconEntry, index: number, withPinyin: boolean): Pattern[] {
  const mode = entry.match ?? defaultMode(entry.term);
  const segmentLocale =
    mode === 'word' && NO_SPACE_SCRIPT.test(entry.term) ? (entry.lang ?? 'zh') : undefined;
  const base = termSkeleton(entry.term);
  if (base.units.length === 0) return [];
  const patterns: Pattern[] = [base, ...splitRepeats(base)].map((skeleton) => ({
    entry: index,
    ...skeleton,
    separated: false,
    mode,
    segmentLocale,
  }));
  const syllables = withPinyin ? pinyinSyllables(entry.term) : undefined;
  if (syllables && syllables.length >= 2) {
    const full = syllables.join(' ');
    // Short romanizations are ordinary words too often (`ai`, `ma`) to stand alone.
    if (full.replace(/ /g, '').length >= 4) {
      patterns.push({
        entry: index,
        ...termSkeleton(full),
        separated: false,
        mode: 'word',
        segmentLocale: undefined,
      });
    }
    // Initials (`dm`) are short and common as plain words; they count only spelled apart (`d m`).
    // Each initial is its own unit, even when repeated: spelled apart, the text keeps them apart.
    const units = syllables.map((s) => termSkeleton(s[0]!).units[0]!);
    patterns.push({
      entry: index,
      units,
      counts: units.map(() => 1),
      breaks: [],
      separated: true,
      mode: 'word',
      segmentLocale: undefined,
    });
  }
  return patterns;
}
