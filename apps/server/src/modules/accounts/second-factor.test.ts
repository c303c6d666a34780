import type { SecurityEventKind } from '@atrium/contracts';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  failure,
  IPS,
  signUpByEmail,
  signUpByPhone,
  startPhoneCode,
  type TestApp,
} from '../../../test/helper.js';
import { LOGIN_FREE_FAILURES } from './login-guard.js';

const PASSWORD = 'correct horse battery staple';
const STEP_MS = 30_000;

// the app's clock: TOTP codes are checked at this time, which the tests move forward
let nowMs = Date.UTC(2026, 5, 1, 12, 0, 10);
const tick = (steps = 1) => {
  nowMs += steps * STEP_MS;
};

let test: TestApp;
beforeAll(async () => {
  // per-client limits are not what these tests are about; the per-account back-off stays on
  test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1' }, { clock: () => new Date(nowMs) });
});
afterAll(async () => {
  await test.close();
});

/** The code an authenticator shows now (or `offset` steps away). */
function codeOf(secret: string, offset = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor((nowMs + offset * STEP_MS) / 1000) });
}

/** Signs up and turns TOTP on; returns the session client, the secret and the recovery codes. */
async function enrolled(handle: string) {
  const { token } = await signUpByEmail(test, handle, IPS.US);
  const me = test.client({ token, ip: IPS.US });
  const { secret } = await me.me.startTotp(PASSWORD);
  const { recoveryCodes } = await me.me.confirmTotp(await codeOf(secret));
  tick(); // the confirmation spent the current step
  return { me, secret, recoveryCodes };
}

/** The first step of a login with TOTP on: the challenge of the 401. */
async function passwordStep(handle: string, ip: string = IPS.US) {
  const error = await failure(
    test.client({ ip }).auth.login({ login: handle, password: PASSWORD }),
  );
  expect([error.status, error.code]).toEqual([401, 'SECOND_FACTOR_REQUIRED']);
  const { challenge, expiresAt } = error.problem as { challenge?: string; expiresAt?: string };
  expect(typeof challenge).toBe('string');
  expect(Date.parse(expiresAt ?? '')).toBeGreaterThan(nowMs);
  return challenge!;
}

async function eventKinds(me: ReturnType<TestApp['client']>): Promise<SecurityEventKind[]> {
  return (await me.me.securityEvents({ limit: 50 })).items.map((event) => event.kind);
}

describe('TOTP enrolment', () => {
  it('needs the password, then a first code; returns recovery codes once and logs it', async () => {
    const { token } = await signUpByEmail(test, 'tf_enrol', IPS.US);
    const me = test.client({ token, ip: IPS.US });
    expect(await me.me.secondFactor()).toEqual({ totp: false, recoveryCodesLeft: 0 });
    const wrong = await failure(me.me.startTotp('not the password at all'));
    expect([wrong.status, wrong.code]).toEqual([403, 'WRONG_PASSWORD']);
    const notStarted = await failure(me.me.confirmTotp('123456'));
    expect(notStarted.code).toBe('TOTP_NOT_PENDING');

    const { secret, uri } = await me.me.startTotp(PASSWORD);
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Atrium:tf_enrol\?/);
    expect(new URL(uri).searchParams.get('secret')).toBe(secret);
    // not on until confirmed: a login still needs only the password
    await test.client({}).auth.login({ login: 'tf_enrol', password: PASSWORD });

    const bad = await failure(me.me.confirmTotp(await codeOf(secret, 5)));
    expect([bad.status, bad.code]).toEqual([400, 'INVALID_CODE']);
    const { recoveryCodes } = await me.me.confirmTotp(await codeOf(secret));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(await me.me.secondFactor()).toEqual({ totp: true, recoveryCodesLeft: 10 });
    expect(await eventKinds(me)).toContain('totp_enabled');

    const again = await failure(me.me.startTotp(PASSWORD));
    expect([again.status, again.code]).toEqual([409, 'TOTP_ALREADY_ENABLED']);
    tick();
  });

  it('stores the secret encrypted and the recovery codes only as hashes', async () => {
    const { secret, recoveryCodes, me } = await enrolled('tf_rest');
    const id = (await me.me.get()).id;
    const db = test.database.db;
    const row = await db
      .selectFrom('account_totp')
      .selectAll()
      .where('account_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.secret_sealed).not.toContain(secret);
    expect(row.secret_sealed).toMatch(/^v1\./);
    const hashes = await db
      .selectFrom('account_recovery_codes')
      .select('code_hash')
      .where('account_id', '=', id)
      .execute();
    expect(hashes).toHaveLength(10);
    const stored = hashes.map((hash) => Buffer.from(hash.code_hash).toString('latin1')).join('|');
    for (const code of recoveryCodes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace('-', ''));
    }
  });

  it('a phone account without a password cannot enrol (there is nothing to re-authenticate)', async () => {
    const { token } = await signUpByPhone(test, { phone: '+14155550181', handle: 'tf_phone' });
    const error = await failure(test.client({ token }).me.startTotp('anything at all'));
    expect([error.status, error.code]).toEqual([409, 'NO_PASSWORD']);
  });
});

describe('login with TOTP on', () => {
  it('asks for a code after the right password, then signs in with it', async () => {
    const { secret } = await enrolled('tf_login');
    // a wrong password is still just a wrong password: no challenge
    const wrong = await failure(
      test.client({}).auth.login({ login: 'tf_login', password: 'not the password at all' }),
    );
    expect([wrong.status, wrong.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    expect((wrong.problem as { challenge?: string }).challenge).toBeUndefined();

    const challenge = await passwordStep('tf_login');
    const client = test.client({ ip: IPS.US });
    const signedIn = await client.auth.loginSecondFactor({
      challenge,
      code: await codeOf(secret),
    });
    expect(signedIn.account.handle).toBe('tf_login');
    const session = test.client({ token: signedIn.token });
    expect((await session.me.get()).handle).toBe('tf_login');
  });

  it('refuses a code replayed within its window', async () => {
    const { secret } = await enrolled('tf_replay');
    const code = await codeOf(secret);
    const first = await test.client({}).auth.loginSecondFactor({
      challenge: await passwordStep('tf_replay'),
      code,
    });
    expect(first.account.handle).toBe('tf_replay');
    // the same code again, still inside its 30 seconds, with a fresh challenge: refused
    const replay = await failure(
      test.client({}).auth.loginSecondFactor({ challenge: await passwordStep('tf_replay'), code }),
    );
    expect([replay.status, replay.code]).toEqual([400, 'INVALID_CODE']);
    // and an older code (the previous step, within the drift tolerance) too
    const older = await failure(
      test.client({}).auth.loginSecondFactor({
        challenge: await passwordStep('tf_replay'),
        code: await codeOf(secret, -1),
      }),
    );
    expect(older.code).toBe('INVALID_CODE');
    // the next step's code is fine
    tick();
    await test.client({}).auth.loginSecondFactor({
      challenge: await passwordStep('tf_replay'),
      code: await codeOf(secret),
    });
  });

  it('takes a recovery code once, and logs its use', async () => {
    const { me, recoveryCodes } = await enrolled('tf_recover');
    const [code] = recoveryCodes;
    // upper case and without the dash: the same code
    const signedIn = await test.client({}).auth.loginSecondFactor({
      challenge: await passwordStep('tf_recover'),
      code: code!.replace('-', '').toUpperCase(),
    });
    expect(signedIn.account.handle).toBe('tf_recover');
    const again = await failure(
      test
        .client({})
        .auth.loginSecondFactor({ challenge: await passwordStep('tf_recover'), code: code! }),
    );
    expect(again.code).toBe('INVALID_CODE');
    expect(await me.me.secondFactor()).toEqual({ totp: true, recoveryCodesLeft: 9 });
    const kinds = await eventKinds(me);
    expect(kinds).toContain('recovery_code_used');
    expect(kinds).toContain('second_factor_failed');
  });

  it('counts wrong codes as failed logins: the back-off of the login guard', async () => {
    const { me, secret } = await enrolled('tf_brute');
    const challenge = await passwordStep('tf_brute');
    for (let attempt = 0; attempt < LOGIN_FREE_FAILURES; attempt++) {
      const error = await failure(
        test.client({}).auth.loginSecondFactor({ challenge, code: `00000${attempt}` }),
      );
      expect(error.code).toBe('INVALID_CODE');
    }
    // now even the right code waits, and so does the password
    const slowed = await failure(
      test.client({}).auth.loginSecondFactor({ challenge, code: await codeOf(secret) }),
    );
    expect([slowed.status, slowed.code]).toEqual([429, 'RATE_LIMITED']);
    expect(slowed.problem.retryAfter).toBeGreaterThan(0);
    const login = await failure(
      test.client({}).auth.login({ login: 'tf_brute', password: PASSWORD }),
    );
    expect(login.code).toBe('RATE_LIMITED');
    const kinds = await eventKinds(me);
    expect(kinds.filter((kind) => kind === 'second_factor_failed')).toHaveLength(
      LOGIN_FREE_FAILURES,
    );
    expect(kinds).toContain('login_throttled');
  });

  it('refuses a forged, altered or expired challenge with 401 SECOND_FACTOR_EXPIRED', async () => {
    const { secret } = await enrolled('tf_forge');
    const challenge = await passwordStep('tf_forge');
    const [payload, tag] = challenge.split('.');
    const other = await signUpByEmail(test, 'tf_victim', IPS.US);
    const forgedPayload = Buffer.from(
      JSON.stringify({ a: other.account.id, e: nowMs + 60_000 }),
    ).toString('base64url');
    for (const bad of [`${forgedPayload}.${tag}`, `${payload}.${tag}x`, 'nonsense']) {
      const error = await failure(
        test.client({}).auth.loginSecondFactor({ challenge: bad, code: await codeOf(secret) }),
      );
      expect([error.status, error.code]).toEqual([401, 'SECOND_FACTOR_EXPIRED']);
    }
    tick(11); // past the five minutes
    const expired = await failure(
      test.client({}).auth.loginSecondFactor({ challenge, code: await codeOf(secret) }),
    );
    expect(expired.code).toBe('SECOND_FACTOR_EXPIRED');
  });
});

describe('phone-code login with TOTP on', () => {
  it('asks for the second factor after the SMS code too', async () => {
    const { me, secret } = await enrolled('tf_sms');
    // an account with a password and a phone number (no route adds a number to an e-mail
    // account yet: set in the database)
    const id = (await me.me.get()).id;
    await test.database.db
      .updateTable('accounts')
      .set({ phone_e164: '+14155550182' })
      .where('id', '=', id)
      .execute();
    const client = test.client({ ip: IPS.US });
    const started = await startPhoneCode(client, { phone: '+14155550182' });
    const code = test.outbox.messagesTo('+14155550182').at(-1)?.code ?? '';
    const error = await failure(
      client.auth.phoneVerify({ verificationId: started.verificationId, code }),
    );
    expect([error.status, error.code]).toEqual([401, 'SECOND_FACTOR_REQUIRED']);
    const { challenge } = error.problem as { challenge?: string };
    const signedIn = await client.auth.loginSecondFactor({
      challenge: challenge!,
      code: await codeOf(secret),
    });
    expect(signedIn.account.handle).toBe('tf_sms');
  });
});

describe('disabling TOTP', () => {
  it('takes the password and a code, then logins need only the password again', async () => {
    const { me, secret } = await enrolled('tf_off');
    const wrongPassword = await failure(
      me.me.disableTotp({ password: 'not the password at all', code: await codeOf(secret) }),
    );
    expect(wrongPassword.code).toBe('WRONG_PASSWORD');
    const wrongCode = await failure(me.me.disableTotp({ password: PASSWORD, code: '000000' }));
    expect([wrongCode.status, wrongCode.code]).toEqual([400, 'INVALID_CODE']);
    expect((await me.me.secondFactor()).totp).toBe(true);

    await me.me.disableTotp({ password: PASSWORD, code: await codeOf(secret) });
    expect(await me.me.secondFactor()).toEqual({ totp: false, recoveryCodesLeft: 0 });
    const kinds = await eventKinds(me);
    expect(kinds).toContain('totp_disabled');
    const signedIn = await test.client({}).auth.login({ login: 'tf_off', password: PASSWORD });
    expect(signedIn.account.handle).toBe('tf_off');
    const notOn = await failure(me.me.disableTotp({ password: PASSWORD, code: '123456' }));
    expect([notOn.status, notOn.code]).toEqual([409, 'TOTP_NOT_ENABLED']);
    expect(
      await test.database.db.selectFrom('account_recovery_codes').selectAll().execute(),
    ).not.toContainEqual(expect.objectContaining({ account_id: signedIn.account.id }));
  });

  it('a recovery code disables it too', async () => {
    const { me, recoveryCodes } = await enrolled('tf_lost');
    await me.me.disableTotp({ password: PASSWORD, code: recoveryCodes[3]! });
    expect((await me.me.secondFactor()).totp).toBe(false);
  });
});

describe('an account being deleted, with TOTP on', () => {
  it('cancels the deletion when the second step of the login completes', async () => {
    const { me, secret } = await enrolled('tf_leaving');
    await me.me.delete({ password: PASSWORD });
    // the password alone signs nobody in, so it cancels nothing yet
    const challenge = await passwordStep('tf_leaving');
    const signedIn = await test
      .client({ ip: IPS.US })
      .auth.loginSecondFactor({ challenge, code: await codeOf(secret) });
    expect(signedIn.deletionCancelled).toBe(true);
    const after = test.client({ token: signedIn.token, ip: IPS.US });
    expect((await after.me.get()).handle).toBe('tf_leaving');
  });
});
