import type { AtriumError } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, buildStaffTestApp, signedInStaff } from '../../../test/fixtures/staff.js';
import { failure, IPS, signedIn, type TestApp } from '../../../test/helper.js';

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

describe('the review queue', () => {
  it('is staff only, scoped by language and region', async () => {
    const author = await signedIn(test, 'scope_author', IPS.BRAZIL);
    const portuguese = await author.client.notes.create({
      body: 'Promoção imperdível',
      lang: 'pt-BR',
    });
    const reporter = await signedIn(test, 'scope_reporter');
    await reporter.client.reports.create({
      targetType: 'note',
      targetId: portuguese.id,
      reason: 'scam',
    });
    const outsider = await signedIn(test, 'scope_outsider');
    expect((await failure(outsider.client.moderation.cases())).status).toBe(403);

    const english = await signedInStaff(test, 'scope_en', 'moderator', {
      languages: ['en'],
      regions: ['US'],
    });
    const portugueseMod = await signedInStaff(test, 'scope_pt', 'moderator', {
      languages: ['pt'],
      regions: ['BR'],
    });
    const targets = async (client: typeof english.client) =>
      (await client.moderation.cases({ status: 'active', limit: 100 })).items.map(
        (item) => item.targetId,
      );
    expect(await targets(portugueseMod.client)).toContain(portuguese.id);
    expect(await targets(english.client)).not.toContain(portuguese.id);
    const kase = (await portugueseMod.client.moderation.cases({ region: 'BR' })).items.find(
      (item) => item.targetId === portuguese.id,
    )!;
    expect(kase).toMatchObject({ lang: 'pt-BR', region: 'BR', category: 'scam' });
    // out of scope looks like no case at all
    expect((await failure(english.client.moderation.get(kase.id))).status).toBe(404);
    expect((await failure(english.client.moderation.claim(kase.id))).status).toBe(404);
    // an analyst reads but never acts
    const analyst = await signedInStaff(test, 'scope_analyst', 'analyst');
    expect((await analyst.client.moderation.get(kase.id)).id).toBe(kase.id);
    expect((await failure(analyst.client.moderation.claim(kase.id))).status).toBe(403);
  });

  it('lets one moderator hold a case at a time (a lease) and only the holder decide', async () => {
    const author = await signedIn(test, 'lease_author');
    const note = await author.client.notes.create({ body: 'Lease target' });
    await (await signedIn(test, 'lease_reporter')).client.reports.create({
      targetType: 'note',
      targetId: note.id,
      reason: 'spam',
    });
    const first = await signedInStaff(test, 'lease_first', 'moderator');
    const second = await signedInStaff(test, 'lease_second', 'moderator');
    const caseId = (await first.client.moderation.cases({ status: 'open', limit: 100 })).items.find(
      (item) => item.targetId === note.id,
    )!.id;
    const decision = { decision: 'approve', reasonCode: 'no_violation' } as const;
    expect((await failure(first.client.moderation.decide(caseId, decision))).code).toBe(
      'CASE_NOT_CLAIMED',
    );

    const [a, b] = await Promise.allSettled([
      first.client.moderation.claim(caseId),
      second.client.moderation.claim(caseId),
    ]);
    const winners = [a, b].filter((result) => result.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    const loser = [a, b].find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect((loser.reason as AtriumError).code).toBe('CASE_CLAIMED');
    const holder = a.status === 'fulfilled' ? first : second;
    const other = holder === first ? second : first;
    expect((await holder.client.moderation.get(caseId)).status).toBe('claimed');
    expect((await failure(other.client.moderation.decide(caseId, decision))).code).toBe(
      'CASE_NOT_CLAIMED',
    );

    // an expired lease frees the case
    await test.database.db
      .updateTable('moderation_cases')
      .set({ lease_until: new Date(Date.now() - 1000) })
      .where('id', '=', caseId)
      .execute();
    expect((await other.client.moderation.claim(caseId)).claimedBy).toBe(other.account.handle);
    await other.client.moderation.release(caseId);
    expect((await other.client.moderation.get(caseId)).status).toBe('open');
    expect((await failure(other.client.moderation.release(caseId))).code).toBe('CASE_NOT_CLAIMED');
  });
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
    expect((await test.client().topics.get('pharmacy')).counts.notes).toBe(1);
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
    const login = await failure(
      test.client().auth.login({
        login: 'sanction_author@example.org',
        password: 'correct horse battery staple',
      }),
    );
    expect(login.code).toBe('ACCOUNT_SUSPENDED');
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
