import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { AtriumError, createClient } from '@atrium/sdk';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { expect, inject } from 'vitest';
import { type AppDeps, type AtriumApp, buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { type Database, openPGlite, openPostgres } from '../src/db/database.js';
import { injectFetch } from '../src/lib/inject-fetch.js';
import { solve } from '../src/lib/proof-of-work.js';
import { uuidv7 } from '../src/lib/uuid7.js';
import type { DevOutbox } from '../src/modules/accounts/sms.js';
import { type IpLocator, loadIpLocator } from '../src/modules/geo/ip-location.js';
import { EnvKeyProvider } from '../src/modules/vault/key-provider.js';
import { Vault } from '../src/modules/vault/vault.js';

export interface TestDatabase {
  database: Database;
  /** PostgreSQL only: the test database's URL, for tests that need their own connections. */
  url?: string;
  close(): Promise<void>;
}

let image: Blob | null = null;

/**
 * A fresh, migrated database for one test: a PGlite copy of the template image, or — with
 * DATABASE_URL — a PostgreSQL database created from the template and dropped afterwards.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const base = new URL(url).pathname.slice(1);
    const name = `${base}_t_${randomBytes(6).toString('hex')}`;
    const admin = await openPostgres(url, { max: 1 });
    await admin.execScript(`CREATE DATABASE "${name}" TEMPLATE "${inject('postgresTemplate')}"`);
    const testUrl = new URL(url);
    testUrl.pathname = `/${name}`;
    const database = await openPostgres(testUrl.toString(), { max: 5 });
    return {
      database,
      url: testUrl.toString(),
      async close() {
        await database.close();
        await admin.execScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.close();
      },
    };
  }
  image ??= new Blob([readFileSync(inject('pgliteImage'))]);
  const database = await openPGlite({ dataDir: null, loadDataDir: image });
  return { database, close: () => database.close() };
}

/** An account row written directly (store tests): handle, display name = handle upper-cased. */
export async function addAccountRow(db: Database['db'], handle: string): Promise<string> {
  const id = uuidv7();
  await sql`INSERT INTO accounts (id, handle, display_name, email)
    VALUES (${id}, ${handle}, ${handle.toUpperCase()}, ${`${handle}@example.test`})`.execute(db);
  return id;
}

/** A vault with fresh random keys from the environment adapter (store tests without an app). */
export function testVault(): Vault {
  const key = () => randomBytes(32).toString('base64');
  return new Vault(
    EnvKeyProvider.fromEnv({
      ATRIUM_KEK_test: key(),
      ATRIUM_KEK_CURRENT: 'test',
      ATRIUM_BLIND_INDEX_KEY: key(),
    }),
  );
}

/**
 * Key-encryption and blind-index keys for several nodes of one platform (tests that start more
 * than one node on a database): every node must hold the same keys (docs/deploy.md).
 */
export function sharedVaultKeys(): Record<string, string> {
  const key = () => randomBytes(32).toString('base64');
  return {
    ATRIUM_KEYS: 'env',
    ATRIUM_KEK_shared: key(),
    ATRIUM_KEK_CURRENT: 'shared',
    ATRIUM_BLIND_INDEX_KEY: key(),
  };
}

let locator: Promise<IpLocator> | null = null;
export function testLocator(): Promise<IpLocator> {
  locator ??= loadIpLocator({ cacheFile: inject('locatorCache') });
  return locator;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** This app's own temporary DATA_DIR (media files land here), removed on close. */
  dataDir: string;
  outbox: DevOutbox;
  ops: AtriumApp['ops'];
  staff: AtriumApp['staff'];
  policies: AtriumApp['policies'];
  tasks: AtriumApp['tasks'];
  settleJobs: AtriumApp['settleJobs'];
  /** Surge mode's state (`refresh()` evaluates the rule now, at the app's clock). */
  surgeMode: AtriumApp['surgeMode'];
  /** The exposition and the staff dashboard's samples (`sample()` takes one now). */
  metrics: AtriumApp['metrics'];
  /** The kill switches (`set`, `isOn`, `reload`); not listening for other nodes unless started. */
  switches: AtriumApp['switches'];
  /** Alerts (`tick()` writes this node's figures and evaluates the rules now). */
  alerts: AtriumApp['alerts'];
  /** Domain events and the work queue, when the test configures NATS_URL. */
  events: AtriumApp['events'];
  /** The personal-data vault (keys in this app's DATA_DIR). */
  vault: AtriumApp['vault'];
  /** The image checks' runner (`runPending()` checks what is pending now). */
  mediaChecks: AtriumApp['mediaChecks'];
  /** Runs the counting tasks (topic deltas, views) that the server runs periodically. */
  settle(): Promise<void>;
  /** Every log line the app wrote, as JSON text. */
  logs: string[];
  /** A typed client whose requests go through `app.inject` (no socket). */
  client(options?: { token?: string | null; ip?: string }): ReturnType<typeof createClient>;
  close(): Promise<void>;
}

/**
 * Builds an app on a fresh database. `env` overrides configuration variables; `TRUST_PROXY` is
 * loopback so tests choose the client address with `X-Forwarded-For`.
 */
export async function buildTestApp(
  env: Record<string, string> = {},
  overrides: Pick<
    AppDeps,
    'translation' | 'clock' | 'alertWebhook' | 'relayEveryMs' | 'mediaCheckers'
  > = {},
): Promise<TestApp> {
  const testDatabase = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-test-data-'));
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    TRUST_PROXY: '127.0.0.1',
    LOG_LEVEL: 'info',
    // Risk scoring is off in tests unless a test turns it on (`ATRIUM_RISK: 'on'`): most tests
    // sign up many accounts from one address with scripted clients, which the door would
    // rightly challenge. The risk tests (modules/risk) turn it on.
    ATRIUM_RISK: 'off',
    // Trust limits likewise (tests write many notes, follows and reports from new accounts); the
    // trust tests (modules/risk/trust*.test.ts) turn them on with `ATRIUM_TRUST: 'on'`.
    ATRIUM_TRUST: 'off',
    ...env,
  });
  const built = await buildApp({
    config,
    database: testDatabase.database,
    locator: await testLocator(),
    logStream,
    ...overrides,
  });
  const app = built.app;
  return {
    app,
    database: testDatabase.database,
    dataDir,
    outbox: built.outbox!,
    ops: built.ops,
    staff: built.staff,
    policies: built.policies,
    tasks: built.tasks,
    settleJobs: built.settleJobs,
    surgeMode: built.surgeMode,
    metrics: built.metrics,
    switches: built.switches,
    alerts: built.alerts,
    events: built.events,
    vault: built.vault,
    mediaChecks: built.mediaChecks,
    async settle() {
      await built.tasks.applyTopicCounts.run();
      await built.tasks.countViews.run();
    },
    logs,
    client(options = {}) {
      return createClient({
        baseUrl: 'http://localhost',
        token: options.token ?? null,
        fetch: injectFetch(app, options.ip),
      });
    },
    async close() {
      await app.close();
      await testDatabase.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { injectFetch };

/** Well-known addresses in the shipped IP data. */
export const IPS = {
  US: '8.8.8.8',
  GUANGDONG: '202.96.128.86',
  BRAZIL: '200.160.2.3',
  GERMANY: '193.99.144.80',
} as const;

/**
 * Asks for a phone code; when the server wants a proof of work first (428 CHALLENGE_REQUIRED,
 * any request after the first for the number or from the client within the hour), solves the
 * challenge it sent and asks again, as the web app does.
 */
export async function startPhoneCode(
  client: ReturnType<TestApp['client']>,
  body: { phone: string; country?: string },
) {
  try {
    return await client.auth.phoneStart(body);
  } catch (error) {
    if (!(error instanceof AtriumError) || error.code !== 'CHALLENGE_REQUIRED') throw error;
    const { challenge, difficulty } = (error.problem as { challenge?: unknown }).challenge as {
      challenge: string;
      difficulty: number;
    };
    return client.auth.phoneStart({
      ...body,
      proof: { challenge, nonce: solve(challenge, difficulty) },
    });
  }
}

/** Signs up by phone through the dev outbox; returns the token and account. */
export async function signUpByPhone(
  test: TestApp,
  options: { phone: string; handle: string; ip?: string; displayName?: string },
) {
  const client = test.client(options.ip ? { ip: options.ip } : {});
  const started = await startPhoneCode(client, { phone: options.phone });
  const message = test.outbox.messagesTo(options.phone.replace(/[^\d+]/g, ''))[0];
  if (!message?.code) throw new Error('no code in the outbox');
  return client.auth.phoneVerify({
    verificationId: started.verificationId,
    code: message.code,
    handle: options.handle,
    ...(options.displayName ? { displayName: options.displayName } : {}),
  });
}

/** Signs up by e-mail; returns the token and account. */
export function signUpByEmail(test: TestApp, handle: string, ip?: string) {
  return test.client(ip ? { ip } : {}).auth.signup({
    email: `${handle}@example.org`,
    password: 'correct horse battery staple',
    handle,
  });
}

/** Signs up by e-mail and returns the account with a client acting as it from `ip`. */
export async function signedIn(test: TestApp, handle: string, ip: string = IPS.US) {
  const { token, account } = await signUpByEmail(test, handle, ip);
  return { token, account, client: test.client({ token, ip }) };
}

/** The API error a call fails with (the test fails when it succeeds or throws anything else). */
export async function failure(promise: Promise<unknown>): Promise<AtriumError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AtriumError);
  return error as AtriumError;
}

/**
 * Retries `check` until it passes (every 10 ms, for up to `timeoutMs`): for work a request left
 * to the background. Unlike `vi.waitFor`, it never moves a faked clock, so a test can tell a
 * background reload from an entry simply expiring.
 */
export async function eventually(
  check: () => unknown | Promise<unknown>,
  timeoutMs = 3_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
