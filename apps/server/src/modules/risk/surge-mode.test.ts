import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, buildStaffTestApp, signedInStaff } from '../../../test/fixtures/staff.js';
import {
  buildTestApp,
  failure,
  IPS,
  signUpByEmail,
  signUpByPhone,
  type TestApp,
} from '../../../test/helper.js';
import { loadAsnTable } from './asn-table.js';

// Surge mode on the real API (PGlite): a burst of sign-ups turns it on and the door asks for
// harder proofs; it relaxes once the rate falls (the app's clock is driven, no sleeps); staff
// switch it and pause countries, audited; a moderator may not.

const CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
/** A person in the web app on a residential line (Comcast): a network and a device of its own. */
const browser = (n: number) => ({
  'x-forwarded-for': `73.22.${n}.5`,
  'user-agent': CHROME,
  'accept-language': 'en-US,en;q=0.9',
  'x-atrium-device': `device_${'abcdefgh'[n % 8]}${'ijklmnop'[Math.floor(n / 8) % 8]}_surge`,
  'x-atrium-timezone': 'America/Chicago',
});
/** A script: no device, a library's user agent — challenged at any time. */
const script = (n: number) => ({ 'x-forwarded-for': `73.23.${n}.9`, 'user-agent': 'curl/8.5.0' });

const WORDS = [
  'amber',
  'birch',
  'cedar',
  'dune',
  'ember',
  'fern',
  'grove',
  'heath',
  'iris',
  'juniper',
  'kelp',
  'linden',
  'maple',
  'nettle',
  'olive',
  'pine',
  'quince',
  'reed',
  'sage',
  'thyme',
];

let test: TestApp | undefined;
beforeAll(async () => {
  await loadAsnTable();
});
afterEach(async () => {
  await test?.close();
  test = undefined;
});

async function emailSignup(app: TestApp, handle: string, headers: Record<string, string>) {
  return app.app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    headers,
    payload: { email: `${handle}@example.org`, password: 'correct horse battery staple', handle },
  });
}

/** The difficulty a script's sign-up is challenged at now. */
async function scriptDifficulty(app: TestApp, n: number): Promise<number> {
  const response = await emailSignup(app, `${WORDS[n]}_script`, script(n));
  expect(response.statusCode).toBe(428);
  return (response.json() as { challenge: { difficulty: number } }).challenge.difficulty;
}

describe('surge mode, automatically', () => {
  it('turns on with a burst of sign-ups, raises the proof of work, and relaxes when it falls', async () => {
    let now = Date.now();
    test = await buildTestApp(
      { ATRIUM_RISK: 'on', ATRIUM_SURGE_FLOOR: '1' },
      { clock: () => new Date(now) },
    );
    const app = test;
    // an administrator, signed up in the web app
    const lead = await emailSignup(app, 'lead_keeper', browser(200));
    expect(lead.statusCode).toBe(201);
    await app.staff.service.addMember({ kind: 'cli' }, { handle: 'lead_keeper', role: 'admin' });
    const admin = app.client({ token: (lead.json() as { token: string }).token });

    const normal = await scriptDifficulty(app, 0);
    await app.surgeMode.refresh();
    expect(app.surgeMode.isSurgeActive()).toBe(false);

    // a burst: 15 sign-ups within the minute, each allowed
    for (let n = 0; n < 15; n += 1) {
      const response = await emailSignup(app, `${WORDS[n]}_newcomer`, browser(n));
      expect(response.statusCode).toBe(201);
    }
    now += 60_000;
    await app.surgeMode.refresh();
    expect(app.surgeMode.isSurgeActive()).toBe(true);
    const state = await admin.staff.surgeState();
    expect(state).toMatchObject({ mode: 'auto', active: true, autoActive: true });
    expect(state.factor).toBeGreaterThanOrEqual(4);
    // one more bit per doubling of the factor (at least 2: four times the work for the script)
    const surging = await scriptDifficulty(app, 1);
    expect(surging).toBe(normal + Math.floor(Math.log2(state.factor)));
    expect(surging).toBeGreaterThanOrEqual(normal + 2);
    expect((await auditRows(app, 'surge.auto_on')).map((row) => row.actor_kind)).toEqual([
      'system',
    ]);

    // the console's figures: the burst by decision, by country, and the reasons that fired
    const overview = await admin.staff.riskOverview({ minutes: 30 });
    const count = (decision: string) =>
      overview.byDecision
        .filter((row) => row.decision === decision)
        .reduce((sum, row) => sum + row.count, 0);
    expect(count('allow')).toBe(16);
    expect(count('challenge')).toBe(2);
    expect(overview.byCountry.find((row) => row.country === 'US')?.count).toBe(18);
    expect(overview.topReasons.map((reason) => reason.code)).toContain('user_agent_automation');
    expect(overview.surge.active).toBe(true);

    // five quiet minutes: the rate is under the relax threshold, but the cool-down holds
    now += 6 * 60_000;
    await app.surgeMode.refresh();
    expect(app.surgeMode.isSurgeActive()).toBe(true);
    // ten quiet minutes after the last busy look: relaxed, and the door with it
    now += 5 * 60_000;
    await app.surgeMode.refresh();
    expect(app.surgeMode.isSurgeActive()).toBe(false);
    expect(await scriptDifficulty(app, 2)).toBe(normal);
    expect(await auditRows(app, 'surge.auto_off')).toHaveLength(1);
  }, 120_000);
});

describe('surge switches', () => {
  it('lets administrators switch surge mode, audited, and not moderators', async () => {
    test = await buildStaffTestApp();
    const admin = await signedInStaff(test, 'door_keeper', 'admin');
    const moderator = await signedInStaff(test, 'queue_worker', 'moderator');
    // moderators see the state (the banner), and cannot switch
    expect((await moderator.client.staff.surgeState()).active).toBe(false);
    expect((await failure(moderator.client.staff.setSurgeMode('on'))).code).toBe('FORBIDDEN');
    expect((await failure(moderator.client.staff.pauseCountry('BR'))).code).toBe('FORBIDDEN');
    expect(test.surgeMode.isSurgeActive()).toBe(false);

    expect(await admin.client.staff.setSurgeMode('on')).toMatchObject({
      mode: 'on',
      active: true,
      autoActive: false,
      factor: 4,
    });
    expect(test.surgeMode.isSurgeActive()).toBe(true);
    // "off" holds it off whatever the rule says; "auto" hands it back
    expect((await admin.client.staff.setSurgeMode('off')).active).toBe(false);
    expect((await admin.client.staff.setSurgeMode('auto')).mode).toBe('auto');
    const records = await auditRows(test, 'surge.mode');
    expect(records.map((row) => [row.actor_id, row.data])).toEqual([
      [admin.account.id, { from: 'auto', to: 'on' }],
      [admin.account.id, { from: 'on', to: 'off' }],
      [admin.account.id, { from: 'off', to: 'auto' }],
    ]);
    // nothing changes, nothing is recorded
    await admin.client.staff.setSurgeMode('auto');
    expect(await auditRows(test, 'surge.mode')).toHaveLength(3);
    expect((await test.staff.verifyAudit()).ok).toBe(true);
  });

  it('refuses sign-ups from a paused country with SIGNUPS_PAUSED, and only those', async () => {
    test = await buildStaffTestApp();
    const admin = await signedInStaff(test, 'door_keeper', 'admin');
    expect((await admin.client.staff.pauseCountry('BR')).pausedCountries).toEqual(['BR']);

    const paused = await failure(signUpByEmail(test, 'praia_sol', IPS.BRAZIL));
    expect(paused.code).toBe('SIGNUPS_PAUSED');
    expect(paused.status).toBe(503);
    const byPhone = await failure(
      signUpByPhone(test, { phone: '+5511987654321', handle: 'praia_mar', ip: IPS.BRAZIL }),
    );
    expect(byPhone.code).toBe('SIGNUPS_PAUSED');
    expect(
      await test.database.db
        .selectFrom('accounts')
        .select('id')
        .where('handle', 'in', ['praia_sol', 'praia_mar'])
        .execute(),
    ).toEqual([]);
    // other countries sign up as before
    await signUpByEmail(test, 'berlin_sun', IPS.GERMANY);

    expect((await admin.client.staff.resumeCountry('BR')).pausedCountries).toEqual([]);
    await signUpByEmail(test, 'praia_sol', IPS.BRAZIL);
    expect(
      (await auditRows(test, 'surge.country_pause')).map((row) => [row.target_id, row.actor_id]),
    ).toEqual([['BR', admin.account.id]]);
    expect((await auditRows(test, 'surge.country_resume')).map((row) => row.target_id)).toEqual([
      'BR',
    ]);
  });
});
