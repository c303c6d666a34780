import { describe, expect, it } from 'vitest';
import { newestFirst } from './feeds.service.js';
import type { RankedCandidate } from './feeds.store.js';

const note = (
  id: string,
  action: RankedCandidate['moderation_action'] = 'allow',
): RankedCandidate => ({
  id,
  author_id: 'a',
  lang: null,
  moderation_action: action,
  region_actions: null,
});

describe('newestFirst (the following merge)', () => {
  it('merges lists that are each newest first into the newest kept ids overall', () => {
    const lists = [
      [note('09'), note('05'), note('01')],
      [note('08'), note('07', 'limit'), note('02')],
      [],
      [note('06'), note('04'), note('03')],
    ];
    const kept = (candidate: RankedCandidate) => candidate.moderation_action === 'allow';
    expect(newestFirst(lists, 5, kept)).toEqual(['09', '08', '06', '05', '04']);
    expect(newestFirst(lists, 20, kept)).toEqual(['09', '08', '06', '05', '04', '03', '02', '01']);
    expect(newestFirst([], 20, kept)).toEqual([]);
  });
});
