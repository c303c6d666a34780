// A small seeded random generator (SplitMix32-style hashing + xorshift), so the same seed and
// options give the same wave byte for byte, and any actor can be regenerated from its index.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  int(maxExclusive: number): number;
  range(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** Exponential with the given mean (waiting times of a Poisson process). */
  exponential(mean: number): number;
  /** Log-normal around `median` (human delays: most short, some long). */
  logNormal(median: number, spread: number): number;
}

/** Mixes numbers into a 32-bit hash (stable across runs and platforms). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Hashes a string (seeds given as text). */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    h = Math.imul(h ^ text.charCodeAt(index), 0x01000193);
  }
  return hash32(h);
}

export function createRandom(...seed: number[]): Random {
  let state = hash32(...seed) || 1;
  const next = () => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    int: (maxExclusive) => Math.floor(next() * maxExclusive),
    range: (min, max) => min + next() * (max - min),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (probability) => next() < probability,
    exponential: (mean) => -Math.log(1 - next()) * mean,
    logNormal: (median, spread) => {
      // Box–Muller
      const u = 1 - next();
      const v = next();
      const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      return median * Math.exp(normal * spread);
    },
  };
  return random;
}
