import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaffTestApp } from '../../../test/fixtures/staff.js';
import { failure, IPS, signedIn, type TestApp } from '../../../test/helper.js';

// A comment the viewer may not see — withheld in their region, or written by someone who blocked
// them — cannot be answered or reported: both get the answer of a comment that does not exist.

let test: TestApp;
let host: Awaited<ReturnType<typeof signedIn>>;
let noteId: string;

beforeAll(async () => {
  test = await buildStaffTestApp();
  host = await signedIn(test, 'hc_host', IPS.US);
  noteId = (await host.client.notes.create({ body: 'Tell me about your weekend' })).id;
});

afterAll(async () => {
  await test?.close();
});

describe('comments hidden from the viewer', () => {
  it('refuses a reply under a comment withheld in the replier’s region (404), not elsewhere', async () => {
    const writer = await signedIn(test, 'hc_writer', IPS.US);
    // the shipped policy withholds cannabis content in China
    const withheld = await writer.client.notes.comment(noteId, {
      body: 'Legal weed in LA is wild',
    });
    const inChina = await signedIn(test, 'hc_china', IPS.GUANGDONG);
    const refused = await failure(
      inChina.client.notes.comment(noteId, { body: 'What?', parentId: withheld.id }),
    );
    expect(refused.status).toBe(404);
    expect(refused.code).toBe('COMMENT_NOT_FOUND');
    const inUs = await signedIn(test, 'hc_us', IPS.US);
    const reply = await inUs.client.notes.comment(noteId, { body: 'Nice', parentId: withheld.id });
    expect(reply.parentId).toBe(withheld.id);
    const stored = await test.database.db
      .selectFrom('comments')
      .select('id')
      .where('parent_id', '=', withheld.id)
      .execute();
    expect(stored.map((row) => row.id)).toEqual([reply.id]);
  });

  it('refuses a reply under the comment of someone who blocked the replier (404)', async () => {
    const blocker = await signedIn(test, 'hc_blocker', IPS.US);
    const comment = await blocker.client.notes.comment(noteId, { body: 'My two cents' });
    const blocked = await signedIn(test, 'hc_blocked', IPS.US);
    await blocker.client.users.block(blocked.account.handle);
    const refused = await failure(
      blocked.client.notes.comment(noteId, { body: 'Hey', parentId: comment.id }),
    );
    expect(refused.status).toBe(404);
    expect(refused.code).toBe('COMMENT_NOT_FOUND');
    // nor the other way round
    await blocked.client.notes.comment(noteId, { body: 'My own thread' }).then(async (own) => {
      const back = await failure(
        blocker.client.notes.comment(noteId, { body: 'No', parentId: own.id }),
      );
      expect(back.status).toBe(404);
    });
  });

  it('refuses reports of a comment the reporter cannot see (404), and of one on a note they cannot see', async () => {
    const writer = await signedIn(test, 'hc_rep_writer', IPS.US);
    const withheld = await writer.client.notes.comment(noteId, {
      body: 'Legal weed in LA is wild',
    });
    const reporter = await signedIn(test, 'hc_reporter', IPS.GUANGDONG);
    const own = await failure(
      reporter.client.reports.create({
        targetType: 'comment',
        targetId: withheld.id,
        reason: 'illegal',
      }),
    );
    expect(own.status).toBe(404);

    // a plain comment under a note withheld in China
    const author = await signedIn(test, 'hc_rep_author', IPS.US);
    const note = await author.client.notes.create({ body: 'Legal weed in LA is wild' });
    const plain = await writer.client.notes.comment(note.id, { body: 'Nice photo' });
    const onHidden = await failure(
      reporter.client.reports.create({ targetType: 'comment', targetId: plain.id, reason: 'spam' }),
    );
    expect(onHidden.status).toBe(404);
    expect(onHidden.code).toBe('NOT_FOUND');

    const filed = await test.database.db
      .selectFrom('reports')
      .select('id')
      .where('reporter_id', '=', reporter.account.id)
      .execute();
    expect(filed).toHaveLength(0);
    // from where it is shown, the same report is taken
    const inUs = await signedIn(test, 'hc_rep_us', IPS.US);
    await inUs.client.reports.create({ targetType: 'comment', targetId: plain.id, reason: 'spam' });
  });
});
