import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../lib/uuid7.js';
import { pageOrder } from './discover.js';
import type { Candidate } from './feeds.store.js';
import { demotedOrder, notInterested, uuidv7Time } from './not-interested.js';

const note = (id: number, author: string): Candidate => ({
  id: `n${id}`,
  author_id: author,
  lang: 'en',
});

describe('not interested, in memory', () => {
  it('puts a demoted author after every other note, each once, across pages', () => {
    const items = [
      note(0, 'pia'),
      note(1, 'ben'),
      note(2, 'pia'),
      note(3, 'cal'),
      note(4, 'ben'),
      note(5, 'ben'),
      note(6, 'dee'),
    ];
    const order = demotedOrder(items, new Set(['pia']), (part) => pageOrder(part, 3));
    const ids = order.positions.map((position) => items[position]!.id);
    expect([...ids].sort()).toEqual(items.map((item) => item.id).sort());
    expect(ids.slice(-2)).toEqual(['n0', 'n2']);
    expect(order.ends.at(-1)).toBe(items.length);
    // pages still keep the author cap: no page has three notes of ben
    let start = 0;
    for (const end of order.ends) {
      const page = ids.slice(start, end).map((id) => items.find((item) => item.id === id)!);
      expect(page.filter((item) => item.author_id === 'ben').length).toBeLessThanOrEqual(2);
      start = end;
    }
  });

  it('counts only dismissals made before a snapshot, and hides the note whenever', () => {
    const now = Date.now();
    const dismissals = [
      { note_id: 'n9', author_id: 'late', created_at: new Date(now - 1_000) },
      { note_id: 'n8', author_id: 'early', created_at: new Date(now - 60_000) },
    ];
    const personal = notInterested(dismissals, now);
    expect([...personal.hidden].sort()).toEqual(['n8', 'n9']);
    const built = uuidv7Time(uuidv7(now - 30_000));
    expect(built).toBe(now - 30_000);
    expect([...personal.demotedIn(built)!.authors]).toEqual(['early']);
    expect([...personal.demotedIn(now)!.authors].sort()).toEqual(['early', 'late']);
    expect(personal.demotedIn(now - 120_000)).toBeNull();
    // the key names the set, not the order it was read in
    const again = notInterested([...dismissals].reverse(), now);
    expect(again.demotedIn(now)!.key).toBe(personal.demotedIn(now)!.key);
  });
});
