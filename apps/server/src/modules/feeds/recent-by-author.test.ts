import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { uuidv7 } from '../../lib/uuid7.js';
import type { RankedCandidate } from './feeds.store.js';
import {
  AUTHOR_LIST_TTL_MS,
  NEW_NOTES_POLL_MS,
  POLL_OVERLAP_MS,
  RecentByAuthor,
  type RecentSource,
  uuidv7Floor,
} from './recent-by-author.js';

let made = 0;
/** An id of the millisecond `at` (not through uuidv7, which never goes back in time). */
const idAt = (at: number) =>
  `${uuidv7Floor(at).slice(0, -12)}${(made++).toString(16).padStart(12, '0')}`;
const note = (author: string, at: number): RankedCandidate => ({
  id: idAt(at),
  author_id: author,
  lang: 'en',
  moderation_action: 'allow',
  region_actions: null,
});

/** A database stand-in holding published notes, counting what is asked of it. */
class Notes implements RecentSource {
  all: RankedCandidate[] = [];
  loads: string[][] = [];
  looks: string[] = [];
  failLooks = false;
  /** While set, looks wait for it: the test decides when they land. */
  gate: Promise<void> | null = null;
  /** The same for loads. */
  loadGate: Promise<void> | null = null;
  /** What the background work reported. */
  errors: string[] = [];
  onError = (error: unknown, what: string) => {
    this.errors.push(`${what}: ${(error as Error).message}`);
  };

  async newestOf(authorIds: string[], limit: number) {
    this.loads.push(authorIds);
    if (this.loadGate) await this.loadGate;
    return new Map(
      authorIds.map((author) => [
        author,
        this.all
          .filter((row) => row.author_id === author)
          .sort((a, b) => (a.id < b.id ? 1 : -1))
          .slice(0, limit),
      ]),
    );
  }

  async publishedAfter(after: string, limit: number) {
    this.looks.push(after);
    if (this.gate) await this.gate;
    if (this.failLooks) throw new Error('connection lost');
    return this.all
      .filter((row) => row.id > after)
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, limit);
  }
}

/** What a reader sees: its lists, made current. */
async function listsOf(recent: RecentByAuthor, authors: string[], limit: number) {
  const lists = recent.holders(authors);
  await recent.ensure(lists, limit);
  return lists.map((list) => list.notes);
}

describe('RecentByAuthor', () => {
  let now: number;
  let db: Notes;
  beforeEach(() => {
    now = Date.UTC(2026, 10, 1, 12);
    vi.useFakeTimers({ toFake: ['Date'], now });
    db = new Notes();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
  const later = (ms: number) => {
    now += ms;
    vi.setSystemTime(now);
  };
  const ids = (lists: RankedCandidate[][]) => lists.map((list) => list.map((row) => row.id));

  it('loads each author once and serves later readers from memory', async () => {
    const a = [note('a', now - 3000), note('a', now - 2000)];
    db.all.push(...a, note('b', now - 1000));
    const recent = new RecentByAuthor(db, 2, db.onError);
    expect(ids(await listsOf(recent, ['a'], 2))).toEqual([[a[1]!.id, a[0]!.id]]);
    expect((await listsOf(recent, ['a', 'b'], 2)).map((list) => list.length)).toEqual([2, 1]);
    expect(db.loads).toEqual([['a'], ['b']]);
    // a bigger page than the list holds loads again
    await listsOf(recent, ['a'], 3);
    expect(db.loads).toEqual([['a'], ['b'], ['a']]);
  });

  it('adds notes published elsewhere with one look per second, in the background', async () => {
    const start = now;
    const first = note('a', now - 5000);
    db.all.push(first);
    const recent = new RecentByAuthor(db, 2, db.onError);
    await listsOf(recent, ['a'], 2);
    const fresh = note('a', now + 10);
    const stranger = note('z', now + 20);
    db.all.push(fresh, stranger);
    // within a second nobody looks
    later(NEW_NOTES_POLL_MS - 1);
    expect(ids(await listsOf(recent, ['a'], 2))).toEqual([[first.id]]);
    expect(db.looks).toEqual([]);
    later(1);
    // this reader is not kept waiting; the look lands for the next one
    let open = () => {};
    db.gate = new Promise((resolve) => {
      open = resolve;
    });
    expect(ids(await listsOf(recent, ['a'], 2))).toEqual([[first.id]]);
    open();
    db.gate = null;
    await recent.settled();
    expect(db.looks).toEqual([uuidv7Floor(start - POLL_OVERLAP_MS)]);
    expect(ids(await listsOf(recent, ['a'], 2))).toEqual([[fresh.id, first.id]]);
    // the same notes seen again by the next look (the overlap) are not doubled; the list keeps
    // its size; an author nobody reads is not loaded
    const newer = note('a', now + 30);
    db.all.push(newer);
    later(NEW_NOTES_POLL_MS);
    await listsOf(recent, ['a'], 2);
    await recent.settled();
    expect(ids(await listsOf(recent, ['a'], 2))).toEqual([[newer.id, fresh.id]]);
    expect(db.looks).toHaveLength(2);
    expect(db.loads).toEqual([['a']]);
  });

  it('retries a failed look over the same span, and reloads lists nobody read for a minute', async () => {
    const start = now;
    const recent = new RecentByAuthor(db, 2, db.onError);
    await listsOf(recent, ['a'], 2);
    db.failLooks = true;
    later(NEW_NOTES_POLL_MS);
    await listsOf(recent, ['a'], 2);
    await recent.settled();
    db.failLooks = false;
    later(NEW_NOTES_POLL_MS);
    await listsOf(recent, ['a'], 2);
    await recent.settled();
    expect(db.looks).toEqual([
      uuidv7Floor(start - POLL_OVERLAP_MS),
      uuidv7Floor(start - POLL_OVERLAP_MS),
    ]);
    expect(db.errors).toEqual(['looking for new notes: connection lost']);
    const published = note('a', now + 5);
    db.all.push(published);
    later(AUTHOR_LIST_TTL_MS + 1);
    expect(ids(await listsOf(recent, ['a'], 2))).toEqual([[published.id]]);
    await recent.settled();
    expect(db.looks).toHaveLength(2);
    expect(db.loads).toEqual([['a'], ['a']]);
  });

  it('reloads lists past their lifetime in the background, in one query, while readers use them', async () => {
    const kept = note('a', now - 3000);
    const removed = note('a', now - 2000);
    const b = note('b', now - 1000);
    db.all.push(kept, removed, b);
    // lifetimes without jitter
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const recent = new RecentByAuthor(db, 2, db.onError);
    await listsOf(recent, ['a'], 2);
    await listsOf(recent, ['b'], 2);
    // readers keep coming (each second's look keeps the lists topped up)
    for (let step = 0; step < 3; step += 1) {
      later(AUTHOR_LIST_TTL_MS / 4);
      await listsOf(recent, ['a'], 2);
      await recent.settled();
    }
    later(AUTHOR_LIST_TTL_MS / 4 + 1);
    // removed on another node: this node's list still has it until the reload
    db.all = db.all.filter((row) => row !== removed);
    expect(db.loads).toEqual([['a'], ['b']]);
    expect(ids(await listsOf(recent, ['a'], 2))).toEqual([[removed.id, kept.id]]);
    expect(ids(await listsOf(recent, ['b'], 2))).toEqual([[b.id]]);
    await recent.settled();
    expect(db.loads).toEqual([['a'], ['b'], ['a', 'b']]);
    expect(ids(await listsOf(recent, ['a', 'b'], 2))).toEqual([[kept.id], [b.id]]);
    await recent.settled();
    expect(db.loads).toHaveLength(3);
    // a failed reload is reported and tried again by a later reader
    later(AUTHOR_LIST_TTL_MS / 2);
    await listsOf(recent, ['a'], 2);
    await recent.settled();
    later(AUTHOR_LIST_TTL_MS / 2 + 1);
    db.loadGate = Promise.reject(new Error('connection lost'));
    db.loadGate.catch(() => {});
    await listsOf(recent, ['a'], 2);
    await recent.settled();
    expect(db.errors).toEqual(["reloading authors' newest notes: connection lost"]);
    db.loadGate = null;
    await listsOf(recent, ['a'], 2);
    await recent.settled();
    expect(db.loads).toEqual([['a'], ['b'], ['a', 'b'], ['a'], ['a']]);
  });

  it('drops a background reload that began before this node changed the author', async () => {
    const old = note('a', now - 2000);
    db.all.push(old);
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const recent = new RecentByAuthor(db, 2, db.onError);
    await listsOf(recent, ['a'], 2);
    later(AUTHOR_LIST_TTL_MS / 2);
    await listsOf(recent, ['a'], 2);
    await recent.settled();
    later(AUTHOR_LIST_TTL_MS / 2 + 1);
    let open = () => {};
    db.loadGate = new Promise((resolve) => {
      open = resolve;
    });
    await listsOf(recent, ['a'], 2);
    const reload = recent.settled();
    // the reload has read; then this node publishes a note and forgets the author
    await Promise.resolve();
    const mine = note('a', now);
    db.all.push(mine);
    recent.forget('a');
    db.loadGate = null;
    open();
    await reload;
    // the stale reload was not kept: the next reader loads the list with the new note
    expect(ids(await listsOf(recent, ['a'], 2))).toEqual([[mine.id, old.id]]);
    expect(db.loads).toEqual([['a'], ['a'], ['a']]);
  });

  it('forgets an author this node changed', async () => {
    const recent = new RecentByAuthor(db, 2, db.onError);
    await listsOf(recent, ['a'], 2);
    const mine = note('a', now);
    db.all.push(mine);
    recent.forget('a');
    expect(ids(await listsOf(recent, ['a'], 2))).toEqual([[mine.id]]);
  });
});

describe('RecentByAuthor lists held by readers', () => {
  it('change version with every change, and are replaced once dropped from the set', async () => {
    const db = new Notes();
    db.all.push(note('a', Date.now() - 1000), note('b', Date.now() - 1000));
    const recent = new RecentByAuthor(db, 2, db.onError, 2);
    const held = recent.holders(['a', 'b']);
    await recent.ensure(held, 2);
    const [a] = held;
    const before = a!.version;
    await recent.ensure(held, 2);
    expect(a!.version).toBe(before);
    recent.forget('a');
    expect(a!.version).toBeGreaterThan(before);
    await recent.ensure(held, 2);
    expect(db.loads).toEqual([['a', 'b'], ['a']]);
    // a third author pushes the oldest list out of a set of two: its reader gets a new one
    recent.holders(['c']);
    expect(a!.evicted).toBe(true);
    await recent.ensure(held, 2);
    expect(held[0]).not.toBe(a);
    expect(held[0]!.notes.map((row) => row.author_id)).toEqual(['a']);
  });
});

describe('uuidv7Floor', () => {
  it('sorts before every UUIDv7 of its millisecond and after those of the one before', () => {
    // later than any id made so far: uuidv7 never goes back in time
    const base = Date.now() + 10 * 365 * 24 * 3600 * 1000;
    for (let index = 0; index < 50; index += 1) {
      const at = base + 2 * index;
      const floor = uuidv7Floor(at);
      expect(uuidv7(at - 1) < floor).toBe(true);
      expect(uuidv7(at) >= floor).toBe(true);
      expect(uuidv7(at) > floor).toBe(true);
    }
  });
});
