/**
 * An Aho–Corasick automaton over skeleton symbols. Built once per lexicon with flat typed arrays
 * (no object per node), so 100,000 terms build in well under a second and scanning touches only
 * a few arrays per character.
 */

/** Dense symbol numbering of the code points that occur in patterns. */
export class Alphabet {
  /** Symbols of BMP code points (-1 none), read directly by the scanner. */
  readonly bmp = new Int32Array(0x10000).fill(-1);
  private readonly astral = new Map<number, number>();
  /** The code point of each symbol. */
  readonly codePoints: number[] = [];
  size = 0;

  /** The symbol of a code point, adding it when new. */
  add(cp: number): number {
    const known = this.get(cp);
    if (known >= 0) return known;
    const symbol = this.size++;
    this.codePoints.push(cp);
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
  /** 1 when a state or its failure chain has outputs. */
  hasOutput: Uint8Array;
  /**
   * A direct-mapped cache of transitions already taken (state, symbol → target, including the
   * failure-link walk), so a scan mostly pays one hashed lookup per character instead of binary
   * searches along the failure chain. Bounded: a colliding transition simply replaces the slot.
   */
  cacheState: Int32Array;
  cacheSymbol: Int32Array;
  cacheTarget: Int32Array;
}

const CACHE_BITS = 14;
const CACHE_SHIFT = 32 - CACHE_BITS;

function emptyCache(): Pick<Automaton, 'cacheState' | 'cacheSymbol' | 'cacheTarget'> {
  const size = 1 << CACHE_BITS;
  return {
    cacheState: new Int32Array(size).fill(-1),
    cacheSymbol: new Int32Array(size),
    cacheTarget: new Int32Array(size),
  };
}

/**
 * Trie edges while building: an open-addressing hash table from (state, symbol) to the child
 * state, several times faster than a Map for a million edges.
 */
class EdgeTable {
  private readonly states: Int32Array;
  private readonly symbols: Int32Array;
  private readonly targets: Int32Array;
  private readonly mask: number;

  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.states = new Int32Array(size).fill(-1);
    this.symbols = new Int32Array(size);
    this.targets = new Int32Array(size);
    this.mask = size - 1;
  }

  private slot(state: number, symbol: number): number {
    let slot = (Math.imul(state, 0x9e3779b1) ^ Math.imul(symbol, 0x85ebca77)) & this.mask;
    while (
      this.states[slot] !== -1 &&
      (this.states[slot] !== state || this.symbols[slot] !== symbol)
    ) {
      slot = (slot + 1) & this.mask;
    }
    return slot;
  }

  /** The child of `state` on `symbol`, or 0 (the root is never a child). */
  get(state: number, symbol: number): number {
    const slot = this.slot(state, symbol);
    return this.states[slot] === -1 ? 0 : this.targets[slot]!;
  }

  set(state: number, symbol: number, target: number): void {
    const slot = this.slot(state, symbol);
    this.states[slot] = state;
    this.symbols[slot] = symbol;
    this.targets[slot] = target;
  }
}

/**
 * Builds the automaton for the patterns listed in `ids`, stored flat: pattern p is
 * `symbols[start[p] .. start[p + 1])`. Without `withFailure` it is a plain trie (failure and
 * dictionary links all point at the root), for patterns that may only start at known places.
 */
export function buildAutomaton(
  symbols: Int32Array,
  start: Int32Array,
  ids: readonly number[],
  alphabetSize: number,
  withFailure: boolean,
): Automaton {
  let totalUnits = 0;
  for (const p of ids) totalUnits += start[p + 1]! - start[p]!;
  const edges = new EdgeTable(totalUnits + 1);
  // State ids are handed out in edge order: the edge numbered e leads to state e + 1.
  const edgeParent = new Int32Array(totalUnits);
  const edgeSymbol = new Int32Array(totalUnits);
  const outputHead = new Int32Array(totalUnits + 1).fill(-1);
  const nextOutput = new Int32Array(start.length).fill(-1);
  let stateCount = 1;
  for (const p of ids) {
    let state = 0;
    for (let i = start[p]!; i < start[p + 1]!; i++) {
      const symbol = symbols[i]!;
      let next = edges.get(state, symbol);
      if (next === 0) {
        next = stateCount++;
        edges.set(state, symbol, next);
        edgeParent[next - 1] = state;
        edgeSymbol[next - 1] = symbol;
      }
      state = next;
    }
    nextOutput[p] = outputHead[state]!;
    outputHead[state] = p;
  }
  renumberByLevel(stateCount, edgeParent, edgeSymbol, outputHead);

  // Compress the edges into sorted per-state child lists (CSR).
  const edgeCount = stateCount - 1;
  const childStart = new Int32Array(stateCount + 1);
  for (let e = 0; e < edgeCount; e++) childStart[edgeParent[e]! + 1]!++;
  for (let s = 0; s < stateCount; s++) childStart[s + 1]! += childStart[s]!;
  const fill = childStart.slice(0, stateCount);
  const childSymbol = new Int32Array(edgeCount);
  const childTarget = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const slot = fill[edgeParent[e]!]!++;
    childSymbol[slot] = edgeSymbol[e]!;
    childTarget[slot] = e + 1;
  }
  for (let s = 0; s < stateCount; s++)
    sortChildren(childSymbol, childTarget, childStart[s]!, childStart[s + 1]!);

  const rootNext = new Int32Array(Math.max(alphabetSize, 1));
  for (let c = childStart[0]!; c < childStart[1]!; c++) rootNext[childSymbol[c]!] = childTarget[c]!;

  // Breadth-first failure links.
  const fail = new Int32Array(stateCount);
  const dictionaryLink = new Int32Array(stateCount).fill(-1);
  const output = outputHead.slice(0, stateCount);
  const hasOutput = new Uint8Array(stateCount);
  for (let state = 1; state < stateCount; state++) hasOutput[state] = output[state]! >= 0 ? 1 : 0;
  const automaton: Automaton = {
    rootNext,
    childStart,
    childSymbol,
    childTarget,
    fail,
    output,
    nextOutput,
    dictionaryLink,
    hasOutput,
    ...emptyCache(),
  };
  if (!withFailure) return automaton;

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
        const next = f === 0 ? rootNext[symbol]! : searchChild(automaton, f, symbol);
        if (next !== 0 || f === 0) {
          target = next;
          break;
        }
        f = fail[f]!;
      }
      fail[child] = target;
      dictionaryLink[child] = output[target]! >= 0 ? target : dictionaryLink[target]!;
      if (dictionaryLink[child]! >= 0) hasOutput[child] = 1;
      queue[tail++] = child;
    }
  }
  return automaton;
}

/**
 * Numbers the states level by level — the root, then every state one symbol deep, two, … — in
 * place of insertion order (`edgeParent`, `edgeSymbol` and `outputHead` are rewritten). The
 * shallow states that every scan steps through then sit together at the start of every
 * per-state array instead of spread over megabytes of a large lexicon's trie.
 */
function renumberByLevel(
  stateCount: number,
  edgeParent: Int32Array,
  edgeSymbol: Int32Array,
  outputHead: Int32Array,
): void {
  // A parent is always created before its children, so one forward pass finds every depth.
  const depth = new Int32Array(stateCount);
  let deepest = 0;
  for (let s = 1; s < stateCount; s++) {
    depth[s] = depth[edgeParent[s - 1]!]! + 1;
    if (depth[s]! > deepest) deepest = depth[s]!;
  }
  const next = new Int32Array(deepest + 2);
  for (let s = 0; s < stateCount; s++) next[depth[s]! + 1]!++;
  for (let d = 1; d <= deepest + 1; d++) next[d]! += next[d - 1]!;
  const renumber = new Int32Array(stateCount);
  for (let s = 0; s < stateCount; s++) renumber[s] = next[depth[s]!]!++;
  const parents = edgeParent.slice(0, stateCount - 1);
  const symbols = edgeSymbol.slice(0, stateCount - 1);
  const heads = outputHead.slice(0, stateCount);
  for (let s = 1; s < stateCount; s++) {
    const to = renumber[s]!;
    edgeParent[to - 1] = renumber[parents[s - 1]!]!;
    edgeSymbol[to - 1] = symbols[s - 1]!;
  }
  for (let s = 0; s < stateCount; s++) outputHead[renumber[s]!] = heads[s]!;
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

/** The child of `state` on `symbol` in the trie, or 0 when there is none. */
export function child(automaton: Automaton, state: number, symbol: number): number {
  if (symbol < 0) return 0;
  if (state === 0) return automaton.rootNext[symbol]!;
  const slot = (Math.imul(state, 0x9e3779b1) ^ Math.imul(symbol, 0x85ebca77)) >>> CACHE_SHIFT;
  if (automaton.cacheState[slot] === state && automaton.cacheSymbol[slot] === symbol)
    return automaton.cacheTarget[slot]!;
  const target = searchChild(automaton, state, symbol);
  automaton.cacheState[slot] = state;
  automaton.cacheSymbol[slot] = symbol;
  automaton.cacheTarget[slot] = target;
  return target;
}

function searchChild(automaton: Automaton, state: number, symbol: number): number {
  const { childStart, childSymbol, childTarget } = automaton;
  let low = childStart[state]!;
  let high = childStart[state + 1]! - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const found = childSymbol[mid]!;
    if (found === symbol) return childTarget[mid]!;
    if (found < symbol) low = mid + 1;
    else high = mid - 1;
  }
  return 0;
}

/** One transition with failure links; symbol -1 (not in any pattern) returns to the root. */
export function step(automaton: Automaton, state: number, symbol: number): number {
  if (symbol < 0) return 0;
  if (state === 0) return automaton.rootNext[symbol]!;
  const slot = (Math.imul(state, 0x9e3779b1) ^ Math.imul(symbol, 0x85ebca77)) >>> CACHE_SHIFT;
  if (automaton.cacheState[slot] === state && automaton.cacheSymbol[slot] === symbol)
    return automaton.cacheTarget[slot]!;
  const target = walk(automaton, state, symbol);
  automaton.cacheState[slot] = state;
  automaton.cacheSymbol[slot] = symbol;
  automaton.cacheTarget[slot] = target;
  return target;
}

function walk(automaton: Automaton, state: number, symbol: number): number {
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
