import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  failure,
  IPS,
  signedIn,
  startPhoneCode,
  type TestApp,
} from '../../../test/helper.js';
import { solve, solves } from '../../lib/proof-of-work.js';

// Sign-in resists abuse: nobody can lock the owner of a number out of it, passwords are not
// guessed from many addresses, weak passwords are refused, and sign-up does not tell who has an
// account.

let test: TestApp;
beforeEach(async () => {
  test = await buildTestApp();
});
afterEach(async () => {
  await test.close();
});

const PHONE = '+86 138 0013 8000';
const E164 = '+8613800138000';
const GOOD = 'correct horse battery staple';
const ip = (index: number) => `198.51.100.${index + 1}`;

/** Moves every code and its last text back in time, as if `seconds` had passed. */
async function age(seconds: number) {
  await test.database.db
    .updateTable('phone_verifications')
    .set({
      created_at: sql`created_at - make_interval(secs => ${seconds})`,
      last_sent_at: sql`last_sent_at - make_interval(secs => ${seconds})`,
    })
    .execute();
}

// solving challenges takes a few seconds of CPU, more on a busy machine
describe('phone codes: the owner of a number is never locked out', { timeout: 120_000 }, () => {
  it('codes asked for from five other addresses leave the owner a code that signs in', async () => {
    for (let index = 0; index < 5; index += 1) {
      await startPhoneCode(test.client({ ip: ip(index) }), { phone: PHONE });
    }
    const owner = test.client({ ip: IPS.GUANGDONG });
    const started = await startPhoneCode(owner, { phone: PHONE });
    const code = test.outbox.messagesTo(E164)[0]!.code!;
    const result = await owner.auth.phoneVerify({
      verificationId: started.verificationId,
      code,
      handle: 'lin',
    });
    expect(result.created).toBe(true);
  });

  it('asks for a proof of work after the first request; a solution is accepted once', async () => {
    await test.client({ ip: ip(0) }).auth.phoneStart({ phone: PHONE });
    const refused = await failure(test.client({ ip: ip(1) }).auth.phoneStart({ phone: PHONE }));
    expect([refused.status, refused.code]).toEqual([428, 'CHALLENGE_REQUIRED']);
    const { challenge, difficulty } = (refused.problem as Record<string, unknown>).challenge as {
      challenge: string;
      difficulty: number;
    };
    expect(difficulty).toBeGreaterThanOrEqual(16);
    // a nonce that does not solve it
    let wrong = 0;
    while (solves(challenge, String(wrong), difficulty)) wrong += 1;
    const unsolved = await failure(
      test.client({ ip: ip(1) }).auth.phoneStart({
        phone: PHONE,
        proof: { challenge, nonce: String(wrong) },
      }),
    );
    expect(unsolved.code).toBe('CHALLENGE_REQUIRED');
    const proof = { challenge, nonce: solve(challenge, difficulty) };
    await test.client({ ip: ip(1) }).auth.phoneStart({ phone: PHONE, proof });
    const replayed = await failure(
      test.client({ ip: ip(2) }).auth.phoneStart({ phone: PHONE, proof }),
    );
    expect(replayed.code).toBe('CHALLENGE_REQUIRED');
    expect(test.outbox.messagesTo(E164)).toHaveLength(2);
  });

  it('sends the code already issued again when the same client asks again', async () => {
    const client = test.client({ ip: ip(0) });
    const first = await client.auth.phoneStart({ phone: PHONE });
    // within 30 s: the same verification, and no second text
    expect((await client.auth.phoneStart({ phone: PHONE })).verificationId).toBe(
      first.verificationId,
    );
    expect(test.outbox.messagesTo(E164)).toHaveLength(1);
    await age(60);
    const again = await startPhoneCode(client, { phone: PHONE });
    expect(again.verificationId).toBe(first.verificationId);
    const texts = test.outbox.messagesTo(E164);
    expect(texts).toHaveLength(2);
    expect(texts[0]!.code).toBe(texts[1]!.code);
  });

  it('budgets 5 texts an hour per number and client; other clients keep theirs', async () => {
    const client = test.client({ ip: ip(0) });
    for (let index = 0; index < 5; index += 1) {
      await startPhoneCode(client, { phone: PHONE });
      await age(60);
    }
    const refused = await failure(startPhoneCode(client, { phone: PHONE }));
    expect([refused.status, refused.code]).toEqual([429, 'RATE_LIMITED']);
    expect(refused.problem.retryAfter).toBeGreaterThan(0);
    const other = await startPhoneCode(test.client({ ip: ip(1) }), { phone: PHONE });
    expect(other.verificationId).toBeTruthy();
    expect(test.outbox.messagesTo(E164)).toHaveLength(6);
  });
});

describe('password guessing: a limit per account, from any address', () => {
  it('checks five of 60 wrong passwords from 60 addresses, records them and tells the holder', async () => {
    const { account } = await signedIn(test, 'ana_b');
    const statuses: number[] = [];
    for (let index = 0; index < 60; index += 1) {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': ip(index) },
        payload: { login: 'ana_b', password: `wrong password ${index}` },
      });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) {
        expect(response.json().code).toBe('RATE_LIMITED');
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
    // the right password waits too while the back-off lasts
    const right = await failure(
      test.client({ ip: IPS.GERMANY }).auth.login({ login: 'ana_b', password: GOOD }),
    );
    expect(right.code).toBe('RATE_LIMITED');

    const events = await test.database.db
      .selectFrom('security_events')
      .select(['kind', 'account_id'])
      .execute();
    expect(events.filter((event) => event.kind === 'login_failed')).toHaveLength(5);
    expect(events.filter((event) => event.kind === 'login_throttled')).toHaveLength(1);
    expect(events.every((event) => event.account_id === account.id)).toBe(true);
    const notices = test.outbox.messagesTo('ana_b@example.org');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ channel: 'email' });
    expect(notices[0]!.body).toContain('@ana_b');

    // an hour later the owner logs in, and sees what happened
    await test.database.db
      .updateTable('security_events')
      .set({ created_at: sql`created_at - interval '2 hours'` })
      .execute();
    const { token } = await test
      .client({ ip: IPS.GERMANY })
      .auth.login({ login: 'ana_b', password: GOOD });
    const log = await test.client({ token }).me.securityEvents();
    expect(log.items.map((item) => item.kind).sort()).toEqual([
      'login_failed',
      'login_failed',
      'login_failed',
      'login_failed',
      'login_failed',
      'login_throttled',
    ]);
  });

  it('slows unknown logins down the same way, so the back-off tells nothing', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1) {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': ip(index) },
        payload: { login: 'nobody_here', password: 'wrong password here' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe('password strength', () => {
  it.each(['0123456789', 'abcdefghij', 'P@ssw0rd12', 'atrium1234', 'admin12345'])(
    'refuses %s with 400 WEAK_PASSWORD',
    async (password) => {
      const refused = await failure(
        test.client().auth.signup({ email: 'ana@example.org', password, handle: 'ana_b' }),
      );
      expect([refused.status, refused.code]).toEqual([400, 'WEAK_PASSWORD']);
    },
  );

  it('refuses a password built from the display name', async () => {
    const refused = await failure(
      test.client().auth.signup({
        email: 'ana@example.org',
        password: 'MarigoldSunflower!',
        handle: 'ana_b',
        displayName: 'Marigold',
      }),
    );
    expect(refused.code).toBe('WEAK_PASSWORD');
  });

  it('grants a staff role only to an account whose password has 12 characters or more', async () => {
    // strong enough for everyone (10 characters), too short for staff
    await test
      .client()
      .auth.signup({ email: 'short@example.org', password: 'xK9#mP2qL7', handle: 'short_pw' });
    await expect(
      test.staff.service.addMember({ kind: 'cli' }, { handle: 'short_pw', role: 'moderator' }),
    ).rejects.toMatchObject({ status: 409, code: 'STAFF_PASSWORD_TOO_SHORT' });
    await signedIn(test, 'long_pw');
    const member = await test.staff.service.addMember(
      { kind: 'cli' },
      { handle: 'long_pw', role: 'moderator' },
    );
    expect(member.role).toBe('moderator');
  });
});

describe('enumeration', () => {
  it('answers sign-up with a known address like a new one, and tells the holder', async () => {
    const signup = (email: string, handle: string) =>
      test.app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: { email, password: GOOD, handle },
      });
    const fresh = await signup('ana@example.org', 'ana_b');
    const known = await signup('ANA@example.org', 'other_ana');
    expect(known.statusCode).toBe(fresh.statusCode);
    expect(known.statusCode).toBe(201);
    const shape = (body: Record<string, unknown>) => ({
      keys: Object.keys(body).sort(),
      account: Object.keys(body.account as object).sort(),
      hasEmail: (body.account as { hasEmail: boolean }).hasEmail,
    });
    expect(shape(known.json())).toEqual(shape(fresh.json()));
    // the address stays with its holder, who is told
    const sealed = await test.database.db
      .selectFrom('accounts')
      .selectAll()
      .orderBy('handle')
      .execute();
    const rows = await Promise.all(
      sealed.map(async (row) => ({
        handle: row.handle,
        email: (await test.vault.contactOf(test.database.db, row)).email,
      })),
    );
    expect(rows).toEqual([
      { handle: 'ana_b', email: 'ana@example.org' },
      { handle: 'other_ana', email: null },
    ]);
    const notices = test.outbox.messagesTo('ana@example.org');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain('@ana_b');
    const log = await test.client({ token: fresh.json().token }).me.securityEvents();
    expect(log.items.map((item) => item.kind)).toEqual(['email_signup_attempt']);
  });
});
