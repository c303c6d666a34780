/**
 * A lifetime of at most `ttlMs`, shortened at random by up to a quarter: entries filled together
 * (a burst of traffic, a cold start) then expire spread out instead of all reloading at once.
 */
export function jitteredExpiry(ttlMs: number, now = Date.now()): number {
  return now + ttlMs * (1 - 0.25 * Math.random());
}

/**
 * A bounded map whose entries expire at most `ttlMs` after they were set (jittered); the oldest
 * entry goes first when it is full. For per-process caches of data that other nodes may change
 * (staleness is bounded by the TTL; changes on this node delete entries at once).
 */
export class TtlMap<K, V> {
  readonly #entries = new Map<K, { value: V; expires: number }>();

  constructor(
    readonly ttlMs: number,
    readonly max: number,
  ) {}

  /** The value, unless expired; `now` lets a caller reading many keys ask the clock once. */
  get(key: K, now = Date.now()): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (now < entry.expires) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: jitteredExpiry(this.ttlMs) });
    if (this.#entries.size > this.max) {
      this.#entries.delete(this.#entries.keys().next().value as K);
    }
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
