import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NoteRow } from '../../db/schema.js';
import { type NoteParts, NotePartsCache, PARTS_REFRESH_MS, PARTS_TTL_MS } from './note-cache.js';

const row = (id: string) => ({ id, author_id: `author-${id}` }) as NoteRow;

/** The parts store: what each note shows now, and every batch read from it. */
class Parts {
  names = new Map<string, string>();
  reads: string[][] = [];
  fail = false;
  /** While set, reads wait for it. */
  gate: Promise<void> | null = null;

  read = async (rows: NoteRow[]) => {
    this.reads.push(rows.map((item) => item.id));
    if (this.fail) throw new Error('connection lost');
    // what the read saw, answered when the gate opens
    const seen = new Map<string, NoteParts>(
      rows.map((item) => [
        item.id,
        {
          author: {
            id: item.author_id,
            handle: item.author_id,
            displayName: this.names.get(item.id) ?? 'Ana',
            badge: null,
            avatarUrl: null,
          },
          media: [],
          topics: [],
          mentions: [],
        },
      ]),
    );
    if (this.gate) await this.gate;
    return seen;
  };
}

describe('NotePartsCache', () => {
  let store: Parts;
  let errors: unknown[];
  let cache: NotePartsCache;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // lifetimes without jitter
    vi.spyOn(Math, 'random').mockReturnValue(0);
    store = new Parts();
    errors = [];
    cache = new NotePartsCache(store.read, (error) => errors.push(error));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
  const names = async (ids: string[]) => {
    const parts = await cache.partsOf(ids.map(row));
    return ids.map((id) => parts.get(id)!.author.displayName);
  };

  it('reads missing parts while the page waits, and reuses them', async () => {
    expect(await names(['a', 'b'])).toEqual(['Ana', 'Ana']);
    expect(await names(['b', 'c'])).toEqual(['Ana', 'Ana']);
    expect(store.reads).toEqual([['a', 'b'], ['c']]);
  });

  it('reloads parts in use in the background, in one batch for every page read meanwhile', async () => {
    await names(['a', 'b', 'c']);
    const first = (await cache.partsOf([row('c')])).get('c');
    vi.advanceTimersByTime(PARTS_REFRESH_MS);
    store.names.set('a', 'Ana Lima');
    // due: the pages get what is cached at once; one reload for both pages
    expect(await names(['a'])).toEqual(['Ana']);
    expect(await names(['a', 'c'])).toEqual(['Ana', 'Ana']);
    await cache.settled();
    expect(store.reads).toEqual([
      ['a', 'b', 'c'],
      ['a', 'c'],
    ]);
    expect(await names(['a', 'c'])).toEqual(['Ana Lima', 'Ana']);
    // parts that show the same stay the same object (serialized notes built on them stay valid)
    expect((await cache.partsOf([row('c')])).get('c')).toBe(first);
    // `b` was not read since: past the TTL its page waits for it
    vi.advanceTimersByTime(PARTS_TTL_MS - PARTS_REFRESH_MS);
    await names(['b']);
    expect(store.reads.at(-1)).toEqual(['b']);
    expect(errors).toEqual([]);
  });

  it('drops a reload begun before this node changed the note, and reports failed reloads', async () => {
    await names(['a', 'b']);
    vi.advanceTimersByTime(PARTS_REFRESH_MS);
    let open = () => {};
    store.gate = new Promise((resolve) => {
      open = resolve;
    });
    await names(['a', 'b']);
    const reload = cache.settled();
    // this node edits note `a` meanwhile: what it presents is set anew
    cache.forget('a');
    store.names.set('a', 'Ana (edited)');
    store.gate = null;
    open();
    await reload;
    expect(await names(['a'])).toEqual(['Ana (edited)']);
    expect(store.reads).toEqual([['a', 'b'], ['a', 'b'], ['a']]);
    // a failed reload leaves the parts in use and is tried again by a later page
    vi.advanceTimersByTime(PARTS_REFRESH_MS);
    store.fail = true;
    expect(await names(['b'])).toEqual(['Ana']);
    await cache.settled();
    expect(errors).toEqual([new Error('connection lost')]);
    store.fail = false;
    store.names.set('b', 'Bo');
    await names(['b']);
    await cache.settled();
    expect(await names(['b'])).toEqual(['Bo']);
  });
});
