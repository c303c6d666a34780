/**
 * Symbols at the edges of a term (`a)`, `13.`, `in %`, `shi+`, `(جاك)`). The fold drops symbols,
 * so without this check such a term would be its letters alone, and an everyday word: `a`, `in`,
 * `como` (class 1 of the safety issue, folds that manufacture words). A symbol that stands only
 * at an edge of a term is part of its spelling: the text must show a symbol there too, the same
 * one (after NFKC), within a few characters. Symbols inside a term (`s.o.b.`, `б/ч`) are
 * separators the matcher already reads, and a term spelled with leet symbols (`a$$`, `sh!t`)
 * reads them as letters; neither is limited here.
 */
import { foldCodePoint, SYMBOL } from './fold.js';
import { spelledInLeet } from './token-fold.js';

export interface EdgeSymbols {
  /** The symbol that must come right before the match (spaces aside), or ''. */
  before: string;
  /** The symbol that must come right after it, or ''. */
  after: string;
}

const SPACE = /\s/u;

function isSymbol(char: string): boolean {
  return foldCodePoint(char.codePointAt(0)!) === SYMBOL;
}

/** The edge symbols a term needs in the text, or undefined when it needs none. */
export function edgeSymbolsOf(term: string): EdgeSymbols | undefined {
  if (spelledInLeet(term)) return undefined;
  const chars = [...term.normalize('NFKC').trim()];
  let from = 0;
  let to = chars.length;
  while (from < to && (isSymbol(chars[from]!) || SPACE.test(chars[from]!))) from++;
  while (to > from && (isSymbol(chars[to - 1]!) || SPACE.test(chars[to - 1]!))) to--;
  // A term of symbols only (`♪`) is its symbols; one with symbols inside is left to the matcher.
  if (from === to || (from === 0 && to === chars.length)) return undefined;
  if (chars.slice(from, to).some(isSymbol)) return undefined;
  const before = chars.slice(0, from).filter((c) => !SPACE.test(c));
  const after = chars.slice(to).filter((c) => !SPACE.test(c));
  return { before: before.at(-1) ?? '', after: after[0] ?? '' };
}

/** How far from a match's edge its symbol may stand: spaces or separators (`c.o.m.o.$`). */
const REACH = 4;

function showsSymbol(text: string, from: number, to: number, symbol: string): boolean {
  for (let k = Math.max(0, from); k < Math.min(text.length, to); k++) {
    const cp = text.codePointAt(k)!;
    if (String.fromCodePoint(cp).normalize('NFKC') === symbol) return true;
  }
  return false;
}

/**
 * Whether the text shows the needed symbols at the edges of `start`–`end`: within a few
 * characters, since a match may end inside a run of its last letter (`ト*と` folds to one run).
 */
export function edgesHold(text: string, start: number, end: number, edges: EdgeSymbols): boolean {
  if (edges.after && !showsSymbol(text, end - 2, end + REACH, edges.after)) return false;
  if (edges.before && !showsSymbol(text, start - REACH, start + 2, edges.before)) return false;
  return true;
}
