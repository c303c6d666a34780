/**
 * The scanner's fast path. While nothing is in progress — the substring automaton at its root,
 * no trie walk alive, no digits of a possible phone number pending — most code points of a text
 * change nothing that a later candidate can see: a letter that starts no pattern (and, at a word
 * start, no whole-word term or pinyin initial), a separator, an invisible mark. The scanner then
 * steps over them with one table lookup each and keeps only the few facts that carry forward
 * (the last unit for runs, the pending gap, whether a word continues, line ends), instead of
 * recording a position and stepping three automata. Exact by construction: a code point is
 * skipped only when the full path would leave every automaton where it was, and no later
 * candidate can begin at or before a position where all of them were at rest, so no check ever
 * reads what a skipped position would have recorded.
 */
import { type Alphabet, type Automaton, child } from './automaton.js';
import {
  COMBINING,
  charInfo,
  FOLD_TABLE,
  FOLD_UNKNOWN,
  foldCodePoint,
  IGNORE,
  INFO_WORD,
  SPACE,
  SYMBOL,
} from './fold.js';
import { GAP_NONE, GAP_SPACE, GAP_SYMBOL } from './gaps.js';

/** Not classified yet. */
export const QUIET_UNKNOWN = 0;
/** Needs the full path (digits, line ends, multi-unit folds, `|`, `+`, surrogates, …). */
export const QUIET_SLOW = 1;
/** Folds to nothing: a mark or an invisible character. */
export const QUIET_IGNORE = 2;
export const QUIET_SPACE = 4;
export const QUIET_SYMBOL = 8;
/** A one-unit letter that starts no substring pattern. */
export const QUIET_LETTER = 16;
/** …and no whole-word term or pinyin initial either, so it is also inert at a word start. */
export const QUIET_AT_START = 32;
/** The code point continues a word (INFO_WORD). */
export const QUIET_WORD = 64;

/**
 * Per BMP code point, what the fast path may do with it for one compiled lexicon (the answer
 * depends on which units start a pattern). Filled lazily, like the fold table.
 */
export class QuietTable {
  readonly table = new Uint8Array(0x10000);

  constructor(
    private readonly alphabet: Alphabet,
    private readonly substrings: Automaton,
    private readonly words: Automaton,
    private readonly initials: Automaton,
    /** Units from here on take the full path (see `WIDE_UNIT` in matcher.ts). */
    private readonly slowFrom: number,
  ) {}

  classify(cp: number): number {
    const value = this.table[cp]!;
    if (value !== QUIET_UNKNOWN) return value;
    const computed = this.compute(cp);
    this.table[cp] = computed;
    return computed;
  }

  private compute(cp: number): number {
    // Surrogates pair up into astral code points; `|` and `+` depend on their neighbours.
    if ((cp >= 0xd800 && cp < 0xe000) || cp === 0x7c || cp === 0x2b || cp === 0xff0b) {
      return QUIET_SLOW;
    }
    let fold = FOLD_TABLE[cp]!;
    if (fold === FOLD_UNKNOWN) fold = foldCodePoint(cp);
    const info = charInfo(cp);
    if ((info & 15) !== 0) return QUIET_SLOW; // a digit: phone-number tracking
    const word = info & INFO_WORD ? QUIET_WORD : 0;
    if (fold === IGNORE || fold === COMBINING) return QUIET_IGNORE;
    if (fold === SPACE) return QUIET_SPACE | word;
    if (fold === SYMBOL) return QUIET_SYMBOL | word;
    if (fold < 0 || fold >= this.slowFrom) return QUIET_SLOW; // breaks, several units, wide
    const symbol = this.alphabet.get(fold);
    if (symbol >= 0 && this.substrings.rootNext[symbol] !== 0) return QUIET_SLOW;
    const atStart =
      symbol < 0 || (this.words.rootNext[symbol] === 0 && this.initials.rootNext[symbol] === 0);
    return QUIET_LETTER | (atStart ? QUIET_AT_START : 0) | word;
  }

  /** Where the full path resumes after `wordWalkEnds` gave up (see there), and its state. */
  resumeUnit = -1;
  resumeGap = GAP_NONE;

  /**
   * A word that starts at `k` starts a whole-word walk (and maybe a pinyin-initial one) there.
   * Most such walks die inside the word or at the first letter of the next one: then nothing
   * was found and all automata are at rest again. Follows the text (its code units) from `k` as the full path
   * would — each letter a one-unit word letter that starts no substring pattern, repeats kept
   * in their run, marks skipped, spaces and symbols between words — and returns the index of
   * the letter after which every walk has ended. When anything else comes first (a term that
   * may end at a word end, a walk that goes on into the next word — a one-letter word's
   * pinyin-initial walk steps over the gap to it —, a digit, a line end, the end of the text),
   * it returns
   * `-(j + 2)` for the word start `j` from which the full path must take over: `k`, or the
   * start of a later word where the earlier walks ended, with `resumeUnit` and `resumeGap` the
   * last unit and the gap before it (the word start follows a separator, not a word letter).
   */
  wordWalkEnds(units: Uint16Array, k: number, stop: number): number {
    const table = this.table;
    const words = this.words;
    let resume = k;
    let last = FOLD_TABLE[units[k]!]!;
    let symbol = this.symbolOf(last);
    let node = symbol < 0 ? 0 : words.rootNext[symbol]!;
    // The pinyin-initial walk: it ends at a second letter that does not stand apart, or at the
    // first letter of the next word when that letter does not continue it.
    const initials = this.initials;
    let initial = symbol < 0 ? 0 : initials.rootNext[symbol]!;
    let gap = GAP_NONE;
    let previousIsWord = true;
    for (let j = k + 1; j < stop; j++) {
      const c = units[j]!;
      let q = table[c]!;
      if (q === QUIET_UNKNOWN) q = this.classify(c);
      if (q === QUIET_IGNORE) continue;
      if ((q & QUIET_LETTER) === 0) {
        if ((q & (QUIET_SPACE | QUIET_SYMBOL)) === 0) return -(resume + 2);
        // A word end: where a term or an initial may end, the full path checks it.
        if (
          gap === GAP_NONE &&
          ((initial !== 0 && initials.output[initial]! >= 0) ||
            (node !== 0 && words.output[node]! >= 0))
        ) {
          return -(resume + 2);
        }
        if (q & QUIET_SPACE) gap = GAP_SPACE;
        else if (gap === GAP_NONE) gap = GAP_SYMBOL;
        previousIsWord = (q & QUIET_WORD) !== 0;
        continue;
      }
      if ((q & QUIET_WORD) === 0) return -(resume + 2);
      const unit = FOLD_TABLE[c]!;
      if (gap === GAP_NONE) {
        if (unit === last) continue;
        initial = 0;
        if (node === 0) return j;
        node = child(words, node, this.symbolOf(unit));
        if (node === 0) return j;
        last = unit;
        continue;
      }
      // The first letter after a gap: it must not join the last run, and the walk must end here.
      if (unit === last && gap !== GAP_SPACE) return -(resume + 2);
      symbol = this.symbolOf(unit);
      if (initial !== 0) {
        if (child(initials, initial, symbol) !== 0) return -(resume + 2);
        initial = 0;
      }
      if (node !== 0 && child(words, node, symbol) !== 0) return -(resume + 2);
      if (previousIsWord || q & QUIET_AT_START) return j;
      // A new word whose letter starts walks of its own; everything before it is at rest.
      resume = j;
      this.resumeUnit = last;
      this.resumeGap = gap;
      node = words.rootNext[symbol]!;
      initial = symbol < 0 ? 0 : initials.rootNext[symbol]!;
      last = unit;
      gap = GAP_NONE;
      previousIsWord = true;
    }
    return -(resume + 2);
  }

  private symbolOf(unit: number): number {
    return unit < 0x10000 ? this.alphabet.bmp[unit]! : this.alphabet.get(unit);
  }
}
