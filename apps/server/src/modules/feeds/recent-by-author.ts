import { Gatherer } from '../../lib/gatherer.js';
import { jitteredExpiry } from '../../lib/ttl-map.js';
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
/** Lists past their lifetime are gathered this long, then reloaded in one query. */
export const REFRESH_BATCH_MS = 50;

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
 * One author's newest published notes (newest first), shared by every reader following them and
 * updated in place. `version` grows with every change (from one counter for all lists), so the
 * sum of a reader's lists' versions changes whenever any of them did.
 */
export interface AuthorList {
  readonly authorId: string;
  notes: RankedCandidate[];
  /** How many notes were asked for: the list holds all of the author's newest that many. */
  limit: number;
  /** Reloaded in full after this time (0: at the next read). */
  expires: number;
  version: number;
  /** Dropped from the process's set: a reader holding it must look the author up again. */
  evicted: boolean;
  /** Queued for or under a background reload. */
  refreshing: boolean;
  /** Grows whenever the list is dropped or changed on this node: a reload begun before is void. */
  epoch: number;
}

/**
 * Each author's newest published notes, kept per process for the following feed. A list is
 * loaded once and then topped up by one query per process every second for notes published
 * since (whatever the load and however many authors are kept), instead of being reloaded for
 * every reader whenever a short lifetime ran out. A list is still reloaded in full every
 * minute, in the background while readers keep using it; notes removed or restricted meanwhile
 * are filtered when the page's rows are read (those rows are at most seconds old), so the lists
 * only decide which ids are candidates.
 * Readers hold the lists themselves (see `holders`), so a page costs no lookups.
 */
export class RecentByAuthor {
  readonly #lists = new Map<string, AuthorList>();
  #versions = 0;
  #lastLook = Date.now();
  #looking: Promise<void> | null = null;
  /** Lists past their lifetime, with their epoch when queued, to be reloaded together. */
  readonly #due = new Gatherer<{ list: AuthorList; epoch: number }>(REFRESH_BATCH_MS, (due) =>
    this.#reload(due),
  );

  constructor(
    private readonly source: RecentSource,
    private readonly minimum: number,
    /** Background work that failed (it is retried on a later read). */
    private readonly onError: (error: unknown, what: string) => void,
    private readonly max = 50_000,
  ) {}

  /** The lists of these authors, to be kept by a reader and passed to `ensure` before use. */
  holders(authorIds: string[]): AuthorList[] {
    return authorIds.map((author) => this.#holder(author));
  }

  /**
   * Makes every list usable: the missing ones (never loaded, dropped from the set, or changed on
   * this node) are loaded in one query while the reader waits. Lists past their lifetime are
   * used as they are and reloaded in the background, in batches (they are topped up with new
   * notes every second anyway; the reload only catches removals made on other nodes, which
   * reading the page's rows filters out). Also looks for new notes when due.
   */
  async ensure(lists: AuthorList[], limit: number): Promise<void> {
    this.#lookForNewNotes();
    const now = Date.now();
    const missing: AuthorList[] = [];
    for (let index = 0; index < lists.length; index += 1) {
      let list = lists[index]!;
      if (list.evicted) {
        list = this.#holder(list.authorId);
        lists[index] = list;
      }
      if (list.expires === 0 || list.limit < limit) missing.push(list);
      else if (list.expires <= now && !list.refreshing) {
        list.refreshing = true;
        this.#due.add({ list, epoch: list.epoch });
      }
    }
    if (missing.length === 0) return;
    await this.#load(missing, Math.max(limit, this.minimum));
  }

  /** This node changed an author's notes: their list is reloaded on next use. */
  forget(authorId: string): void {
    const list = this.#lists.get(authorId);
    if (list) this.#expire(list);
  }

  clear(): void {
    for (const list of this.#lists.values()) this.#expire(list);
  }

  /**
   * Starts a queued background reload now, and resolves when it and a look under way (if any)
   * are done; for tests.
   */
  async settled(): Promise<void> {
    await Promise.all([this.#looking, this.#due.settled()]);
  }

  async #load(lists: AuthorList[], size: number): Promise<void> {
    const epochs = lists.map((list) => list.epoch);
    const loaded = await this.source.newestOf(
      lists.map((list) => list.authorId),
      size,
    );
    const expires = jitteredExpiry(AUTHOR_LIST_TTL_MS);
    lists.forEach((list, index) => {
      // changed on this node meanwhile: this reader uses the list, the next one reloads it
      this.#fill(list, loaded, size, list.epoch === epochs[index] ? expires : 0);
    });
  }

  #fill(
    list: AuthorList,
    loaded: Map<string, RankedCandidate[]>,
    size: number,
    expires: number,
  ): void {
    list.notes = loaded.get(list.authorId) ?? [];
    list.limit = size;
    list.expires = expires;
    list.version = ++this.#versions;
  }

  /** Lists past their lifetime, reloaded together in the background (see `ensure`). */
  async #reload(due: Array<{ list: AuthorList; epoch: number }>): Promise<void> {
    const size = Math.max(...due.map(({ list }) => list.limit), this.minimum);
    try {
      const loaded = await this.source.newestOf(
        due.map(({ list }) => list.authorId),
        size,
      );
      const expires = jitteredExpiry(AUTHOR_LIST_TTL_MS);
      for (const { list, epoch } of due) {
        // changed on this node (or dropped) meanwhile: the reload may predate the change
        if (list.epoch === epoch) this.#fill(list, loaded, size, expires);
      }
    } catch (error) {
      this.onError(error, "reloading authors' newest notes");
    } finally {
      for (const { list } of due) list.refreshing = false;
    }
  }

  #holder(authorId: string): AuthorList {
    const known = this.#lists.get(authorId);
    if (known) return known;
    const list: AuthorList = {
      authorId,
      notes: [],
      limit: 0,
      expires: 0,
      version: ++this.#versions,
      evicted: false,
      refreshing: false,
      epoch: 0,
    };
    this.#lists.set(authorId, list);
    if (this.#lists.size > this.max) {
      const [oldest, dropped] = this.#lists.entries().next().value as [string, AuthorList];
      this.#lists.delete(oldest);
      dropped.evicted = true;
      this.#expire(dropped);
    }
    return list;
  }

  #expire(list: AuthorList): void {
    list.expires = 0;
    list.epoch += 1;
    list.version = ++this.#versions;
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
      this.clear();
      this.#lastLook = now;
      return;
    }
    const after = uuidv7Floor(this.#lastLook - POLL_OVERLAP_MS);
    this.#looking = this.source
      .publishedAfter(after, LOOK_MAX)
      .then((notes) => {
        if (notes.length >= LOOK_MAX) this.clear();
        else for (const note of notes) this.#add(note);
        this.#lastLook = now;
      })
      // a failed look is retried on a later read, over the same span
      .catch((error: unknown) => this.onError(error, 'looking for new notes'))
      .finally(() => {
        this.#looking = null;
      });
  }

  #add(note: RankedCandidate): void {
    const list = this.#lists.get(note.author_id);
    if (!list || list.expires === 0) return;
    const { notes } = list;
    let at = 0;
    while (at < notes.length && notes[at]!.id > note.id) at += 1;
    if (notes[at]?.id === note.id) return;
    // a list is the author's newest: an older note beyond a full list is not among them
    if (at >= list.limit) return;
    // a new array: a reader may be merging the old one
    list.notes = [...notes.slice(0, at), note, ...notes.slice(at)].slice(0, list.limit);
    list.version = ++this.#versions;
  }
}
