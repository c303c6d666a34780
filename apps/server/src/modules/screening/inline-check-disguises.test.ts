import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaffTestApp, signedInStaff } from '../../../test/fixtures/staff.js';
import { failure, signedIn, signUpByEmail, type TestApp } from '../../../test/helper.js';

// The inline check on handles, contact details, terms split between title and body, and the
// `via` (why a match fired) that reaches the staff console, through the API.

let test: TestApp;

beforeAll(async () => {
  test = await buildStaffTestApp();
});

afterAll(async () => {
  await test?.close();
});

/** The evidence of the automated decision recorded for a target. */
async function evidenceOf(targetId: string) {
  const row = await test.database.db
    .selectFrom('moderation_decisions')
    .select('evidence')
    .where('target_id', '=', targetId)
    .where('source', '=', 'automated')
    .executeTakeFirstOrThrow();
  return row.evidence;
}

describe('handles at sign-up', () => {
  it.each(['cocaine4sale', 'escortsnyc', 'buyheroinnow'])(
    'refuses %s, whose term hides inside the handle',
    async (handle) => {
      const error = await failure(signUpByEmail(test, handle));
      expect(error.problem.code).toBe('CONTENT_REJECTED');
      const stored = await test.database.db
        .selectFrom('accounts')
        .select('id')
        .where('handle', '=', handle)
        .execute();
      expect(stored).toHaveLength(0);
    },
  );

  it.each(['scunthorpe_fan', 'grape_lover', 'classic_cars', 'the_therapist'])(
    'accepts %s, where a term is only part of a longer word',
    async (handle) => {
      const { account } = await signUpByEmail(test, handle);
      expect(account.handle).toBe(handle);
    },
  );
});

describe('contact details in notes, comments, names and bios', () => {
  it('holds notes with national-format numbers and letter digits, and leaves dates alone', async () => {
    const { client } = await signedIn(test, 'contact_writer');
    for (const body of [
      'Lonely tonight? call (212) 555-0147',
      'new in town, 138OO138OOO',
      '연락 010-1234-5678',
      'msg me t . me / sweet_girl',
    ]) {
      const note = await client.notes.create({ body });
      expect(note.status, body).toBe('pending_review');
      const [span] = await evidenceOf(note.id);
      expect(span, body).toMatchObject({ field: 'body', category: 'fraud' });
    }
    const plain = await client.notes.create({
      body: 'Met on 2024-01-01 at 12:30, budget 600 000 000',
    });
    expect(plain.status).toBe('published');
  });

  it('refuses names and bios with messenger IDs (a profile cannot be held)', async () => {
    const { client } = await signedIn(test, 'contact_profile');
    expect((await failure(client.me.update({ bio: 'LINE: sweet_77' }))).problem.code).toBe(
      'CONTENT_REJECTED',
    );
    expect((await failure(client.me.update({ displayName: '카톡 abc_123' }))).problem.code).toBe(
      'CONTENT_REJECTED',
    );
    expect((await client.me.update({ bio: 'the bottom line: I love hiking' })).bio).toBe(
      'the bottom line: I love hiking',
    );
  });

  it('checks comments and edits the same way', async () => {
    const { client } = await signedIn(test, 'contact_commenter');
    const note = await client.notes.create({ body: 'A quiet walk by the river' });
    const comment = await client.notes.comment(note.id, { body: 'add me on kakao abcd12' });
    expect((await evidenceOf(comment.id)).map((span) => span.term)).toContain('<contact-id>');
    const edited = await client.notes.update(note.id, { body: 'ring 07700 900123 tonight' });
    expect(edited.status).toBe('pending_review');
  });
});

describe('trade slang of the shipped lexicon', () => {
  it('refuses escort-ad vocabulary and holds drug slang, in several languages', async () => {
    const { client } = await signedIn(test, 'slang_writer');
    for (const body of [
      'incall and outcall tonight',
      'chicas prepago en el centro',
      '神待ちの子',
    ]) {
      const error = await failure(client.notes.create({ body }));
      expect(error.problem.code, body).toBe('CONTENT_REJECTED');
    }
    for (const body of ['got xannies and percs', '出售听话水', '물뽕 구해요']) {
      const note = await client.notes.create({ body });
      expect(note.status, body).toBe('pending_review');
    }
    const innocent = await client.notes.create({ body: 'ice cream for sale, tarjeta prepago' });
    expect(innocent.status).toBe('published');
  });
});

describe('title and body read together', () => {
  it('finds a number split between the title and the body, with a span in each', async () => {
    const { client } = await signedIn(test, 'split_writer');
    const note = await client.notes.create({ title: 'call 138-0013', body: '8000 for fun' });
    expect(note.status).toBe('pending_review');
    const evidence = await evidenceOf(note.id);
    expect(evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'title', start: 5, end: 13, term: '<phone-number>' }),
        expect.objectContaining({ field: 'body', start: 0, end: 4, term: '<phone-number>' }),
      ]),
    );
    // each half alone is no number
    const half = await client.notes.create({ title: 'call 138-0013', body: 'see you' });
    expect(half.status).toBe('published');
    // a long title: only its end is read with the body, and the span still points into it
    const intro =
      'A long walk along the harbour at dusk, then noodles with friends and a slow ride home. ';
    const long = await client.notes.create({ title: `${intro}call 138-0013`, body: '8000' });
    expect(long.status).toBe('pending_review');
    expect(await evidenceOf(long.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'title',
          start: intro.length + 5,
          end: intro.length + 13,
          term: '<phone-number>',
        }),
        expect.objectContaining({ field: 'body', start: 0, end: 4, term: '<phone-number>' }),
      ]),
    );
  });
});

describe('why a match fired', () => {
  it('stores the folds with the evidence and shows them to moderators', async () => {
    const { client } = await signedIn(test, 'via_writer');
    const note = await client.notes.create({ body: 'who can get c0caine tonight' });
    expect(note.status).toBe('pending_review');
    expect(await evidenceOf(note.id)).toEqual([
      expect.objectContaining({ term: 'cocaine', via: ['leet'] }),
    ]);
    const moderator = await signedInStaff(test, 'via_checker', 'moderator');
    const item = (await moderator.client.moderation.cases({ limit: 100 })).items.find(
      (candidate) => candidate.targetId === note.id,
    )!;
    const detail = await moderator.client.moderation.get(item.id);
    expect(detail.evidence[0]).toMatchObject({ term: 'cocaine', via: ['leet'] });
  });
});
