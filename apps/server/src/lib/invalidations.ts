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

/** A message heard from another node is applied again this long after: see `invalidationHub`. */
export const LATE_COMMIT_MS = 1_000;

/**
 * The two ends of an invalidation transport (Redis pub/sub, core NATS), apart from the wire:
 * `encode` makes the message `[node, topic, key]` a node sends; `hear` applies one received,
 * ignoring its own and malformed ones, and **again one second later**, because a read on this
 * node that began before the writer's commit may still put the old entry back; `subscribe`
 * registers a cache's drop function; `close` cancels the pending second drops.
 */
export function invalidationHub(node: string, warn: (error: unknown, what: string) => void) {
  const handlers = new Map<string, ((key: string) => void)[]>();
  const late = new Set<NodeJS.Timeout>();
  return {
    encode: (topic: string, key: string): string => JSON.stringify([node, topic, key]),
    hear(text: string): void {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return;
      }
      if (!Array.isArray(parsed) || parsed.length !== 3) return;
      const [from, topic, key] = parsed as unknown[];
      if (from === node || typeof topic !== 'string' || typeof key !== 'string') return;
      const list = handlers.get(topic);
      if (!list) return;
      const apply = () => {
        for (const handler of list) {
          try {
            handler(key);
          } catch (error) {
            warn(error, `invalidation of ${topic} failed`);
          }
        }
      };
      apply();
      const timer = setTimeout(() => {
        late.delete(timer);
        apply();
      }, LATE_COMMIT_MS);
      timer.unref();
      late.add(timer);
    },
    subscribe(topic: string, handler: (key: string) => void): void {
      const list = handlers.get(topic) ?? [];
      list.push(handler);
      handlers.set(topic, list);
    },
    close(): void {
      for (const timer of late) clearTimeout(timer);
      late.clear();
    },
  };
}
