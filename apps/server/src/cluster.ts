import cluster, { type Worker } from 'node:cluster';
import type { Config } from './config.js';
import { printBanner, type RunningServer, startServer } from './server.js';

/**
 * Several server processes on one port (ATRIUM_WORKERS, PostgreSQL only): Node's cluster module
 * hands connections to the workers in turn. Each worker is a full node of its own, exactly like
 * one of several machines behind a load balancer: per-process caches catch up within their
 * lifetimes (docs/performance.md), and rate limits are counted per process — unless they share a
 * Redis (REDIS_URL, docs/scale.md).
 *
 * The first worker starts alone (it migrates and creates the first administrator), the others
 * once it listens. Only the first runs the periodic tasks (they are safe on several nodes, but
 * one runner is enough). A worker that dies is replaced; SIGTERM or SIGINT drains all of them.
 */
const READY = 'atrium:listening';
/**
 * A larger young generation for the workers: a server keeps many short-lived objects alive
 * across its concurrent requests, and the default 16 MB semi-space promoted them and spent ~18%
 * of a feed benchmark in scavenges (64 MB: half of that; docs/performance.md).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];
const RESTART_DELAY_MS = 1_000;

interface Ready {
  type: typeof READY;
  address: string;
}

const isReady = (message: unknown): message is Ready =>
  typeof message === 'object' &&
  message !== null &&
  (message as { type?: unknown }).type === READY &&
  typeof (message as { address?: unknown }).address === 'string';

/** In the primary: forks the workers and keeps them running until a signal. */
export async function runPrimary(config: Config): Promise<void> {
  let stopping = false;
  const given = process.execArgv.some((flag) => flag.startsWith('--max-semi-space-size'));
  cluster.setupPrimary({
    execArgv: [...process.execArgv, ...(given ? [] : SERVER_NODE_FLAGS)],
  });
  const slots = new Map<Worker, number>();

  const fork = (slot: number): Promise<string> => {
    const worker = cluster.fork({ ATRIUM_WORKER_SLOT: String(slot) });
    slots.set(worker, slot);
    return new Promise((resolve, reject) => {
      worker.on('message', (message: unknown) => {
        if (isReady(message)) resolve(message.address);
      });
      worker.once('exit', (code) => reject(new Error(`worker ${slot} exited with ${code}`)));
    });
  };

  let started = false;
  cluster.on('exit', (worker, code, signal) => {
    const slot = slots.get(worker);
    slots.delete(worker);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // a worker that fails while starting fails the start (fork's promise rejects): no loop
    if (!started || slot === undefined) return;
    process.stderr.write(
      `atrium: worker ${slot} stopped (${signal ?? code}); starting another in ${RESTART_DELAY_MS} ms\n`,
    );
    // not unref'd: with every worker gone, this timer is what keeps the primary alive
    setTimeout(() => {
      if (!stopping) fork(slot).catch(() => {});
    }, RESTART_DELAY_MS);
  });

  let address: string;
  try {
    address = await fork(0);
    await Promise.all(Array.from({ length: config.workers - 1 }, (_, i) => fork(i + 1)));
  } catch (error) {
    // a failed start stops the workers that did start, and reports the failure
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    throw error;
  }
  started = true;
  if (config.logLevel !== 'silent' || process.stdout.isTTY) printBanner(config, address);

  let signals = 0;
  const shutdown = () => {
    signals += 1;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    for (const worker of workers) worker.process.kill(signals > 1 ? 'SIGKILL' : 'SIGTERM');
    if (workers.length === 0) process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** In a worker: starts a server and tells the primary where it listens. */
export async function runWorker(config: Config): Promise<RunningServer> {
  const slot = Number(process.env.ATRIUM_WORKER_SLOT ?? '0');
  const server = await startServer(config, { periodicTasks: slot === 0 });
  process.send?.({ type: READY, address: server.address } satisfies Ready);
  return server;
}

export const isClusterWorker = () => cluster.isWorker;
