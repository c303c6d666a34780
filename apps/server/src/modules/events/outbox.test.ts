import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../../test/fixtures/staff.js';
import {
  buildTestApp,
  createTestDatabase,
  eventually,
  sharedVaultKeys,
  signedIn,
  type TestApp,
  type TestDatabase,
  testLocator,
} from '../../../test/helper.js';
import { type AtriumApp, buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { inTransaction } from '../../db/database.js';
import type { DeliveredEvent } from '../../lib/domain-events.js';
import { natsNames } from '../../nats/nats.js';
import { handleOnce } from './outbox.js';

/** Every node of a test holds the same vault keys, as every node of a platform must. */
const SHARED_KEYS = sharedVaultKeys();

// The transactional outbox and its relay to NATS JetStream (docs/scale.md, "Events and work
// queues"), on the test database (PGlite, or PostgreSQL with DATABASE_URL) and the machine's
// NATS (NATS_URL, else 127.0.0.1:4222), each test under a subject and stream prefix of its own,
// whose streams are deleted afterwards.

const NATS_URL = process.env.NATS_URL || 'nats://127.0.0.1:4222';
const prefixes: string[] = [];
const newPrefix = () => {
  const prefix = `t${randomBytes(5).toString('hex')}`;
  prefixes.push(prefix);
  return prefix;
};

async function withJsm<T>(fn: (jsm: Awaited<ReturnType<typeof jetstreamManager>>) => Promise<T>) {
  const nc = await connect({ servers: NATS_URL });
  try {
    return await fn(await jetstreamManager(nc));
  } finally {
    await nc.close();
  }
}

const storedMessages = (prefix: string, stream: 'events' | 'work') =>
  withJsm(async (jsm) => (await jsm.streams.info(natsNames(prefix)[stream])).state.messages);

afterAll(async () => {
  await withJsm(async (jsm) => {
    for (const prefix of prefixes) {
      const names = natsNames(prefix);
      for (const stream of [names.events, names.work]) {
        await jsm.streams.delete(stream).catch(() => false);
      }
    }
  });
});

async function outboxRows(test: { database: TestApp['database'] }) {
  return test.database.db
    .selectFrom('outbox_events')
    .select(['id', 'subject', 'payload', 'sent_at'])
    .orderBy('id')
    .execute();
}

describe('without NATS (the embedded default)', { timeout: 120_000 }, () => {
  let test: TestApp;
  afterEach(async () => test?.close());

  it('records no event and runs no relay', async () => {
    test = await buildTestApp();
    expect(test.events).toBeNull();
    const lin = await signedIn(test, 'lin');
    const note = await lin.client.notes.create({ body: 'hello #outbox' });
    await lin.client.notes.update(note.id, { body: 'hello again' });
    await test.switches.set({ kind: 'cli' }, 'posting', { on: true });
    expect(await outboxRows(test)).toEqual([]);
  });
});

describe('with NATS configured', { timeout: 120_000 }, () => {
  let test: TestApp;
  let prefix: string;
  const build = async () => {
    prefix = newPrefix();
    test = await buildTestApp({ NATS_URL, NATS_PREFIX: prefix });
    // connected at start, or in the background soon after on a loaded machine
    await eventually(() => expect(test.events?.nats.connected()).toBe(true), 20_000);
    return test.events!;
  };
  afterEach(async () => test?.close());

  it('records each domain event in the transaction of its write', async () => {
    await build();
    const lin = await signedIn(test, 'lin');
    const note = await lin.client.notes.create({ body: 'first #outbox' });
    await lin.client.notes.update(note.id, { body: 'first, edited' });
    await test.switches.set({ kind: 'cli' }, 'posting', { on: true });
    await test.switches.set({ kind: 'cli' }, 'posting', { on: false });
    const rows = await outboxRows(test);
    expect(rows.map((row) => [row.subject, row.payload.key, row.sent_at])).toEqual([
      ['event.note.created', note.id, null],
      ['event.note.edited', note.id, null],
      ['event.switch.flipped', 'posting', null],
      ['event.switch.flipped', 'posting', null],
    ]);
    expect(rows[0]!.payload).toMatchObject({
      type: 'note.created',
      data: { authorId: note.author.id, status: 'published' },
    });
    expect(rows.map((row) => row.payload.data)).toContainEqual({
      name: 'posting',
      target: null,
      on: false,
    });
    // the backlog /metrics exports
    const metrics = await test.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('atrium_backlog_items{queue="outbox"} 4');
  });

  it('records a ban: the account sanctioned and each of its notes moderated, with the decision', async () => {
    prefix = newPrefix();
    test = await buildTestApp({ NATS_URL, NATS_PREFIX: prefix, ATRIUM_DISABLE_RATE_LIMITS: '1' });
    const spammer = await signedIn(test, 'ev_spammer');
    const reporter = await signedIn(test, 'ev_reporter');
    const note = await spammer.client.notes.create({ body: 'Buy followers' });
    const moderator = await signedInStaff(test, 'ev_mod', 'moderator');
    await reporter.client.reports.create({
      targetType: 'account',
      targetId: spammer.account.id,
      reason: 'spam',
    });
    const caseId = (
      await moderator.client.moderation.cases({ status: 'open', limit: 100 })
    ).items.find((item) => item.targetId === spammer.account.id)!.id;
    await moderator.client.moderation.claim(caseId);
    const before = (await outboxRows(test)).length;
    await moderator.client.moderation.decide(caseId, {
      decision: 'approve',
      reasonCode: 'policy.spam',
      accountAction: { type: 'ban' },
    });
    const recorded = (await outboxRows(test)).slice(before);
    expect(recorded.map((row) => [row.subject, row.payload.key]).sort()).toEqual([
      ['event.account.sanctioned', spammer.account.id],
      ['event.note.moderated', note.id],
    ]);
    expect(
      recorded.find((row) => row.subject === 'event.note.moderated')!.payload.data,
    ).toMatchObject({ authorId: spammer.account.id, status: 'removed' });
    expect(
      recorded.find((row) => row.subject === 'event.account.sanctioned')!.payload.data,
    ).toMatchObject({ sanction: 'ban' });
  });

  it('leaves no event when the transaction fails', async () => {
    const events = await build();
    await expect(
      inTransaction(test.database.db, async (tx) => {
        await events.domainEvents.record(tx, { type: 'note.created', key: 'lost' });
        await events.domainEvents.enqueue(tx, 'nothing', 'lost');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await outboxRows(test)).toEqual([]);
    expect(await events.relay.relayOnce()).toBe(0);
  });

  it('relays to JetStream in order, marks the rows sent, and publishes a row once', async () => {
    const events = await build();
    const lin = await signedIn(test, 'lin');
    const note = await lin.client.notes.create({ body: 'relayed' });
    await test.switches.set({ kind: 'cli' }, 'uploads', { on: true });
    const heard: DeliveredEvent[] = [];
    events.onEvent('listener', async (_tx, event) => {
      heard.push(event);
    });
    events.startConsumers();
    expect(await events.relay.relayOnce()).toBe(2);
    const rows = await outboxRows(test);
    expect(rows.every((row) => row.sent_at !== null)).toBe(true);
    expect(await events.relay.backlog()).toEqual({ items: 0, oldest: null });
    await eventually(() => expect(heard).toHaveLength(2), 5_000);
    expect(heard.map((event) => [event.id, event.type, event.key])).toEqual([
      [rows[0]!.id, 'note.created', note.id],
      [rows[1]!.id, 'switch.flipped', 'uploads'],
    ]);
    // a node that died after publishing but before its mark committed publishes again: JetStream
    // drops the copy (the row's id is the message id), and nothing is handled twice
    await test.database.db.updateTable('outbox_events').set({ sent_at: null }).execute();
    expect(await events.relay.relayOnce()).toBe(2);
    expect(await storedMessages(prefix, 'events')).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).toHaveLength(2);
  });

  it('handles an event once per consumer however often it arrives; a failure is retried', async () => {
    await build();
    const db = test.database.db;
    const event: DeliveredEvent = {
      id: '0190b0b0-0000-7000-8000-000000000001',
      type: 'note.moderated',
      key: 'n1',
      data: {},
      at: new Date().toISOString(),
    };
    const handled: string[] = [];
    const handler = async () => {
      handled.push(event.id);
    };
    expect(await handleOnce(db, 'a', event, handler)).toBe(true);
    expect(await handleOnce(db, 'a', event, handler)).toBe(false);
    // another consumer handles it too
    expect(await handleOnce(db, 'b', event, handler)).toBe(true);
    expect(handled).toHaveLength(2);
    // a failing handler leaves no record: the next delivery runs it
    await expect(
      handleOnce(db, 'c', event, async () => {
        throw new Error('not now');
      }),
    ).rejects.toThrow('not now');
    expect(await handleOnce(db, 'c', event, handler)).toBe(true);
    expect(handled).toHaveLength(3);
  });
});

describe('pruning the outbox', { timeout: 120_000 }, () => {
  let test: TestApp;
  afterEach(async () => test?.close());

  it('removes sent rows after a day and handled ids after a week, never unsent rows', async () => {
    test = await buildTestApp();
    const db = test.database.db;
    const hours = (n: number) => new Date(Date.now() - n * 3_600_000);
    const id = (n: number) => `0190b0b0-0000-7000-8000-00000000000${n}`;
    await db
      .insertInto('outbox_events')
      .values([
        { id: id(1), subject: 'event.note.created', payload: '{}', created_at: hours(30) },
        { id: id(2), subject: 'event.note.created', payload: '{}', created_at: hours(30) },
        { id: id(3), subject: 'event.note.created', payload: '{}', created_at: hours(2) },
      ])
      .execute();
    await db
      .updateTable('outbox_events')
      .set({ sent_at: hours(25) })
      .where('id', '=', id(1))
      .execute();
    await db
      .updateTable('outbox_events')
      .set({ sent_at: hours(1) })
      .where('id', '=', id(3))
      .execute();
    await db
      .insertInto('consumed_events')
      .values([
        { consumer: 'workers', event_id: id(1), consumed_at: hours(8 * 24) },
        { consumer: 'workers', event_id: id(3), consumed_at: hours(1) },
      ])
      .execute();
    expect(await test.tasks.pruneOutbox.run()).toBe(2);
    // id 2 was never sent (NATS down for a day): it stays until it is
    expect((await outboxRows(test)).map((row) => row.id)).toEqual([id(2), id(3)]);
    expect(
      (await db.selectFrom('consumed_events').select('event_id').execute()).map((r) => r.event_id),
    ).toEqual([id(3)]);
  });
});

describe('nodes sharing one database and NATS', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  const dirs: string[] = [];
  const apps: AtriumApp[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const atrium of apps) await atrium.app.close();
    await database?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function node(prefix: string, role = 'all'): Promise<AtriumApp> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-outbox-node-'));
    dirs.push(dataDir);
    const atrium = await buildApp({
      config: loadConfig({
        NODE_ENV: 'test',
        ...SHARED_KEYS,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        ATRIUM_RISK: 'off',
        ATRIUM_TRUST: 'off',
        NATS_URL,
        NATS_PREFIX: prefix,
        // the role's check of the configuration; the app is given the test's database
        ...(role === 'all'
          ? {}
          : { ATRIUM_ROLE: role, DATABASE_URL: 'postgres://x@127.0.0.1:1/x' }),
      }),
      database: database.database,
      locator: await testLocator(),
      relayEveryMs: 20,
    });
    apps.push(atrium);
    return atrium;
  }

  it('resumes after a restart: what a stopped node wrote is relayed by the next', async () => {
    const prefix = newPrefix();
    const first = await node(prefix);
    await first.switches.set({ kind: 'cli' }, 'translation', { on: true });
    await first.switches.set({ kind: 'cli' }, 'translation', { on: false });
    // stopped before its relay ran
    await first.app.close();
    const second = await node(prefix);
    second.events!.relay.start();
    await eventually(async () => expect(await storedMessages(prefix, 'events')).toBe(2), 5_000);
    // marked sent when the relay's transaction commits, just after the publishes
    await eventually(
      async () => expect(await second.events!.relay.backlog()).toMatchObject({ items: 0 }),
      5_000,
    );
    // its relay would take the next test's rows (each test has a prefix of its own)
    await second.events!.relay.stop();
  });

  it('hands work to a worker, which does it once; rolled-back work never arrives', async () => {
    const prefix = newPrefix();
    const api = await node(prefix, 'api');
    const worker = await node(prefix, 'worker');
    const done: string[] = [];
    worker.events!.registerWork('test.touch', async (tx, work) => {
      // the handler's writes commit with the record of its handling
      await tx.selectFrom('accounts').select('id').limit(1).execute();
      done.push(`${work.key}:${work.data.n}`);
    });
    await inTransaction(database.database.db, async (tx) => {
      await api.events!.domainEvents.enqueue(tx, 'test.touch', 'kept', { n: 1 });
    });
    await expect(
      inTransaction(database.database.db, async (tx) => {
        await api.events!.domainEvents.enqueue(tx, 'test.touch', 'lost', { n: 2 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow();
    expect(await api.events!.relay.relayOnce()).toBe(1);
    worker.events!.startConsumers();
    await eventually(() => expect(done).toEqual(['kept:1']), 5_000);
    // acknowledged work leaves the queue
    await eventually(async () => expect(await storedMessages(prefix, 'work')).toBe(0), 5_000);
    const handled = await database.database.db
      .selectFrom('consumed_events')
      .select(['consumer'])
      .where('consumer', '=', 'workers')
      .execute();
    expect(handled).toHaveLength(1);
  });
});
