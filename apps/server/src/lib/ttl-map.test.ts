import { afterEach, describe, expect, it, vi } from 'vitest';
import { TtlMap } from './ttl-map.js';

describe('TtlMap', () => {
  afterEach(() => vi.useRealTimers());

  it('forgets entries after the TTL and the oldest entry when full', () => {
    vi.useFakeTimers();
    const map = new TtlMap<string, number>(1_000, 2);
    map.set('a', 1);
    vi.advanceTimersByTime(500);
    map.set('b', 2);
    // jittered lifetimes are between 75% and 100% of the TTL
    expect(map.get('a')).toBe(1);
    vi.advanceTimersByTime(501);
    expect(map.get('a')).toBeUndefined();
    expect(map.get('b')).toBe(2);
    map.set('c', 3);
    map.set('d', 4);
    expect(map.get('b')).toBeUndefined();
    expect([map.get('c'), map.get('d'), map.size]).toEqual([3, 4, 2]);
    map.delete('c');
    expect(map.get('c')).toBeUndefined();
  });
});
