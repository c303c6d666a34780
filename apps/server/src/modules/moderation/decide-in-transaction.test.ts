import { AtriumError } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, IPS, signedIn, type TestApp } from '../../../test/helper.js';

// The embedded database has one connection: a decision that read outside its own transaction
// waited for that connection forever. Each decision kind here must answer, and take effect.

let test: TestApp;

beforeAll(async () => {
  test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1' });
});

afterAll(async () => {
  await test?.close();
});

describe('deciding a case', () => {
  it('withholds a reported note in one region: 451 there, visible elsewhere', async () => {
    const author = await signedIn(test, 'decide_author');
    const note = await author.client.notes.create({ body: 'Skewers at the corner stall' });
    const reporter = await signedIn(test, 'decide_reporter');
    await reporter.client.reports.create({ targetType: 'note', targetId: note.id, reason: 'spam' });
    const moderator = await signedIn(test, 'decide_reviewer');
    await test.staff.service.addMember(
      { kind: 'cli' },
      { handle: 'decide_reviewer', role: 'moderator' },
    );
    const [modCase] = (await moderator.client.moderation.cases()).items;
    await moderator.client.moderation.claim(modCase!.id);
    const resolved = await moderator.client.moderation.decide(modCase!.id, {
      decision: 'withhold',
      regions: ['CN'],
      reasonCode: 'legal.local_law',
    });
    expect(resolved.status).toBe('resolved');
    expect(resolved.content.withheldIn).toEqual(['CN']);
    const error = await test
      .client({ ip: IPS.GUANGDONG })
      .notes.get(note.id)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AtriumError);
    expect((error as AtriumError).status).toBe(451);
    expect((await test.client({ ip: IPS.US }).notes.get(note.id)).id).toBe(note.id);
  });

  it('decides comments and accounts, with account actions', async () => {
    const author = await signedIn(test, 'decide_author2');
    const note = await author.client.notes.create({ body: 'A plain note' });
    const comment = await author.client.notes.comment(note.id, { body: 'A plain comment' });
    const reporter = await signedIn(test, 'decide_reporter2');
    await reporter.client.reports.create({
      targetType: 'comment',
      targetId: comment.id,
      reason: 'hate',
    });
    await reporter.client.reports.create({
      targetType: 'account',
      targetId: author.account.id,
      reason: 'impersonation',
    });
    const moderator = await signedIn(test, 'decide_reviewer2');
    await test.staff.service.addMember(
      { kind: 'cli' },
      { handle: 'decide_reviewer2', role: 'moderator' },
    );
    const cases = (await moderator.client.moderation.cases()).items.filter(
      (item) => item.subject.handle === 'decide_author2',
    );
    expect(cases.map((item) => item.targetType).sort()).toEqual(['account', 'comment']);
    for (const modCase of cases) {
      await moderator.client.moderation.claim(modCase.id);
      const resolved = await moderator.client.moderation.decide(
        modCase.id,
        modCase.targetType === 'comment'
          ? { decision: 'remove', reasonCode: 'policy.hate' }
          : {
              decision: 'approve',
              reasonCode: 'policy.impersonation',
              accountAction: { type: 'restrict', days: 3 },
            },
      );
      expect(resolved.status).toBe('resolved');
    }
    expect((await author.client.notes.comments(note.id)).items).toHaveLength(0);
    const actions = (await author.client.me.statements()).items.map((item) => item.action);
    expect(actions).toEqual(expect.arrayContaining(['remove', 'restrict']));
  });
});
