/**
 * A bounded map whose entries expire `ttlMs` after they were set; the oldest entry goes first
 * when it is full. For per-process caches of data that other nodes may change (staleness is
 * bounded by the TTL; changes on this node delete entries at once).
 */
export class TtlMap<K, V> {
  readonly #entries = new Map<K, { value: V; at: number }>();

  constructor(
    readonly ttlMs: number,
    readonly max: number,
  ) {}

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (Date.now() - entry.at < this.ttlMs) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, at: Date.now() });
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
