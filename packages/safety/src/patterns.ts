/**
 * Turns lexicon entries into skeleton patterns: the folded, run-collapsed symbol sequences the
 * automaton matches, with what each pattern needs checked afterwards (repeat counts, where
 * spaces may fall, word boundaries). Patterns are stored flat in typed arrays: a lexicon of
 * 100,000 terms makes a few hundred thousand patterns, and one object each would keep the
 * garbage collector busy for longer than the whole build should take.
 */
import type { Alphabet } from './automaton.js';
import { digitOf, foldCodePoint, isMultiFold, multiFold, SPACE } from './fold.js';
import { homophoneVariants, mixedPinyinVariants } from './homophones.js';
import { otherReadings, pinyinSyllables } from './pinyin.js';
import { isRomanizedChinese } from './pinyin-text.js';
import { spelledInLeet } from './token-fold.js';
import type { LexiconEntry, MatchMode } from './types.js';

/** Per-unit flags. */
export const UNIT_BREAK = 1; // whitespace may come before this unit although the rest is joined
export const UNIT_DIGIT = 2; // the term wrote a digit here: `f4f` must not match the word `faf`

/** Per-pattern flags. */
export const PATTERN_WORD = 1; // whole words only
export const PATTERN_SEPARATED = 2; // every unit apart from the next (pinyin initials `d m`)
export const PATTERN_HAN_CONTEXT = 4; // only next to Chinese text (`i l` is not 裸聊)
export const PATTERN_BREAKS_REQUIRED = 8; // `se mata` needs its space: `semata` is a word
export const PATTERN_COUNTS = 16; // some unit must repeat (`ass`)
export const PATTERN_DIGITS = 32;
export const PATTERN_BREAKS = 64;
/** Variants of a term made by token folds: the match needs a position read in that mode (gaps.ts). */
export const PATTERN_LEET = 128;
export const PATTERN_SKELETON = 256;
export const PATTERN_STRIPPED = 512;
export const PATTERN_CJK_WORDS = 1024; // a CJK substring: no match across or inside a longer word
export const PATTERN_PINYIN = 2048; // a romanized Chinese term: only where the text may be pinyin
export const PATTERN_MIXED = 4096; // Han and pinyin mixed (`约pao`): its Latin ends are word ends

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const NO_SPACE_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Default mode: substring for Chinese, Japanese and Korean, whole words elsewhere. */
export function defaultMode(term: string): MatchMode {
  return CJK.test(term) ? 'substring' : 'word';
}

/** A folded term: parallel arrays of units, minimum repeat counts and unit flags. */
export interface Skeleton {
  units: number[];
  counts: number[];
  flags: number[];
}

function emptySkeleton(): Skeleton {
  return { units: [], counts: [], flags: [] };
}

/**
 * Folds a term and collapses repeats. Whitespace in the term becomes an allowed break, unless
 * `joined`, which drops it (the text `hailuoyin` collapses the `i` of `hai` and the `l` of `luo`).
 */
export function termSkeleton(
  term: string,
  joined = false,
  into: Skeleton = emptySkeleton(),
  fold: (cp: number) => number = foldCodePoint,
): Skeleton {
  const { units, counts, flags } = into;
  units.length = 0;
  counts.length = 0;
  flags.length = 0;
  let space = false;
  // Composed like the text's accented letters are (tokens.ts): `cafe\u0301` is `café`.
  const composed = term.normalize('NFC');
  for (let k = 0; k < composed.length; ) {
    const cp = composed.codePointAt(k)!;
    k += cp > 0xffff ? 2 : 1;
    const value = fold(cp);
    if (value === SPACE) {
      if (!joined) space = true;
      continue;
    }
    if (value < 0 && !isMultiFold(value)) continue;
    const parts = value >= 0 ? undefined : multiFold(value);
    const partCount = parts ? parts.length : 1;
    for (let i = 0; i < partCount; i++) {
      const unit = parts ? parts[i]! : value;
      const last = units.length - 1;
      // Repeats collapse only when no space separates them, as in the text.
      if (!space && last >= 0 && units[last] === unit) {
        counts[last]!++;
        continue;
      }
      let flag = space && last >= 0 ? UNIT_BREAK : 0;
      if (!parts && value < 0x80 && digitOf(cp) >= 0) flag |= UNIT_DIGIT;
      units.push(unit);
      counts.push(1);
      flags.push(flag);
      space = false;
    }
  }
  return into;
}

function sameUnits(a: Skeleton, b: Skeleton): boolean {
  if (a.units.length !== b.units.length) return false;
  for (let i = 0; i < a.units.length; i++) if (a.units[i] !== b.units[i]) return false;
  return true;
}

/** Growable flat storage of patterns, with units already mapped to alphabet symbols. */
export class PatternTable {
  count = 0;
  entry = new Int32Array(1024);
  flags = new Uint16Array(1024);
  start = new Int32Array(1025);
  unitCount = 0;
  symbols = new Int32Array(4096);
  counts = new Int32Array(4096);
  unitFlags = new Uint8Array(4096);
  /** Segmenter locales of the few patterns that need one. */
  readonly segmentLocale = new Map<number, string>();

  constructor(private readonly alphabet: Alphabet) {}

  /** Appends `units` (all, or split at `split`: see splitRepeats) as one pattern. */
  add(
    skeleton: Skeleton,
    entry: number,
    patternFlags: number,
    splitMask = 0,
    locale?: string,
  ): void {
    if (this.count + 1 >= this.entry.length) this.growPatterns();
    const { units, counts, flags } = skeleton;
    let patternFlag = patternFlags;
    for (let i = 0; i < units.length; i++) {
      const count = counts[i]!;
      // A split repeat becomes `count` units of one, each after a break (`a s s`).
      const copies = splitMask & (1 << i) ? count : 1;
      for (let c = 0; c < copies; c++) {
        if (this.unitCount === this.symbols.length) this.growUnits();
        const index = this.unitCount++;
        this.symbols[index] = this.alphabet.add(units[i]!);
        const minimum = copies > 1 ? 1 : count;
        this.counts[index] = minimum;
        // Copies after the first sit after a break; a run's digit flag speaks for its first copy.
        const flag = c === 0 ? flags[i]! : UNIT_BREAK;
        this.unitFlags[index] = flag;
        if (minimum > 1) patternFlag |= PATTERN_COUNTS;
        if (flag & UNIT_DIGIT) patternFlag |= PATTERN_DIGITS;
        if (flag & UNIT_BREAK) patternFlag |= PATTERN_BREAKS;
      }
    }
    if (!(patternFlag & PATTERN_BREAKS)) patternFlag &= ~PATTERN_BREAKS_REQUIRED;
    this.entry[this.count] = entry;
    this.flags[this.count] = patternFlag;
    if (locale !== undefined) this.segmentLocale.set(this.count, locale);
    this.count++;
    this.start[this.count] = this.unitCount;
  }

  /** The lexicon entry a pattern belongs to. */
  patternEntry(pattern: number): number {
    return this.entry[pattern]!;
  }

  private growPatterns(): void {
    const size = this.entry.length * 2;
    this.entry = copyInto(new Int32Array(size), this.entry);
    this.flags = copyInto(new Uint16Array(size), this.flags);
    this.start = copyInto(new Int32Array(size + 1), this.start);
  }

  private growUnits(): void {
    const size = this.symbols.length * 2;
    this.symbols = copyInto(new Int32Array(size), this.symbols);
    this.counts = copyInto(new Int32Array(size), this.counts);
    this.unitFlags = copyInto(new Uint8Array(size), this.unitFlags);
  }
}

function copyInto<
  T extends Int32Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Uint8Array<ArrayBuffer>,
>(to: T, from: T): T {
  to.set(from);
  return to;
}

/**
 * A romanized Chinese entry (`ya`, `caonima`, see isRomanizedChinese) is checked as pinyin is;
 * short ones, like the short romanizations never made from Chinese terms, are syllables of
 * many languages (`ya`, `ku`, `mo`) and count only next to Chinese characters.
 */
function romanizedFlags(entry: LexiconEntry, withPinyin: boolean): number {
  if (!withPinyin || entry.allow || !isRomanizedChinese(entry.term, entry.lang)) return 0;
  const letters = entry.term.replace(/\s+/gu, '').length;
  return PATTERN_PINYIN | (letters < MIN_PINYIN_ALONE ? PATTERN_HAN_CONTEXT : 0);
}

/** Romanizations shorter than this are everyday words too often (`ai`, `ma`) to stand alone. */
const MIN_PINYIN_ALONE = 4;

const base = emptySkeleton();
const joined = emptySkeleton();
const scratch = emptySkeleton();

/**
 * Adds the patterns of one entry: the term; spelled-out repeats (`a s s` has three units where
 * `ass` has two, because the text keeps runs apart across spaces; up to three repeats are split,
 * eight variants); the term without its spaces for CJK; and pinyin for Chinese.
 */
export function addEntryPatterns(
  table: PatternTable,
  entry: LexiconEntry,
  index: number,
  withPinyin: boolean,
): void {
  // A term spelled with leet symbols (`a$$`) has only its leet reading (term-variants.ts).
  if (spelledInLeet(entry.term)) return;
  const mode = entry.match ?? defaultMode(entry.term);
  const noSpaces = NO_SPACE_SCRIPT.test(entry.term);
  const locale = mode === 'word' && noSpaces ? (entry.lang ?? 'zh') : undefined;
  termSkeleton(entry.term, false, base);
  if (base.units.length === 0) return;
  // Words of alphabetic scripts need their spaces (or some separator); CJK and pinyin do not.
  const word = mode === 'word' ? PATTERN_WORD : 0;
  const flags =
    word |
    (word && !noSpaces ? PATTERN_BREAKS_REQUIRED : 0) |
    (!word && !entry.allow && CJK.test(entry.term) ? PATTERN_CJK_WORDS : 0) |
    romanizedFlags(entry, withPinyin);
  table.add(base, index, flags, 0, locale);
  let repeated = 0;
  let seen = 0;
  for (let i = 0; i < base.counts.length && seen < 3; i++) {
    if (base.counts[i]! > 1) {
      repeated |= 1 << i;
      seen++;
    }
  }
  // Every non-empty subset of the repeated units is split in one variant.
  for (let subset = repeated; subset > 0; subset = (subset - 1) & repeated) {
    table.add(base, index, flags, subset, locale);
  }
  if (!(flags & PATTERN_BREAKS_REQUIRED)) {
    termSkeleton(entry.term, true, joined);
    if (!sameUnits(joined, base)) table.add(joined, index, flags, 0, locale);
  }

  // Mixed forms (see homophones.ts); exceptions keep to their own spelling.
  if (!entry.allow) {
    if (withPinyin) {
      for (const variant of mixedPinyinVariants(entry.term)) {
        termSkeleton(variant, false, scratch);
        table.add(scratch, index, flags | PATTERN_MIXED, 0, locale);
      }
    }
    if (entry.homophones) {
      for (const variant of homophoneVariants(entry.term)) {
        termSkeleton(variant, false, scratch);
        table.add(scratch, index, flags, 0, locale);
      }
    }
  }

  const syllables = withPinyin ? pinyinSyllables(entry.term) : undefined;
  if (!syllables || syllables.length < 2) return;
  // Exceptions keep their romanization unchecked: they only ever cancel matches.
  const pinyinFlags = PATTERN_WORD | (entry.allow ? 0 : PATTERN_PINYIN);
  // The common reading, and other readings of heteronyms (only for terms of three or more
  // characters, where a rare reading is unlikely to spell an everyday word).
  const readings =
    syllables.length >= 3 ? [syllables, ...otherReadings(entry.term, syllables)] : [syllables];
  for (const reading of readings) {
    const full = reading.join(' ');
    // Short romanizations are ordinary words too often (`ai`, `ma`) to stand alone.
    if (full.length - reading.length + 1 < 4) continue;
    termSkeleton(full, false, scratch);
    table.add(scratch, index, pinyinFlags);
    termSkeleton(full, true, joined);
    if (!sameUnits(joined, scratch)) table.add(joined, index, pinyinFlags);
  }
  // Initials (`d m`) are short and common as plain letters: they count only spelled apart, two
  // of them only next to Chinese text, and never as exceptions, which would cancel real matches.
  if (entry.allow) return;
  // Two spaced letters are everyday text (`i l`, `a b`); three or more rarely are.
  const initialFlags =
    PATTERN_WORD | PATTERN_SEPARATED | (syllables.length < 3 ? PATTERN_HAN_CONTEXT : 0);
  // Each initial is its own unit when spaced apart; `k.k.y` collapses like any repeat.
  termSkeleton(syllables.map((s) => s[0]).join(''), true, joined);
  scratch.units.length = 0;
  scratch.counts.length = 0;
  scratch.flags.length = 0;
  for (let i = 0; i < joined.units.length; i++) {
    for (let c = 0; c < joined.counts[i]!; c++) {
      scratch.units.push(joined.units[i]!);
      scratch.counts.push(1);
      scratch.flags.push(0);
    }
  }
  table.add(scratch, index, initialFlags);
  // A collapsed repeat must still leave two units: `ll` (裸聊) as one `l` would fire on any
  // doubled letter or digit next to Chinese (`第11张`).
  if (joined.units.length < scratch.units.length && joined.units.length >= 2)
    table.add(joined, index, initialFlags);
}
