import { describe, expect, it } from 'vitest';
import { createHotMatcher } from './hot-matcher.js';

describe('createHotMatcher', () => {
  it('swaps in a rebuilt lexicon in one step and counts versions', () => {
    const hot = createHotMatcher([{ term: 'spamword', category: 'spam' }]);
    const before = hot.current;
    expect(hot.version).toBe(1);
    expect(hot.scan('a spamword').map((m) => m.term)).toEqual(['spamword']);
    hot.rebuild([{ term: 'scamword', category: 'fraud' }]);
    expect(hot.version).toBe(2);
    expect(hot.current).not.toBe(before);
    expect(hot.scan('a spamword, a scamword').map((m) => m.term)).toEqual(['scamword']);
    // A matcher taken before the swap keeps working on its own lexicon.
    expect(before.scan('a spamword').map((m) => m.term)).toEqual(['spamword']);
  });

  it('keeps the old matcher when the new lexicon is invalid', () => {
    const hot = createHotMatcher([{ term: 'spamword', category: 'spam' }]);
    expect(() => hot.rebuild([{ term: '', category: 'spam' }])).toThrow(/term/);
    expect(hot.version).toBe(1);
    expect(hot.size).toBe(1);
    expect(hot.scan('spamword')).toHaveLength(1);
  });
});
