import { AtriumError } from '@atrium/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, IPS, type TestApp } from '../../../test/helper.js';

let test: TestApp;
beforeEach(async () => {
  test = await buildTestApp();
});
afterEach(async () => {
  await test.close();
});

const GOOD = 'correct horse battery staple';

async function codeOf(promise: Promise<unknown>): Promise<[number, string]> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AtriumError);
  return [(error as AtriumError).status, (error as AtriumError).code];
}

describe('POST /api/auth/signup', () => {
  it('creates the account with an argon2id hash and answers 201 with a token', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      headers: { 'x-forwarded-for': IPS.BRAZIL },
      payload: { email: 'Ana@Example.org', password: GOOD, handle: 'ana_b', locale: 'pt-BR' },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.token).toMatch(/^atr_/);
    expect(body.account).toMatchObject({ handle: 'ana_b', displayName: 'ana_b', hasEmail: true });
    expect(body.account.ipLocation).toBe('Brazil');
    // the session cookie is HttpOnly and SameSite=Lax
    const cookies = [response.headers['set-cookie']].flat().join('\n');
    expect(cookies).toMatch(/atrium_session=atr_[^;]+;.*HttpOnly/);
    expect(cookies).toMatch(/SameSite=Lax/);
    expect(cookies).not.toMatch(/atrium_session=[^;]+;[^\n]*Secure/);
    const row = await test.database.db
      .selectFrom('accounts')
      .selectAll()
      .where('handle', '=', 'ana_b')
      .executeTakeFirstOrThrow();
    expect(row.email).toBeNull();
    expect(row.email_sealed).not.toContain('ana');
    expect((await test.vault.contactOf(test.database.db, row)).email).toBe('ana@example.org');
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it.each([
    ['shorter than 10 characters', 'Tr0ub4dor'],
    ['in the common-password list', 'password1234'],
    ['one repeated character', 'aaaaaaaaaaaa'],
    ['built from the handle', 'ana_b-is-great'],
  ])('refuses a password %s with 400 WEAK_PASSWORD', async (_label, password) => {
    const result = await codeOf(
      test.client().auth.signup({ email: 'ana@example.org', password, handle: 'ana_b' }),
    );
    expect(result).toEqual([400, 'WEAK_PASSWORD']);
    expect(await test.database.db.selectFrom('accounts').select('id').execute()).toHaveLength(0);
  });

  it('refuses an invalid e-mail address with 400 EMAIL_INVALID', async () => {
    const result = await codeOf(
      test.client().auth.signup({ email: 'not-an-address', password: GOOD, handle: 'ana_b' }),
    );
    expect(result).toEqual([400, 'EMAIL_INVALID']);
  });

  it('answers 409 HANDLE_TAKEN (a known address: see sign-in-abuse.test.ts)', async () => {
    await test.client().auth.signup({ email: 'ana@example.org', password: GOOD, handle: 'ana_b' });
    expect(
      await codeOf(
        test.client().auth.signup({ email: 'bo@example.org', password: GOOD, handle: 'ANA_B' }),
      ),
    ).toEqual([409, 'HANDLE_TAKEN']);
    expect(await test.database.db.selectFrom('accounts').select('id').execute()).toHaveLength(1);
  });

  it('keeps handles unique when two sign-ups race for one handle', async () => {
    const results = await Promise.allSettled([
      test.client().auth.signup({ email: 'a@example.org', password: GOOD, handle: 'same' }),
      test.client().auth.signup({ email: 'b@example.org', password: GOOD, handle: 'same' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect((failed.reason as AtriumError).code).toBe('HANDLE_TAKEN');
  });
});

describe('POST /api/auth/login', () => {
  beforeEach(async () => {
    await test.client().auth.signup({ email: 'ana@example.org', password: GOOD, handle: 'ana_b' });
  });

  it('logs in with the e-mail address or the handle, in any case', async () => {
    const byEmail = await test.client().auth.login({ login: 'ANA@example.org', password: GOOD });
    const byHandle = await test.client().auth.login({ login: 'Ana_B', password: GOOD });
    expect(byEmail.account.handle).toBe('ana_b');
    expect(byHandle.account.id).toBe(byEmail.account.id);
    expect(byHandle.token).not.toBe(byEmail.token);
  });

  it('gives the same 401 INVALID_CREDENTIALS for a wrong password and an unknown account', async () => {
    const wrong = await test.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'ana_b', password: 'wrong password here' },
    });
    const unknown = await test.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'nobody@example.org', password: 'wrong password here' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('takes similar time for unknown accounts (a hash is verified either way)', async () => {
    const time = async (login: string) => {
      const started = process.hrtime.bigint();
      await test
        .client()
        .auth.login({ login, password: 'wrong password here' })
        .catch(() => {});
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    await time('ana_b'); // warm-up: the dummy hash is computed once
    await time('ghost');
    const known = Math.min(await time('ana_b'), await time('ana_b'), await time('ana_b'));
    const unknown = Math.min(await time('ghost'), await time('ghost'), await time('ghost'));
    // both include one argon2id verification (~15 ms+); an early return would take ~1 ms
    expect(unknown).toBeGreaterThan(known * 0.4);
  });

  it('refreshes the IP location at login', async () => {
    const result = await test
      .client({ ip: IPS.GERMANY })
      .auth.login({ login: 'ana_b', password: GOOD });
    expect(result.account.ipLocation).toBe('Germany');
  });

  it('keeps the last known place when the address locates nowhere', async () => {
    // a private or reserved address says nothing: it must not erase the label (and the region
    // that scopes the account's moderation cases)
    await test.client({ ip: IPS.GERMANY }).auth.login({ login: 'ana_b', password: GOOD });
    const result = await test
      .client({ ip: '10.1.2.3' })
      .auth.login({ login: 'ana_b', password: GOOD });
    expect(result.account.ipLocation).toBe('Germany');
  });

  it('limits login attempts per client address', async () => {
    const statuses: number[] = [];
    // a different login each time: one login's own back-off starts after five failures
    for (let index = 0; index < 12; index += 1) {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': '2001:db8:1:2::7' },
        payload: { login: `someone_${index}`, password: 'wrong password here' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // the same /64 is the same client
    const sibling = await test.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-for': '2001:db8:1:2:ffff::1' },
      payload: { login: 'ana_b', password: GOOD },
    });
    expect(sibling.statusCode).toBe(429);
    expect(sibling.json().code).toBe('RATE_LIMITED');
  });
});
