import { TtlMap } from '../../lib/ttl-map.js';
import type { RankedCandidate } from './feeds.store.js';

/** How often this process looks for notes published since it last looked. */
export const NEW_NOTES_POLL_MS = 1_000;
/**
 * Each look goes back this far before the previous one: ids are made on several nodes, whose
 * clocks differ, and a note's transaction may commit a little after its id was made.
 */
export const POLL_OVERLAP_MS = 10_000;
/** An author's list is reloaded in full this often: it catches removals made on other nodes. */
export const AUTHOR_LIST_TTL_MS = 60_000;
/** More new notes than this in one look: the lists are dropped and reloaded as they are read. */
const LOOK_MAX = 5_000;

export interface RecentSource {
  /** The newest `limit` published notes of each author. */
  newestOf(authorIds: string[], limit: number): Promise<Map<string, RankedCandidate[]>>;
  /**
   * Published notes whose id sorts after `after` (ids are UUIDv7: created after a time), oldest
   * first, at most `limit`.
   */
  publishedAfter(after: string, limit: number): Promise<RankedCandidate[]>;
}

/** The smallest UUIDv7 of a millisecond: a bound for "created after". */
export function uuidv7Floor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7000-8000-000000000000`;
}

/**
 * Each author's newest published notes, kept per process for the following feed. A list is
 * loaded once and then topped up by one query per process every second for notes published
 * since (whatever the load and however many authors are kept), instead of being reloaded for
 * every reader whenever a short lifetime ran out. A list is still reloaded in full every
 * minute; notes removed or restricted meanwhile are filtered when the page's rows are read
 * (those rows are at most seconds old), so the lists only decide which ids are candidates.
 */
export class RecentByAuthor {
  readonly #lists: TtlMap<string, { notes: RankedCandidate[]; limit: number }>;
  #lastLook = Date.now();
  #looking: Promise<void> | null = null;

  constructor(
    private readonly source: RecentSource,
    private readonly minimum: number,
    max = 50_000,
  ) {
    this.#lists = new TtlMap(AUTHOR_LIST_TTL_MS, max);
  }

  /** The newest notes of each author (at least `limit` where they have that many), newest first. */
  async listsOf(authorIds: string[], limit: number): Promise<RankedCandidate[][]> {
    this.#lookForNewNotes();
    const lists: RankedCandidate[][] = [];
    const missing: string[] = [];
    for (const author of authorIds) {
      const known = this.#lists.get(author);
      if (known && known.limit >= limit) lists.push(known.notes);
      else missing.push(author);
    }
    if (missing.length > 0) {
      const size = Math.max(limit, this.minimum);
      const loaded = await this.source.newestOf(missing, size);
      for (const [author, notes] of loaded) {
        this.#lists.set(author, { notes, limit: size });
        lists.push(notes);
      }
    }
    return lists;
  }

  /** This node changed an author's notes: their list is reloaded on next use. */
  forget(authorId: string): void {
    this.#lists.delete(authorId);
  }

  clear(): void {
    this.#lists.clear();
  }

  /** Resolves when a look under way (if any) is done; for tests. */
  settled(): Promise<void> {
    return this.#looking ?? Promise.resolve();
  }

  /**
   * At most once per NEW_NOTES_POLL_MS, in the background (readers never wait for it): adds the
   * notes published since the last look to the lists of their authors.
   */
  #lookForNewNotes(): void {
    const now = Date.now();
    if (this.#looking || now - this.#lastLook < NEW_NOTES_POLL_MS) return;
    if (now - this.#lastLook > AUTHOR_LIST_TTL_MS) {
      // nobody read for so long that every list has expired: nothing to top up
      this.#lists.clear();
      this.#lastLook = now;
      return;
    }
    const after = uuidv7Floor(this.#lastLook - POLL_OVERLAP_MS);
    this.#looking = this.source
      .publishedAfter(after, LOOK_MAX)
      .then((notes) => {
        if (notes.length >= LOOK_MAX) this.#lists.clear();
        else for (const note of notes) this.#add(note);
        this.#lastLook = now;
      })
      // a failed look is retried on a later read, over the same span
      .catch(() => {})
      .finally(() => {
        this.#looking = null;
      });
  }

  #add(note: RankedCandidate): void {
    const entry = this.#lists.get(note.author_id);
    if (!entry) return;
    const { notes } = entry;
    let at = 0;
    while (at < notes.length && notes[at]!.id > note.id) at += 1;
    if (notes[at]?.id === note.id) return;
    // a list is the author's newest: an older note beyond a full list is not among them
    if (at >= entry.limit) return;
    const next = [...notes.slice(0, at), note, ...notes.slice(at)].slice(0, entry.limit);
    entry.notes = next;
  }
}
