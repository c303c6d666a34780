import { describe, expect, it } from 'vitest';
import { createGroupWriter } from './group-writer.js';

describe('group writer', () => {
  it('writes a row at once at rest and groups the rows that arrive during a write', async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const writer = createGroupWriter<number>(async (rows) => {
      batches.push(rows);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const first = writer.write(1);
    const rest = [writer.write(2), writer.write(3), writer.write(4)];
    expect(batches).toEqual([[1]]);
    release();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('settles a caller only when its own row is written, and fails only the bad row', async () => {
    const written: number[] = [];
    const writer = createGroupWriter<number>(async (rows) => {
      await Promise.resolve();
      if (rows.includes(13)) throw new Error('bad row');
      written.push(...rows);
    });
    const results = await Promise.allSettled([1, 13, 2].map((row) => writer.write(row)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(written.sort()).toEqual([1, 2]);
  });

  it('splits long queues into batches of at most the maximum', async () => {
    const sizes: number[] = [];
    const writer = createGroupWriter<number>(async (rows) => {
      sizes.push(rows.length);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }, 3);
    await Promise.all(Array.from({ length: 8 }, (_, i) => writer.write(i)));
    expect(sizes).toEqual([1, 3, 3, 1]);
  });
});
