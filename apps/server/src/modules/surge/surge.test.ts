import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaffTestApp, signedInStaff } from '../../../test/fixtures/staff.js';
import { failure, signedIn, type TestApp } from '../../../test/helper.js';

// The staff side of surge replays: settling runs every registered job once, and the account
// states are what a replay's outcomes report.

let test: TestApp;
beforeAll(async () => {
  test = await buildStaffTestApp();
});
afterAll(() => test.close());

describe('surge staff endpoints', () => {
  it('reads restriction, suspension, open cases and notes by status, in the order asked', async () => {
    const admin = await signedInStaff(test, 'wave_lead', 'admin');
    const quiet = await signedIn(test, 'quiet_cat');
    const busy = await signedIn(test, 'busy_cat');
    const reporter = await signedIn(test, 'alert_cat');
    const held = await busy.client.notes.create({ body: 'a note to hold', lang: 'en' });
    const removed = await busy.client.notes.create({ body: 'a note to remove', lang: 'en' });
    await busy.client.notes.create({ body: 'a published note', lang: 'en' });
    const db = test.database.db;
    await db
      .updateTable('notes')
      .set({ status: 'pending_review' })
      .where('id', '=', held.id)
      .execute();
    await db.updateTable('notes').set({ status: 'removed' }).where('id', '=', removed.id).execute();
    const later = new Date(Date.now() + 86_400_000);
    await db
      .updateTable('accounts')
      .set({ posting_restricted_until: later, suspended_until: later })
      .where('id', '=', busy.account.id)
      .execute();
    await reporter.client.reports.create({
      targetType: 'account',
      targetId: quiet.account.id,
      reason: 'spam',
    });
    const unknown = '01a1fe23-0118-7000-aebb-b828a830ddd7';

    const { items } = await admin.client.surge.accounts({
      ids: [busy.account.id, unknown, quiet.account.id],
    });
    expect(items).toEqual([
      {
        id: busy.account.id,
        exists: true,
        trustLevel: 0,
        restricted: true,
        suspended: true,
        cluster: null,
        flagged: false,
        notes: { published: 1, held: 1, removed: 1 },
      },
      {
        id: unknown,
        exists: false,
        trustLevel: 0,
        restricted: false,
        suspended: false,
        cluster: null,
        flagged: false,
        notes: { published: 0, held: 0, removed: 0 },
      },
      expect.objectContaining({ id: quiet.account.id, flagged: true, restricted: false }),
    ]);
  });

  it('a restriction that ended no longer counts', async () => {
    const admin = await signedInStaff(test, 'wave_lead2', 'admin');
    const past = await signedIn(test, 'past_cat');
    await test.database.db
      .updateTable('accounts')
      .set({ posting_restricted_until: new Date(Date.now() - 1000) })
      .where('id', '=', past.account.id)
      .execute();
    const { items } = await admin.client.surge.accounts({ ids: [past.account.id] });
    expect(items[0]!.restricted).toBe(false);
  });

  it('settles: runs every registered job once and reports each', async () => {
    const moderator = await signedInStaff(test, 'wave_mod', 'moderator');
    let runs = 0;
    test.settleJobs.register({ name: 'test detection', run: async () => (runs += 1) });
    const settled = await moderator.client.surge.settle();
    expect(settled.jobs.map((job) => [job.name, job.ok])).toEqual([
      ['count views', true],
      ['apply topic counts', true],
      ['refresh scores', true],
      ['recompute trust levels', true],
      ['detect farms', true],
      ['check media', true],
      ['test detection', true],
    ]);
    expect(runs).toBe(1);
  });

  it('refuses accounts to a moderator (no metrics.read) and to a non-staff account', async () => {
    const moderator = await signedInStaff(test, 'wave_mod2', 'moderator');
    const user = await signedIn(test, 'plain_cat');
    const ids = [user.account.id];
    expect((await failure(moderator.client.surge.accounts({ ids }))).code).toBe('FORBIDDEN');
    expect((await failure(user.client.surge.accounts({ ids }))).code).toBe('FORBIDDEN');
    expect((await failure(user.client.surge.settle())).code).toBe('FORBIDDEN');
  });

  it('refuses more than 500 ids and ids that are not ids', async () => {
    const admin = await signedInStaff(test, 'wave_lead3', 'admin');
    const many = Array.from(
      { length: 501 },
      (_, index) => `01a1fe23-0118-7000-aebb-${String(index).padStart(12, '0')}`,
    );
    const tooMany = await failure(admin.client.surge.accounts({ ids: many }));
    expect([tooMany.status, tooMany.code]).toEqual([400, 'VALIDATION_FAILED']);
    const notIds = await failure(admin.client.surge.accounts({ ids: ['a0000001'] }));
    expect(notIds.code).toBe('VALIDATION_FAILED');
  });
});
