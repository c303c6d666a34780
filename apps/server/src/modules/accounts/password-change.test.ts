import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  failure,
  IPS,
  signUpByEmail,
  signUpByPhone,
  type TestApp,
} from '../../../test/helper.js';
import { LOGIN_FREE_FAILURES } from './login-guard.js';

const OLD = 'correct horse battery staple';
const NEW = 'lantern moss under the bridge';

let test: TestApp;
beforeAll(async () => {
  // the route's per-client limit (10 in 10 minutes) is not what these tests are about; the
  // per-account back-off of wrong passwords is not a rate limit and stays on
  test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1' });
});
afterAll(async () => {
  await test.close();
});

describe('POST /api/me/password', () => {
  it('changes the password: the new one logs in, the old one no longer does', async () => {
    const { token } = await signUpByEmail(test, 'pw_river', IPS.US);
    const me = test.client({ token, ip: IPS.US });
    const answer = await me.me.changePassword({ currentPassword: OLD, newPassword: NEW });
    expect(answer).toEqual({ endedSessions: 0 });
    const wrong = await failure(test.client({}).auth.login({ login: 'pw_river', password: OLD }));
    expect([wrong.status, wrong.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    const again = await test.client({}).auth.login({ login: 'pw_river', password: NEW });
    expect(again.account.handle).toBe('pw_river');
    // the session that changed it goes on
    expect((await me.me.get()).handle).toBe('pw_river');
  });

  it('ends every other session of the account, not the one that changed it', async () => {
    const { token } = await signUpByEmail(test, 'pw_stolen', IPS.US);
    const thief = await test.client({}).auth.login({ login: 'pw_stolen', password: OLD });
    const laptop = await test.client({}).auth.login({ login: 'pw_stolen', password: OLD });
    const me = test.client({ token });
    // the thief's session is warm in the session cache before the change
    expect((await test.client({ token: thief.token }).me.get()).handle).toBe('pw_stolen');
    const answer = await me.me.changePassword({ currentPassword: OLD, newPassword: NEW });
    expect(answer.endedSessions).toBe(2);
    for (const ended of [thief.token, laptop.token]) {
      const error = await failure(test.client({ token: ended }).me.get());
      expect([error.status, error.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    expect((await me.me.sessions()).items.map((session) => session.current)).toEqual([true]);
  });

  it('refuses a wrong current password with 403 WRONG_PASSWORD and keeps the old one', async () => {
    const { token } = await signUpByEmail(test, 'pw_guess', IPS.US);
    const me = test.client({ token });
    const error = await failure(
      me.me.changePassword({ currentPassword: 'not it at all', newPassword: NEW }),
    );
    expect([error.status, error.code]).toEqual([403, 'WRONG_PASSWORD']);
    // still signed in (not a 401), and the old password still works
    expect((await me.me.get()).handle).toBe('pw_guess');
    await test.client({}).auth.login({ login: 'pw_guess', password: OLD });
  });

  it('counts wrong current passwords as failed logins: a stolen session cannot guess faster', async () => {
    const { token } = await signUpByEmail(test, 'pw_brute', IPS.US);
    const me = test.client({ token });
    for (let attempt = 0; attempt < LOGIN_FREE_FAILURES; attempt++) {
      const error = await failure(
        me.me.changePassword({ currentPassword: `guess number ${attempt}`, newPassword: NEW }),
      );
      expect(error.code).toBe('WRONG_PASSWORD');
    }
    // the right password now waits too, like a login would
    const slowed = await failure(me.me.changePassword({ currentPassword: OLD, newPassword: NEW }));
    expect([slowed.status, slowed.code]).toEqual([429, 'RATE_LIMITED']);
    const login = await failure(test.client({}).auth.login({ login: 'pw_brute', password: OLD }));
    expect(login.code).toBe('RATE_LIMITED');
    const log = await me.me.securityEvents();
    expect(log.items.filter((event) => event.kind === 'login_failed')).toHaveLength(
      LOGIN_FREE_FAILURES,
    );
  });

  it('holds the new password to the sign-up rules', async () => {
    const { token } = await signUpByEmail(test, 'pw_weak', IPS.US);
    const me = test.client({ token });
    for (const newPassword of ['short', '0123456789', 'pw_weak is me now', OLD]) {
      const error = await failure(me.me.changePassword({ currentPassword: OLD, newPassword }));
      expect([error.status, error.code]).toEqual([400, 'WEAK_PASSWORD']);
    }
    await test.client({}).auth.login({ login: 'pw_weak', password: OLD });
  });

  it('answers 409 NO_PASSWORD to an account that signs in by phone', async () => {
    const { token } = await signUpByPhone(test, { phone: '+14155550181', handle: 'pw_phone' });
    const error = await failure(
      test.client({ token }).me.changePassword({ currentPassword: 'anything', newPassword: NEW }),
    );
    expect([error.status, error.code]).toEqual([409, 'NO_PASSWORD']);
  });

  it('puts the change in the security log, with no password in it', async () => {
    const { token } = await signUpByEmail(test, 'pw_logged', IPS.US);
    const me = test.client({ token, ip: IPS.US });
    await me.me.changePassword({ currentPassword: OLD, newPassword: NEW });
    const log = await me.me.securityEvents();
    expect(log.items.map((event) => event.kind)).toEqual(['password_changed']);
    expect(log.items[0]!.ipLocation).not.toBeNull();
    const rows = await test.database.db.selectFrom('security_events').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(NEW);
  });

  it('needs a session and a well-formed body', async () => {
    const anonymous = await failure(
      test.client({}).me.changePassword({ currentPassword: OLD, newPassword: NEW }),
    );
    expect(anonymous.status).toBe(401);
    const { token } = await signUpByEmail(test, 'pw_shape', IPS.US);
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { authorization: `Bearer ${token}` },
      payload: { currentPassword: OLD, newPassword: NEW, extra: 1 },
    });
    expect([response.statusCode, response.json().code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
