import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, buildStaffTestApp, signedInStaff } from '../../../test/fixtures/staff.js';
import { failure, IPS, signedIn, type TestApp } from '../../../test/helper.js';

// Deciding cases: content decisions, account actions, statements and audit records.

let test: TestApp;

beforeAll(async () => {
  test = await buildStaffTestApp();
});

afterAll(async () => {
  await test?.close();
});

describe('decisions', () => {
  it('withholds a reported note in one region: 451 there, visible elsewhere, with a statement and an audit record', async () => {
    const author = await signedIn(test, 'dec_author', IPS.US);
    const note = await author.client.notes.create({
      title: 'Tiananmen photos',
      body: 'My trip to Beijing #travel',
      lang: 'en',
    });
    await (await signedIn(test, 'dec_reporter')).client.reports.create({
      targetType: 'note',
      targetId: note.id,
      reason: 'illegal',
      details: 'unlawful in China',
    });
    const moderator = await signedInStaff(test, 'dec_mod', 'moderator', { languages: ['en'] });
    const caseId = (await moderator.client.moderation.cases({ limit: 100 })).items.find(
      (item) => item.targetId === note.id,
    )!.id;
    const detail = await moderator.client.moderation.get(caseId);
    expect(detail.reports[0]).toMatchObject({
      reporter: 'dec_reporter',
      reason: 'illegal',
      details: 'unlawful in China',
    });
    expect(detail.content.body).toBe('My trip to Beijing #travel');
    expect(detail.history.sanctions.banned).toBe(false);
    expect(detail.translation).toBeNull();

    await moderator.client.moderation.claim(caseId);
    const bad = await failure(
      moderator.client.moderation.decide(caseId, {
        decision: 'withhold',
        reasonCode: 'legal.local_law',
      }),
    );
    expect(bad.code).toBe('VALIDATION_FAILED');
    const resolved = await moderator.client.moderation.decide(caseId, {
      decision: 'withhold',
      regions: ['CN'],
      reasonCode: 'legal.local_law',
      note: 'Court order 2026-11',
    });
    expect(resolved.status).toBe('resolved');
    expect(resolved.content.withheldIn).toEqual(['CN']);

    const cn = await failure(test.client({ ip: IPS.GUANGDONG }).notes.get(note.id));
    expect(cn.status).toBe(451);
    expect(String((cn.problem as Record<string, unknown>).reason)).toContain('legal.local_law');
    expect((await test.client({ ip: IPS.US }).notes.get(note.id)).id).toBe(note.id);
    expect(
      (await test.client({ ip: IPS.GUANGDONG }).topics.notes('travel', { sort: 'new' })).items,
    ).toHaveLength(0);

    const statements = await author.client.me.statements();
    const statement = statements.items.find((item) => item.targetId === note.id)!;
    expect(statement).toMatchObject({
      action: 'withhold',
      regions: ['CN'],
      automated: false,
      reasonCode: 'legal.local_law',
      restriction: 'Withheld in CN',
    });
    expect(statement.appeal.allowed).toBe(true);
    const own = await author.client.notes.get(note.id);
    expect(own.moderation?.withheldIn).toEqual(['CN']);

    const records = await auditRows(test, 'case.decide.withhold');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ target_id: note.id, actor_kind: 'staff' });
    expect((await test.staff.verifyAudit()).ok).toBe(true);

    // the moderator's withholding survives the author's edit
    await author.client.notes.update(note.id, { body: 'My trip to Beijing, edited #travel' });
    expect((await failure(test.client({ ip: IPS.GUANGDONG }).notes.get(note.id))).status).toBe(451);

    // the author appeals once
    const appeal = await author.client.appeals.create({
      decisionId: statement.id,
      statement: 'This is a travel photo',
    });
    const appealCase = await moderator.client.moderation.get(appeal.id);
    expect(appealCase.source).toBe('appeal');
    expect(
      (
        await failure(
          author.client.appeals.create({ decisionId: statement.id, statement: 'again' }),
        )
      ).code,
    ).toBe('ALREADY_APPEALED');
  });

  it('approves or removes held content and keeps counts exact', async () => {
    const author = await signedIn(test, 'held_author');
    const held = await author.client.notes.create({ body: 'selling xanax bars #pharmacy' });
    expect(held.status).toBe('pending_review');
    const moderator = await signedInStaff(test, 'held_mod', 'moderator');
    const caseId = (
      await moderator.client.moderation.cases({ source: 'automated', limit: 100 })
    ).items.find((item) => item.targetId === held.id)!.id;
    const detail = await moderator.client.moderation.get(caseId);
    expect(detail.evidence[0]).toMatchObject({ field: 'body', ruleId: 'drugs.hard' });
    const span = detail.evidence[0]!;
    expect(detail.content.body.slice(span.start, span.end).toLowerCase()).toContain('xanax');
    await moderator.client.moderation.claim(caseId);
    await moderator.client.moderation.decide(caseId, {
      decision: 'approve',
      reasonCode: 'no_violation',
    });
    await test.settle();
    expect((await test.client({ ip: IPS.US }).notes.get(held.id)).status).toBe('published');
    // still withheld where the policy blocks hard drugs
    expect((await failure(test.client({ ip: IPS.GUANGDONG }).notes.get(held.id))).status).toBe(451);
    expect((await test.client({ ip: IPS.US }).topics.get('pharmacy')).counts.notes).toBe(1);
    // where the client cannot be located, what is withheld anywhere is withheld
    expect((await test.client().topics.get('pharmacy')).counts.notes).toBe(0);
    expect((await test.client().users.get('held_author')).counts.notes).toBe(1);

    // reported again, then removed: it leaves every count
    await (await signedIn(test, 'held_reporter')).client.reports.create({
      targetType: 'note',
      targetId: held.id,
      reason: 'illegal',
    });
    const second = (
      await moderator.client.moderation.cases({ status: 'open', limit: 100 })
    ).items.find((item) => item.targetId === held.id)!.id;
    await moderator.client.moderation.claim(second);
    await moderator.client.moderation.decide(second, {
      decision: 'remove',
      reasonCode: 'policy.drugs',
    });
    await test.settle();
    expect((await failure(test.client({ ip: IPS.US }).notes.get(held.id))).status).toBe(404);
    expect((await test.client().topics.get('pharmacy')).counts.notes).toBe(0);
    expect((await test.client().users.get('held_author')).counts.notes).toBe(0);
    expect((await failure(moderator.client.moderation.claim(second))).code).toBe('CASE_RESOLVED');
  });

  it('restricts posting, suspends and bans accounts', async () => {
    const author = await signedIn(test, 'sanction_author');
    const note = await author.client.notes.create({ body: 'Follow me for free stuff' });
    const reporter = await signedIn(test, 'sanction_reporter');
    const moderator = await signedInStaff(test, 'sanction_mod', 'moderator');
    const decideWith = async (
      targetId: string,
      accountAction: { type: 'restrict' | 'suspend' | 'ban' | 'warn'; days?: number },
    ) => {
      const caseId = (
        await moderator.client.moderation.cases({ status: 'open', limit: 100 })
      ).items.find((item) => item.targetId === targetId)!.id;
      await moderator.client.moderation.claim(caseId);
      return moderator.client.moderation.decide(caseId, {
        decision: 'approve',
        reasonCode: 'policy.spam',
        accountAction,
      });
    };
    await reporter.client.reports.create({ targetType: 'note', targetId: note.id, reason: 'spam' });
    const missingDays = (
      await moderator.client.moderation.cases({ status: 'open', limit: 100 })
    ).items.find((item) => item.targetId === note.id)!.id;
    await moderator.client.moderation.claim(missingDays);
    expect(
      (
        await failure(
          moderator.client.moderation.decide(missingDays, {
            decision: 'approve',
            reasonCode: 'policy.spam',
            accountAction: { type: 'restrict' },
          }),
        )
      ).code,
    ).toBe('VALIDATION_FAILED');
    await moderator.client.moderation.release(missingDays);
    await decideWith(note.id, { type: 'restrict', days: 3 });
    const restricted = await failure(author.client.notes.create({ body: 'more' }));
    expect(restricted.status).toBe(403);
    expect(restricted.code).toBe('POSTING_RESTRICTED');
    expect((await failure(author.client.notes.comment(note.id, { body: 'hi' }))).code).toBe(
      'POSTING_RESTRICTED',
    );
    // reading still works
    expect((await author.client.notes.get(note.id)).id).toBe(note.id);

    await reporter.client.reports.create({
      targetType: 'account',
      targetId: author.account.id,
      reason: 'spam',
    });
    await decideWith(author.account.id, { type: 'suspend', days: 7 });
    expect((await failure(author.client.me.get())).status).toBe(401);
    // signing in again gives a restricted session: statements and appeals only
    const login = await test.client().auth.login({
      login: 'sanction_author@example.org',
      password: 'correct horse battery staple',
    });
    expect(login.account.sanction?.type).toBe('suspend');
    const refused = await failure(
      test.client({ token: login.token }).notes.create({ body: 'back' }),
    );
    expect(refused.code).toBe('ACCOUNT_SUSPENDED');
    const statements = await test.database.db
      .selectFrom('moderation_decisions')
      .select(['action', 'until'])
      .where('subject_id', '=', author.account.id)
      .where('target_type', '=', 'account')
      .orderBy('id')
      .execute();
    expect(statements.map((row) => row.action)).toEqual(['restrict', 'suspend']);
    expect(statements[1]!.until!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect(await auditRows(test, 'account.suspend')).toHaveLength(1);
  });

  it('bans an account: it cannot sign in and its notes and comments leave every view and count', async () => {
    const spammer = await signedIn(test, 'ban_spammer');
    const host = await signedIn(test, 'ban_host');
    const note = await spammer.client.notes.create({ body: 'Buy followers #bantest' });
    const hostNote = await host.client.notes.create({ body: 'Hello #bantest' });
    await spammer.client.notes.comment(hostNote.id, { body: 'cheap followers here' });
    await host.client.notes.like(note.id);
    const moderator = await signedInStaff(test, 'ban_mod', 'moderator');
    await host.client.reports.create({
      targetType: 'account',
      targetId: spammer.account.id,
      reason: 'spam',
    });
    const caseId = (
      await moderator.client.moderation.cases({ status: 'open', limit: 100 })
    ).items.find((item) => item.targetId === spammer.account.id)!.id;
    await moderator.client.moderation.claim(caseId);
    await moderator.client.moderation.decide(caseId, {
      decision: 'approve',
      reasonCode: 'policy.spam',
      accountAction: { type: 'ban' },
    });
    await test.settle();
    expect((await failure(spammer.client.me.get())).status).toBe(401);
    expect((await failure(test.client().notes.get(note.id))).status).toBe(404);
    expect((await host.client.notes.comments(hostNote.id)).items).toHaveLength(0);
    expect((await host.client.notes.get(hostNote.id)).counts.comments).toBe(0);
    expect((await test.client().topics.get('bantest')).counts.notes).toBe(1);
    expect((await test.client().users.get('ban_spammer')).counts).toMatchObject({
      notes: 0,
      likesReceived: 0,
    });
    expect(await auditRows(test, 'account.ban')).toHaveLength(1);
  });
});
