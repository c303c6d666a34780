import { describe, expect, it } from 'vitest';
import { VelocityCounter } from './velocity.js';

describe('VelocityCounter', () => {
  it('counts hits in the window and forgets them as it slides', () => {
    const counter = new VelocityCounter({ windowMs: 10_000, buckets: 10 });
    const start = 1_000_000;
    expect(counter.hit('a', start)).toBe(1);
    expect(counter.hit('a', start + 3_000)).toBe(2);
    expect(counter.hit('b', start + 3_000)).toBe(1);
    expect(counter.peek('a', start + 9_000)).toBe(2);
    // the first hit's bucket has slid out; the second is still in
    expect(counter.peek('a', start + 10_500)).toBe(1);
    expect(counter.peek('a', start + 30_000)).toBe(0);
    expect(counter.hit('a', start + 30_000)).toBe(1);
  });

  it('keeps at most maxKeys keys, dropping the least recently touched', () => {
    const counter = new VelocityCounter({ windowMs: 60_000, maxKeys: 2 });
    counter.hit('a', 0);
    counter.hit('b', 0);
    counter.hit('a', 1);
    counter.hit('c', 2);
    expect(counter.size).toBe(2);
    expect(counter.peek('b', 3)).toBe(0);
    expect(counter.peek('a', 3)).toBe(2);
  });
});
