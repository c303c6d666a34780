import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helper.js';
import { loadAsnTable } from './asn-table.js';

// The account's trust level at the door: a login is scored before the password (the same answer
// whoever the login names), then decided again with the proven account's level.

const CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const BROWSER = {
  'x-forwarded-for': '73.22.1.5',
  'user-agent': CHROME,
  'accept-language': 'en-US,en;q=0.9',
  'x-atrium-device': 'f3a9c2e18b7d4e6fa1c0',
  'x-atrium-timezone': 'America/Chicago',
};
/** A script from a cloud server (DigitalOcean): the door reviews a login from it. */
const cloudScript = (ip: string) => ({ 'x-forwarded-for': ip, 'user-agent': 'python-requests/2' });
const PASSWORD = 'correct horse battery staple';

let test: TestApp;
beforeAll(async () => {
  await loadAsnTable();
});
afterEach(async () => {
  await test?.close();
});

const post = (path: string, payload: object, headers: Record<string, string>) =>
  test.app.inject({ method: 'POST', url: path, payload, headers });

async function signUp(handle: string, trustLevel: number) {
  const response = await post(
    '/api/auth/signup',
    { email: `${handle}@example.org`, password: PASSWORD, handle },
    BROWSER,
  );
  expect(response.statusCode).toBe(201);
  await sql`UPDATE accounts SET trust_level = ${trustLevel}, trust_floor = ${trustLevel}
    WHERE handle = ${handle}`.execute(test.database.db);
}

async function lastLogin(handle: string) {
  const account = await test.database.db
    .selectFrom('accounts')
    .select(['id', 'posting_restricted_until'])
    .where('handle', '=', handle)
    .executeTakeFirstOrThrow();
  const event = await test.database.db
    .selectFrom('risk_events')
    .select(['decision', 'score', 'data'])
    .where('account_id', '=', account.id)
    .where('surface', '=', 'login')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const cases = await test.database.db
    .selectFrom('moderation_cases')
    .select('id')
    .where('subject_id', '=', account.id)
    .execute();
  return { account, event, cases: cases.length };
}

describe('the door passes the trust level in at login', () => {
  it('reviews a level-1 account from a cloud script, not a level-3 one', async () => {
    test = await buildTestApp({ ATRIUM_RISK: 'on' });
    await signUp('birch_one', 1);
    await signUp('cedar_three', 3);

    const low = await post(
      '/api/auth/login',
      { login: 'birch_one', password: PASSWORD },
      cloudScript('165.227.0.1'),
    );
    expect(low.statusCode).toBe(200);
    const lowState = await lastLogin('birch_one');
    expect(lowState.event.decision).toBe('review');
    expect(lowState.account.posting_restricted_until).not.toBeNull();
    expect(lowState.cases).toBe(1);
    // level 1 takes nothing off: nothing about the discount recorded
    expect(lowState.event.data).not.toHaveProperty('trustLevel');

    const high = await post(
      '/api/auth/login',
      { login: 'cedar_three@example.org', password: PASSWORD },
      cloudScript('165.227.0.2'),
    );
    expect(high.statusCode).toBe(200);
    const highState = await lastLogin('cedar_three');
    // the same signals, 20 points off for level 3: no restriction and no case
    expect(highState.event.data).toMatchObject({
      trustLevel: 3,
      scoreBefore: lowState.event.score,
    });
    expect(highState.event.score).toBe(lowState.event.score! - 20);
    expect(highState.event.decision).not.toBe('review');
    expect(highState.account.posting_restricted_until).toBeNull();
    expect(highState.cases).toBe(0);
  });

  it('answers a wrong password the same whatever the trust level (no oracle)', async () => {
    test = await buildTestApp({ ATRIUM_RISK: 'on' });
    await signUp('cedar_three', 3);
    const script = { 'x-forwarded-for': '73.22.1.9', 'user-agent': 'python-requests/2' };
    // a scripted client is challenged before any password is checked, for a known account
    // of level 3 as for an unknown address
    const known = await post(
      '/api/auth/login',
      { login: 'cedar_three@example.org', password: 'wrong guess here' },
      script,
    );
    const unknown = await post(
      '/api/auth/login',
      { login: 'nobody_here@example.org', password: 'wrong guess here' },
      script,
    );
    expect(known.statusCode).toBe(428);
    expect(unknown.statusCode).toBe(428);
    expect(known.json().code).toBe('CHALLENGE_REQUIRED');
  });
});
