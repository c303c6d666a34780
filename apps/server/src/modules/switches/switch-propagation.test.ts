import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  createTestDatabase,
  eventually,
  failure,
  injectFetch,
  sharedVaultKeys,
  type TestApp,
  type TestDatabase,
  testLocator,
} from '../../../test/helper.js';
import { type AtriumApp, buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { openPostgres } from '../../db/database.js';
import { pollingSignal, SWITCH_POLL_MS } from './switch-signal.js';
import { commandLineSwitches } from './switches-cli-app.js';

/** Every node of a test holds the same vault keys, as every node of a platform must. */
const SHARED_KEYS = sharedVaultKeys();

// A switch flipped on one node holds on every other within a second: on PostgreSQL through
// LISTEN/NOTIFY (two app instances on one database), elsewhere through the short poll.

const PASSWORD = 'correct horse battery staple';

/** Polls `check` every 5 ms; resolves with the milliseconds from `start` until it held. */
async function timeUntil(
  check: () => boolean,
  start = performance.now(),
  limitMs = 3_000,
): Promise<number> {
  while (!check()) {
    if (performance.now() - start > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - start;
}

describe('switch propagation by polling (the embedded database)', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await buildTestApp();
  });
  afterAll(async () => {
    await test?.close();
  });

  it('a change made elsewhere (the command line) applies within the poll interval', async () => {
    // the test app's own switches listen here with the short poll, as a PGlite server does
    const listening = pollingSignal(SWITCH_POLL_MS);
    // a read still under way when the test ends fails on the closed database: ignored
    await listening.start(() => void test.switches.reload().catch(() => {}));
    try {
      // another service on the database, as the command line is: nothing tells this node but
      // the poll (without it, the wait below never ends)
      const elsewhere = await commandLineSwitches(test.database, test.vault);
      await elsewhere.list({ kind: 'cli' }); // compiles the policy's lexicon before timing
      // timed from the command's return (its change committed): the command's own work — the
      // transaction, its audit record, the list it answers — is not propagation
      await elsewhere.set({ kind: 'cli' }, 'posting', { on: true });
      expect(await timeUntil(() => test.switches.isOn('posting'))).toBeLessThan(1_000);
      await elsewhere.set({ kind: 'cli' }, 'posting', { on: false });
      expect(await timeUntil(() => !test.switches.isOn('posting'))).toBeLessThan(1_000);
    } finally {
      await listening.stop();
    }
  });
});

describe.runIf(process.env.DATABASE_URL)(
  'switch propagation between two nodes on PostgreSQL',
  () => {
    let shared: TestDatabase;
    const nodes: { atrium: AtriumApp; close(): Promise<void> }[] = [];

    async function node(url: string, database = openPostgres(url, { max: 3 })) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-switch-node-'));
      const db = await database;
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
      await atrium.switches.start();
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
      // the first node's pool is the test database's own: closed with it
      await shared?.close();
    });

    it('a switch flipped on one node holds on the other within a second, both ways', async () => {
      const url = shared.url!;
      const a = await node(url);
      const b = await node(url);
      expect(a.atrium.switches.signalKind).toBe('notify');
      const client = (app: AtriumApp, token: string | null = null) =>
        createClient({ baseUrl: 'http://localhost', token, fetch: injectFetch(app.app) });
      await client(a.atrium).auth.signup({
        email: 'lead@example.org',
        password: PASSWORD,
        handle: 'node_lead',
      });
      await a.atrium.staff.service.addMember(
        { kind: 'cli' },
        { handle: 'node_lead', role: 'admin' },
      );
      const { token } = await client(a.atrium).auth.login({
        login: 'node_lead',
        password: PASSWORD,
      });
      const author = await client(b.atrium).auth.signup({
        email: 'w@example.org',
        password: PASSWORD,
        handle: 'node_writer',
      });

      const figures: number[] = [];
      /** Sends a flip to `from` and times it until `holds` is true on the other node. */
      async function timed(flip: () => Promise<unknown>, holds: () => boolean) {
        // timed from the moment the request leaves until the other node holds it
        const sent = performance.now();
        const flipped = flip();
        figures.push(await timeUntil(holds, sent));
        await flipped;
      }
      for (let round = 0; round < 5; round += 1) {
        await timed(
          () =>
            client(a.atrium, token).staff.setSwitch('posting', {
              on: true,
              reason: `round ${round}`,
            }),
          () => b.atrium.switches.isOn('posting'),
        );
        // node B refuses writes, as a request there sees it
        const refused = await failure(
          client(b.atrium, author.token).notes.create({ body: 'During the switch', lang: 'en' }),
        );
        expect(refused.code).toBe('READ_ONLY');
        // and back, flipped on B this time
        await timed(
          () => client(b.atrium, token).staff.setSwitch('posting', { on: false }),
          () => !a.atrium.switches.isOn('posting'),
        );
      }
      await client(b.atrium, author.token).notes.create({ body: 'After the switch', lang: 'en' });
      // a country's pause travels the same way (surge mode's table has the same trigger)
      await timed(
        () => client(a.atrium, token).staff.setSwitch('signups', { on: true, target: 'BR' }),
        () => b.atrium.surgeMode.isPaused('BR'),
      );
      expect(Math.max(...figures)).toBeLessThan(1_000);
      process.stdout.write(
        `switch propagation between two nodes: ${figures.map((ms) => ms.toFixed(0)).join(', ')} ms\n`,
      );
      await eventually(() => expect(b.atrium.switches.status().readOnly).toBe(false));
    });
  },
);
