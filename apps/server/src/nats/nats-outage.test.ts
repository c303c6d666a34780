import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  eventually,
  sharedVaultKeys,
  type TestDatabase,
  testLocator,
} from '../../test/helper.js';
import { type AtriumApp, buildApp } from '../app.js';
import { loadConfig } from '../config.js';

/** Every node of a test holds the same vault keys, as every node of a platform must. */
const SHARED_KEYS = sharedVaultKeys();

// NATS down and back (docs/scale.md, "When NATS is down"): a NATS server of this test's own
// (`nats-server` from Debian, JetStream on, its store in a temporary directory) is killed while
// events are written and started again on the same store; every event reaches the consumer, and
// each exactly once.

describe('events while NATS is down', () => {
  let database: TestDatabase;
  let server: ChildProcess | null = null;
  let port: number;
  let store: string;
  const dirs: string[] = [];
  let atrium: AtriumApp | null = null;

  async function freePort(): Promise<number> {
    return new Promise((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
  }

  const listening = () =>
    new Promise<boolean>((resolve) => {
      const socket = tcpConnect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });

  /**
   * Starts the private server on `port`. Another process of the test run may have taken the port
   * since it was picked (then nats-server exits at once, and what listens there is not NATS): the
   * first start then moves to a new free port; a restart must keep its port and waits for it.
   */
  async function startNats(first = false): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const child = spawn(
        'nats-server',
        ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', store],
        { stdio: 'ignore' },
      );
      server = child;
      await eventually(
        async () => expect(child.exitCode !== null || (await listening())).toBe(true),
        10_000,
      );
      // a server that could not bind exits within moments
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (child.exitCode === null && (await listening())) return;
      if (attempt >= 20) throw new Error(`nats-server could not listen on ${port}`);
      if (first) port = await freePort();
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  async function killNats(): Promise<void> {
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
    store = mkdtempSync(path.join(tmpdir(), 'atrium-nats-store-'));
    dirs.push(store);
  });
  afterAll(async () => {
    await atrium?.app.close();
    await killNats();
    await database?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps events in the outbox while NATS is down and delivers each once when it is back', async () => {
    await startNats(true);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-nats-node-'));
    dirs.push(dataDir);
    atrium = await buildApp({
      config: loadConfig({
        NODE_ENV: 'test',
        ...SHARED_KEYS,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        ATRIUM_RISK: 'off',
        ATRIUM_TRUST: 'off',
        NATS_URL: `nats://127.0.0.1:${port}`,
      }),
      database: database.database,
      locator: await testLocator(),
      relayEveryMs: 20,
    });
    const events = atrium.events!;
    // the node waits a moment for NATS at start, then connects in the background (a loaded
    // machine may need longer than that moment)
    await eventually(() => expect(events.nats.connected()).toBe(true), 20_000);
    const deliveries = new Map<string, number>();
    const handled: string[] = [];
    // every delivery is counted; the handler runs once per event id
    events.onEvent('outage', async (_tx, event) => {
      handled.push(event.id);
    });
    events.nats.consume('events', 'raw', async (event) => {
      deliveries.set(event.id, (deliveries.get(event.id) ?? 0) + 1);
    });
    events.startConsumers();
    events.relay.start();
    const flip = async (on: boolean) => atrium!.switches.set({ kind: 'cli' }, 'uploads', { on });

    await flip(true);
    await flip(false);
    await eventually(() => expect(handled).toHaveLength(2), 20_000);

    await killNats();
    await eventually(() => expect(events.nats.connected()).toBe(false), 5_000);
    // writes go on; their events wait in the database
    for (const on of [true, false, true, false, true]) await flip(on);
    expect(atrium.switches.isOn('uploads')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await events.relay.backlog()).items).toBe(5);
    expect(handled).toHaveLength(2);

    await startNats();
    await eventually(() => expect(handled).toHaveLength(7), 30_000);
    await eventually(async () => expect((await events.relay.backlog()).items).toBe(0), 5_000);
    const ids = (
      await database.database.db.selectFrom('outbox_events').select('id').orderBy('id').execute()
    ).map((row) => row.id);
    expect(ids).toHaveLength(7);
    // every event handled, exactly once, in the order written
    expect(handled).toEqual(ids);
    // every event reached the stream; JetStream delivers at least once (an acknowledgement lost
    // with the killed server brings a message again, seen on a loaded machine), and the handler
    // above still ran once per event
    await eventually(() => expect([...deliveries.keys()].sort()).toEqual(ids), 10_000);
  }, 120_000);

  it('starts a node while NATS is down; its events go out once NATS is up', async () => {
    await atrium?.app.close();
    atrium = null;
    await killNats();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-nats-node-'));
    dirs.push(dataDir);
    const node = await buildApp({
      config: loadConfig({
        NODE_ENV: 'test',
        ...SHARED_KEYS,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        ATRIUM_RISK: 'off',
        ATRIUM_TRUST: 'off',
        NATS_URL: `nats://127.0.0.1:${port}`,
      }),
      database: database.database,
      locator: await testLocator(),
      relayEveryMs: 20,
    });
    atrium = node;
    expect(node.events!.nats.connected()).toBe(false);
    node.events!.relay.start();
    await node.switches.set({ kind: 'cli' }, 'translation', { on: true });
    expect((await node.events!.relay.backlog()).items).toBe(1);
    await startNats();
    await eventually(
      async () => expect((await node.events!.relay.backlog()).items).toBe(0),
      30_000,
    );
  }, 120_000);
});
