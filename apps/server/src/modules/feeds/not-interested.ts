import { createHash } from 'node:crypto';
import type { PageOrder } from './discover.js';
import type { Dismissal } from './dismissals.store.js';
import type { Candidate } from './feeds.store.js';

/** Dismissals older than this no longer steer discover (the dismissed note stays out). */
export const DEMOTION_MS = 90 * 24 * 60 * 60 * 1000;
/** At most this many of a reader's latest dismissals are read for a page. */
export const DISMISSALS_READ = 500;

/** Authors a reader's discover puts behind everything else, named for caching page orders. */
export interface Demotion {
  authors: Set<string>;
  key: string;
}

/** What a reader's "not interested" does to their discover. */
export interface NotInterested {
  /** Notes never shown again in their discover. */
  hidden: Set<string>;
  /**
   * The authors to put last in a snapshot built at `builtAt` (ms): only dismissals made before
   * it count, so the order of a snapshot a reader is scrolling through never changes under
   * them (a later dismissal hides its note at once and steers the next snapshot).
   */
  demotedIn(builtAt: number): Demotion | null;
}

/** The reader's dismissals, newest first, as their effect on discover. */
export function notInterested(dismissals: Dismissal[], now = Date.now()): NotInterested {
  const hidden = new Set(dismissals.map((dismissal) => dismissal.note_id));
  return {
    hidden,
    demotedIn(builtAt) {
      const authors = new Set<string>();
      for (const dismissal of dismissals) {
        const at = dismissal.created_at.getTime();
        if (at < builtAt && at > now - DEMOTION_MS) authors.add(dismissal.author_id);
      }
      if (authors.size === 0) return null;
      const key = createHash('sha256')
        .update([...authors].sort().join(','))
        .digest('base64url')
        .slice(0, 16);
      return { authors, key };
    },
  };
}

/**
 * The order of a snapshot with the demoted authors' notes behind all others: the others are
 * planned first (`plan`: caps and language balance as usual), then the demoted ones, each group
 * in its own order. Deferred, never dropped: a reader who scrolls on still reaches them.
 */
export function demotedOrder(
  items: Candidate[],
  authors: Set<string>,
  plan: (items: Candidate[]) => PageOrder,
): PageOrder {
  const front: number[] = [];
  const back: number[] = [];
  items.forEach((item, position) => {
    (authors.has(item.author_id) ? back : front).push(position);
  });
  const first = plan(front.map((position) => items[position]!));
  const last = plan(back.map((position) => items[position]!));
  return {
    positions: [
      ...first.positions.map((position) => front[position]!),
      ...last.positions.map((position) => back[position]!),
    ],
    ends: [...first.ends, ...last.ends.map((end) => end + first.positions.length)],
  };
}

/** The creation time (ms) of a UUIDv7, such as a snapshot's id. */
export function uuidv7Time(id: string): number {
  return Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
}
