import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addAccountRow,
  createTestDatabase,
  eventually,
  type TestDatabase,
  testVault,
} from '../../../test/helper.js';
import {
  issueSession,
  resolveToken,
  SESSION_CACHE_TTL_MS,
  SessionCache,
} from './sessions.service.js';
import * as store from './sessions.store.js';

const CLIENT = { ip: '203.0.113.5', country: 'US', region: null, userAgent: 'test' };

let test: TestDatabase;
let errors: unknown[];
let cache: SessionCache;
beforeEach(async () => {
  test = await createTestDatabase();
  errors = [];
  cache = new SessionCache((error) => errors.push(error));
  // lifetimes without jitter: read again after 5 s, reused for at most 10 s
  vi.spyOn(Math, 'random').mockReturnValue(0);
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await test.close();
});

/** A session of a new account; `revoke` ends it as another node would (this cache unaware). */
async function session(handle: string) {
  const { db } = test.database;
  const accountId = await addAccountRow(db, handle);
  const { token, sessionId } = await issueSession(db, accountId, CLIENT, testVault());
  return {
    token,
    resolve: () => resolveToken(db, token, 'bearer', cache),
    revoke: () => store.revokeSession(db, accountId, sessionId),
  };
}

describe('the session cache', () => {
  it('serves a session in use while it is read again, and a revocation elsewhere still ends it', async () => {
    const ana = await session('ana');
    expect((await ana.resolve())?.sessionId).toBeTruthy();
    await ana.revoke();
    // young: served from memory
    vi.advanceTimersByTime(SESSION_CACHE_TTL_MS / 2 - 1);
    expect(await ana.resolve()).not.toBeNull();
    // due: this request is not kept waiting; the read in the background sees the revocation
    vi.advanceTimersByTime(1);
    expect(await ana.resolve()).not.toBeNull();
    await eventually(async () => expect(await ana.resolve()).toBeNull());
    expect(errors).toEqual([]);
  });

  it('keeps a session read again for a new lifetime, with what the read saw', async () => {
    const ben = await session('ben');
    expect((await ben.resolve())?.locale).toBeNull();
    await sql`UPDATE accounts SET locale = 'ja'`.execute(test.database.db);
    vi.advanceTimersByTime(SESSION_CACHE_TTL_MS / 2);
    await ben.resolve();
    await eventually(async () => expect((await ben.resolve())?.locale).toBe('ja'));
    // beyond the first lifetime, still served from memory: a revocation now shows only later
    vi.advanceTimersByTime(SESSION_CACHE_TTL_MS / 2 + 1);
    await ben.revoke();
    expect(await ben.resolve()).not.toBeNull();
  });

  it('makes a request wait for the database once a session was not used for the whole TTL', async () => {
    const cai = await session('cai');
    await cai.resolve();
    await cai.revoke();
    vi.advanceTimersByTime(SESSION_CACHE_TTL_MS);
    expect(await cai.resolve()).toBeNull();
  });

  it('reports a failed background read and tries again on a later request', async () => {
    const dee = await session('dee');
    await dee.resolve();
    await sql`ALTER TABLE sessions RENAME TO sessions_away`.execute(test.database.db);
    vi.advanceTimersByTime(SESSION_CACHE_TTL_MS / 2);
    expect(await dee.resolve()).not.toBeNull();
    await eventually(() => expect(errors).toHaveLength(1));
    await sql`ALTER TABLE sessions_away RENAME TO sessions`.execute(test.database.db);
    await dee.revoke();
    expect(await dee.resolve()).not.toBeNull();
    await eventually(async () => expect(await dee.resolve()).toBeNull());
    expect(errors).toHaveLength(1);
  });
});
