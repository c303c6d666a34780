import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenePng } from '../../../test/fixtures/scenes.js';
import { auditRows, signedInStaff } from '../../../test/fixtures/staff.js';
import { buildTestApp, signedIn, type TestApp } from '../../../test/helper.js';
import { createHashBank } from './hash-bank.js';
import type { MediaChecker } from './media-check.js';

// What the hash bank keeps (docs/media.md, "The bank"): only pictures a person judged. An
// automated block banks nothing until a moderator upholds it; a ban or suspension for spam banks
// the account's removed pictures; an appeal that restores a note unbanks what its removal banked,
// and only that.

/** Images 202 pixels wide are explicit to this checker (a port; the model is not needed here). */
const BLOCKED_WIDTH = 202;
const explicitByWidth: MediaChecker = {
  name: 'explicit',
  async check(input) {
    return input.width === BLOCKED_WIDTH
      ? [
          {
            checker: 'explicit',
            category: 'sexual.explicit',
            action: 'block',
            score: 0.99,
            detail: { classes: { Porn: 0.99 } },
          },
        ]
      : [];
  },
};

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp(
    { ATRIUM_DISABLE_RATE_LIMITS: '1' },
    { mediaCheckers: [explicitByWidth] },
  );
});
afterAll(async () => {
  await test?.close();
});

type Client = Awaited<ReturnType<typeof signedIn>>['client'];

/** A note of `client` with one picture (scene `seed`), its checks run. */
async function noteWithPicture(client: Client, seed: number, width = 480) {
  const picture = await scenePng(seed, width, (width * 3) / 4);
  const media = await client.media.upload(
    new Blob([new Uint8Array(picture)], { type: 'image/png' }),
    'picture.png',
  );
  const note = await client.notes.create({
    body: `cheap watches ${seed}`,
    lang: 'en',
    mediaIds: [media.id],
  });
  await test.mediaChecks.runPending();
  return { picture, media, note };
}

/** Reports a note and has `reviewer` claim its case; answers the case id. */
async function reportedCase(
  noteId: string,
  reporter: Client,
  reviewer: Client,
  reason: 'spam' | 'scam' = 'spam',
) {
  await reporter.reports.create({ targetType: 'note', targetId: noteId, reason });
  const caseId = (await reviewer.moderation.cases({ limit: 100 })).items.find(
    (item) => item.targetId === noteId,
  )!.id;
  await reviewer.moderation.claim(caseId);
  return caseId;
}

const bankedBy = (decisionId: string) =>
  test.database.db
    .selectFrom('hash_bank')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .execute();

const decisionOfCase = async (caseId: string) =>
  (
    await test.database.db
      .selectFrom('moderation_cases')
      .select('decision_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow()
  ).decision_id!;

describe('automated removals', () => {
  it('bank nothing until a moderator upholds the removal on appeal', async () => {
    const author = await signedIn(test, 'auto_author');
    const reviewer = await signedInStaff(test, 'auto_rev', 'moderator', { languages: ['en'] });
    const { media, note } = await noteWithPicture(author.client, 71, BLOCKED_WIDTH);
    const statement = (await author.client.me.statements()).items.find(
      (item) => item.targetId === note.id,
    )!;
    expect(statement).toMatchObject({ action: 'remove', automated: true });
    const mediaRows = () =>
      test.database.db
        .selectFrom('hash_bank')
        .selectAll()
        .where('media_id', '=', media.id)
        .execute();
    expect(await mediaRows()).toEqual([]);

    const appeal = await author.client.appeals.create({
      decisionId: statement.id,
      statement: 'It is a watch',
    });
    await reviewer.client.moderation.claim(appeal.id);
    await reviewer.client.moderation.decide(appeal.id, {
      decision: 'remove',
      reasonCode: 'sexual.explicit',
    });
    const upheld = await decisionOfCase(appeal.id);
    const rows = await mediaRows();
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.every((row) => row.decision_id === upheld)).toBe(true);
  });
});

describe('bans and suspensions', () => {
  it('for spam bank the pictures of the account’s removed notes', async () => {
    const spammer = await signedIn(test, 'ban_spammer');
    const reporter = await signedIn(test, 'ban_reporter');
    const reviewer = await signedInStaff(test, 'ban_rev', 'moderator', { languages: ['en'] });
    const first = await noteWithPicture(spammer.client, 72);
    const second = await noteWithPicture(spammer.client, 73);
    const caseId = await reportedCase(first.note.id, reporter.client, reviewer.client);
    await reviewer.client.moderation.decide(caseId, {
      decision: 'remove',
      reasonCode: 'spam.commercial',
      accountAction: { type: 'ban' },
    });
    const [ban] = await auditRows(test, 'account.ban');
    const banId = (ban!.data as { decisionId: string }).decisionId;
    expect(ban!.data).toMatchObject({ bankedImages: 2 });
    // the ban removed both notes: both pictures are banked under it
    const rows = await bankedBy(banId);
    expect(new Set(rows.map((row) => row.media_id))).toEqual(
      new Set([first.media.id, second.media.id]),
    );
    expect(rows.filter((row) => row.whole)).toHaveLength(2);
  });

  it('for spam bank only the notes already removed; for other reasons nothing', async () => {
    const spammer = await signedIn(test, 'sus_spammer');
    const reporter = await signedIn(test, 'sus_reporter');
    const reviewer = await signedInStaff(test, 'sus_rev', 'moderator', { languages: ['en'] });
    const removed = await noteWithPicture(spammer.client, 74);
    const kept = await noteWithPicture(spammer.client, 75);
    // the first note removed for a scam (banked under that removal), the author not sanctioned
    const scamCase = await reportedCase(removed.note.id, reporter.client, reviewer.client, 'scam');
    await reviewer.client.moderation.decide(scamCase, {
      decision: 'remove',
      reasonCode: 'policy.scam',
    });
    // a suspension for a scam banks nothing more
    const keptCase = await reportedCase(kept.note.id, reporter.client, reviewer.client, 'scam');
    await reviewer.client.moderation.decide(keptCase, {
      decision: 'approve',
      reasonCode: 'policy.scam',
      accountAction: { type: 'suspend', days: 3 },
    });
    const scamSuspension = await decisionIdOf('account.suspend', spammer.account.id);
    expect(await bankedBy(scamSuspension)).toEqual([]);
    // a suspension for spam banks the removed note's picture, not the published one's
    await reporter.client.reports.create({
      targetType: 'account',
      targetId: spammer.account.id,
      reason: 'spam',
    });
    const accountCase = (await reviewer.client.moderation.cases({ limit: 100 })).items.find(
      (item) => item.targetId === spammer.account.id,
    )!.id;
    await reviewer.client.moderation.claim(accountCase);
    await reviewer.client.moderation.decide(accountCase, {
      decision: 'approve',
      reasonCode: 'spam.bulk',
      accountAction: { type: 'suspend', days: 7 },
    });
    const spamSuspension = await decisionIdOf('account.suspend', spammer.account.id);
    expect(spamSuspension).not.toBe(scamSuspension);
    const rows = await bankedBy(spamSuspension);
    expect(new Set(rows.map((row) => row.media_id))).toEqual(new Set([removed.media.id]));
  });
});

/** The decision of the newest audit record `action` about `accountId`. */
async function decisionIdOf(action: string, accountId: string): Promise<string> {
  const rows = (await auditRows(test, action)).filter((row) => row.target_id === accountId);
  return (rows.at(-1)!.data as { decisionId: string }).decisionId;
}

describe('an appeal that restores a note', () => {
  it('unbanks what its removal banked, and only that', async () => {
    const author = await signedIn(test, 'unbank_author');
    const other = await signedIn(test, 'unbank_other');
    const reporter = await signedIn(test, 'unbank_reporter');
    const reviewer = await signedInStaff(test, 'unbank_rev', 'moderator', { languages: ['en'] });
    const appealsReviewer = await signedInStaff(test, 'unbank_rev2', 'moderator', {
      languages: ['en'],
    });
    // one picture: in a note of each account, and in an imported list
    const mine = await noteWithPicture(author.client, 76);
    const theirs = await noteWithPicture(other.client, 76);
    const bank = createHashBank({ db: test.database.db });
    await bank.importList(`${await storedHash(mine.media.id)}\n`, 'ngo-list');

    const mineCase = await reportedCase(mine.note.id, reporter.client, reviewer.client);
    await reviewer.client.moderation.decide(mineCase, {
      decision: 'remove',
      reasonCode: 'spam.commercial',
    });
    const theirsCase = await reportedCase(theirs.note.id, reporter.client, reviewer.client);
    await reviewer.client.moderation.decide(theirsCase, {
      decision: 'remove',
      reasonCode: 'spam.commercial',
    });
    const removal = await decisionOfCase(mineCase);
    const otherRemoval = await decisionOfCase(theirsCase);
    const removalRows = (await bankedBy(removal)).length;
    expect(removalRows).toBeGreaterThan(30);
    const otherRows = (await bankedBy(otherRemoval)).length;
    const before = await bank.size();

    const statement = (await author.client.me.statements()).items.find(
      (item) => item.targetId === mine.note.id && item.action === 'remove',
    )!;
    const appeal = await author.client.appeals.create({
      decisionId: statement.id,
      statement: 'My own photo',
    });
    await appealsReviewer.client.moderation.claim(appeal.id);
    await appealsReviewer.client.moderation.decide(appeal.id, {
      decision: 'approve',
      reasonCode: 'appeal.granted',
    });
    expect((await other.client.notes.get(mine.note.id)).status).toBe('published');
    expect(await bankedBy(removal)).toEqual([]);
    expect(await bankedBy(otherRemoval)).toHaveLength(otherRows);
    const imported = await test.database.db
      .selectFrom('hash_bank')
      .select('hash')
      .where('list_name', '=', 'ngo-list')
      .execute();
    expect(imported).toHaveLength(1);
    const [audit] = (await auditRows(test, 'case.decide.approve')).filter(
      (row) => (row.data as { caseId: string }).caseId === appeal.id,
    );
    expect(audit!.data).toMatchObject({ unbankedHashes: removalRows });
    // a bank that had loaded the rows sees them go
    expect(await bank.size()).toBe(before - removalRows);
    // the picture still matches, through the other removal and the list
    const match = await bank.match(imported[0]!.hash, 0);
    expect(match).not.toBeNull();
  });
});

/** The perceptual hash the upload stored (the one the checker and the farm graph read). */
async function storedHash(mediaId: string): Promise<string> {
  const row = await test.database.db
    .selectFrom('media')
    .select('phash')
    .where('id', '=', mediaId)
    .executeTakeFirstOrThrow();
  return row.phash!;
}
