import { describe, expect, it } from 'vitest';
import {
  AUTHOR_CAP_PER_PAGE,
  interleave,
  languageBalance,
  pageAt,
  pageOrder,
  pickPage,
} from './discover.js';

const candidates = (
  prefix: string,
  count: number,
  author = (index: number) => `${prefix}-author-${index}`,
) =>
  Array.from({ length: count }, (_, index) => ({
    id: `${prefix}${index}`,
    author_id: author(index),
    lang: null,
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
  const snapshot = (authors: string) =>
    [...authors].map((author, index) => ({ id: `n${index}`, author_id: author, lang: null }));

  it('caps each page at two notes per author and serves the deferred ones first later', () => {
    const items = snapshot('aaaabcab');
    const first = pickPage(items, 0, [], 4);
    expect(first.positions).toEqual([0, 1, 4, 5]);
    expect(first.deferred).toEqual([2, 3]);
    const second = pickPage(items, first.offset, first.deferred, 4);
    expect(second.positions).toEqual([2, 3, 7]);
    expect(second.deferred).toEqual([6]);
    const third = pickPage(items, second.offset, second.deferred, 4);
    expect(third.positions).toEqual([6]);
    const served = [...first.positions, ...second.positions, ...third.positions].sort(
      (a, b) => a - b,
    );
    expect(served).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('never puts more than two notes of one author on a page, for any page size', () => {
    const items = snapshot('aaaaaaabbbbbccd');
    for (const limit of [1, 2, 3, 5, 20]) {
      let state = { offset: 0, deferred: [] as number[] };
      const seen: number[] = [];
      for (
        let guard = 0;
        guard < 50 && (state.offset < items.length || state.deferred.length);
        guard += 1
      ) {
        const page = pickPage(items, state.offset, state.deferred, limit);
        const counts = new Map<string, number>();
        for (const position of page.positions) {
          const author = items[position]!.author_id;
          counts.set(author, (counts.get(author) ?? 0) + 1);
        }
        expect(Math.max(0, ...counts.values())).toBeLessThanOrEqual(AUTHOR_CAP_PER_PAGE);
        seen.push(...page.positions);
        state = page;
      }
      expect(seen.sort((a, b) => a - b)).toEqual(items.map((_, index) => index));
    }
  });
});

describe('language balance', () => {
  // 20 notes by 20 authors: even positions in Chinese, odd in English, some of unknown language
  const items = Array.from({ length: 40 }, (_, index) => ({
    id: `n${index}`,
    author_id: `a${index}`,
    lang: index % 10 === 9 ? null : index % 2 === 0 ? 'zh-Hans' : 'en',
  }));
  const otherShare = (positions: number[]) =>
    positions.filter((position) => items[position]!.lang === 'zh-Hans').length / positions.length;

  it('keeps other languages to 30% (balanced) or 10% (mine) of a page, never to none', () => {
    const balanced = pickPage(items, 0, [], 10, languageBalance(['en'], 'balanced'));
    expect(balanced.positions).toHaveLength(10);
    expect(otherShare(balanced.positions)).toBeCloseTo(0.3);
    const mine = pickPage(items, 0, [], 10, languageBalance(['en-US'], 'mine'));
    expect(otherShare(mine.positions)).toBeCloseTo(0.1);
    // a note of unknown language is never held back
    expect(mine.positions).toContain(9);
  });

  it('reads a language by its base (zh-Hant reader reads zh-Hans) and is off without languages', () => {
    expect(
      otherShare(pickPage(items, 0, [], 10, languageBalance(['zh-Hant'], 'mine')).positions),
    ).toBeGreaterThan(0.5);
    expect(languageBalance([], 'mine')).toBeNull();
    expect(languageBalance(['en'], 'everything')).toBeNull();
  });

  it('defers what it holds back: the whole order serves every note once, other languages last', () => {
    for (const mix of ['balanced', 'mine'] as const) {
      const order = pageOrder(items, 10, languageBalance(['en'], mix));
      expect([...order.positions].sort((a, b) => a - b)).toEqual(items.map((_, index) => index));
      expect(order.ends.at(-1)).toBe(items.length);
      // the first page keeps the share; what was held back ends the order
      expect(otherShare(pageAt(order, 0, 10))).toBeLessThanOrEqual(mix === 'mine' ? 0.1 : 0.3);
      expect(items[order.positions.at(-1)!]!.lang).toBe('zh-Hans');
    }
  });

  it('never serves past a planned page, whatever page size is asked for', () => {
    const order = pageOrder(snapshotOf('aaaabcab'), 4);
    expect(pageAt(order, 0, 10)).toEqual([0, 1, 4, 5]);
    expect(pageAt(order, 4, 2)).toEqual([2, 3]);
    expect(pageAt(order, 6, 10)).toEqual([7]);
  });
});

function snapshotOf(authors: string) {
  return [...authors].map((author, index) => ({ id: `n${index}`, author_id: author, lang: null }));
}
