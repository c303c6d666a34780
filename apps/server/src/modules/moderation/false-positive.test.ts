import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows, buildStaffTestApp, signedInStaff } from '../../../test/fixtures/staff.js';
import { failure, IPS, signedIn, type TestApp } from '../../../test/helper.js';

// The false-positive loop: a moderator who overturns an automated hold allows the innocent text
// or narrows the term, previewed, and publishes it as a new policy version.

let test: TestApp;
beforeEach(async () => {
  test = await buildStaffTestApp();
});
afterEach(async () => {
  await test?.close();
});

// `ketamine` (a shipped hard-drug term) in a vet's story: held for review, innocent
const VET_STORY = 'Our vet used ketamine to sedate the dog before surgery, all went well #pets';

type Staff = Awaited<ReturnType<typeof signedInStaff>>;

/** Posts `body`, finds its automated case and approves it as `moderator`. */
async function overturnedHold(moderator: Staff, handle: string, body: string) {
  const author = await signedIn(test, handle, IPS.US);
  const note = await author.client.notes.create({ body });
  expect(note.status).toBe('pending_review');
  const caseId = (
    await moderator.client.moderation.cases({ source: 'automated', limit: 100 })
  ).items.find((item) => item.targetId === note.id)!.id;
  await moderator.client.moderation.claim(caseId);
  await moderator.client.moderation.decide(caseId, {
    decision: 'approve',
    reasonCode: 'no_violation',
  });
  return { author, caseId };
}

function activeVersion() {
  return test.database.db
    .selectFrom('policies')
    .select(['version', 'document', 'note', 'created_by'])
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
}

describe('POST /api/staff/cases/:id/false-positive', () => {
  it('allows the innocent text: previewed, published as a version, and the same text is no longer held', async () => {
    const moderator = await signedInStaff(test, 'fp_mod', 'moderator');
    const { author, caseId } = await overturnedHold(moderator, 'vet_friend', VET_STORY);
    const before = await activeVersion();
    const allow = [{ text: 'ketamine to sedate', category: 'drugs' }];

    const dry = await moderator.client.moderation.reportFalsePositive(caseId, {
      allow,
      dryRun: true,
    });
    expect(dry.version).toBeNull();
    // the held note itself is among the recent notes the change would release
    expect(dry.preview.changed).toBeGreaterThanOrEqual(1);
    expect(dry.preview.actionChanges).toContainEqual(
      expect.objectContaining({ from: 'review', to: 'allow' }),
    );
    expect((await activeVersion()).version).toBe(before.version);

    const published = await moderator.client.moderation.reportFalsePositive(caseId, {
      allow,
      note: 'veterinary use',
    });
    expect(published.version).toMatch(/^fp-/);
    const after = await activeVersion();
    expect(after.version).toBe(published.version);
    expect(after.created_by).toBe(moderator.account.id);
    expect(after.note).toBe(`False positive in case ${caseId}: veterinary use`);
    expect((after.document as { lexicon: unknown }).lexicon).toEqual({
      entries: [{ term: 'ketamine to sedate', category: 'drugs', allow: true }],
    });
    // the rules themselves are the previous version's
    expect((after.document as { rules: unknown }).rules).toEqual(
      (before.document as { rules: unknown }).rules,
    );
    const [audit] = (await auditRows(test, 'policy.publish')).slice(-1);
    expect(audit).toMatchObject({
      actor_id: moderator.account.id,
      target_id: published.version,
      data: expect.objectContaining({
        source: 'false-positive',
        caseId,
        previousVersion: before.version,
        allow,
      }),
    });

    // the same text again publishes at once; the term elsewhere is still held
    const again = await author.client.notes.create({ body: VET_STORY });
    expect(again.status).toBe('published');
    const sale = await author.client.notes.create({
      body: 'I am selling ketamine and other party supplies, send me a message for the prices',
    });
    expect(sale.status).toBe('pending_review');
  });

  it('narrows a term to whole words or to its own language, never to another language', async () => {
    const moderator = await signedInStaff(test, 'fp_lang_mod', 'moderator');
    const { caseId } = await overturnedHold(moderator, 'vet_lang', VET_STORY);
    // shipped terms are limited to their language already: another would move the term
    const error = await failure(
      moderator.client.moderation.reportFalsePositive(caseId, {
        narrow: [{ term: 'ketamine', category: 'drugs', lang: 'pt' }],
      }),
    );
    expect(error.code).toBe('LEXICON_CHANGE_REFUSED');
    const result = await moderator.client.moderation.reportFalsePositive(caseId, {
      narrow: [{ term: 'ketamine', category: 'drugs', lang: 'en', match: 'word' }],
    });
    expect(result.lexicon).toEqual({
      overrides: [{ term: 'ketamine', category: 'drugs', lang: 'en', match: 'word' }],
    });
    expect((await activeVersion()).version).toBe(result.version);
  });

  it('refuses widening: new terms, substring matching, terms or text the case did not match', async () => {
    const moderator = await signedInStaff(test, 'fp_wide_mod', 'moderator');
    const { caseId } = await overturnedHold(moderator, 'vet_two', VET_STORY);
    const before = await activeVersion();
    const client = moderator.client.moderation;
    // the body has no way to add a term or widen a match: the schema refuses it
    for (const body of [
      { narrow: [{ term: 'ketamine', category: 'drugs', match: 'substring' }] },
      { entries: [{ term: 'surgery', category: 'drugs' }] },
      { narrow: [{ term: 'ketamine', category: 'drugs', off: true }] },
    ]) {
      const error = await failure(client.reportFalsePositive(caseId, body as never));
      expect(error.status).toBe(400);
      expect(error.code).toBe('VALIDATION_FAILED');
    }
    // an allow entry must span a match of this case and be in its text
    for (const body of [
      { allow: [{ text: 'cocaine', category: 'drugs' }] },
      { allow: [{ text: 'surgery', category: 'drugs' }] },
      { allow: [{ text: 'ketamine to sedate', category: 'spam' }] },
      // the bare term would switch it off everywhere
      { allow: [{ text: 'Ketamine', category: 'drugs' }] },
      { narrow: [{ term: 'heroin', category: 'drugs', lang: 'pt' }] },
      { narrow: [{ term: 'ketamine', category: 'drugs' }] },
      {},
    ]) {
      const error = await failure(client.reportFalsePositive(caseId, body));
      expect(error.status, JSON.stringify(body)).toBe(422);
      expect(error.code).toBe('LEXICON_CHANGE_REFUSED');
    }
    expect((await activeVersion()).version).toBe(before.version);
  });

  it('needs an overturned automated case', async () => {
    const moderator = await signedInStaff(test, 'fp_open_mod', 'moderator');
    const author = await signedIn(test, 'vet_three', IPS.US);
    const note = await author.client.notes.create({ body: VET_STORY });
    const caseId = (
      await moderator.client.moderation.cases({ source: 'automated', limit: 100 })
    ).items.find((item) => item.targetId === note.id)!.id;
    const allow = [{ text: 'ketamine to sedate', category: 'drugs' }];
    // still open
    let error = await failure(moderator.client.moderation.reportFalsePositive(caseId, { allow }));
    expect(error.code).toBe('FALSE_POSITIVE_INELIGIBLE');
    // upheld: removed
    await moderator.client.moderation.claim(caseId);
    await moderator.client.moderation.decide(caseId, { decision: 'remove', reasonCode: 'drugs' });
    error = await failure(moderator.client.moderation.reportFalsePositive(caseId, { allow }));
    expect(error.code).toBe('FALSE_POSITIVE_INELIGIBLE');
  });

  it('is refused to analysts and to moderators outside the case scope', async () => {
    const moderator = await signedInStaff(test, 'fp_scope_mod', 'moderator');
    const { caseId } = await overturnedHold(moderator, 'vet_four', VET_STORY);
    const allow = [{ text: 'ketamine to sedate', category: 'drugs' }];
    const analyst = await signedInStaff(test, 'fp_numbers', 'analyst');
    const denied = await failure(analyst.client.moderation.reportFalsePositive(caseId, { allow }));
    expect(denied.status).toBe(403);
    expect(denied.code).toBe('FORBIDDEN');
    const elsewhere = await signedInStaff(test, 'fp_far_mod', 'moderator', { regions: ['JP'] });
    const hidden = await failure(
      elsewhere.client.moderation.reportFalsePositive(caseId, { allow }),
    );
    expect(hidden.status).toBe(404);
    expect(await auditRows(test, 'policy.publish')).toHaveLength(1);
  });
});
