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

const WORD_LETTER = QUIET_LETTER | QUIET_WORD;

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

  /**
   * A word that starts at `k` starts a whole-word walk (and maybe a pinyin-initial one) there.
   * Most such walks die inside the word: then nothing was found and all automata are at rest
   * again. Follows the word's letters from `k` (each a one-unit word letter that starts no
   * substring pattern; marks skipped, repeats kept in their run) and returns the index of the
   * letter where the walk ends, or -1 when the word ends first or holds anything else, and the
   * full path must take it from `k`. An initial walk needs its letters apart, so the word's
   * second letter ends it; whole-word patterns are only checked where a word ends, so nothing
   * inside the word is checked.
   */
  wordWalkEnds(text: string, k: number, stop: number): number {
    const table = this.table;
    const words = this.words;
    const bmp = this.alphabet.bmp;
    let last = FOLD_TABLE[text.charCodeAt(k)]!;
    const first = last < 0x10000 ? bmp[last]! : this.alphabet.get(last);
    let node = first < 0 ? 0 : words.rootNext[first]!;
    for (let j = k + 1; j < stop; j++) {
      const c = text.charCodeAt(j);
      let q = table[c]!;
      if (q === QUIET_UNKNOWN) q = this.classify(c);
      if (q === QUIET_IGNORE) continue;
      if ((q & WORD_LETTER) !== WORD_LETTER) return -1;
      const unit = FOLD_TABLE[c]!;
      if (unit === last) continue;
      if (node === 0) return j;
      const symbol = unit < 0x10000 ? bmp[unit]! : this.alphabet.get(unit);
      node = child(words, node, symbol);
      if (node === 0) return j;
      last = unit;
    }
    return -1;
  }
}
