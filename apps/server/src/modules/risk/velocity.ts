/**
 * Sliding-window counters kept in this process's memory, one per dimension (an IP, a /24, a
 * phone range, a device…). Each key holds `buckets` counts that each cover `windowMs / buckets`;
 * reading sums the buckets still inside the window, so the window slides by one bucket.
 *
 * Why memory and not the database: a sign-up wave of 1,000 a second would otherwise add several
 * counting queries per request, and velocity only needs the last minutes to hours. The price,
 * written down in docs/risk.md: counts are per process (N nodes each see about 1/N of a burst,
 * so per-node budgets are what a deployment tunes), they start from zero after a restart, and
 * at most `maxKeys` keys are kept per dimension (the least recently touched are dropped first,
 * which only ever lowers a count).
 */
export interface VelocityOptions {
  windowMs: number;
  buckets?: number;
  maxKeys?: number;
}

interface Entry {
  counts: Uint32Array;
  /** The bucket number (time / bucket length) the newest count is in. */
  newest: number;
}

export class VelocityCounter {
  readonly windowMs: number;
  private readonly bucketMs: number;
  private readonly buckets: number;
  private readonly maxKeys: number;
  private readonly entries = new Map<string, Entry>();

  constructor(options: VelocityOptions) {
    this.windowMs = options.windowMs;
    this.buckets = options.buckets ?? 10;
    this.bucketMs = Math.max(1, Math.floor(options.windowMs / this.buckets));
    this.maxKeys = options.maxKeys ?? 200_000;
  }

  /**
   * Counts one event (or `amount`) for `key` at `now` and answers the count in the window, this
   * one included.
   */
  hit(key: string, now = Date.now(), amount = 1): number {
    const entry = this.advance(key, now, true)!;
    entry.counts[this.slot(now)]! += amount;
    return this.sum(entry);
  }

  /** The count in the window at `now`, without counting. */
  peek(key: string, now = Date.now()): number {
    const entry = this.advance(key, now, false);
    return entry ? this.sum(entry) : 0;
  }

  get size(): number {
    return this.entries.size;
  }

  private slot(now: number): number {
    return Math.floor(now / this.bucketMs) % this.buckets;
  }

  private sum(entry: Entry): number {
    let total = 0;
    for (const count of entry.counts) total += count;
    return total;
  }

  /** Clears the buckets that slid out of the window since the entry was last touched. */
  private advance(key: string, now: number, create: boolean): Entry | undefined {
    const bucket = Math.floor(now / this.bucketMs);
    let entry = this.entries.get(key);
    if (!entry) {
      if (!create) return undefined;
      if (this.entries.size >= this.maxKeys) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      entry = { counts: new Uint32Array(this.buckets), newest: bucket };
    } else {
      // re-inserted so Map order is least recently touched first
      this.entries.delete(key);
      const elapsed = bucket - entry.newest;
      if (elapsed >= this.buckets) entry.counts.fill(0);
      else
        for (let step = 1; step <= elapsed; step++)
          entry.counts[(entry.newest + step) % this.buckets] = 0;
      if (bucket > entry.newest) entry.newest = bucket;
    }
    this.entries.set(key, entry);
    return entry;
  }
}
