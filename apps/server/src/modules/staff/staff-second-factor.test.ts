import { routes } from '@atrium/contracts';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../../test/fixtures/staff.js';
import { buildTestApp, failure, IPS, signedIn, type TestApp } from '../../../test/helper.js';
import { STAFF_ROUTE_PREFIX } from './staff.guard.js';

const PASSWORD = 'correct horse battery staple';

// Staff powers need TOTP where the operator requires it (ATRIUM_STAFF_2FA, the production
// default): docs/security.md, "Second factor".

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1', ATRIUM_STAFF_2FA: 'required' });
});
afterAll(async () => {
  await test.close();
});

/** Every staff route that takes no input: each must be refused the same way. */
const plainStaffRoutes = Object.values(routes).filter(
  (route) =>
    route.path.startsWith(STAFF_ROUTE_PREFIX) &&
    !route.path.includes(':') &&
    !('body' in route) &&
    route.method === 'GET',
);

async function enrol(client: ReturnType<TestApp['client']>) {
  const { secret } = await client.me.startTotp(PASSWORD);
  await client.me.confirmTotp(await generate({ secret }));
  return secret;
}

describe('staff without TOTP', () => {
  it('are refused every staff route with 403 SECOND_FACTOR_REQUIRED_FOR_STAFF', async () => {
    const admin = await signedInStaff(test, 'tf_chief', 'admin');
    expect(plainStaffRoutes.length).toBeGreaterThan(5);
    for (const route of plainStaffRoutes) {
      const response = await test.app.inject({
        method: route.method,
        url: route.path,
        headers: { authorization: `Bearer ${admin.token}`, 'x-forwarded-for': IPS.US },
      });
      expect([route.operationId, response.statusCode, response.json().code]).toEqual([
        route.operationId,
        403,
        'SECOND_FACTOR_REQUIRED_FOR_STAFF',
      ]);
    }
    // writes too: an administrator cannot add staff
    const other = await signedIn(test, 'tf_recruit');
    const write = await failure(
      admin.client.staff.add({ handle: other.account.handle, role: 'analyst' }),
    );
    expect([write.status, write.code]).toEqual([403, 'SECOND_FACTOR_REQUIRED_FOR_STAFF']);
    // the rest of the account works: signing in, settings, enrolling
    expect((await admin.client.me.get()).staff).toBe(true);
    expect((await admin.client.me.secondFactor()).totp).toBe(false);
  });

  it('get their staff powers once TOTP is on, and lose them when it is off', async () => {
    const mod = await signedInStaff(test, 'tf_mod', 'moderator');
    expect((await failure(mod.client.staff.me())).code).toBe('SECOND_FACTOR_REQUIRED_FOR_STAFF');
    const secret = await enrol(mod.client);
    expect((await mod.client.staff.me()).role).toBe('moderator');
    expect((await mod.client.moderation.cases({})).items).toBeDefined();
    // the next step's code (the confirmation spent the current one)
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await mod.client.me.disableTotp({ password: PASSWORD, code });
    expect((await failure(mod.client.staff.me())).code).toBe('SECOND_FACTOR_REQUIRED_FOR_STAFF');
  });

  it('accounts that are not staff keep the ordinary 403 FORBIDDEN', async () => {
    const user = await signedIn(test, 'tf_reader');
    const error = await failure(user.client.staff.me());
    expect([error.status, error.code]).toEqual([403, 'FORBIDDEN']);
  });
});
