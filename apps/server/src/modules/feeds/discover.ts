import type { FeedLanguageMix } from '@atrium/contracts';
import type { Candidate } from './feeds.store.js';

/** Share of each page given to exploration (fresh notes, new creators). */
export const EXPLORATION_SHARE = 0.25;
/** At most this many notes of one author on a page. */
export const AUTHOR_CAP_PER_PAGE = 2;

/** A small seeded PRNG (mulberry32): the same snapshot id always explores the same way. */
function random(seed: string): () => number {
  let state = 0;
  for (const char of seed) state = (Math.imul(state, 31) + char.charCodeAt(0)) | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Merges the ranked list with a shuffled exploration pool: every fourth slot (25%) goes to
 * exploration while it lasts. Each note appears once.
 */
export function interleave(
  ranked: Candidate[],
  exploration: Candidate[],
  seed: string,
): Candidate[] {
  const next = random(seed);
  const rankedIds = new Set(ranked.map((candidate) => candidate.id));
  const pool = exploration.filter((candidate) => !rankedIds.has(candidate.id));
  for (let index = pool.length - 1; index > 0; index -= 1) {
    const swap = Math.floor(next() * (index + 1));
    [pool[index], pool[swap]] = [pool[swap]!, pool[index]!];
  }
  const every = Math.round(1 / EXPLORATION_SHARE);
  const result: Candidate[] = [];
  const seen = new Set<string>();
  let rankedIndex = 0;
  let poolIndex = 0;
  while (rankedIndex < ranked.length || poolIndex < pool.length) {
    const exploreSlot = (result.length + 1) % every === 0;
    const source =
      (exploreSlot && poolIndex < pool.length) || rankedIndex >= ranked.length
        ? pool[poolIndex++]!
        : ranked[rankedIndex++]!;
    if (!seen.has(source.id)) {
      seen.add(source.id);
      result.push(source);
    }
  }
  return result;
}

/** Share of a page in languages the reader does not read, per `feedLanguageMix`. */
export const OTHER_LANGUAGE_SHARE = { balanced: 0.3, mine: 0.1 } as const;

export interface LanguageBalance {
  reads(lang: string): boolean;
  otherShare: number;
}

/**
 * The reader's language balance for discover, or null for none (no languages set, or
 * `everything`). A language is read when its base language is (`zh-Hant` reads `zh-Hans`).
 */
export function languageBalance(
  languages: readonly string[],
  mix: FeedLanguageMix,
): LanguageBalance | null {
  if (languages.length === 0 || mix === 'everything') return null;
  const base = (tag: string) => tag.split('-')[0]!.toLowerCase();
  const read = new Set(languages.map(base));
  return { reads: (lang) => read.has(base(lang)), otherShare: OTHER_LANGUAGE_SHARE[mix] };
}

/** Positions a page may defer to later pages before the cap yields (keeps cursors small). */
export const MAX_DEFERRED = 60;

/**
 * Picks the next page from a snapshot: positions deferred by earlier pages first, then onward
 * from `offset`, at most AUTHOR_CAP_PER_PAGE notes per author. A note over the cap is deferred
 * (its position travels in the cursor) and comes first on a later page, so nothing is lost and
 * the shared snapshot is never rewritten.
 */
export function pickPage(
  items: Candidate[],
  offset: number,
  deferred: number[],
  limit: number,
  balance: LanguageBalance | null = null,
): { positions: number[]; offset: number; deferred: number[] } {
  const positions: number[] = [];
  const stillDeferred: number[] = [];
  const perAuthor = new Map<string, number>();
  const maxOther = balance ? Math.max(1, Math.round(limit * balance.otherShare)) : limit;
  let other = 0;
  const take = (position: number) => {
    // over the share of languages the reader does not read: skipped, not deferred (the reader
    // asked for less of them; deferring would only push them onto the next page)
    const lang = items[position]!.lang;
    const foreign = balance !== null && lang !== null && !balance.reads(lang);
    if (foreign && other >= maxOther) return;
    if (foreign) other += 1;
    const author = items[position]!.author_id;
    const count = perAuthor.get(author) ?? 0;
    if (
      positions.length < limit &&
      (count < AUTHOR_CAP_PER_PAGE || stillDeferred.length >= MAX_DEFERRED)
    ) {
      positions.push(position);
      perAuthor.set(author, count + 1);
    } else {
      stillDeferred.push(position);
    }
  };
  for (const position of deferred) if (position < items.length) take(position);
  let next = offset;
  while (positions.length < limit && next < items.length) take(next++);
  return { positions, offset: next, deferred: stillDeferred };
}
