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
  /** Names the balance (the base languages read and the share), for caching page orders. */
  key: string;
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
  return {
    reads: (lang) => read.has(base(lang)),
    otherShare: OTHER_LANGUAGE_SHARE[mix],
    key: `${[...read].sort().join(',')}:${mix}`,
  };
}

/**
 * Picks the next page from a snapshot: positions deferred by earlier pages first, then onward
 * from `offset`. A note over the author cap (AUTHOR_CAP_PER_PAGE per page) or over the share of
 * languages the reader does not read is deferred, never dropped: it comes first on a later page.
 * Once the walk reaches the end of the snapshot, the language share yields (what is left is in
 * other languages, and the reader still gets it rather than an early end); the author cap holds.
 */
export function pickPage(
  items: Candidate[],
  offset: number,
  deferred: number[],
  limit: number,
  balance: LanguageBalance | null = null,
): { positions: number[]; offset: number; deferred: number[] } {
  const positions: number[] = [];
  const perAuthor = new Map<string, number>();
  const maxOther = balance ? Math.max(1, Math.round(limit * balance.otherShare)) : limit;
  let other = 0;
  const foreign = (position: number) => {
    const lang = items[position]!.lang;
    return balance !== null && lang !== null && !balance.reads(lang);
  };
  /** Takes `position` if the page has room for it; false when it must wait. */
  const take = (position: number, share: boolean) => {
    const isForeign = foreign(position);
    if (share && isForeign && other >= maxOther) return false;
    const author = items[position]!.author_id;
    const count = perAuthor.get(author) ?? 0;
    if (positions.length >= limit || count >= AUTHOR_CAP_PER_PAGE) return false;
    positions.push(position);
    perAuthor.set(author, count + 1);
    if (isForeign) other += 1;
    return true;
  };
  let waiting: number[] = [];
  for (const position of deferred) {
    if (position < items.length && !take(position, true)) waiting.push(position);
  }
  let next = offset;
  while (positions.length < limit && next < items.length) {
    if (!take(next, true)) waiting.push(next);
    next += 1;
  }
  if (next >= items.length && positions.length < limit) {
    waiting = waiting.filter((position) => !take(position, false));
  }
  return { positions, offset: next, deferred: waiting.sort((a, b) => a - b) };
}

/** The order a snapshot is served in: positions, and where each page of it ends. */
export interface PageOrder {
  positions: number[];
  /** Offsets into `positions` at which a page ends, ascending (the last is its length). */
  ends: number[];
}

/**
 * The order in which a reader with `balance` gets a snapshot, `limit` notes a page: every
 * position exactly once. Kept server-side (it is a pure function of the snapshot), so a cursor
 * is only the snapshot and how far into this order the reader is.
 */
export function pageOrder(
  items: Candidate[],
  limit: number,
  balance: LanguageBalance | null = null,
): PageOrder {
  const positions: number[] = [];
  const ends: number[] = [];
  let state = { offset: 0, deferred: [] as number[] };
  while (state.offset < items.length || state.deferred.length > 0) {
    const page = pickPage(items, state.offset, state.deferred, limit, balance);
    positions.push(...page.positions);
    ends.push(positions.length);
    state = page;
  }
  return { positions, ends };
}

/**
 * The page from `offset`: at most `limit` positions, never past the end of the planned page
 * (so a page size changed mid-scroll still keeps each page's caps).
 */
export function pageAt(order: PageOrder, offset: number, limit: number): number[] {
  const end = order.ends.find((candidate) => candidate > offset) ?? order.positions.length;
  return order.positions.slice(offset, Math.min(end, offset + limit));
}
