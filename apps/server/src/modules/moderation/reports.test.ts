import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaffTestApp, signedInStaff } from '../../../test/fixtures/staff.js';
import { failure, signedIn, type TestApp } from '../../../test/helper.js';

// Reports from members: one case per target, its priority, and who may report.

let test: TestApp;

beforeAll(async () => {
  test = await buildStaffTestApp();
});

afterAll(async () => {
  await test?.close();
});

describe('reports', () => {
  it('opens one case per target that reports join; priority follows severity, reporters and reach', async () => {
    const author = await signedIn(test, 'rep_author');
    const note = await author.client.notes.create({ body: 'Cheap followers, DM me', lang: 'en' });
    const spammy = await author.client.notes.create({ body: 'Another one', lang: 'en' });
    const first = await signedIn(test, 'rep_one');
    const second = await signedIn(test, 'rep_two');

    const report = await first.client.reports.create({
      targetType: 'note',
      targetId: note.id,
      reason: 'spam',
    });
    expect(report.id).toMatch(/^[0-9a-f-]{36}$/);
    const again = await failure(
      first.client.reports.create({ targetType: 'note', targetId: note.id, reason: 'scam' }),
    );
    expect(again.status).toBe(409);
    expect(again.code).toBe('ALREADY_REPORTED');
    const own = await failure(
      author.client.reports.create({ targetType: 'note', targetId: note.id, reason: 'spam' }),
    );
    expect(own.code).toBe('CANNOT_REPORT_SELF');
    const missing = await failure(
      first.client.reports.create({
        targetType: 'note',
        targetId: '0190a0a0-0000-7000-8000-000000000000',
        reason: 'spam',
      }),
    );
    expect(missing.status).toBe(404);

    const spamOnly = await test.database.db
      .selectFrom('moderation_cases')
      .selectAll()
      .where('target_id', '=', note.id)
      .executeTakeFirstOrThrow();
    await second.client.reports.create({
      targetType: 'note',
      targetId: note.id,
      reason: 'child_safety',
      details: 'looks like grooming',
    });
    const cases = await test.database.db
      .selectFrom('moderation_cases')
      .selectAll()
      .where('target_id', '=', note.id)
      .execute();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ report_count: 2, category: 'child_safety', source: 'report' });
    expect(cases[0]!.priority).toBeGreaterThan(spamOnly.priority + 80);

    // a single spam report on another note ranks below
    await first.client.reports.create({ targetType: 'note', targetId: spammy.id, reason: 'spam' });
    const moderator = await signedInStaff(test, 'rep_mod', 'moderator');
    const queue = await moderator.client.moderation.cases({ status: 'open' });
    const order = queue.items.map((item) => item.targetId);
    expect(order.indexOf(note.id)).toBeLessThan(order.indexOf(spammy.id));
    const counts = await moderator.client.moderation.counts({ status: 'open' });
    expect(counts.byCategory.find((row) => row.category === 'child_safety')?.count).toBe(1);
  });

  it('reports comments and accounts too', async () => {
    const author = await signedIn(test, 'rep_c_author');
    const note = await author.client.notes.create({ body: 'Comment target' });
    const comment = await author.client.notes.comment(note.id, { body: 'you are all idiots' });
    const reporter = await signedIn(test, 'rep_c_reporter');
    await reporter.client.reports.create({
      targetType: 'comment',
      targetId: comment.id,
      reason: 'harassment',
    });
    await reporter.client.reports.create({
      targetType: 'account',
      targetId: author.account.id,
      reason: 'impersonation',
    });
    const rows = await test.database.db
      .selectFrom('moderation_cases')
      .select(['target_type', 'category'])
      .where('subject_id', '=', author.account.id)
      .orderBy('target_type')
      .execute();
    expect(rows).toEqual([
      { target_type: 'account', category: 'impersonation' },
      { target_type: 'comment', category: 'harassment' },
    ]);
  });
});
