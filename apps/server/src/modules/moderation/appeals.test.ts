import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaffTestApp, signedInStaff } from '../../../test/fixtures/staff.js';
import { failure, IPS, signedIn, type TestApp } from '../../../test/helper.js';

// Appeals reach only the moderators who cover their target, and never end worse than the
// decision appealed.

let test: TestApp;

beforeAll(async () => {
  test = await buildStaffTestApp();
});

afterAll(async () => {
  await test?.close();
});

/** The case of a target still open (or the newest one), straight from the database. */
async function caseOf(targetId: string) {
  return test.database.db
    .selectFrom('moderation_cases')
    .selectAll()
    .where('target_id', '=', targetId)
    .orderBy('opened_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
}

/**
 * A Chinese author in Guangdong whose note (tagged `en` by its author) a zh/CN moderator
 * decided with `decision`; answers the author, the note and the decision's statement id.
 */
async function decidedChineseNote(
  prefix: string,
  decision: 'remove' | 'label',
  moderator: Awaited<ReturnType<typeof signedInStaff>>,
) {
  const author = await signedIn(test, `${prefix}_author`, IPS.GUANGDONG);
  const note = await author.client.notes.create({
    body: '投资理财群，跟着老师买股票，每月收益翻倍，名额有限',
    lang: 'en',
  });
  const reporter = await signedIn(test, `${prefix}_reporter`, IPS.GUANGDONG);
  await reporter.client.reports.create({ targetType: 'note', targetId: note.id, reason: 'scam' });
  const reported = await caseOf(note.id);
  await moderator.client.moderation.claim(reported.id);
  await moderator.client.moderation.decide(reported.id, {
    decision,
    ...(decision === 'label' ? { label: 'Possible scam' } : {}),
    reasonCode: 'policy.scam',
  });
  const statement = (await author.client.me.statements()).items.find(
    (item) => item.targetId === note.id && item.action === decision,
  )!;
  return { author, note, reported, statementId: statement.id };
}

describe('appeals', () => {
  it('carry the scope of their target: the language the server detects and the author’s region', async () => {
    const zh = await signedInStaff(test, 'scope_zh', 'moderator', {
      languages: ['zh'],
      regions: ['CN'],
    });
    const zh2 = await signedInStaff(test, 'scope_zh2', 'moderator', {
      languages: ['zh'],
      regions: ['CN'],
    });
    const en = await signedInStaff(test, 'scope_en', 'moderator', {
      languages: ['en'],
      regions: ['US'],
    });
    const { author, reported, statementId } = await decidedChineseNote('scope', 'remove', zh);
    // the report routed by the detected language, not the author's `en`
    expect(reported.lang).toBe('zh-Hans');
    expect(reported.region).toBe('CN');

    const appeal = await author.client.appeals.create({
      decisionId: statementId,
      statement: '这是正规投资',
    });
    const row = await caseOf(reported.target_id);
    expect(row).toMatchObject({
      id: appeal.id,
      source: 'appeal',
      lang: 'zh-Hans',
      region: 'CN',
      appealed_decision_id: statementId,
    });
    // an English/US moderator neither sees, reads, claims nor decides it
    const queue = await en.client.moderation.cases({ source: 'appeal', limit: 100 });
    expect(queue.items.map((item) => item.id)).not.toContain(appeal.id);
    expect((await failure(en.client.moderation.get(appeal.id))).status).toBe(404);
    expect((await failure(en.client.moderation.claim(appeal.id))).status).toBe(404);
    expect(
      (
        await failure(
          en.client.moderation.decide(appeal.id, { decision: 'approve', reasonCode: 'mistake' }),
        )
      ).status,
    ).toBe(404);
    // another moderator who covers it does
    expect((await zh2.client.moderation.get(appeal.id)).source).toBe('appeal');
    expect((await zh2.client.moderation.claim(appeal.id)).status).toBe('claimed');
  });

  it('never end worse than the decision appealed', async () => {
    const zh = await signedInStaff(test, 'worse_zh', 'moderator', { languages: ['zh'] });
    const reviewer = await signedInStaff(test, 'worse_rev', 'moderator', { languages: ['zh'] });
    const removed = await decidedChineseNote('worse_rm', 'remove', zh);
    const appeal = await removed.author.client.appeals.create({
      decisionId: removed.statementId,
      statement: 'Please look again',
    });
    await reviewer.client.moderation.claim(appeal.id);
    // a ban on an appeal against a removal: refused, nothing changes
    const ban = await failure(
      reviewer.client.moderation.decide(appeal.id, {
        decision: 'remove',
        reasonCode: 'policy.scam',
        accountAction: { type: 'ban' },
      }),
    );
    expect([ban.status, ban.code]).toEqual([422, 'APPEAL_CANNOT_WORSEN']);
    const author = await test.database.db
      .selectFrom('accounts')
      .select(['banned_at'])
      .where('id', '=', removed.author.account.id)
      .executeTakeFirstOrThrow();
    expect(author.banned_at).toBeNull();
    expect((await caseOf(removed.note.id)).status).not.toBe('resolved');
    // upholding it is fine
    const upheld = await reviewer.client.moderation.decide(appeal.id, {
      decision: 'remove',
      reasonCode: 'policy.scam',
    });
    expect(upheld.status).toBe('resolved');

    // a label appealed cannot become a removal; it can be lifted
    const labelled = await decidedChineseNote('worse_lb', 'label', zh);
    const second = await labelled.author.client.appeals.create({
      decisionId: labelled.statementId,
      statement: 'Not a scam',
    });
    await reviewer.client.moderation.claim(second.id);
    const remove = await failure(
      reviewer.client.moderation.decide(second.id, {
        decision: 'remove',
        reasonCode: 'policy.scam',
      }),
    );
    expect(remove.code).toBe('APPEAL_CANNOT_WORSEN');
    expect((await test.client({ ip: IPS.US }).notes.get(labelled.note.id)).id).toBe(
      labelled.note.id,
    );
    const granted = await reviewer.client.moderation.decide(second.id, {
      decision: 'approve',
      reasonCode: 'appeal.granted',
    });
    expect(granted.status).toBe('resolved');
  });
});

describe('held content', () => {
  it('is routed by the language detected in it, not the author’s tag', async () => {
    const en = await signedInStaff(test, 'route_en', 'moderator', { languages: ['en'] });
    const zh = await signedInStaff(test, 'route_zh', 'moderator', { languages: ['zh'] });
    const author = await signedIn(test, 'route_author', IPS.US);
    for (const lang of ['en', 'und']) {
      const held = await author.client.notes.create({
        body: '出售冰毒，价格优惠，私信联系我',
        lang,
      });
      expect(held.status).toBe('pending_review');
      const row = await caseOf(held.id);
      expect(row.lang).toBe('zh-Hans');
      expect((await failure(en.client.moderation.get(row.id))).status).toBe(404);
      expect((await zh.client.moderation.get(row.id)).content.body).toContain('冰毒');
    }
  });
});

describe('a case whose text is too short to tell its language', () => {
  it('goes by the author’s recent notes, detected again, then their interface language', async () => {
    const { caseLanguage } = await import('./case-language.js');
    const db = test.database.db;
    const writer = await signedIn(test, 'lang_writer', IPS.US);
    // two notes in Chinese, one tagged `en` by its author: the tags never count
    await writer.client.notes.create({ body: '今天去公园散步，天气很好，拍了很多花的照片。' });
    await writer.client.notes.create({
      body: '周末在家做了红烧肉，第一次做，味道还不错。',
      lang: 'en',
    });
    expect(await caseLanguage(db, writer.account.id, '👍👍')).toBe('zh-Hans');
    // a long enough text speaks for itself
    expect(
      await caseLanguage(db, writer.account.id, 'The weather was lovely in the park today.'),
    ).toBe('en');

    const newcomer = await signedIn(test, 'lang_newcomer', IPS.US);
    expect(await caseLanguage(db, newcomer.account.id, '👍')).toBeNull();
    await newcomer.client.me.update({ locale: 'ja' });
    expect(await caseLanguage(db, newcomer.account.id, '👍')).toBe('ja');
  });

  it('an account report goes by the language of the bio, then of the recent notes', async () => {
    const subject = await signedIn(test, 'lang_account', IPS.GERMANY);
    await subject.client.notes.create({
      body: 'Heute waren wir im Park spazieren und haben Enten gefüttert.',
    });
    await subject.client.notes.create({
      body: 'Am Wochenende backe ich zum ersten Mal einen Apfelkuchen mit Zimt.',
    });
    const reporter = await signedIn(test, 'lang_acc_rep', IPS.US);
    await reporter.client.reports.create({
      targetType: 'account',
      targetId: subject.account.id,
      reason: 'spam',
    });
    expect(await caseOf(subject.account.id)).toMatchObject({ lang: 'de', region: 'DE' });
  });
});
