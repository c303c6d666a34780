import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  failure,
  IPS,
  signedIn,
  signUpByEmail,
  type TestApp,
} from '../../../test/helper.js';

let test: TestApp;

beforeAll(async () => {
  test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1' });
});

afterAll(async () => {
  await test?.close();
});

const countRows = async (table: 'notes' | 'comments' | 'risk_events' | 'moderation_cases') =>
  Number(
    (
      await test.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .executeTakeFirstOrThrow()
    ).count,
  );

describe('the inline check on every write', () => {
  it('refuses disguised sexual-services ads in every script with 422 and its reasons, storing nothing', async () => {
    const { client } = await signedIn(test, 'inline_writer');
    const texts = [
      'Ｅｓｃｏｒｔ ｓｅｒｖｉｃｅ tonight', // full-width Latin
      'e.s.c.o.r.t.s available', // dotted
      '援*交 加微信', // Chinese with a filler
      'yuan jiao jia wei xin', // pinyin
      'パパ活 募集中', // Japanese
      '조건만남 가능', // Korean
      'servicio de acompañantes hoy', // Spanish
      'garota de programa', // Portuguese
    ];
    const notesBefore = await countRows('notes');
    const risksBefore = await countRows('risk_events');
    for (const body of texts) {
      const error = await failure(client.notes.create({ body }));
      expect(error.status, body).toBe(422);
      expect(error.problem.code).toBe('CONTENT_REJECTED');
      const reasons = (error.problem as Record<string, unknown>).reasons as {
        ruleId: string;
        field: string;
      }[];
      expect(reasons.length, body).toBeGreaterThan(0);
      expect(reasons[0]).toMatchObject({ ruleId: 'adult-services', field: 'body' });
    }
    expect(await countRows('notes')).toBe(notesBefore);
    // each attempt counts for risk, without its text
    expect(await countRows('risk_events')).toBe(risksBefore + texts.length);
    const events = await test.database.db.selectFrom('risk_events').selectAll().execute();
    for (const event of events) {
      expect(event.kind).toBe('content_rejected');
      expect(JSON.stringify(event.data)).not.toMatch(/scort|programa|援|パパ|조건/);
    }
  });

  it('checks comments, display names, bios and handles', async () => {
    const { client, token } = await signedIn(test, 'inline_commenter');
    const note = await client.notes.create({ body: 'A quiet walk by the river' });
    const comment = await failure(client.notes.comment(note.id, { body: '约炮 私聊' }));
    expect(comment.problem.code).toBe('CONTENT_REJECTED');
    expect(await test.database.db.selectFrom('comments').selectAll().execute()).toHaveLength(0);

    // a profile cannot be held or withheld per region: anything beyond a label is refused
    const bio = await failure(client.me.update({ bio: 'I sell cocaine' }));
    expect(bio.problem.code).toBe('CONTENT_REJECTED');
    const name = await failure(client.me.update({ displayName: 'hookers here' }));
    expect(name.problem.code).toBe('CONTENT_REJECTED');
    expect((await test.client({ token }).me.get()).bio).toBe('');

    const handle = await failure(signUpByEmail(test, 'escorts_la'));
    expect(handle.problem.code).toBe('CONTENT_REJECTED');
    expect(
      await test.database.db
        .selectFrom('accounts')
        .select('id')
        .where('handle', '=', 'escorts_la')
        .execute(),
    ).toHaveLength(0);
  });

  it('holds a note for review: only its author sees it, marked, and a case opens', async () => {
    const { client, account } = await signedIn(test, 'inline_held');
    const reader = (await signedIn(test, 'inline_reader')).client;
    const casesBefore = await countRows('moderation_cases');
    const note = await client.notes.create({ title: 'Party', body: 'who can get c0caine tonight' });
    expect(note.status).toBe('pending_review');
    expect(note.moderation?.status).toBe('pending_review');
    const statement = note.moderation!.statements![0]!;
    expect(statement).toMatchObject({
      action: 'review',
      automated: true,
      targetId: note.id,
      rules: [{ id: 'drugs.hard' }],
    });
    expect(statement.facts[0]).toContain('body');
    expect(statement.appeal.allowed).toBe(true);
    expect(note.moderation!.reasons[0]).toContain('Held for review');

    expect((await failure(reader.notes.get(note.id))).status).toBe(404);
    expect((await failure(test.client().notes.get(note.id))).status).toBe(404);
    expect((await reader.feeds.user(account.handle)).items).toHaveLength(0);
    expect((await client.feeds.user(account.handle)).items.map((item) => item.id)).toEqual([
      note.id,
    ]);
    // a held note counts nowhere
    expect((await client.users.get(account.handle)).counts.notes).toBe(0);
    expect(await countRows('moderation_cases')).toBe(casesBefore + 1);
    const modCase = await test.database.db
      .selectFrom('moderation_cases')
      .selectAll()
      .where('target_id', '=', note.id)
      .executeTakeFirstOrThrow();
    expect(modCase).toMatchObject({ source: 'automated', category: 'drugs', status: 'open' });
    expect(modCase.priority).toBeGreaterThan(0);
    const decision = await test.database.db
      .selectFrom('moderation_decisions')
      .selectAll()
      .where('target_id', '=', note.id)
      .executeTakeFirstOrThrow();
    expect(decision).toMatchObject({ source: 'automated', action: 'review', case_id: modCase.id });
    expect(decision.evidence[0]).toMatchObject({ field: 'body', ruleId: 'drugs.hard' });
    expect(decision.policy_version).toMatch(/^\d{4}\./);
  });

  it('re-checks an edit: a refused edit leaves the note as it was', async () => {
    const { client } = await signedIn(test, 'inline_editor');
    const note = await client.notes.create({ body: 'Sunset at the beach' });
    const error = await failure(client.notes.update(note.id, { body: 'sugar daddy wanted' }));
    expect(error.problem.code).toBe('CONTENT_REJECTED');
    expect((await client.notes.get(note.id)).body).toBe('Sunset at the beach');
    const held = await client.notes.update(note.id, { body: 'selling fentanyl' });
    expect(held.status).toBe('pending_review');
  });
});

describe('region withholding on every read path', () => {
  let authorHandle: string;
  let noteId: string;
  const us = () => test.client({ ip: IPS.US });
  const cn = () => test.client({ ip: IPS.GUANGDONG });
  const br = () => test.client({ ip: IPS.BRAZIL });

  beforeAll(async () => {
    const author = await signedIn(test, 'la_grower', IPS.US);
    authorHandle = author.account.handle;
    const note = await author.client.notes.create({
      title: 'Dispensary haul',
      body: 'Legal weed in LA is wild #cannabisculture',
    });
    noteId = note.id;
    await author.client.notes.comment(noteId, { body: 'Thanks for reading' });
    await test.settle();
  });

  it('shows the note in the US with its label, and answers 451 with the notice in China', async () => {
    const seen = await us().notes.get(noteId);
    expect(seen.labels).toEqual(['Mentions cannabis']);
    expect(seen.moderation).toBeUndefined();
    const error = await failure(cn().notes.get(noteId));
    expect(error.status).toBe(451);
    expect(error.problem.code).toBe('WITHHELD_IN_REGION');
    const notice = error.problem as Record<string, unknown>;
    expect(notice.region).toBe('CN');
    expect(String(notice.reason)).toContain('drugs.cannabis');
  });

  it('tells the author where and why it is withheld', async () => {
    const author = await test.client({ ip: IPS.US }).auth.login({
      login: `${authorHandle}@example.org`,
      password: 'correct horse battery staple',
    });
    const note = await test.client({ token: author.token, ip: IPS.US }).notes.get(noteId);
    expect(note.moderation?.withheldIn).toContain('CN');
    expect(note.moderation?.withheldIn).toContain('SG');
    expect(note.moderation?.withheldIn).not.toContain('US');
    expect(note.moderation?.labels).toEqual(['Mentions cannabis']);
    expect(note.moderation?.statements?.[0]).toMatchObject({ action: 'limit', automated: true });
    expect(note.moderation?.statements?.[0]?.regions).toContain('CN');
    const statements = await test.client({ token: author.token }).me.statements();
    expect(statements.items.map((item) => item.targetId)).toContain(noteId);
  });

  it('keeps it out of every list in China and out of recommendations where it is limited', async () => {
    const ids = (page: { items: unknown[] }) =>
      (page.items as { id: string }[]).map((item) => item.id);
    expect(ids(await us().feeds.discover())).toContain(noteId);
    expect(ids(await cn().feeds.discover())).not.toContain(noteId);
    // limited (not recommended) in Brazil, but still reachable directly and by search
    expect(ids(await br().feeds.discover())).not.toContain(noteId);
    expect((await br().notes.get(noteId)).id).toBe(noteId);

    expect(ids(await us().topics.notes('cannabisculture', { sort: 'new' }))).toEqual([noteId]);
    expect(ids(await us().topics.notes('cannabisculture', { sort: 'hot' }))).toEqual([noteId]);
    expect(ids(await cn().topics.notes('cannabisculture', { sort: 'new' }))).toEqual([]);
    expect(ids(await cn().topics.notes('cannabisculture', { sort: 'hot' }))).toEqual([]);
    expect(ids(await br().topics.notes('cannabisculture', { sort: 'new' }))).toEqual([]);

    expect((await us().topics.get('cannabisculture')).counts.notes).toBe(1);
    expect((await us().topics.get('cannabisculture')).counts.discussions).toBe(1);
    expect((await cn().topics.get('cannabisculture')).counts).toEqual({
      notes: 0,
      views: 0,
      discussions: 0,
    });

    expect(ids(await us().search('dispensary'))).toContain(noteId);
    expect(ids(await cn().search('dispensary'))).not.toContain(noteId);
    expect(ids(await us().feeds.user(authorHandle))).toContain(noteId);
    expect(ids(await cn().feeds.user(authorHandle))).not.toContain(noteId);

    expect((await us().notes.comments(noteId)).items).toHaveLength(1);
    expect((await failure(cn().notes.comments(noteId))).status).toBe(404);
  });

  it('keeps it out of trending and the following feed where it may not be recommended', async () => {
    const follower = await signedIn(test, 'cn_follower', IPS.GUANGDONG);
    await follower.client.users.follow(authorHandle);
    expect((await follower.client.feeds.following()).items).toHaveLength(0);
    const usFollower = await signedIn(test, 'us_follower', IPS.US);
    await usFollower.client.users.follow(authorHandle);
    expect((await usFollower.client.feeds.following()).items.map((item) => item.id)).toContain(
      noteId,
    );
    // enough activity to trend, then compare regions
    for (const name of ['t1', 't2']) {
      const extra = await signedIn(test, `trend_${name}`, IPS.US);
      await extra.client.notes.create({ body: `More weed talk #cannabisculture ${name}` });
    }
    await test.settle();
    const tags = (page: { items: { tag: string }[] }) => page.items.map((item) => item.tag);
    expect(tags(await us().topics.trending())).toContain('cannabisculture');
    expect(tags(await cn().topics.trending())).not.toContain('cannabisculture');
  });

  it('falls back to the account region when the address has none', async () => {
    const local = await signedIn(test, 'cn_local', IPS.GUANGDONG);
    // a private address has no country: the account's last known country (CN) applies
    const error = await failure(
      test.client({ token: local.token, ip: '10.0.0.7' }).notes.get(noteId),
    );
    expect(error.status).toBe(451);
  });
});

describe('blocks', () => {
  it('hide each side from the other everywhere and end follows', async () => {
    const alice = await signedIn(test, 'block_alice');
    const bob = await signedIn(test, 'block_bob');
    await bob.client.users.follow('block_alice');
    await alice.client.users.follow('block_bob');
    const aliceNote = await alice.client.notes.create({ body: 'Alice writes about #blocktest' });
    const bobNote = await bob.client.notes.create({ body: 'Bob writes about #blocktest' });
    await bob.client.notes.comment(aliceNote.id, { body: 'Bob was here' });

    await alice.client.users.block('block_bob');
    await alice.client.users.block('block_bob'); // idempotent
    expect((await alice.client.users.get('block_bob')).viewer?.blocking).toBe(true);
    expect((await bob.client.users.get('block_alice')).viewer?.blocking).toBe(false);
    expect((await alice.client.me.blocks()).items.map((item) => item.handle)).toEqual([
      'block_bob',
    ]);
    expect((await alice.client.users.get('block_alice')).counts.followers).toBe(0);
    expect((await alice.client.users.get('block_alice')).counts.following).toBe(0);

    expect((await failure(bob.client.notes.get(aliceNote.id))).status).toBe(404);
    expect((await failure(alice.client.notes.get(bobNote.id))).status).toBe(404);
    expect((await bob.client.feeds.user('block_alice')).items).toHaveLength(0);
    const topic = (await bob.client.topics.notes('blocktest', { sort: 'new' })).items;
    expect(topic.map((item) => item.id)).toEqual([bobNote.id]);
    expect(
      ((await alice.client.search('writes')).items as { id: string }[]).map((item) => item.id),
    ).not.toContain(bobNote.id);
    // Bob's comment disappears for Alice; Bob cannot comment, like or follow any more
    expect((await alice.client.notes.comments(aliceNote.id)).items).toHaveLength(0);
    expect((await failure(bob.client.notes.like(aliceNote.id))).status).toBe(404);
    const follow = await failure(bob.client.users.follow('block_alice'));
    expect(follow.problem.code).toBe('BLOCKED');
    expect((await failure(alice.client.users.block('block_alice'))).problem.code).toBe(
      'CANNOT_BLOCK_SELF',
    );

    await alice.client.users.unblock('block_bob');
    expect((await alice.client.users.get('block_bob')).viewer?.blocking).toBe(false);
    expect((await bob.client.notes.get(aliceNote.id)).id).toBe(aliceNote.id);
    expect((await alice.client.notes.comments(aliceNote.id)).items).toHaveLength(1);
  });
});
