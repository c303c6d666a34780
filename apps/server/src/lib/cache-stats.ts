/** Hits and misses of one named in-process cache, summed over every instance in the process. */
export interface CacheStats {
  readonly name: string;
  hits: number;
  misses: number;
}

// Plain numbers bumped on every read: a cache lookup sits on the hottest paths (every feed
// request reads sessions, notes and follow lists), so the metrics exporter reads these at scrape
// time instead of the reads calling into a metrics library.
const byName = new Map<string, CacheStats>();

/** The counters of the cache called `name` (created on first use, shared by its instances). */
export function cacheStats(name: string): CacheStats {
  let stats = byName.get(name);
  if (!stats) {
    stats = { name, hits: 0, misses: 0 };
    byName.set(name, stats);
  }
  return stats;
}

/** Every named cache's counters, for the metrics exporter. */
export function allCacheStats(): Iterable<CacheStats> {
  return byName.values();
}
