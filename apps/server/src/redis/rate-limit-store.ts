import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';

/**
 * The rate-limit counters of `@fastify/rate-limit` kept in Redis, so a limit holds across all
 * nodes (a client spreading requests over nodes gets the limit once, not once per node). The
 * window is fixed, as in the plugin's own stores: the first request of a key starts it.
 *
 * While Redis cannot be reached (or answers slower than its command timeout) the counts go to
 * a store in this process instead: a limit then holds per node, as without Redis, and never
 * fails a request. When Redis is back the shared counts take over again.
 */

interface Result {
  current: number;
  ttl: number;
}
type Callback = (error: Error | null, result?: Result) => void;

/** What `@fastify/rate-limit` takes as `store` (it constructs it with its own options). */
export type RateLimitStoreCtor = FastifyRateLimitStoreCtor;

/** What the plugin passes to `child`: the route's merged options, with the route. */
interface ChildOptions {
  routeInfo?: { method?: string; url?: string };
}

// INCR, starting the window on the first request; one round trip.
const SCRIPT = `
local current = redis.call('INCR', KEYS[1])
local ttl
if current == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
else
  ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then
    redis.call('PEXPIRE', KEYS[1], ARGV[1])
    ttl = tonumber(ARGV[1])
  end
end
return {current, ttl}
`;

const LOCAL_KEYS = 20_000;

/** Fixed windows in this process: the fallback. Oldest keys go first when it is full. */
export class LocalWindows {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  incr(key: string, timeWindow: number, now = Date.now()): Result {
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      this.#windows.delete(key);
      window = { count: 0, resetAt: now + timeWindow };
      this.#windows.set(key, window);
      if (this.#windows.size > LOCAL_KEYS) {
        const oldest = this.#windows.keys().next().value;
        if (oldest !== undefined) this.#windows.delete(oldest);
      }
    }
    window.count += 1;
    return { current: window.count, ttl: window.resetAt - now };
  }
}

type ScriptedRedis = Redis & {
  atriumRateLimit(key: string, windowMs: number): Promise<[number, number]>;
};

export function sharedRateLimitStore(client: Redis, prefix: string): RateLimitStoreCtor {
  const scripted = client as ScriptedRedis;
  if (typeof scripted.atriumRateLimit !== 'function')
    client.defineCommand('atriumRateLimit', { numberOfKeys: 1, lua: SCRIPT });

  // limiters made in code (not a route's options) have no route: numbered in the order made,
  // which is the same on every node
  let unnamed = 0;
  class SharedStore implements FastifyRateLimitStore {
    constructor(
      private readonly keyPrefix: string,
      private readonly local: LocalWindows,
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      const fallback = () => callback(null, this.local.incr(key, timeWindow));
      if (client.status !== 'ready') {
        fallback();
        return;
      }
      scripted
        .atriumRateLimit(this.keyPrefix + key, timeWindow)
        .then(([current, ttl]) => callback(null, { current, ttl }), fallback);
    }

    child(routeOptions: unknown): FastifyRateLimitStore {
      const { method, url } = (routeOptions as ChildOptions).routeInfo ?? {};
      const name = method && url ? `${method}${url}` : `limiter${++unnamed}`;
      return new SharedStore(`${prefix}${name}:`, new LocalWindows());
    }
  }

  // the plugin constructs its store itself, with its options (not needed here)
  return class extends SharedStore {
    constructor() {
      super(`${prefix}global:`, new LocalWindows());
    }
  };
}
