import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, buildStaffTestApp, signedInStaff } from '../../../test/fixtures/staff.js';
import { failure, signedIn, type TestApp } from '../../../test/helper.js';

// What staff may do to staff, to their own causes, and how a sanction is lifted.

let test: TestApp;

beforeAll(async () => {
  test = await buildStaffTestApp();
});

afterAll(async () => {
  await test?.close();
});

type Member = Awaited<ReturnType<typeof signedInStaff>>;

async function openCaseOf(targetId: string): Promise<string> {
  const row = await test.database.db
    .selectFrom('moderation_cases')
    .select('id')
    .where('target_id', '=', targetId)
    .where('status', '<>', 'resolved')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function accountRow(id: string) {
  return test.database.db
    .selectFrom('accounts')
    .select(['suspended_until', 'banned_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** A report on `accountId`'s account by a new user; the case claimed by `moderator`. */
async function claimedAccountCase(prefix: string, accountId: string, moderator: Member) {
  const reporter = await signedIn(test, `${prefix}_rep`);
  await reporter.client.reports.create({
    targetType: 'account',
    targetId: accountId,
    reason: 'spam',
  });
  const caseId = await openCaseOf(accountId);
  await moderator.client.moderation.claim(caseId);
  return caseId;
}

describe('account actions against staff', () => {
  it('need an administrator when the subject’s role is equal or higher', async () => {
    const admin = await signedInStaff(test, 'sts_boss', 'admin');
    const moderator = await signedInStaff(test, 'sts_rev', 'moderator');
    const peer = await signedInStaff(test, 'sts_peer', 'moderator');
    const note = await admin.client.notes.create({ body: 'Staff notes stay up' });

    const onAdmin = await claimedAccountCase('sts_a', admin.account.id, moderator);
    for (const accountAction of [
      { type: 'suspend' as const, days: 3650 },
      { type: 'ban' as const },
    ]) {
      const refused = await failure(
        moderator.client.moderation.decide(onAdmin, {
          decision: 'approve',
          reasonCode: 'policy.spam',
          accountAction,
        }),
      );
      expect([refused.status, refused.code]).toEqual([403, 'FORBIDDEN']);
    }
    expect(await accountRow(admin.account.id)).toEqual({ suspended_until: null, banned_at: null });
    expect((await test.client().notes.get(note.id)).id).toBe(note.id);
    expect((await admin.client.me.get()).id).toBe(admin.account.id);

    const onPeer = await claimedAccountCase('sts_p', peer.account.id, moderator);
    const peerRefused = await failure(
      moderator.client.moderation.decide(onPeer, {
        decision: 'approve',
        reasonCode: 'policy.spam',
        accountAction: { type: 'suspend', days: 1 },
      }),
    );
    expect(peerRefused.code).toBe('FORBIDDEN');
    // a content decision on the same case is still the moderator's to make
    await moderator.client.moderation.decide(onPeer, {
      decision: 'approve',
      reasonCode: 'no_violation',
    });

    // an administrator may act on a moderator
    const byAdmin = await claimedAccountCase('sts_m', moderator.account.id, admin);
    await admin.client.moderation.decide(byAdmin, {
      decision: 'approve',
      reasonCode: 'policy.abuse',
      accountAction: { type: 'suspend', days: 2 },
    });
    expect((await accountRow(moderator.account.id)).suspended_until).not.toBeNull();
  });
});

describe('self-review', () => {
  it('keeps moderators off their own content, their own reports and appeals of their own decisions', async () => {
    const mod = await signedInStaff(test, 'self_rev', 'moderator');
    const other = await signedInStaff(test, 'self_other', 'moderator');
    const admin = await signedInStaff(test, 'self_boss', 'admin');

    // their own held drug ad
    const ad = await mod.client.notes.create({ body: 'selling xanax bars, message me' });
    expect(ad.status).toBe('pending_review');
    const own = await openCaseOf(ad.id);
    const claimOwn = await failure(mod.client.moderation.claim(own));
    expect([claimOwn.status, claimOwn.code]).toEqual([403, 'SELF_REVIEW']);
    expect(
      (await failure(mod.client.moderation.decide(own, { decision: 'approve', reasonCode: 'ok' })))
        .code,
    ).toBe('CASE_NOT_CLAIMED');
    expect(
      (
        await failure(
          admin.client.moderation.claim(
            await openCaseOf(
              (await admin.client.notes.create({ body: 'selling fentanyl, message me' })).id,
            ),
          ),
        )
      ).code,
    ).toBe('SELF_REVIEW');

    // a case opened by their own report
    const author = await signedIn(test, 'self_author');
    const note = await author.client.notes.create({ body: 'Cheap watches, ask me' });
    await mod.client.reports.create({ targetType: 'note', targetId: note.id, reason: 'scam' });
    const reported = await openCaseOf(note.id);
    expect((await failure(mod.client.moderation.claim(reported))).code).toBe('SELF_REVIEW');

    // a report filed after claiming: the decision is refused too
    const later = await author.client.notes.create({ body: 'More cheap watches' });
    await (await signedIn(test, 'self_rep')).client.reports.create({
      targetType: 'note',
      targetId: later.id,
      reason: 'spam',
    });
    const laterCase = await openCaseOf(later.id);
    await mod.client.moderation.claim(laterCase);
    await mod.client.reports.create({ targetType: 'note', targetId: later.id, reason: 'scam' });
    const decided = await failure(
      mod.client.moderation.decide(laterCase, { decision: 'remove', reasonCode: 'policy.scam' }),
    );
    expect(decided.code).toBe('SELF_REVIEW');

    // an appeal against their own decision goes to another moderator
    await other.client.moderation.claim(reported);
    await other.client.moderation.decide(reported, {
      decision: 'remove',
      reasonCode: 'policy.scam',
    });
    const statement = (await author.client.me.statements()).items.find(
      (item) => item.targetId === note.id && item.action === 'remove',
    )!;
    expect(statement.appeal.how).toContain('another moderator');
    const appeal = await author.client.appeals.create({
      decisionId: statement.id,
      statement: 'They are real watches',
    });
    expect((await failure(other.client.moderation.claim(appeal.id))).code).toBe('SELF_REVIEW');
    expect((await admin.client.moderation.claim(appeal.id)).status).toBe('claimed');
  });
});

describe('suspended and banned accounts', () => {
  it('sign in to a restricted session: statements and appeals only', async () => {
    const admin = await signedInStaff(test, 'rs_boss', 'admin');
    const moderator = await signedInStaff(test, 'rs_rev', 'moderator');
    const user = await signedIn(test, 'rs_user');
    const note = await user.client.notes.create({ body: 'Free followers here' });
    const caseId = await claimedAccountCase('rs', user.account.id, moderator);
    await moderator.client.moderation.decide(caseId, {
      decision: 'approve',
      reasonCode: 'policy.spam',
      accountAction: { type: 'suspend', days: 7 },
    });
    // the running session ended
    expect((await failure(user.client.me.get())).status).toBe(401);

    const signedInAgain = await test.client().auth.login({
      login: 'rs_user@example.org',
      password: 'correct horse battery staple',
    });
    expect(signedInAgain.account.sanction?.type).toBe('suspend');
    const restricted = test.client({ token: signedInAgain.token });
    expect((await restricted.me.get()).sanction?.type).toBe('suspend');
    const blocked = await failure(restricted.notes.create({ body: 'still here' }));
    expect([blocked.status, blocked.code]).toEqual([403, 'ACCOUNT_SUSPENDED']);
    expect((await failure(restricted.me.sessions())).code).toBe('ACCOUNT_SUSPENDED');
    // public pages read as anyone's
    expect((await restricted.notes.get(note.id)).id).toBe(note.id);

    const suspension = (await restricted.me.statements()).items.find(
      (item) => item.action === 'suspend',
    )!;
    expect(suspension.appeal.allowed).toBe(true);
    const appeal = await restricted.appeals.create({
      decisionId: suspension.id,
      statement: 'I was hacked',
    });
    expect((await admin.client.moderation.get(appeal.id)).source).toBe('appeal');
    await restricted.auth.logout();
  });

  it('are lifted by an administrator, audited, with a statement; never by a moderator', async () => {
    const admin = await signedInStaff(test, 'lift_boss', 'admin');
    const moderator = await signedInStaff(test, 'lift_rev', 'moderator');
    const user = await signedIn(test, 'lift_user');
    const caseId = await claimedAccountCase('lift', user.account.id, moderator);
    await moderator.client.moderation.decide(caseId, {
      decision: 'approve',
      reasonCode: 'policy.spam',
      accountAction: { type: 'ban' },
    });
    const login = { login: 'lift_user@example.org', password: 'correct horse battery staple' };
    const banned = await test.client().auth.login(login);
    expect(banned.account.sanction).toEqual({ type: 'ban', until: null });
    const ban = (await test.client({ token: banned.token }).me.statements()).items.find(
      (item) => item.action === 'ban',
    )!;
    const appeal = await test
      .client({ token: banned.token })
      .appeals.create({ decisionId: ban.id, statement: 'Not spam' });

    const byModerator = await failure(
      moderator.client.moderation.liftSanction('lift_user', { reasonCode: 'appeal.granted' }),
    );
    expect([byModerator.status, byModerator.code]).toEqual([403, 'FORBIDDEN']);
    expect((await accountRow(user.account.id)).banned_at).not.toBeNull();

    const statement = await admin.client.moderation.liftSanction('lift_user', {
      reasonCode: 'appeal.granted',
      note: 'Compromised account, recovered',
    });
    expect(statement).toMatchObject({
      action: 'lift',
      targetId: user.account.id,
      automated: false,
    });
    expect(statement.appeal.allowed).toBe(false);
    expect(await accountRow(user.account.id)).toEqual({ suspended_until: null, banned_at: null });
    const records = await auditRows(test, 'account.lift');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actor_id: admin.account.id, target_id: user.account.id });
    expect((await admin.client.moderation.get(appeal.id)).status).toBe('resolved');
    expect((await test.staff.verifyAudit()).ok).toBe(true);

    // the same session is whole again
    const whole = test.client({ token: banned.token });
    expect((await whole.me.get()).sanction).toBeUndefined();
    expect((await whole.notes.create({ body: 'Back again' })).status).toBe('published');
    const again = await failure(
      admin.client.moderation.liftSanction('lift_user', { reasonCode: 'appeal.granted' }),
    );
    expect([again.status, again.code]).toEqual([409, 'NOT_SANCTIONED']);
  });
});
