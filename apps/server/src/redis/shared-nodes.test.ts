import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AtriumError, createClient } from '@atrium/sdk';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  injectFetch,
  sharedVaultKeys,
  type TestDatabase,
  testLocator,
} from '../../test/helper.js';
import { type AtriumApp, buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createProofOfWork, type ProofOfWork, solve } from '../lib/proof-of-work.js';
import { openRedis } from './redis.js';

/** Every node of a test holds the same vault keys, as every node of a platform must. */
const SHARED_KEYS = sharedVaultKeys();

// Several nodes sharing Redis (docs/scale.md, "What nodes share"): two app instances on one
// database — two nodes, as behind a load balancer — with the machine's Redis (REDIS_URL, else
// 127.0.0.1:6379), each test under a key prefix of its own. Each check is made against the
// same two nodes without Redis too, where it does not hold: the tests can fail.

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const PASSWORD = 'correct horse battery staple';

interface Node {
  atrium: AtriumApp;
  client(token?: string | null, ip?: string): ReturnType<typeof createClient>;
}

async function twoNodes(
  database: TestDatabase,
  env: Record<string, string>,
  dirs: string[],
): Promise<[Node, Node]> {
  const make = async (): Promise<Node> => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-redis-node-'));
    dirs.push(dataDir);
    const atrium = await buildApp({
      config: loadConfig({
        NODE_ENV: 'test',
        ...SHARED_KEYS,
        DATA_DIR: dataDir,
        TRUST_PROXY: '127.0.0.1',
        LOG_LEVEL: 'silent',
        ATRIUM_RISK: 'off',
        ATRIUM_TRUST: 'off',
        ...env,
      }),
      database: database.database,
      locator: await testLocator(),
    });
    return {
      atrium,
      client: (token = null, ip = '198.51.100.7') =>
        createClient({ baseUrl: 'http://localhost', token, fetch: injectFetch(atrium.app, ip) }),
    };
  };
  return [await make(), await make()];
}

const prefix = () => `atrium-test-${randomBytes(4).toString('hex')}:`;

/** Polls `check` every 10 ms; resolves with the ms it took, or throws after `limitMs`. */
async function within(check: () => Promise<boolean>, limitMs: number): Promise<number> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > limitMs) throw new Error(`did not hold within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - start;
}

async function status(request: Promise<unknown>): Promise<number> {
  try {
    await request;
    return 200;
  } catch (error) {
    if (error instanceof AtriumError) return error.status;
    throw error;
  }
}

let logins = 0;
/** A failed login under a name never used before (a name's own back-off starts after five). */
const wrongLogin = (node: Node, ip: string) =>
  status(node.client(null, ip).auth.login({ login: `nobody${++logins}`, password: 'wrong' }));

/** Ten wrong logins on node A, then one on node B: the login limit is 10 a minute per client. */
async function eleventhLoginStatus(a: Node, b: Node, ip: string): Promise<number> {
  for (let i = 0; i < 10; i++) expect(await wrongLogin(a, ip)).toBe(401);
  return wrongLogin(b, ip);
}

describe('two nodes sharing Redis', { timeout: 90_000 }, () => {
  let database: TestDatabase;
  const dirs: string[] = [];
  const apps: AtriumApp[] = [];
  let shared: [Node, Node];
  let alone: [Node, Node];

  beforeAll(async () => {
    database = await createTestDatabase();
    shared = await twoNodes(database, { REDIS_URL, REDIS_PREFIX: prefix() }, dirs);
    alone = await twoNodes(database, {}, dirs);
    apps.push(...[...shared, ...alone].map((node) => node.atrium));
  });
  afterAll(async () => {
    for (const atrium of apps) await atrium.app.close();
    await database?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('connects both nodes', () => {
    expect(shared[0].atrium.redis?.connected()).toBe(true);
    expect(shared[1].atrium.redis?.connected()).toBe(true);
    expect(alone[0].atrium.redis).toBeNull();
  });

  it('counts a rate limit once across the nodes', async () => {
    expect(await eleventhLoginStatus(shared[0], shared[1], '198.51.100.20')).toBe(429);
    // without Redis each node counts its own: the second node has its whole budget
    expect(await eleventhLoginStatus(alone[0], alone[1], '198.51.100.21')).toBe(401);
  });

  it('accepts a solved proof-of-work challenge on one node only', async () => {
    // each node's proof of work as the app builds it: the shared store, or each its own memory
    const pows = (nodes: [Node, Node]) =>
      nodes.map((node) =>
        createProofOfWork({
          secret: 'one secret for every node',
          ...(node.atrium.redis ? { spent: node.atrium.redis.spentChallenges } : {}),
        }),
      );
    const solved = (pow: ProofOfWork) => {
      const issued = pow.issue('login', 4);
      return { challenge: issued.challenge, nonce: solve(issued.challenge, 4) };
    };
    const [a, b] = pows(shared);
    const once = solved(a!);
    expect(await a!.verify('login', once, 4)).toEqual({ ok: true });
    expect(await b!.verify('login', once, 4)).toEqual({ ok: false, reason: 'spent' });
    expect(await a!.verify('login', once, 4)).toEqual({ ok: false, reason: 'spent' });
    // without Redis each node remembers only what it saw
    const [c, d] = pows(alone);
    const twice = solved(c!);
    expect(await c!.verify('login', twice, 4)).toEqual({ ok: true });
    expect(await d!.verify('login', twice, 4)).toEqual({ ok: true });
  });

  async function signedIn(nodes: [Node, Node], handle: string) {
    await nodes[0]
      .client()
      .auth.signup({ email: `${handle}@example.org`, password: PASSWORD, handle });
    const { token } = await nodes[0].client().auth.login({ login: handle, password: PASSWORD });
    return token;
  }

  it('ends a session revoked on one node on the other at once', async () => {
    for (const [nodes, handle, holds] of [
      [shared, 'shared_logout', true],
      [alone, 'alone_logout', false],
    ] as const) {
      const token = await signedIn(nodes, handle);
      // the other node resolves the session and keeps it in its cache (10 s)
      expect((await nodes[1].client(token).me.get()).handle).toBe(handle);
      await nodes[0].client(token).auth.logout();
      const revoked = async () => (await status(nodes[1].client(token).me.get())) === 401;
      if (holds) {
        expect(await within(revoked, 1_000)).toBeLessThan(1_000);
      } else {
        // the cache still answers for it (docs/performance.md): what Redis is for
        expect(await revoked()).toBe(false);
      }
    }
  });

  it('shows a like made on one node in the other node’s feed pages at once', async () => {
    for (const [nodes, handle, holds] of [
      [shared, 'shared_author', true],
      [alone, 'alone_author', false],
    ] as const) {
      const author = await signedIn(nodes, handle);
      const reader = await signedIn(nodes, `${handle}_fan`);
      await nodes[1].client(reader).users.follow(handle);
      const note = await nodes[0].client(author).notes.create({
        title: 'A walk by the river',
        body: 'Early light on the water this morning.',
      });
      // the reader's following page on the other node; its note rows are cached there (5 s)
      const likes = async () => {
        const page = await nodes[1].client(reader).feeds.following();
        return page.items.find((item) => item.id === note.id)?.counts.likes;
      };
      await within(async () => (await likes()) === 0, 5_000);
      await nodes[0].client(author).notes.like(note.id);
      if (holds) expect(await within(async () => (await likes()) === 1, 1_000)).toBeLessThan(1_000);
      else expect(await likes()).toBe(0);
    }
  });
});

describe('a node whose Redis is down or comes back', () => {
  let database: TestDatabase;
  let server: ChildProcess | null = null;
  let port = 0;
  const dirs: string[] = [];
  const apps: AtriumApp[] = [];

  async function freePort(): Promise<number> {
    return new Promise((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
  }

  /** A Redis of this test's own (`redis-server` from Debian), nothing kept on disk. */
  async function startRedis(): Promise<void> {
    server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
    probe.on('error', () => {});
    await within(async () => {
      try {
        if (probe.status !== 'ready') await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        probe.disconnect();
        return false;
      }
    }, 10_000);
    probe.disconnect();
  }

  async function stopRedis(): Promise<void> {
    const running = server;
    server = null;
    if (!running || running.exitCode !== null) return;
    await new Promise((resolve) => {
      running.once('exit', resolve);
      running.kill('SIGKILL');
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    port = await freePort();
  });
  afterAll(async () => {
    for (const atrium of apps) await atrium.app.close();
    await stopRedis();
    await database?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('starts and serves without Redis, limits counted per node, and shares again once it is back', async () => {
    // nothing listens on the port yet
    const nodes = await twoNodes(database, { REDIS_URL: `redis://127.0.0.1:${port}` }, dirs);
    apps.push(...nodes.map((node) => node.atrium));
    expect(nodes[0].atrium.redis?.connected()).toBe(false);
    // every request is served; each node counts its own limit meanwhile
    expect(await eleventhLoginStatus(nodes[0], nodes[1], '198.51.100.30')).toBe(401);
    expect(await wrongLogin(nodes[0], '198.51.100.30')).toBe(429);

    await startRedis();
    // the nodes reconnect by themselves (retries at most every 2 s)
    await within(
      async () => !!nodes[0].atrium.redis?.connected() && !!nodes[1].atrium.redis?.connected(),
      10_000,
    );
    expect(await eleventhLoginStatus(nodes[0], nodes[1], '198.51.100.31')).toBe(429);

    // Redis killed under the nodes: requests go on being answered
    await stopRedis();
    await within(async () => !nodes[0].atrium.redis?.connected(), 5_000);
    expect(await wrongLogin(nodes[1], '198.51.100.32')).toBe(401);
  }, 120_000);

  it('runs a periodic task on one node per period, and on every node when it cannot tell', async () => {
    await startRedis();
    const config = { url: `redis://127.0.0.1:${port}`, prefix: prefix() };
    const warn = () => {};
    const [a, b] = await Promise.all([openRedis(config, { warn }), openRedis(config, { warn })]);
    try {
      const claims = await Promise.all([
        a.taskLock.acquire('countViews', 1_000),
        b.taskLock.acquire('countViews', 1_000),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      await stopRedis();
      await within(async () => !a.connected(), 5_000);
      expect(await a.taskLock.acquire('countViews', 1_000)).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);
});
