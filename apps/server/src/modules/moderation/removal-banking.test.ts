import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEdit, asDetail, scenePng } from '../../../test/fixtures/scenes.js';
import { auditRows, buildStaffTestApp, signedInStaff } from '../../../test/fixtures/staff.js';
import { signedIn, type TestApp } from '../../../test/helper.js';
import { createHashBank } from '../media/hash-bank.js';
import { createHashChecker } from '../media/hash-checker.js';

// A moderator's removal banks the note's pictures (docs/media.md, "Known-bad hashes"): the same
// picture uploaded again, re-encoded, is then a finding of the hash checker.

let test: TestApp;

beforeAll(async () => {
  test = await buildStaffTestApp();
});

afterAll(async () => {
  await test?.close();
});

/** A note with one picture, reported, and its case claimed by a moderator. */
async function reportedNoteWithPicture(handle: string, seed: number) {
  const author = await signedIn(test, handle);
  const picture = await scenePng(seed, 640, 480);
  const media = await author.client.media.upload(
    new Blob([new Uint8Array(picture)], { type: 'image/png' }),
    'picture.png',
  );
  const note = await author.client.notes.create({
    body: 'cheap watches, message me',
    lang: 'en',
    mediaIds: [media.id],
  });
  await (await signedIn(test, `${handle}_rep`)).client.reports.create({
    targetType: 'note',
    targetId: note.id,
    reason: 'spam',
  });
  const moderator = await signedInStaff(test, `${handle}_mod`, 'moderator', {
    languages: ['en'],
  });
  const caseId = (await moderator.client.moderation.cases({ limit: 100 })).items.find(
    (item) => item.targetId === note.id,
  )!.id;
  await moderator.client.moderation.claim(caseId);
  return { picture, media, note, moderator, caseId };
}

const bankRows = () => test.database.db.selectFrom('hash_bank').selectAll().execute();

describe('banking on removal', () => {
  it('an approval banks nothing', async () => {
    const { moderator, caseId } = await reportedNoteWithPicture('bank_ok', 61);
    await moderator.client.moderation.decide(caseId, {
      decision: 'approve',
      reasonCode: 'no_violation',
    });
    expect(await bankRows()).toEqual([]);
  });

  it("a removal banks the note's picture with the decision, and a re-upload then matches", async () => {
    const { picture, media, moderator, caseId } = await reportedNoteWithPicture('bank_rm', 62);
    await moderator.client.moderation.decide(caseId, {
      decision: 'remove',
      reasonCode: 'spam.commercial',
    });
    const { decision_id: decisionId } = await test.database.db
      .selectFrom('moderation_cases')
      .select('decision_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const rows = await bankRows();
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.filter((row) => row.whole)).toHaveLength(1);
    for (const row of rows)
      expect(row).toMatchObject({
        source: 'removed',
        media_id: media.id,
        case_id: caseId,
        decision_id: decisionId,
        list_name: null,
      });
    const [audit] = await auditRows(test, 'case.decide.remove');
    expect(audit!.data).toMatchObject({ caseId, bankedImages: 1 });

    const checker = createHashChecker({ bank: createHashBank({ db: test.database.db }) });
    const again = await asDetail(await applyEdit(picture, { kind: 'jpeg', quality: 55 }));
    const [finding] = await checker.check({
      bytes: again,
      width: 640,
      height: 480,
      ownerId: 'someone-else',
    });
    expect(finding).toMatchObject({
      category: 'known_bad.removed',
      action: 'block',
      detail: { source: 'removed', caseId, decisionId },
    });
  });
});
