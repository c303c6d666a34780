/**
 * Turns lexicon entries into skeleton patterns: the folded, run-collapsed symbol sequences the
 * automaton matches, with what each pattern needs checked afterwards (repeat counts, where
 * spaces may fall, word boundaries).
 */
import { digitOf, foldCodePoint, isMultiFold, multiFold, SPACE } from './fold.js';
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
  /** The breaks need some separator in the text: `se mata` is not the word `semata`. */
  breaksRequired: boolean;
  /** Unit indexes written with a digit in the term: `f4f` must not match the word `faf`. */
  digits: number[];
  /** Every unit after the first must be preceded by a separator (pinyin initials like `d m`). */
  separated: boolean;
  /** Only counts next to Chinese text (pinyin initials: `i l` is Latin, `买d m` is not). */
  hanContext: boolean;
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
  digits: number[];
}

/**
 * Folds a term and collapses repeats. Whitespace in the term becomes an allowed break, unless
 * `joined`, which drops it (the text `hailuoyin` collapses the `i` of `hai` and the `l` of `luo`).
 */
export function termSkeleton(term: string, joined = false): Skeleton {
  const units: number[] = [];
  const counts: number[] = [];
  const breaks: number[] = [];
  const digits: number[] = [];
  let space = false;
  const push = (cp: number, digit: boolean): void => {
    // Repeats collapse only when no space separates them, as in the text.
    if (!space && units.length > 0 && units[units.length - 1] === cp) {
      counts[counts.length - 1]!++;
      return;
    }
    if (space && units.length > 0) breaks.push(units.length);
    if (digit) digits.push(units.length);
    units.push(cp);
    counts.push(1);
    space = false;
  };
  for (const char of term) {
    const cp = char.codePointAt(0)!;
    const value = foldCodePoint(cp);
    if (value >= 0) push(value, value < 0x80 && digitOf(cp) >= 0);
    else if (isMultiFold(value)) for (const part of multiFold(value)) push(part, false);
    else if (value === SPACE && !joined) space = true;
  }
  return { units, counts, breaks, digits };
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
    const digits: number[] = [];
    for (let i = 0; i < skeleton.units.length; i++) {
      if (skeleton.breaks.includes(i)) breaks.push(units.length);
      if (skeleton.digits.includes(i)) digits.push(units.length);
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
    variants.push({ units, counts, breaks, digits });
  }
  return variants;
}

function sameSkeleton(a: Skeleton, b: Skeleton): boolean {
  return a.units.length === b.units.length && a.units.every((unit, i) => unit === b.units[i]);
}

/** All patterns of one entry: the term, its spelled-out repeats, and pinyin for Chinese. */
export function entryPatterns(entry: LexiconEntry, index: number, withPinyin: boolean): Pattern[] {
  const mode = entry.match ?? defaultMode(entry.term);
  const segmentLocale =
    mode === 'word' && NO_SPACE_SCRIPT.test(entry.term) ? (entry.lang ?? 'zh') : undefined;
  const base = termSkeleton(entry.term);
  if (base.units.length === 0) return [];
  const joined = termSkeleton(entry.term, true);
  const common = { entry: index, separated: false, hanContext: false, breaksRequired: false };
  // Words of alphabetic scripts need their spaces (or some separator); CJK and pinyin do not.
  const breaksRequired = mode === 'word' && !NO_SPACE_SCRIPT.test(entry.term);
  const patterns: Pattern[] = [base, ...splitRepeats(base)].map((skeleton) => ({
    ...common,
    ...skeleton,
    breaksRequired,
    mode,
    segmentLocale,
  }));
  if (!breaksRequired && !sameSkeleton(joined, base))
    patterns.push({ ...common, ...joined, mode, segmentLocale });
  const syllables = withPinyin ? pinyinSyllables(entry.term) : undefined;
  if (!syllables || syllables.length < 2) return patterns;
  const full = syllables.join(' ');
  // Short romanizations are ordinary words too often (`ai`, `ma`) to stand alone.
  if (full.replace(/ /g, '').length >= 4) {
    for (const joinedPinyin of [false, true]) {
      patterns.push({
        ...common,
        ...termSkeleton(full, joinedPinyin),
        mode: 'word',
        segmentLocale: undefined,
      });
    }
  }
  // Initials (`d m`) are short and common as plain letters: they count only spelled apart and
  // next to Chinese text, and never as exceptions, which would cancel real matches.
  if (entry.allow) return patterns;
  const initials = syllables.map((s) => termSkeleton(s[0]!).units[0]!);
  const apart = {
    ...common,
    breaks: [],
    digits: [],
    separated: true,
    hanContext: true,
    mode: 'word' as const,
  };
  // Each initial is its own unit when spaced apart; `k.k.y` collapses like any repeat.
  patterns.push({
    ...apart,
    units: initials,
    counts: initials.map(() => 1),
    segmentLocale: undefined,
  });
  const collapsed = termSkeleton(initials.map((cp) => String.fromCodePoint(cp)).join(''));
  if (collapsed.units.length < initials.length) {
    patterns.push({
      ...apart,
      units: collapsed.units,
      counts: collapsed.counts,
      segmentLocale: undefined,
    });
  }
  return patterns;
}
