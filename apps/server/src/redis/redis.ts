import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RedisConfig } from '../config.js';
import { type Invalidations, invalidationHub } from '../lib/invalidations.js';
import type { SpentChallenges } from '../lib/proof-of-work.js';
import type { TaskLock } from '../lib/scheduler.js';
import { type RateLimitStoreCtor, sharedRateLimitStore } from './rate-limit-store.js';

/**
 * Redis shared by the nodes (docs/scale.md, "What nodes share"): what a node must agree on with
 * the others without going through the database on every request.
 *
 * - rate-limit counters (`rateLimitStore`): one count per client and route across all nodes;
 * - spent proof-of-work challenges (`spentChallenges`): a solution is accepted on one node only;
 * - cache invalidation and session revocation (`invalidations`): pub/sub on one channel;
 * - one runner per periodic task and period (`taskLock`).
 *
 * Redis is never the truth of anything: when it cannot be reached every node goes on alone —
 * rate limits counted per process, caches bounded by their lifetimes, periodic tasks run
 * everywhere (they are idempotent) — and picks up again when it is back. Commands fail fast
 * instead of queueing while disconnected, so a request never waits for Redis to return.
 */
export interface SharedRedis {
  readonly invalidations: Invalidations;
  readonly rateLimitStore: RateLimitStoreCtor;
  readonly taskLock: TaskLock;
  /** Solved proof-of-work challenges, spent once across every node (`SET NX` until expiry). */
  readonly spentChallenges: SpentChallenges;
  /** Whether the command connection is up (the status report and tests). */
  connected(): boolean;
  close(): Promise<void>;
}

const COMMAND_TIMEOUT_MS = 500;

export interface RedisOptions {
  /** Connection errors (logged without the URL's password, as a warning). */
  warn: (error: unknown, what: string) => void;
}

export async function openRedis(config: RedisConfig, options: RedisOptions): Promise<SharedRedis> {
  const node = randomUUID();
  const channel = `${config.prefix}invalidate`;
  const connectionOptions = {
    lazyConnect: true,
    // fail at once while disconnected: the callers fall back, nothing waits for a reconnect
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: COMMAND_TIMEOUT_MS,
    // reconnect for ever, at most every 2 s
    retryStrategy: (times: number) => Math.min(times * 200, 2_000),
  };
  const client = new Redis(config.url, { ...connectionOptions, connectionName: 'atrium' });
  // a second connection: one in subscriber mode can send nothing else
  const subscriber = new Redis(config.url, {
    ...connectionOptions,
    commandTimeout: undefined,
    connectionName: 'atrium-sub',
  });
  let reported = false;
  for (const [connection, what] of [
    [client, 'redis'],
    [subscriber, 'redis subscriber'],
  ] as const) {
    connection.on('error', (error) => {
      // one warning per outage, not one per reconnect attempt
      if (!reported) options.warn(error, `${what} unavailable; going on without it`);
      reported = true;
    });
    connection.on('ready', () => {
      reported = false;
    });
  }

  const hub = invalidationHub(node, options.warn);
  subscriber.on('message', (_channel: string, message: string) => hub.hear(message));
  // Subscribed on every (re)connection: commands are not queued while disconnected, and a
  // second SUBSCRIBE to the channel changes nothing.
  subscriber.on('ready', () => {
    subscriber.subscribe(channel).catch(() => {});
  });

  // Start both connections; a Redis that is down at start is retried in the background.
  await Promise.all(
    [client.connect(), subscriber.connect()].map((started) => started.catch(() => {})),
  );
  if (subscriber.status === 'ready') await subscriber.subscribe(channel).catch(() => {});

  const invalidations: Invalidations = {
    kind: 'redis',
    publish(topic, key) {
      if (client.status !== 'ready') return;
      client.publish(channel, hub.encode(topic, key)).catch(() => {});
    },
    subscribe: hub.subscribe,
  };

  const taskLock: TaskLock = {
    async acquire(name, ttlMs) {
      if (client.status !== 'ready') return true;
      try {
        const taken = await client.set(`${config.prefix}task:${name}`, node, 'PX', ttlMs, 'NX');
        return taken === 'OK';
      } catch {
        // cannot tell: run (tasks are idempotent; running twice costs only work)
        return true;
      }
    },
  };

  const spentChallenges: SpentChallenges = {
    async spendOnce(challenge, ttlMs) {
      // errors reach the caller, which falls back to its own memory (lib/proof-of-work.ts)
      const key = `${config.prefix}pow:${createHash('sha256').update(challenge).digest('base64url')}`;
      return (await client.set(key, '1', 'PX', ttlMs, 'NX')) === 'OK';
    },
  };

  return {
    invalidations,
    rateLimitStore: sharedRateLimitStore(client, `${config.prefix}rl:`),
    taskLock,
    spentChallenges,
    connected: () => client.status === 'ready',
    async close() {
      hub.close();
      await Promise.all(
        [client, subscriber].map(async (connection) => {
          try {
            if (connection.status === 'ready') await connection.quit();
            else connection.disconnect();
          } catch {
            connection.disconnect();
          }
        }),
      );
    },
  };
}
