import { AtriumError } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { backoffDelay, PAGE_BACKOFF_CAP_MS, worthRetrying } from './backoff.js';

const problem = (status: number) =>
  new AtriumError({ type: 'about:blank', title: 'failed', status, code: 'X' });

describe('next-page backoff', () => {
  it('doubles the wait and caps it', () => {
    expect([1, 2, 3, 4, 5, 10].map(backoffDelay)).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(backoffDelay(30)).toBe(PAGE_BACKOFF_CAP_MS);
  });

  it('retries what may pass (network, 429, 408, 5xx), not what will not (400, 404)', () => {
    expect(worthRetrying(new TypeError('Failed to fetch'))).toBe(true);
    expect([429, 408, 500, 503].map((status) => worthRetrying(problem(status)))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([400, 404, 451].map((status) => worthRetrying(problem(status)))).toEqual([
      false,
      false,
      false,
    ]);
  });
});
