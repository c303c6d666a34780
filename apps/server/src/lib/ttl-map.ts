import type { CacheStats } from './cache-stats.js';

/**
 * A lifetime of at most `ttlMs`, shortened at random by up to a quarter: entries filled together
 * (a burst of traffic, a cold start) then expire spread out instead of all reloading at once.
 */
export function jitteredExpiry(ttlMs: number, now = Date.now()): number {
  return now + ttlMs * (1 - 0.25 * Math.random());
}

interface Entry<V> {
  value: V;
  expires: number;
  /** Read after this time, the entry is reloaded in the background (see `claimRefresh`). */
  refreshAt: number;
  claimed: boolean;
}

/** The right to store a background reload of one entry (see `TtlMap.claimRefresh`). */
export interface RefreshClaim {
  readonly claimed: boolean;
}

/**
 * A bounded map whose entries expire at most `ttlMs` after they were set (jittered); the oldest
 * entry goes first when it is full. For per-process caches of data that other nodes may change
 * (staleness is bounded by the TTL; changes on this node delete entries at once).
 *
 * With `refreshAfterMs`, an entry read after that age is reloaded ahead of its expiry while
 * readers keep using it (`getOrLoad`, or `claimRefresh` for callers that reload in batches):
 * an entry in steady use then never makes a reader wait for the database, and the staleness
 * bound stays `ttlMs`. Only an entry nobody read for a while is loaded while a reader waits.
 */
export class TtlMap<K, V> {
  readonly #entries = new Map<K, Entry<V>>();

  constructor(
    readonly ttlMs: number,
    readonly max: number,
    readonly refreshAfterMs = Number.POSITIVE_INFINITY,
    /** Where reads are counted as hits and misses (the metrics' cache hit rates). */
    readonly stats: CacheStats | null = null,
  ) {}

  /** The value, unless expired; `now` lets a caller reading many keys ask the clock once. */
  get(key: K, now = Date.now()): V | undefined {
    const entry = this.#entries.get(key);
    if (entry && now < entry.expires) {
      if (this.stats) this.stats.hits += 1;
      return entry.value;
    }
    if (this.stats) this.stats.misses += 1;
    if (entry) this.#entries.delete(key);
    return undefined;
  }

  set(key: K, value: V): void {
    const now = Date.now();
    this.#entries.delete(key);
    this.#entries.set(key, {
      value,
      expires: jitteredExpiry(this.ttlMs, now),
      refreshAt: jitteredExpiry(this.refreshAfterMs, now),
      claimed: false,
    });
    if (this.#entries.size > this.max) {
      this.#entries.delete(this.#entries.keys().next().value as K);
    }
  }

  /**
   * For an entry just read: a claim to reload it in the background when it is due (older than
   * `refreshAfterMs`, not yet expired) and nobody claimed it yet; otherwise null. Pass the claim
   * to `refreshed` with the reloaded value, or to `release` when the reload failed.
   */
  claimRefresh(key: K, now = Date.now()): RefreshClaim | null {
    const entry = this.#entries.get(key);
    if (!entry || entry.claimed || now < entry.refreshAt || now >= entry.expires) return null;
    entry.claimed = true;
    return entry;
  }

  /**
   * Stores a background reload, unless the entry was deleted or replaced since it was claimed
   * (a change on this node: the reload may have read what was there before it); `undefined`
   * (what was loaded is gone) deletes the entry. `same` says whether the reloaded value shows
   * the same as the old one: the old value is then kept (with a new lifetime), so that whatever
   * was derived from it stays valid.
   */
  refreshed(
    key: K,
    claim: RefreshClaim,
    value: V | undefined,
    same?: (old: V, fresh: V) => boolean,
  ): void {
    const entry = this.#entries.get(key);
    if (entry !== claim) return;
    if (value === undefined) this.#entries.delete(key);
    else this.set(key, same?.(entry.value, value) ? entry.value : value);
  }

  /** A failed reload: a later read may claim the entry again. */
  release(claim: RefreshClaim): void {
    (claim as Entry<V>).claimed = false;
  }

  /**
   * The value, loading it when missing or expired (a load that finds nothing, `undefined`, is
   * not kept); a value due for a refresh is returned at once and reloaded in the background
   * (errors of that reload go to `onError`; the entry is then claimed again by a later read).
   * `same` is as in `refreshed`.
   */
  async getOrLoad<L extends V | undefined>(
    key: K,
    load: () => Promise<L>,
    onError: (error: unknown) => void,
    same?: (old: V, fresh: V) => boolean,
  ): Promise<V | L> {
    const now = Date.now();
    const known = this.get(key, now);
    if (known === undefined) {
      const loaded = await load();
      if (loaded !== undefined) this.set(key, loaded);
      return loaded;
    }
    const claim = this.claimRefresh(key, now);
    if (claim) {
      load().then(
        (fresh) => this.refreshed(key, claim, fresh, same),
        (error: unknown) => {
          this.release(claim);
          onError(error);
        },
      );
    }
    return known;
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Every key (oldest first) and its value, expired or not: for a scan that deletes. */
  entries(): IterableIterator<[K, V]> {
    const entries = this.#entries.entries();
    return (function* () {
      for (const [key, entry] of entries) yield [key, entry.value] as [K, V];
    })();
  }

  get size(): number {
    return this.#entries.size;
  }
}
