/**
 * How a node tells the others that something it caches changed (docs/scale.md, "What nodes
 * share"). Every cache is per process and drops its own entry at once; through this port the
 * other nodes drop theirs too, instead of serving it until its lifetime ends. A message carries
 * a topic and a key, never data: the receiver reads the database again when it needs the entry.
 *
 * One node (the embedded default, or several nodes without Redis) uses `noInvalidations`, and
 * the caches' lifetimes bound what the others serve (docs/performance.md).
 */
export interface Invalidations {
  /** `none` (nothing is told) or the transport, e.g. `redis`. */
  readonly kind: string;
  /** Tells the other nodes that `key` of `topic` changed; this node has already dropped it. */
  publish(topic: string, key: string): void;
  /** Calls `handler` when another node publishes on `topic`. */
  subscribe(topic: string, handler: (key: string) => void): void;
}

export const noInvalidations: Invalidations = {
  kind: 'none',
  publish() {},
  subscribe() {},
};

/**
 * A cache's drop function, shared: calling the result drops the entry here and tells the other
 * nodes, whose same drop function runs when they hear of it.
 */
export function sharedDrop(
  invalidations: Invalidations,
  topic: string,
  drop: (key: string) => void,
): (key: string) => void {
  invalidations.subscribe(topic, drop);
  return (key) => {
    drop(key);
    invalidations.publish(topic, key);
  };
}
