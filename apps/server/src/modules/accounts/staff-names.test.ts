import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../../test/fixtures/staff.js';
import { buildTestApp, failure, IPS, signedIn, type TestApp } from '../../../test/helper.js';

// Names that pass for staff are refused to users; staff wear a badge no user input can set.

let test: TestApp;
beforeEach(async () => {
  test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1' });
});
afterEach(async () => {
  await test.close();
});

const PASSWORD = 'correct horse battery staple';

function accountCount() {
  return test.database.db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
    .then((row) => Number(row.count));
}

describe('names that pass for staff', () => {
  it('refuses handles that pass for staff with 400 HANDLE_RESERVED and stores nothing', async () => {
    for (const handle of [
      'admin1',
      'adm1n',
      'admln',
      'atrium_official',
      'support_team',
      '0fficial',
      'Admin_2',
    ]) {
      const error = await failure(
        test.client().auth.signup({ email: 'ana@example.org', password: PASSWORD, handle }),
      );
      expect([handle, error.status, error.code]).toEqual([handle, 400, 'HANDLE_RESERVED']);
    }
    expect(await accountCount()).toBe(0);
    // ordinary handles that merely contain the letters
    for (const handle of ['badminton', 'madmind', 'stafford', 'supportive_sam']) {
      const { account } = await test.client().auth.signup({
        email: `${handle}@example.org`,
        password: PASSWORD,
        handle,
      });
      expect(account.handle).toBe(handle);
    }
  });

  it('refuses display names that pass for staff with 400 DISPLAY_NAME_RESERVED, at sign-up and later', async () => {
    const user = await signedIn(test, 'ana_b');
    for (const displayName of [
      'Administrator',
      'Admin',
      'Atrium Official',
      'Moderator',
      'Аdmin',
      'Ad min',
    ]) {
      const refused = await failure(
        test.client().auth.signup({
          email: 'bo@example.org',
          password: PASSWORD,
          handle: 'bo_c',
          displayName,
        }),
      );
      expect([displayName, refused.status, refused.code]).toEqual([
        displayName,
        400,
        'DISPLAY_NAME_RESERVED',
      ]);
      const changed = await failure(user.client.me.update({ displayName }));
      expect([displayName, changed.status, changed.code]).toEqual([
        displayName,
        400,
        'DISPLAY_NAME_RESERVED',
      ]);
    }
    expect(await accountCount()).toBe(1);
    expect((await user.client.me.get()).displayName).toBe('ana_b');
  });

  it('lets staff who wear the badge keep such a name', async () => {
    const moderator = await signedInStaff(test, 'jane', 'moderator');
    const updated = await moderator.client.me.update({ displayName: 'Moderator' });
    expect(updated.displayName).toBe('Moderator');
    // analysts speak for nobody in public: no badge, no staff name
    const analyst = await signedInStaff(test, 'omar', 'analyst');
    const refused = await failure(analyst.client.me.update({ displayName: 'Moderator' }));
    expect(refused.code).toBe('DISPLAY_NAME_RESERVED');
  });
});

describe('the staff badge', () => {
  it('marks administrators and moderators beside their name, on every read, from membership only', async () => {
    const moderator = await signedInStaff(test, 'jane', 'moderator', {}, IPS.US);
    const analyst = await signedInStaff(test, 'omar', 'analyst', {}, IPS.US);
    const user = await signedIn(test, 'ana_b', IPS.US);
    const staffNote = await moderator.client.notes.create({ body: 'Welcome, everyone.' });
    const userNote = await user.client.notes.create({ body: 'Hello from Ana.' });
    await analyst.client.notes.create({ body: 'Numbers look good.' });
    expect(staffNote.author.badge).toBe('staff');
    expect(userNote.author.badge).toBeNull();
    await user.client.notes.comment(staffNote.id, { body: 'Thanks!' });
    await moderator.client.notes.comment(staffNote.id, { body: 'You are welcome.' });

    const reader = test.client({ ip: IPS.US });
    const badges = (items: Array<{ author: { handle: string; badge: string | null } }>) =>
      Object.fromEntries(items.map((item) => [item.author.handle, item.author.badge]));
    expect(badges((await reader.feeds.discover()).items)).toEqual({
      jane: 'staff',
      omar: null,
      ana_b: null,
    });
    expect((await reader.notes.get(staffNote.id)).author.badge).toBe('staff');
    expect(badges((await reader.notes.comments(staffNote.id)).items)).toEqual({
      jane: 'staff',
      ana_b: null,
    });
    expect((await reader.users.get('jane')).badge).toBe('staff');
    expect((await reader.users.get('omar')).badge).toBeNull();
    expect((await reader.users.get('ana_b')).badge).toBeNull();
    const found = (await reader.search('jane', 'users')).items as Array<{ handle: string }>;
    expect(found).toMatchObject([{ handle: 'jane', badge: 'staff' }]);
    await user.client.users.block('jane');
    expect((await user.client.me.blocks()).items).toMatchObject([
      { handle: 'jane', badge: 'staff' },
    ]);

    // no input carries it: the profile refuses the field, and a name is only a name
    const forged = await test.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { authorization: `Bearer ${user.token}` },
      payload: { badge: 'staff' },
    });
    expect([forged.statusCode, forged.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    await user.client.me.update({ displayName: 'Jane (staff) ✔' });
    expect((await reader.users.get('ana_b')).badge).toBeNull();

    // leaving staff takes the badge away
    await test.staff.service.removeMember({ kind: 'cli' }, 'jane');
    expect((await reader.users.get('jane')).badge).toBeNull();
  });
});
