import { describe, expect, it } from 'vitest';
import { uuidv7, uuidv7Time } from './uuid7.js';

describe('uuidv7', () => {
  it('is a version-7, variant-1 UUID carrying its creation time', () => {
    const now = Date.now();
    const id = uuidv7(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidv7Time(id).getTime()).toBeGreaterThanOrEqual(now);
  });

  it('sorts in creation order, also within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
