import type { AtriumError } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaffTestApp, signedInStaff } from '../../../test/fixtures/staff.js';
import { failure, IPS, signedIn, type TestApp } from '../../../test/helper.js';

// The review queue and claims: who sees which cases, and one moderator per case at a time.

let test: TestApp;

beforeAll(async () => {
  test = await buildStaffTestApp();
});

afterAll(async () => {
  await test?.close();
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
    const modCase = (await portugueseMod.client.moderation.cases({ region: 'BR' })).items.find(
      (item) => item.targetId === portuguese.id,
    )!;
    // the language detected in the text, not the author's `pt-BR` tag
    expect(modCase).toMatchObject({ lang: 'pt', region: 'BR', category: 'scam' });
    // out of scope looks like no case at all
    expect((await failure(english.client.moderation.get(modCase.id))).status).toBe(404);
    expect((await failure(english.client.moderation.claim(modCase.id))).status).toBe(404);
    // an analyst reads but never acts
    const analyst = await signedInStaff(test, 'scope_analyst', 'analyst');
    expect((await analyst.client.moderation.get(modCase.id)).id).toBe(modCase.id);
    expect((await failure(analyst.client.moderation.claim(modCase.id))).status).toBe(403);
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
