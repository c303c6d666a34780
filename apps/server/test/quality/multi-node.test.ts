import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, sharedVaultKeys, type TestDatabase } from '../helper.js';

// Several nodes as an operator runs them (docs/deploy.md, "Three nodes behind nginx"): nginx from
// Debian in front of two API nodes, and a worker, each its own `atrium serve` process, sharing
// PostgreSQL and Redis. What one node does holds on the other within a second; a node killed
// with SIGKILL under traffic loses no acknowledged write and nginx keeps serving from the other.
// nginx runs with the include the deployment guide ships (docs/deploy/atrium-proxy.conf).

const BIN = fileURLToPath(new URL('../../bin/atrium.mjs', import.meta.url));
const PROXY_CONF = fileURLToPath(
  new URL('../../../../docs/deploy/atrium-proxy.conf', import.meta.url),
);
const NGINX = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const PASSWORD = 'correct horse battery staple';
const SECRET = randomBytes(24).toString('hex');
/** The vault's keys, the same on every node and for the command line (docs/deploy.md). */
const KEYS = sharedVaultKeys();
/** What "at once" means across nodes (docs/scale.md): a second. */
const PROPAGATION_MS = 1_000;

interface Node {
  child: ChildProcess;
  address: string;
}

const children = new Set<ChildProcess>();
const dirs: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function startNode(databaseUrl: string, prefix: string, role: 'api' | 'worker'): Promise<Node> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `atrium-node-${role}-`));
  dirs.push(dataDir);
  mkdirSync(path.join(dataDir, 'cache'), { recursive: true });
  copyFileSync(inject('locatorCache'), path.join(dataDir, 'cache', 'ip-ranges.bin'));
  const child = spawn(process.execPath, [BIN, 'serve', '--role', role], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      ATRIUM_SECRET: SECRET,
      ...KEYS,
      LOG_LEVEL: 'warn',
      ATRIUM_DEMO: '0',
      TRANSLATION_ENGINES: '',
      TRUST_PROXY: '127.0.0.1',
      REDIS_URL,
      REDIS_PREFIX: prefix,
      ATRIUM_RISK: 'off',
      ATRIUM_TRUST: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /Open (http:\/\/[^/\s]+)\/api\/openapi\.json/.exec(stdout);
      if (match) resolve({ child, address: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`${role} node exited ${code}: ${stderr}`)));
  });
}

/** nginx in the foreground on `port`, its upstream the API nodes, with the shipped include. */
async function startNginx(port: number, upstream: readonly Node[]): Promise<ChildProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'atrium-nginx-'));
  dirs.push(dir);
  const servers = upstream
    .map((node) => `server ${new URL(node.address).host} max_fails=1 fail_timeout=30s;`)
    .join('\n    ');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((name) => `${name}_temp_path ${path.join(dir, name)};`)
    .join('\n  ');
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 512; }
http {
  access_log off;
  ${temp}
  upstream atrium {
    ${servers}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / { include ${PROXY_CONF}; }
  }
}
`,
  );
  const child = spawn(NGINX, ['-e', path.join(dir, 'error.log'), '-p', dir, '-c', 'nginx.conf'], {
    stdio: 'ignore',
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  // up when it answers
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${port}/healthz`);
      return child;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

interface Answer {
  status: number;
  json: Record<string, unknown> & { code?: string };
}

/** One API call to `base` (a node or nginx) as `ip`, with an optional bearer token and body. */
async function call(
  base: string,
  method: string,
  url: string,
  options: { token?: string; body?: unknown; ip?: string } = {},
): Promise<Answer> {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: {
      'x-forwarded-for': options.ip ?? '198.51.100.20',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  // nginx's own error pages (502 when no node answers) are HTML
  const json = response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : {};
  return { status: response.status, json };
}

/** How long `check` took to hold, polling every 20 ms, failing after `timeoutMs`. */
async function holdsWithin(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.runIf(process.env.DATABASE_URL)('nginx, two API nodes and a worker', () => {
  let database: TestDatabase;
  let a: Node;
  let b: Node;
  let worker: Node;
  let proxy: string;
  let nginx: ChildProcess;
  let ipCounter = 1;
  const nextIp = () => `203.0.113.${ipCounter++}`;

  async function signUp(handle: string): Promise<string> {
    const answer = await call(proxy, 'POST', '/api/auth/signup', {
      ip: nextIp(),
      body: { email: `${handle}@example.org`, password: PASSWORD, handle },
    });
    expect(answer.status, JSON.stringify(answer.json)).toBe(201);
    return answer.json.token as string;
  }

  beforeAll(async () => {
    expect(spawnSync(NGINX, ['-v']).status, 'nginx is installed (scripts/test.sh)').toBe(0);
    database = await createTestDatabase();
    const prefix = `atrium-multi-${randomBytes(4).toString('hex')}:`;
    // one after the other: the first applies migrations, the others find them applied
    a = await startNode(database.url!, prefix, 'api');
    [b, worker] = await Promise.all([
      startNode(database.url!, prefix, 'api'),
      startNode(database.url!, prefix, 'worker'),
    ]);
    const port = await freePort();
    nginx = await startNginx(port, [a, b]);
    proxy = `http://127.0.0.1:${port}`;
  }, 240_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await database?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('serves through nginx from both API nodes; the worker serves health checks only', async () => {
    expect((await call(proxy, 'GET', '/readyz')).status).toBe(200);
    expect((await call(a.address, 'GET', '/api/feed/discover')).status).toBe(200);
    expect((await call(b.address, 'GET', '/api/feed/discover')).status).toBe(200);
    expect((await call(worker.address, 'GET', '/readyz')).status).toBe(200);
    const refused = await call(worker.address, 'GET', '/api/feed/discover');
    expect(refused.status).toBe(503);
    expect(refused.json.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('holds a like, a block and a session revocation made on one node on the other within a second', async () => {
    const writer = await signUp('multi_writer');
    const reader = await signUp('multi_reader');
    const note = await call(a.address, 'POST', '/api/notes', {
      token: writer,
      body: { title: 'Two nodes', body: 'One note, read from both nodes.' },
    });
    expect(note.status).toBe(201);
    const id = note.json.id as string;
    // both nodes have read (and cached) the note before the like
    for (const node of [a, b]) {
      const before = await call(node.address, 'GET', `/api/notes/${id}`, { token: reader });
      expect(before.status).toBe(200);
      expect((before.json.counts as { likes: number }).likes).toBe(0);
    }
    expect((await call(a.address, 'PUT', `/api/notes/${id}/like`, { token: reader })).status).toBe(
      204,
    );
    await holdsWithin(async () => {
      const seen = await call(b.address, 'GET', `/api/notes/${id}`, { token: reader });
      const viewer = seen.json.viewer as { liked: boolean };
      return (seen.json.counts as { likes: number }).likes === 1 && viewer.liked;
    }, PROPAGATION_MS);

    // a block on node A: node B no longer shows the writer's note to the blocked reader
    expect(
      (await call(a.address, 'PUT', '/api/users/multi_reader/block', { token: writer })).status,
    ).toBe(204);
    await holdsWithin(
      async () =>
        (await call(b.address, 'GET', `/api/notes/${id}`, { token: reader })).status === 404,
      PROPAGATION_MS,
    );

    // logging out on node A ends the session on node B
    expect((await call(b.address, 'GET', '/api/me', { token: reader })).status).toBe(200);
    expect((await call(a.address, 'POST', '/api/auth/logout', { token: reader })).status).toBe(204);
    await holdsWithin(
      async () => (await call(b.address, 'GET', '/api/me', { token: reader })).status === 401,
      PROPAGATION_MS,
    );
  }, 60_000);

  it('counts a rate limit once across the nodes', async () => {
    // login: 10 a minute per client address; alternate nodes, one address
    const ip = nextIp();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const node = attempt % 2 === 0 ? a : b;
      const answer = await call(node.address, 'POST', '/api/auth/login', {
        ip,
        // a login name of its own each time: failed logins per name have a limit of their own
        body: { login: `nobody_${attempt}`, password: 'not the password' },
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
  }, 30_000);

  it('propagates a kill switch turned on from the command line to both nodes within a second', async () => {
    const author = await signUp('multi_switch');
    const env = {
      ...process.env,
      DATABASE_URL: database.url!,
      REDIS_URL,
      LOG_LEVEL: 'silent',
      ATRIUM_SECRET: SECRET,
      ...KEYS,
    };
    const run = (args: string[]) =>
      spawnSync(process.execPath, [BIN, 'switch', ...args], { env, encoding: 'utf8' });
    const on = run(['on', 'posting', '--reason', 'multi-node test']);
    expect(on.status, on.stderr).toBe(0);
    try {
      for (const node of [a, b]) {
        await holdsWithin(async () => {
          const write = await call(node.address, 'POST', '/api/notes', {
            token: author,
            body: { body: 'written while read-only?' },
          });
          return write.status === 503 && write.json.code === 'READ_ONLY';
        }, PROPAGATION_MS);
      }
    } finally {
      const off = run(['off', 'posting', '--reason', 'multi-node test over']);
      expect(off.status, off.stderr).toBe(0);
    }
    for (const node of [a, b]) {
      await holdsWithin(async () => {
        const write = await call(node.address, 'POST', '/api/notes', {
          token: author,
          body: { body: `written again on ${node.address}` },
        });
        return write.status === 201;
      }, PROPAGATION_MS);
    }
    // the command line starts a process of its own (seconds on a busy machine)
  }, 180_000);

  it('loses no acknowledged write when an API node is killed under traffic, and keeps serving', async () => {
    const authors = await Promise.all(['multi_k1', 'multi_k2', 'multi_k3', 'multi_k4'].map(signUp));
    const acknowledged: string[] = [];
    const failed: number[] = [];
    let killed = false;
    let afterKill = 0;
    const writeLoop = async (token: string, author: number) => {
      const ip = nextIp();
      for (let n = 0; n < 25; n++) {
        const answer = await call(proxy, 'POST', '/api/notes', {
          token,
          ip,
          body: { body: `kill test ${author}-${n}` },
        });
        if (answer.status === 201) {
          acknowledged.push(answer.json.id as string);
          if (killed) afterKill++;
        } else failed.push(answer.status);
      }
    };
    const traffic = Promise.all(authors.map((token, index) => writeLoop(token, index)));
    // kill node A once some writes are through
    await holdsWithin(async () => acknowledged.length >= 20, 60_000);
    a.child.kill('SIGKILL');
    killed = true;
    await traffic;

    // every write that was acknowledged is in the database
    const rows = await database.database.db
      .selectFrom('notes')
      .select('id')
      .where('id', 'in', acknowledged)
      .execute();
    expect(rows.length).toBe(acknowledged.length);
    // the writes in flight on the killed node may fail (502: not acknowledged, not applied
    // twice); the rest of the traffic is served by node B
    expect(
      failed.filter((status) => status !== 502),
      failed.join(' '),
    ).toEqual([]);
    expect(failed.length).toBeLessThanOrEqual(authors.length);
    expect(afterKill).toBeGreaterThan(40);
    expect(acknowledged.length + failed.length).toBe(100);
    expect((await call(proxy, 'GET', '/api/feed/discover')).status).toBe(200);
    expect(nginx.exitCode).toBeNull();
  }, 120_000);
});
