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

/** At most this many whole-word walks are followed at once (see `wordWalkEnds`). */
const MAX_WALKS = 8;

/** Word-start filter: prefixes of 3 up to this many letters are in it (see `wordPrefixFilter`). */
const PREFIX_DEPTH = 6;
const PREFIX_SEED = 0x2545f491;

/** The hash of a trie path one symbol longer. */
function prefixStep(hash: number, symbol: number): number {
  return Math.imul(hash ^ symbol, 0x9e3779b1) ^ (hash >>> 15);
}

/** The filter bit of a path's hash, before the mask. */
function prefixBit(hash: number): number {
  return Math.imul(hash ^ (hash >>> 13), 0xc2b2ae3d) >>> 7;
}

/**
 * Sets one bit per path of 3 to `PREFIX_DEPTH` symbols from the root of a trie (the bit its
 * symbols hash to), in a bitset of at least 8 bits per path, so that few absent paths share a
 * bit with a present one.
 */
function wordPrefixFilter(trie: Automaton): Int32Array {
  const { rootNext, childStart, childSymbol, childTarget } = trie;
  const hashes: number[] = [];
  const visit = (node: number, hash: number, depth: number): void => {
    if (depth >= 3) hashes.push(prefixBit(hash));
    if (depth === PREFIX_DEPTH) return;
    for (let i = childStart[node]!; i < childStart[node + 1]!; i++)
      visit(childTarget[i]!, prefixStep(hash, childSymbol[i]!), depth + 1);
  };
  for (let symbol = 0; symbol < rootNext.length; symbol++) {
    const first = rootNext[symbol]!;
    if (first !== 0) visit(first, prefixStep(PREFIX_SEED, symbol), 1);
  }
  let bits = 1 << 12;
  while (bits < hashes.length * 8 && bits < 1 << 26) bits *= 2;
  const filter = new Int32Array(bits >>> 5);
  for (const hash of hashes) {
    const bit = hash & (bits - 1);
    filter[bit >>> 5]! |= 1 << (bit & 31);
  }
  return filter;
}

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
/** Both: a one-unit word letter that starts no substring pattern. */
export const QUIET_WORD_LETTER = QUIET_LETTER | QUIET_WORD;

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
  ) {
    this.wordPrefixes = wordPrefixFilter(words);
    this.prefixMask = this.wordPrefixes.length * 32 - 1;
  }

  /**
   * The word-start filter: a hashed bitset of the whole-word trie's paths of 3 to
   * `PREFIX_DEPTH` symbols from its root (see `wordPrefixFilter`).
   */
  private readonly wordPrefixes: Int32Array;
  private readonly prefixMask: number;

  /**
   * For a word start at `k` (of unit `first`) that starts a walk: the index of a letter of the
   * same word by which the whole-word walk begun there has surely ended — the first three or
   * more letters (one-unit word letters that start no substring pattern, each its own run, no
   * mark between them) spell no path of the trie — or -1 when the filter cannot tell and
   * `wordWalkEnds` must follow the walk. Within one word only that walk lives, and no term can
   * end before the word does, so the scanner may step over the word's letters up to there.
   */
  wordStartSettled(units: Uint16Array, k: number, stop: number, first: number): number {
    const table = this.table;
    const filter = this.wordPrefixes;
    const mask = this.prefixMask;
    let last = first;
    let hash = prefixStep(PREFIX_SEED, this.symbolOf(first));
    const end = Math.min(stop, k + PREFIX_DEPTH);
    for (let j = k + 1; j < end; j++) {
      const c = units[j]!;
      if ((table[c]! & QUIET_WORD_LETTER) !== QUIET_WORD_LETTER) return -1;
      const unit = FOLD_TABLE[c]!;
      if (unit === last) return -1;
      const symbol = this.symbolOf(unit);
      if (symbol < 0) return j; // no term holds this unit
      hash = prefixStep(hash, symbol);
      if (j - k >= 2) {
        const bit = prefixBit(hash) & mask;
        if ((filter[bit >>> 5]! & (1 << (bit & 31))) === 0) return j;
      }
      last = unit;
    }
    return -1;
  }

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
   * Most such walks die inside the word or a few letters into the next one: then nothing was
   * found and all automata are at rest again. Follows the text (its code units) from `k` as the
   * full path would — each letter a one-unit word letter that starts no substring pattern,
   * repeats kept in their run, marks skipped, spaces and symbols between words — with every
   * whole-word walk alive (a walk goes on into the next word when the trie does, and each word
   * start starts one), and returns the index of the letter at which the last of them ended.
   * When anything else comes first (a term or initial that may end at a word end, an initial
   * walk going on into the next word, more than `MAX_WALKS` walks, a digit, a line end, the end
   * of the text), it returns `-(j + 2)` for the word start `j` from which the full path must take
   * over: the start of the oldest walk still alive — `k`, or a later word start, with
   * `resumeUnit` and `resumeGap` the last unit and the gap before it (the word start follows a
   * separator, not a word letter). Walks that ended before it found nothing.
   */
  wordWalkEnds(units: Uint16Array, k: number, stop: number): number {
    const table = this.table;
    const words = this.words;
    const initials = this.initials;
    const nodes = this.walkNodes;
    const starts = this.walkStarts;
    const unitsBefore = this.walkUnitsBefore;
    const gapsBefore = this.walkGapsBefore;
    let last = FOLD_TABLE[units[k]!]!;
    let symbol = this.symbolOf(last);
    // Live walks, oldest first; a node of 0 only holds the start of a word whose initial walk
    // lives on (it leaves at the next letter).
    nodes[0] = symbol < 0 ? 0 : words.rootNext[symbol]!;
    starts[0] = k;
    let count = 1;
    // The pinyin-initial walk of the latest word start: it ends at a second letter that does
    // not stand apart, or at the first letter of the next word when that does not continue it.
    let initial = symbol < 0 ? 0 : initials.rootNext[symbol]!;
    let gap = GAP_NONE;
    let previousIsWord = true;
    for (let j = k + 1; j < stop; j++) {
      const c = units[j]!;
      let q = table[c]!;
      if (q === QUIET_UNKNOWN) q = this.classify(c);
      if (q === QUIET_IGNORE) continue;
      if ((q & QUIET_LETTER) === 0) {
        if ((q & (QUIET_SPACE | QUIET_SYMBOL)) === 0) return this.takeOver(k, count);
        if (gap === GAP_NONE) {
          // A word end: where a term or an initial may end, the full path checks it.
          if (initial !== 0 && initials.output[initial]! >= 0) return this.takeOver(k, count);
          for (let t = 0; t < count; t++) {
            const node = nodes[t]!;
            if (node !== 0 && words.output[node]! >= 0) return this.takeOver(k, count);
          }
        }
        if (q & QUIET_SPACE) gap = GAP_SPACE;
        else if (gap === GAP_NONE) gap = GAP_SYMBOL;
        previousIsWord = (q & QUIET_WORD) !== 0;
        continue;
      }
      if ((q & QUIET_WORD) === 0) return this.takeOver(k, count);
      const unit = FOLD_TABLE[c]!;
      if (gap === GAP_NONE) {
        if (unit === last) continue;
        initial = 0;
        count = this.advance(count, this.symbolOf(unit));
        if (count === 0) return j;
        last = unit;
        continue;
      }
      // The first letter after a gap: it must not join the last run.
      if (unit === last && gap !== GAP_SPACE) return this.takeOver(k, count);
      symbol = this.symbolOf(unit);
      if (initial !== 0) {
        if (child(initials, initial, symbol) !== 0) return this.takeOver(k, count);
        initial = 0;
      }
      count = this.advance(count, symbol);
      if (!previousIsWord && (q & QUIET_AT_START) === 0) {
        // A word start whose letter starts walks of its own.
        if (count === MAX_WALKS) return this.takeOver(k, count);
        nodes[count] = words.rootNext[symbol]!;
        starts[count] = j;
        unitsBefore[count] = last;
        gapsBefore[count] = gap;
        count++;
        initial = initials.rootNext[symbol]!;
      }
      if (count === 0) return j;
      last = unit;
      gap = GAP_NONE;
      previousIsWord = true;
    }
    return this.takeOver(k, count);
  }

  /** Live whole-word walks (see `wordWalkEnds`): node, word start, last unit and gap before it. */
  private readonly walkNodes = new Int32Array(MAX_WALKS);
  private readonly walkStarts = new Int32Array(MAX_WALKS);
  private readonly walkUnitsBefore = new Int32Array(MAX_WALKS);
  private readonly walkGapsBefore = new Uint8Array(MAX_WALKS);

  /** Steps every live walk on `symbol`, dropping those that end; returns how many live. */
  private advance(count: number, symbol: number): number {
    const nodes = this.walkNodes;
    let kept = 0;
    for (let t = 0; t < count; t++) {
      const node = nodes[t]!;
      const next = node === 0 ? 0 : child(this.words, node, symbol);
      if (next === 0) continue;
      if (kept !== t) {
        this.walkStarts[kept] = this.walkStarts[t]!;
        this.walkUnitsBefore[kept] = this.walkUnitsBefore[t]!;
        this.walkGapsBefore[kept] = this.walkGapsBefore[t]!;
      }
      nodes[kept++] = next;
    }
    return kept;
  }

  /** The full path takes over at the start of the oldest live walk (see `wordWalkEnds`). */
  private takeOver(k: number, count: number): number {
    const resume = count > 0 ? this.walkStarts[0]! : k;
    if (resume > k) {
      this.resumeUnit = this.walkUnitsBefore[0]!;
      this.resumeGap = this.walkGapsBefore[0]!;
    }
    return -(resume + 2);
  }

  private symbolOf(unit: number): number {
    return unit < 0x10000 ? this.alphabet.bmp[unit]! : this.alphabet.get(unit);
  }
}
