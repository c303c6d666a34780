/**
 * Handles (`cocaine4sale`, `escorts_nyc`) hold no spaces, so whole-word terms never stand apart
 * in them. A handle is read as words split at `_`, `.`, `-` and digits, and terms are also
 * looked for inside those words, with trap checks so that `scunthorpe_fan` and `grape_lover`
 * stay innocent: a term inside a longer word counts only when it is long (five or more
 * characters: short terms are the Scunthorpe risk), spelled in its own script (no pinyin), and
 * what is left of the word on either side is long enough to be a word of its own (three or more
 * characters). `allow` entries cancel matches as in any text, and the shipped lexicon carries
 * the longer words that hide a long term (`therapist`, `glockenspiel`, `extraviado`).
 */
import { FOUND_PHONE } from './contacts.js';
import type { CompiledEntry } from './lexicon-entry.js';
import { finishScan } from './resolve-matches.js';
import type { Match } from './types.js';

/** Characters that part the words of a handle; digits part them too (see `isBoundary`). */
const SEPARATOR = /[\s_.\-·]/u;
const DIGIT = /\p{Nd}/u;
/** Longest word of a handle whose inner pieces are tried; longer runs are read as they are. */
const MAX_WORD = 40;
const MIN_EMBEDDED_TERM = 5;
const MIN_REST = 3;
/** Shorter terms are not read next to digits (see `standsInHandle`). */
const MIN_CODE_FREE_TERM = 3;
const HAN = /\p{Script=Han}/u;
/** Between pieces: a sentence end and a blank line, which no match crosses. */
const PIECE_BREAK = '。\n\n';

/** A piece of the handle scanned on its own line of the joined text, and where it came from. */
interface Piece {
  at: number; // offset in the joined text
  from: number; // offset in the handle
  length: number;
}

function isBoundary(handle: string, index: number): boolean {
  if (index <= 0 || index >= handle.length) return true;
  return (
    SEPARATOR.test(handle[index - 1]!) ||
    SEPARATOR.test(handle[index]!) ||
    DIGIT.test(handle[index - 1]!) !== DIGIT.test(handle[index]!)
  );
}

/** Whether `index` is an edge of the handle or next to a separator (digits do not count). */
function isSeparated(handle: string, index: number): boolean {
  if (index <= 0 || index >= handle.length) return true;
  return SEPARATOR.test(handle[index - 1]!) || SEPARATOR.test(handle[index]!);
}

/** The words of a handle: maximal runs between separators (digits stay, for leetspeak). */
function wordsOf(handle: string): { start: number; end: number }[] {
  const words: { start: number; end: number }[] = [];
  let start = -1;
  for (let i = 0; i <= handle.length; i++) {
    const separator = i === handle.length || SEPARATOR.test(handle[i]!);
    if (!separator && start < 0) start = i;
    if (separator && start >= 0) {
      words.push({ start, end: i });
      start = -1;
    }
  }
  return words;
}

/**
 * Whether a term found at [start, end) of the handle stands as a word of it: bounded by the
 * handle's edges, separators or a change between digits and letters on both sides; or long
 * and flanked by rests that can be words themselves.
 */
function standsInHandle(
  handle: string,
  start: number,
  end: number,
  word: { start: number; end: number },
  term: string,
): boolean {
  // A term of one or two letters next to a digit is part of a code, not a word of its own:
  // `vx` in `jake_x5vx`, `wx` in `ruby_x5wx` (generated suffixes, plates, years). Such a term
  // stands only between separators or the handle's edges (`shop_vx`); an ID after it is
  // still a contact (`vx123456`, found by the contact rules).
  const short = [...term.replace(/\s/gu, '')].length < MIN_CODE_FREE_TERM;
  const before = short ? isSeparated(handle, start) : isBoundary(handle, start);
  const after = short ? isSeparated(handle, end) : isBoundary(handle, end);
  if (before && after) return true;
  // The term's own length counts, not the span's: `shiit` is still the four letters of `shit`.
  // Romanized Chinese terms are short syllables that run through any word (`bocai` in
  // `bocaiuvense`): inside a word they do not count.
  if ([...term.replace(/\s/gu, '')].length < MIN_EMBEDDED_TERM || HAN.test(term)) return false;
  const restBefore = start - word.start;
  const restAfter = word.end - end;
  const restOk = (bounded: boolean, rest: number) => bounded || rest >= MIN_REST;
  // A rest up to the next digit is cut there: `4sale` leaves nothing before the digit.
  const leftCut = before || DIGIT.test(handle[start - 1]!);
  const rightCut = after || DIGIT.test(handle[end]!);
  return restOk(leftCut, restBefore) && restOk(rightCut, restAfter);
}

/** The piece whose line holds `offset` of the joined text (pieces are in text order). */
function pieceAt(pieces: readonly Piece[], offset: number): Piece {
  let low = 0;
  let high = pieces.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (pieces[middle]!.at <= offset) low = middle;
    else high = middle - 1;
  }
  return pieces[low]!;
}

/**
 * Scans a handle: the handle with its separators read as spaces (multi-word terms, phone
 * numbers, leetspeak inside words), and every inner piece of each word on a line of its own
 * (terms inside words), each candidate kept only where `standsInHandle` says so.
 * `collect` is the matcher's raw scan of one text (triples of entry, start, end).
 */
export function scanHandle(
  handle: string,
  entries: readonly CompiledEntry[],
  contacts: boolean,
  collect: (text: string) => number[],
): Match[] {
  const spaced = handle.replace(/[_.\-·]/gu, ' ');
  const found = collect(spaced);
  const words = wordsOf(handle);
  const pieces: Piece[] = [];
  let joined = '';
  for (const word of words) {
    const length = word.end - word.start;
    if (length > MAX_WORD) continue;
    // Digits part words too: `cocaine4sale` is read as `cocaine 4 sale` as well as whole.
    for (let from = word.start; from < word.end; from++) {
      for (let to = from + 2; to <= word.end; to++) {
        if (from === word.start && to === word.end) continue; // the whole word: scanned above
        pieces.push({ at: joined.length, from, length: to - from });
        joined += `${handle.slice(from, to)}${PIECE_BREAK}`;
      }
    }
  }
  if (pieces.length > 0) {
    const inner = collect(joined);
    for (let i = 0; i < inner.length; i += 3) {
      const index = inner[i]!;
      const start = inner[i + 1]!;
      const end = inner[i + 2]!;
      if (index === FOUND_PHONE) continue; // numbers were read whole in the handle
      const owner = pieceAt(pieces, start);
      // A match that runs from one piece into the next is an artefact of the joining.
      if (end > owner.at + owner.length) continue;
      const from = owner.from + start - owner.at;
      const to = owner.from + end - owner.at;
      const word = words.find((w) => from >= w.start && to <= w.end)!;
      const entry = entries[index]!;
      if (entry.allow || standsInHandle(handle, from, to, word, entry.term))
        found.push(index, from, to);
    }
  }
  // Spans are offsets of `handle` (the spaced copy has the same length), so they explain it.
  return finishScan(handle, found, entries, contacts);
}
