/**
 * An Aho–Corasick automaton over skeleton symbols. Built once per lexicon with flat typed arrays
 * (no object per node), so 100,000 terms build in well under a second and scanning touches only
 * a few arrays per character.
 */

/** Dense symbol numbering of the code points that occur in patterns. */
export class Alphabet {
  private readonly bmp = new Int32Array(0x10000).fill(-1);
  private readonly astral = new Map<number, number>();
  size = 0;

  /** The symbol of a code point, adding it when new. */
  add(cp: number): number {
    const known = this.get(cp);
    if (known >= 0) return known;
    const symbol = this.size++;
    if (cp < 0x10000) this.bmp[cp] = symbol;
    else this.astral.set(cp, symbol);
    return symbol;
  }

  /** The symbol of a code point, or -1 when no pattern uses it. */
  get(cp: number): number {
    return cp < 0x10000 ? this.bmp[cp]! : (this.astral.get(cp) ?? -1);
  }
}

export interface Automaton {
  /** Next state from the root for each symbol (0 = root). */
  rootNext: Int32Array;
  /** Children of state s are childSymbol/childTarget[childStart[s] .. childStart[s + 1]), sorted. */
  childStart: Int32Array;
  childSymbol: Int32Array;
  childTarget: Int32Array;
  fail: Int32Array;
  /** First pattern ending at a state (-1 none); further ones through `nextOutput`. */
  output: Int32Array;
  nextOutput: Int32Array;
  /** Nearest state on the failure chain that has outputs (-1 none). */
  dictionaryLink: Int32Array;
}

/** Builds the automaton for patterns given as symbol sequences; pattern ids are their indexes. */
export function buildAutomaton(patterns: readonly Int32Array[], alphabetSize: number): Automaton {
  // Trie edges live in one map keyed by state * alphabetSize + symbol while building.
  const edges = new Map<number, number>();
  let stateCount = 1;
  let edgeParent: number[] = [];
  let edgeSymbol: number[] = [];
  const outputHead: number[] = [-1];
  const nextOutput = new Int32Array(patterns.length).fill(-1);
  for (let p = 0; p < patterns.length; p++) {
    const pattern = patterns[p]!;
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const key = state * alphabetSize + pattern[i]!;
      let next = edges.get(key);
      if (next === undefined) {
        next = stateCount++;
        edges.set(key, next);
        edgeParent.push(state);
        edgeSymbol.push(pattern[i]!);
        outputHead.push(-1);
      }
      state = next;
    }
    nextOutput[p] = outputHead[state]!;
    outputHead[state] = p;
  }

  // Compress the edges into sorted per-state child lists (CSR).
  const childStart = new Int32Array(stateCount + 1);
  for (const parent of edgeParent) childStart[parent + 1]!++;
  for (let s = 0; s < stateCount; s++) childStart[s + 1]! += childStart[s]!;
  const fill = childStart.slice(0, stateCount);
  const childSymbol = new Int32Array(stateCount - 1);
  const childTarget = new Int32Array(stateCount - 1);
  for (let e = 0; e < edgeParent.length; e++) {
    const slot = fill[edgeParent[e]!]!++;
    childSymbol[slot] = edgeSymbol[e]!;
    childTarget[slot] = e + 1; // state ids were handed out in edge order
  }
  edgeParent = [];
  edgeSymbol = [];
  for (let s = 0; s < stateCount; s++)
    sortChildren(childSymbol, childTarget, childStart[s]!, childStart[s + 1]!);

  const rootNext = new Int32Array(Math.max(alphabetSize, 1));
  for (let c = childStart[0]!; c < childStart[1]!; c++) rootNext[childSymbol[c]!] = childTarget[c]!;

  // Breadth-first failure links.
  const fail = new Int32Array(stateCount);
  const dictionaryLink = new Int32Array(stateCount).fill(-1);
  const output = Int32Array.from(outputHead);
  const queue = new Int32Array(stateCount);
  let head = 0;
  let tail = 0;
  for (let c = childStart[0]!; c < childStart[1]!; c++) queue[tail++] = childTarget[c]!;
  while (head < tail) {
    const state = queue[head++]!;
    for (let c = childStart[state]!; c < childStart[state + 1]!; c++) {
      const symbol = childSymbol[c]!;
      const child = childTarget[c]!;
      let f = fail[state]!;
      let target = 0;
      for (;;) {
        const next = f === 0 ? rootNext[symbol]! : (edges.get(f * alphabetSize + symbol) ?? 0);
        if (next !== 0 || f === 0) {
          target = next;
          break;
        }
        f = fail[f]!;
      }
      fail[child] = target;
      dictionaryLink[child] = output[target]! >= 0 ? target : dictionaryLink[target]!;
      queue[tail++] = child;
    }
  }
  return {
    rootNext,
    childStart,
    childSymbol,
    childTarget,
    fail,
    output,
    nextOutput,
    dictionaryLink,
  };
}

function sortChildren(symbols: Int32Array, targets: Int32Array, from: number, to: number): void {
  // Insertion sort: almost every state has one or two children.
  for (let i = from + 1; i < to; i++) {
    const symbol = symbols[i]!;
    const target = targets[i]!;
    let j = i - 1;
    while (j >= from && symbols[j]! > symbol) {
      symbols[j + 1] = symbols[j]!;
      targets[j + 1] = targets[j]!;
      j--;
    }
    symbols[j + 1] = symbol;
    targets[j + 1] = target;
  }
}

/** One transition with failure links; symbol -1 (not in any pattern) returns to the root. */
export function step(automaton: Automaton, state: number, symbol: number): number {
  if (symbol < 0) return 0;
  const { rootNext, childStart, childSymbol, childTarget, fail } = automaton;
  let s = state;
  while (s !== 0) {
    let low = childStart[s]!;
    let high = childStart[s + 1]! - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const found = childSymbol[mid]!;
      if (found === symbol) return childTarget[mid]!;
      if (found < symbol) low = mid + 1;
      else high = mid - 1;
    }
    s = fail[s]!;
  }
  return rootNext[symbol]!;
}
