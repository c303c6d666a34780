import { describe, expect, it } from 'vitest';
import { createSettleJobs } from './settle-jobs.js';

describe('settle jobs', () => {
  it('runs every job once, in order, and reports a failure without stopping', async () => {
    const jobs = createSettleJobs();
    const ran: string[] = [];
    jobs.register({ name: 'first', run: async () => ran.push('first') });
    jobs.register({
      name: 'broken',
      run: async () => {
        throw new Error('boom');
      },
    });
    jobs.register({ name: 'last', run: async () => ran.push('last') });
    const outcomes = await jobs.runAll();
    expect(ran).toEqual(['first', 'last']);
    expect(outcomes.map(({ name, ok }) => ({ name, ok }))).toEqual([
      { name: 'first', ok: true },
      { name: 'broken', ok: false },
      { name: 'last', ok: true },
    ]);
    expect(jobs.names()).toEqual(['first', 'broken', 'last']);
  });

  it('refuses a second job with the same name', () => {
    const jobs = createSettleJobs();
    jobs.register({ name: 'count views', run: async () => {} });
    expect(() => jobs.register({ name: 'count views', run: async () => {} })).toThrow(/twice/);
  });

  it('never runs two settles at once', async () => {
    const jobs = createSettleJobs();
    let inside = 0;
    let most = 0;
    jobs.register({
      name: 'slow',
      run: async () => {
        inside += 1;
        most = Math.max(most, inside);
        await new Promise<void>((resolve) => setImmediate(resolve));
        inside -= 1;
      },
    });
    await Promise.all([jobs.runAll(), jobs.runAll(), jobs.runAll()]);
    expect(most).toBe(1);
  });
});
