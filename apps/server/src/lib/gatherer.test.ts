import { describe, expect, it } from 'vitest';
import { Gatherer } from './gatherer.js';

describe('Gatherer', () => {
  it('hands the items added within the delay to one run, and starts a new batch after it', async () => {
    const runs: number[][] = [];
    const gatherer = new Gatherer<number>(20, async (items) => {
      runs.push(items);
    });
    gatherer.add(1);
    gatherer.add(2);
    expect(runs).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(runs).toEqual([[1, 2]]);
    gatherer.add(3);
    // settled runs what waits at once
    await gatherer.settled();
    expect(runs).toEqual([[1, 2], [3]]);
    await gatherer.settled();
    expect(runs).toHaveLength(2);
  });
});
