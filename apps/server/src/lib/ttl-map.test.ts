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

describe('TtlMap with refresh ahead', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  /** A loader whose calls the test settles: each call's resolve and reject, in order. */
  function loader() {
    const calls: Array<{ resolve: (value: number) => void; reject: (error: Error) => void }> = [];
    const load = () =>
      new Promise<number>((resolve, reject) => {
        calls.push({ resolve, reject });
      });
    return { calls, load };
  }
  const flush = () => new Promise((resolve) => setImmediate(resolve));

  it('serves a value due for a refresh at once and reloads it once in the background', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const map = new TtlMap<string, number>(1_000, 10, 500);
    const errors: unknown[] = [];
    const { calls, load } = loader();
    const first = map.getOrLoad('a', load, (error) => errors.push(error));
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(1);
    expect(await first).toBe(1);
    // young: no reload
    vi.advanceTimersByTime(499);
    expect(await map.getOrLoad('a', load, (error) => errors.push(error))).toBe(1);
    expect(calls).toHaveLength(1);
    // due: the old value now, one reload for any number of readers
    vi.advanceTimersByTime(1);
    expect(await map.getOrLoad('a', load, (error) => errors.push(error))).toBe(1);
    expect(await map.getOrLoad('a', load, (error) => errors.push(error))).toBe(1);
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(2);
    await flush();
    expect(map.get('a')).toBe(2);
    // the reload started a new lifetime
    vi.advanceTimersByTime(900);
    expect(map.get('a')).toBe(2);
    // a failed reload is reported and claimed again by a later reader
    expect(await map.getOrLoad('a', load, (error) => errors.push(error))).toBe(2);
    calls[2]!.reject(new Error('connection lost'));
    await flush();
    expect(errors).toEqual([new Error('connection lost')]);
    expect(await map.getOrLoad('a', load, (error) => errors.push(error))).toBe(2);
    expect(calls).toHaveLength(4);
    // past the TTL the reader waits for a load: the staleness bound holds
    vi.advanceTimersByTime(101);
    const waiting = map.getOrLoad('a', load, (error) => errors.push(error));
    expect(calls).toHaveLength(5);
    calls[4]!.resolve(5);
    expect(await waiting).toBe(5);
  });

  it('keeps nothing for a load that finds nothing', async () => {
    const map = new TtlMap<string, number>(1_000, 10, 500);
    let loads = 0;
    const load = async () => {
      loads += 1;
      return undefined;
    };
    expect(await map.getOrLoad('gone', load, () => {})).toBeUndefined();
    expect(await map.getOrLoad('gone', load, () => {})).toBeUndefined();
    expect([loads, map.size]).toEqual([2, 0]);
  });

  it('drops a reload that began before the entry was deleted or replaced', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const map = new TtlMap<string, number>(1_000, 10, 500);
    map.set('a', 1);
    map.set('b', 1);
    vi.advanceTimersByTime(600);
    const a = map.claimRefresh('a');
    const b = map.claimRefresh('b');
    expect(a).not.toBeNull();
    expect(map.claimRefresh('a')).toBeNull();
    map.delete('a');
    map.set('b', 3);
    map.refreshed('a', a!, 2);
    map.refreshed('b', b!, 2);
    expect([map.get('a'), map.get('b')]).toEqual([undefined, 3]);
  });

  it('keeps the old value when the reload shows the same, and deletes what is gone', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const map = new TtlMap<string, { n: number }>(1_000, 10, 500);
    const old = { n: 1 };
    map.set('a', old);
    map.set('b', { n: 1 });
    vi.advanceTimersByTime(600);
    map.refreshed('a', map.claimRefresh('a')!, { n: 1 }, (x, y) => x.n === y.n);
    map.refreshed('b', map.claimRefresh('b')!, undefined);
    expect(map.get('a')).toBe(old);
    expect(map.size).toBe(1);
    // with a new lifetime
    vi.advanceTimersByTime(600);
    expect(map.get('a')).toBe(old);
  });
});
