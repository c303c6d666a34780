/**
 * Checks on a candidate match that belong to the fold rules rather than to the automaton:
 * how repeated letters count, which token modes a variant needs, and which spaces inside a word
 * are a disguise rather than a boundary between two words.
 */
import { PATTERN_LEET, PATTERN_SKELETON, PATTERN_STRIPPED, PATTERN_WORD } from './patterns.js';
import { MODE_SKELETON, MODE_STRIPPED } from './token-fold.js';

/** What came between a position and the one before it. */
export const GAP_NONE = 0;
export const GAP_SYMBOL = 1;
export const GAP_SPACE = 2;

/** Pattern flags that need some position of the match read in a token mode. */
export const PATTERN_NEEDS_MODE = PATTERN_LEET | PATTERN_SKELETON | PATTERN_STRIPPED;
// PATTERN_LEET, _SKELETON, _STRIPPED are the token modes (token-fold.ts) shifted left by 7.
const MODE_SHIFT = 7;

/**
 * Whether the text's runs of a repeated unit fit the term's counts. A run shorter than the term
 * needs fails (`as` is not `ass`). A run of exactly two where the term has one letter fails too:
 * doubled letters are spelling in Danish, German or Dutch (`kk`, `tt`), not a disguise; only a
 * stretched run (three or more) collapses. The first and last units of a substring pattern may
 * take part of a longer run (the match starts or ends inside it).
 */
export function runsFit(
  runs: Int32Array,
  counts: Int32Array,
  first: number,
  unitStart: number,
  length: number,
  flags: number,
  segmented: boolean,
): boolean {
  // Words of scripts without spaces get their start from a segmenter: it may sit inside a run.
  const word = (flags & PATTERN_WORD) !== 0 && !segmented;
  for (let t = 0; t < length; t++) {
    const run = runs[first + t]!;
    const count = counts[unitStart + t]!;
    if (run < count) return false;
    if (run === 2 && count === 1 && (word || (t > 0 && t < length - 1))) return false;
  }
  return true;
}

/**
 * Whether a variant made by a token fold met text read in that mode (`siut` only from `s1ut`).
 * A token read for look-alikes also lost its accents, so it meets the accent-stripped variant:
 * `žгáт` (Cyrillic г, т) reads `zrat`, the stripped form of `žrát`.
 */
export function modesHold(modes: Uint8Array, first: number, last: number, flags: number): boolean {
  const need = (flags & PATTERN_NEEDS_MODE) >> MODE_SHIFT;
  let seen = 0;
  for (let k = first; k <= last; k++) seen |= modes[k]!;
  if (seen & MODE_SKELETON) seen |= MODE_STRIPPED;
  return (seen & need) === need;
}

const LATIN_ONLY = /^[\p{Script=Latin}\p{M}\p{N}\p{P}\p{S}\s]+$/u;
const HANGUL_ONLY = /^[\p{Script=Hangul}\s\p{P}]+$/u;
const VOWEL = /[aeiouy]/;

/**
 * Whether the spaces inside a candidate that is not spelled letter by letter are still a
 * disguise (class 12 of the safety issue):
 * - a Latin word with one space (or line end) inside it where one side cannot be a word of its
 *   own, having no vowel (`fu ck`, `f uck`), while two words (`pen is`, `as soon`) stay apart;
 * - Korean compounds written with their natural word space (`출장 안마`, `조건 만남`): the match
 *   starts a word and every part is at least two syllables (`질병, 신체` does not spell 병신).
 */
export function splitIsDisguise(
  text: string,
  starts: Int32Array,
  ends: Int32Array,
  gaps: Uint8Array,
  first: number,
  last: number,
  wordBefore: Uint8Array,
  atBoundaries: boolean,
): boolean {
  if (wordBefore[first] !== 0) return false;
  const span = text.slice(starts[first]!, ends[last]!);
  if (HANGUL_ONLY.test(span)) {
    let part = 1;
    for (let k = first + 1; k <= last; k++) {
      if (gaps[k] === GAP_SPACE) {
        if (part < 2) return false;
        part = 0;
      }
      part++;
    }
    return part >= 2;
  }
  if (!atBoundaries || last - first + 1 < 4 || !LATIN_ONLY.test(span)) return false;
  let split = -1;
  for (let k = first + 1; k <= last; k++) {
    if (gaps[k] !== GAP_SPACE) continue;
    if (split >= 0) return false;
    split = k;
  }
  if (split < 0) return false;
  const left = plain(text.slice(starts[first]!, ends[split - 1]!));
  const right = plain(text.slice(starts[split]!, ends[last]!));
  return !VOWEL.test(left) || !VOWEL.test(right);
}

function plain(text: string): string {
  return text.normalize('NFD').toLowerCase();
}
