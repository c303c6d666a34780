import { describe, expect, it } from 'vitest';
import { AUTHOR_CAP_PER_PAGE, interleave, pickPage } from './discover.js';

const candidates = (
  prefix: string,
  count: number,
  author = (index: number) => `${prefix}-author-${index}`,
) =>
  Array.from({ length: count }, (_, index) => ({
    id: `${prefix}${index}`,
    author_id: author(index),
  }));

describe('interleave', () => {
  it('gives every fourth slot to exploration while it lasts, each note once', () => {
    const ranked = candidates('r', 12);
    const explore = candidates('e', 3);
    const merged = interleave(ranked, explore, 'seed');
    expect(merged).toHaveLength(15);
    expect(new Set(merged.map((item) => item.id)).size).toBe(15);
    const explorationSlots = merged
      .map((item, index) => (item.id.startsWith('e') ? index : -1))
      .filter((index) => index >= 0);
    expect(explorationSlots).toEqual([3, 7, 11]);
    // ranked order is kept
    expect(merged.filter((item) => item.id.startsWith('r')).map((item) => item.id)).toEqual(
      ranked.map((item) => item.id),
    );
  });

  it('does not repeat a note that is in both pools, and is deterministic per seed', () => {
    const ranked = candidates('r', 4);
    const explore = [...candidates('e', 4), ranked[0]!];
    const once = interleave(ranked, explore, 'a');
    expect(once).toHaveLength(8);
    expect(interleave(ranked, explore, 'a')).toEqual(once);
  });
});

describe('pickPage', () => {
  it('keeps at most two notes per author on a page and defers the rest without losing them', () => {
    const ids = ['a1', 'a2', 'a3', 'a4', 'b1', 'c1', 'a5', 'b2'];
    const authors = new Map(ids.map((id) => [id, id[0]!]));
    const { page, reordered } = pickPage(ids, authors, 4);
    expect(page).toEqual(['a1', 'a2', 'b1', 'c1']);
    expect(reordered).toEqual(['a1', 'a2', 'b1', 'c1', 'a3', 'a4', 'a5', 'b2']);
    const second = pickPage(reordered.slice(4), authors, 4);
    expect(second.page).toEqual(['a3', 'a4', 'b2']);
    const counts = new Map<string, number>();
    for (const id of page) counts.set(authors.get(id)!, (counts.get(authors.get(id)!) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(AUTHOR_CAP_PER_PAGE);
  });

  it('drops notes deleted since the snapshot', () => {
    const authors = new Map([['x', 'x']]);
    expect(pickPage(['gone', 'x'], authors, 5)).toEqual({ page: ['x'], reordered: ['x'] });
  });
});
