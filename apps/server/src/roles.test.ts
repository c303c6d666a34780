import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  createTestDatabase,
  eventually,
  sharedVaultKeys,
  type TestDatabase,
} from '../test/helper.js';
import { loadConfig } from './config.js';
import { inTransaction } from './db/database.js';
import { natsNames } from './nats/nats.js';
import { startServer } from './server.js';

/** Every node of a test holds the same vault keys, as every node of a platform must. */
const SHARED_KEYS = sharedVaultKeys();

// Node roles (ATRIUM_ROLE, docs/scale.md): an API node serves and leaves the periodic tasks to
// the workers; a worker runs them and answers health checks and metrics only.

describe('a worker node', () => {
  it('answers health checks and metrics, and refuses everything else with 503', async () => {
    // the role needs a shared database in the configuration; the app is given the test's own
    const worker = await buildTestApp({
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/unused',
      ATRIUM_ROLE: 'worker',
    });
    try {
      for (const url of ['/healthz', '/readyz', '/metrics']) {
        expect((await worker.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
      }
      for (const url of ['/api/feed/discover', '/api/me', '/', '/api/openapi.json']) {
        const response = await worker.app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(503);
        expect(response.json().code).toBe('SERVICE_UNAVAILABLE');
      }
      const write = await worker.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: 'someone', password: 'whatever it is' },
      });
      expect(write.statusCode).toBe(503);
    } finally {
      await worker.close();
    }
  });
});

describe.runIf(process.env.DATABASE_URL)('roles of started servers on PostgreSQL', () => {
  let database: TestDatabase;
  const dirs: string[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function start(role: string, env: Record<string, string> = {}) {
    const dataDir = mkdtempSync(path.join(tmpdir(), `atrium-role-${role}-`));
    dirs.push(dataDir);
    return startServer(
      loadConfig({
        NODE_ENV: 'test',
        ...SHARED_KEYS,
        PORT: '0',
        DATA_DIR: dataDir,
        DATABASE_URL: database.url!,
        LOG_LEVEL: 'silent',
        ATRIUM_ROLE: role,
        ATRIUM_RISK: 'off',
        ...env,
      }),
    );
  }

  it('runs the periodic tasks on a worker, never on an API node', async () => {
    const api = await start('api');
    const worker = await start('worker');
    try {
      expect(api.periodicTasks).toEqual([]);
      expect(worker.periodicTasks).toContain('count views');
      // every task the default node would run (its list is the app's tasks)
      expect(worker.periodicTasks).toEqual(Object.values(api.tasks).map((task) => task.name));
      expect((await fetch(`${api.address}/api/feed/discover`)).status).toBe(200);
      expect((await fetch(`${worker.address}/api/feed/discover`)).status).toBe(503);
      expect((await fetch(`${worker.address}/readyz`)).status).toBe(200);
    } finally {
      await api.stop();
      await worker.stop();
    }
  }, 180_000);

  it('hands the work queue to the worker, never to an API node (NATS)', async () => {
    const NATS_URL = process.env.NATS_URL || 'nats://127.0.0.1:4222';
    const prefix = `t${randomBytes(5).toString('hex')}`;
    const env = { NATS_URL, NATS_PREFIX: prefix };
    const api = await start('api', env);
    const worker = await start('worker', env);
    try {
      const done: string[] = [];
      api.events!.registerWork('test.role', async (_tx, work) => {
        done.push(`api:${work.key}`);
      });
      worker.events!.registerWork('test.role', async (_tx, work) => {
        done.push(`worker:${work.key}`);
      });
      // written on the API node; its relay (running in every node) publishes them
      for (const key of ['a', 'b', 'c']) {
        await inTransaction(api.database.db, (tx) =>
          api.events!.domainEvents.enqueue(tx, 'test.role', key),
        );
      }
      await eventually(
        () => expect(done.sort()).toEqual(['worker:a', 'worker:b', 'worker:c']),
        10_000,
      );
    } finally {
      await api.stop();
      await worker.stop();
      const nc = await connect({ servers: NATS_URL });
      const jsm = await jetstreamManager(nc);
      for (const stream of [natsNames(prefix).events, natsNames(prefix).work]) {
        await jsm.streams.delete(stream).catch(() => false);
      }
      await nc.close();
    }
  }, 180_000);
});
