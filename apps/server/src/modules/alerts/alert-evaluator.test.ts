import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  createTestDatabase,
  injectFetch,
  sharedVaultKeys,
  signUpByEmail,
  type TestApp,
  type TestDatabase,
  testLocator,
} from '../../../test/helper.js';
import { type AtriumApp, buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { openPostgres } from '../../db/database.js';

/** Every node of a test holds the same vault keys, as every node of a platform must. */
const SHARED_KEYS = sharedVaultKeys();

// Who evaluates: the embedded single process on its own timer; with several nodes on one
// PostgreSQL database, only the node holding the lease — another takes over when it stops.

const PASSWORD = 'correct horse battery staple';

describe('a single node evaluates on its own timer', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1' });
  });
  afterAll(async () => {
    await test?.close();
  });

  it('a sign-up flood reaches the staff API within the tick', async () => {
    await signUpByEmail(test, 'ev_lead');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'ev_lead', role: 'admin' });
    const { token } = await test.client().auth.login({ login: 'ev_lead', password: PASSWORD });
    const staff = test.client({ token }).staff;
    await staff.updateAlertRule('signup_flood', { floor: 3 });
    test.alerts.start();
    try {
      await signUpByEmail(test, 'ev_a');
      await signUpByEmail(test, 'ev_b');
      // timed from the sign-up that crosses the floor until the console's call lists it
      const sent = performance.now();
      let seen: number | null = null;
      while (seen === null && performance.now() - sent < 5_000) {
        const { alerts } = await staff.alerts();
        if (alerts.some((alert) => alert.ruleId === 'signup_flood' && alert.state === 'firing')) {
          seen = performance.now() - sent;
        } else await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(seen).not.toBeNull();
      // the tick is a second: within it (the console then polls every 2 s)
      expect(seen!).toBeLessThan(2_500);
      process.stdout.write(`alert to staff API (one node, 1 s tick): ${seen!.toFixed(0)} ms\n`);
    } finally {
      await test.alerts.stop();
    }
  });
});

describe.runIf(process.env.DATABASE_URL)('alert evaluation with two nodes on PostgreSQL', () => {
  let shared: TestDatabase;
  const nodes: { atrium: AtriumApp; close(): Promise<void> }[] = [];

  async function node(url: string) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-alert-node-'));
    const db = await openPostgres(url, { max: 3 });
    const atrium = await buildApp({
      config: loadConfig({
        NODE_ENV: 'test',
        ...SHARED_KEYS,
        DATA_DIR: dataDir,
        DATABASE_URL: url,
        TRUST_PROXY: '127.0.0.1',
        LOG_LEVEL: 'silent',
        ATRIUM_RISK: 'off',
        ATRIUM_TRUST: 'off',
        ATRIUM_DISABLE_RATE_LIMITS: '1',
      }),
      database: db,
      locator: await testLocator(),
    });
    const entry = {
      atrium,
      async close() {
        await atrium.app.close();
        await db.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
    nodes.push(entry);
    return entry;
  }

  beforeAll(async () => {
    shared = await createTestDatabase();
  });
  afterAll(async () => {
    for (const entry of nodes) await entry.close();
    await shared?.close();
  });

  it('one node evaluates at a time; the other takes over when it stops', async () => {
    const url = shared.url!;
    const a = await node(url);
    const b = await node(url);
    // a takes the lease first; from then on, ticking together, only a evaluates
    expect(await a.atrium.alerts.tick()).toBe(true);
    for (let round = 0; round < 5; round += 1) {
      const [byA, byB] = await Promise.all([a.atrium.alerts.tick(), b.atrium.alerts.tick()]);
      expect([byA, byB]).toEqual([true, false]);
    }
    // both nodes write their figures: the evaluator sums every fresh one
    const written = await shared.database.db
      .selectFrom('alert_node_figures' as never)
      .select('node' as never)
      .execute();
    expect(written).toHaveLength(2);

    const client = (app: AtriumApp, token: string | null = null) =>
      createClient({ baseUrl: 'http://localhost', token, fetch: injectFetch(app.app) });
    await client(a.atrium).auth.signup({
      email: 'ev2@example.org',
      password: PASSWORD,
      handle: 'ev_node_lead',
    });
    await a.atrium.staff.service.addMember(
      { kind: 'cli' },
      { handle: 'ev_node_lead', role: 'admin' },
    );
    const { token } = await client(a.atrium).auth.login({
      login: 'ev_node_lead',
      password: PASSWORD,
    });

    // a stops (a deploy, a crash handled): it gives the lease up and b evaluates at its next tick
    await a.atrium.alerts.stop();
    expect(await b.atrium.alerts.tick()).toBe(true);
    expect(await b.atrium.alerts.tick()).toBe(true);
    // what b evaluated shows on a's API as well (one truth: the database)
    const { evaluatedAt } = await client(a.atrium, token).staff.alerts();
    expect(Date.now() - Date.parse(evaluatedAt!)).toBeLessThan(5_000);
  });
});
