import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaffTestApp } from '../../../test/fixtures/staff.js';
import { failure, IPS, signedIn, type TestApp } from '../../../test/helper.js';

// Around a note: "not interested" in discover, likes on comments, the Liked list of a profile.
// One app for the file; every test makes its own accounts.

let test: TestApp;
beforeAll(async () => {
  test = await buildStaffTestApp();
});
afterAll(async () => {
  await test?.close();
});

type Client = Awaited<ReturnType<typeof signedIn>>['client'];

/** Every note of the reader's discover, page after page, in order. */
async function discoverIds(client: Client): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.feeds.discover({ limit: 5, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((note) => note.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe('not interested', () => {
  it('takes the note out of the reader’s discover at once, then puts its author last; undo brings it back', async () => {
    const pia = await signedIn(test, 'ni_pia');
    const ben = await signedIn(test, 'ni_ben');
    const reader = await signedIn(test, 'ni_reader');
    const other = await signedIn(test, 'ni_other');
    const [a1, a2] = [
      await pia.client.notes.create({ body: 'Pia one' }),
      await pia.client.notes.create({ body: 'Pia two' }),
    ];
    const [b1, b2] = [
      await ben.client.notes.create({ body: 'Ben one' }),
      await ben.client.notes.create({ body: 'Ben two' }),
    ];
    const before = await discoverIds(reader.client);
    expect(before).toEqual(expect.arrayContaining([a1.id, a2.id, b1.id, b2.id]));

    await reader.client.notes.notInterested(a1.id);
    await reader.client.notes.notInterested(a1.id); // idempotent
    // the same snapshot: the note is gone, nothing else moved
    const now = await discoverIds(reader.client);
    expect(now).not.toContain(a1.id);
    expect(now).toEqual(before.filter((id) => id !== a1.id));
    // nobody else is affected
    expect(await discoverIds(other.client)).toContain(a1.id);

    // a new snapshot (a note published rebuilds it) puts the author behind everyone else
    const fresh = await ben.client.notes.create({ body: 'Ben three' });
    const learned = await discoverIds(reader.client);
    expect(learned).toContain(fresh.id);
    expect(learned).toContain(a2.id);
    expect(learned).not.toContain(a1.id);
    const piaAt = learned.indexOf(a2.id);
    for (const id of [b1.id, b2.id, fresh.id]) expect(learned.indexOf(id)).toBeLessThan(piaAt);

    // undo: the note is back for the reader
    await reader.client.notes.interested(a1.id);
    await reader.client.notes.interested(a1.id);
    expect(await discoverIds(reader.client)).toContain(a1.id);
  });

  it('needs a session and a note the reader can see', async () => {
    const writer = await signedIn(test, 'ni_writer');
    const note = await writer.client.notes.create({ body: 'Ordinary day' });
    const anonymous = await failure(test.client({}).notes.notInterested(note.id));
    expect(anonymous.status).toBe(401);
    const held = await writer.client.notes.create({ body: 'who can get c0caine tonight' });
    const reader = await signedIn(test, 'ni_reader2');
    const missing = await failure(reader.client.notes.notInterested(held.id));
    expect(missing.status).toBe(404);
    await writer.client.users.block('ni_reader2');
    const blocked = await failure(reader.client.notes.notInterested(note.id));
    expect(blocked.status).toBe(404);
  });
});

describe('likes on comments', () => {
  it('count once per account, show the viewer’s own like, and can be taken back', async () => {
    const host = await signedIn(test, 'cl_host');
    const fan = await signedIn(test, 'cl_fan');
    const fan2 = await signedIn(test, 'cl_fan2');
    const note = await host.client.notes.create({ body: 'Tea or coffee?' });
    const comment = await host.client.notes.comment(note.id, { body: 'Tea, always' });
    expect(comment).toMatchObject({ likeCount: 0, liked: false });
    await Promise.all([
      fan.client.comments.like(comment.id),
      fan.client.comments.like(comment.id),
      fan2.client.comments.like(comment.id),
    ]);
    const [seenByFan] = (await fan.client.notes.comments(note.id)).items;
    expect(seenByFan).toMatchObject({ likeCount: 2, liked: true });
    const [seenByHost] = (await host.client.notes.comments(note.id)).items;
    expect(seenByHost).toMatchObject({ likeCount: 2, liked: false });
    const [seenAnonymously] = (await test.client({}).notes.comments(note.id)).items;
    expect(seenAnonymously).toMatchObject({ likeCount: 2, liked: false });
    await fan.client.comments.unlike(comment.id);
    await fan.client.comments.unlike(comment.id);
    const [after] = (await fan.client.notes.comments(note.id)).items;
    expect(after).toMatchObject({ likeCount: 1, liked: false });

    // replies too
    const reply = await fan.client.notes.comment(note.id, {
      body: 'Coffee!',
      parentId: comment.id,
    });
    await host.client.comments.like(reply.id);
    const replies = await host.client.comments.replies(comment.id);
    expect(replies.items[0]).toMatchObject({ id: reply.id, likeCount: 1, liked: true });
    const anonymous = await failure(test.client({}).comments.like(comment.id));
    expect(anonymous.status).toBe(401);
  });

  it('refuse comments held, removed, withheld in the region or across a block (404)', async () => {
    const host = await signedIn(test, 'cl_host2');
    const note = await host.client.notes.create({ body: 'Weekend plans?' });
    const writer = await signedIn(test, 'cl_writer');
    const liker = await signedIn(test, 'cl_liker');

    const held = await writer.client.notes.comment(note.id, {
      body: 'who can get c0caine tonight',
    });
    expect(held.status).toBe('pending_review');
    for (const who of [liker, writer]) {
      const refused = await failure(who.client.comments.like(held.id));
      expect(refused.status).toBe(404);
      expect(refused.code).toBe('COMMENT_NOT_FOUND');
    }

    const removed = await writer.client.notes.comment(note.id, { body: 'Going hiking' });
    await test.database.db
      .updateTable('comments')
      .set({ status: 'removed' })
      .where('id', '=', removed.id)
      .execute();
    expect((await failure(liker.client.comments.like(removed.id))).code).toBe('COMMENT_NOT_FOUND');

    // the shipped policy withholds cannabis content in China
    const withheld = await writer.client.notes.comment(note.id, {
      body: 'Legal weed in LA is wild',
    });
    const inChina = await signedIn(test, 'cl_china', IPS.GUANGDONG);
    expect((await failure(inChina.client.comments.like(withheld.id))).status).toBe(404);
    await liker.client.comments.like(withheld.id);

    const fine = await writer.client.notes.comment(note.id, { body: 'Reading a book' });
    await writer.client.users.block('cl_liker');
    expect((await failure(liker.client.comments.like(fine.id))).code).toBe('COMMENT_NOT_FOUND');
    const counts = await test.database.db
      .selectFrom('comments')
      .select(['id', 'like_count'])
      .where('note_id', '=', note.id)
      .execute();
    const likes = Object.fromEntries(counts.map((row) => [row.id, row.like_count]));
    expect(likes).toEqual({ [held.id]: 0, [removed.id]: 0, [withheld.id]: 1, [fine.id]: 0 });
  });
});

describe('the Liked list', () => {
  it('shows the owner what they liked, most recent first, page by page', async () => {
    const writer = await signedIn(test, 'lk_writer');
    const owner = await signedIn(test, 'lk_owner');
    const notes = [];
    for (const body of ['Morning run', 'Lunch spot', 'Night sky'])
      notes.push(await writer.client.notes.create({ body }));
    for (const note of notes) await owner.client.notes.like(note.id);
    const first = await owner.client.feeds.likes('lk_owner', { limit: 2 });
    expect(first.items.map((note) => note.id)).toEqual([notes[2]!.id, notes[1]!.id]);
    expect(first.items.every((note) => note.viewer.liked)).toBe(true);
    expect(first.nextCursor).not.toBeNull();
    const second = await owner.client.feeds.likes('lk_owner', {
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect(second.items.map((note) => note.id)).toEqual([notes[0]!.id]);
    expect(second.nextCursor).toBeNull();
    await owner.client.notes.unlike(notes[2]!.id);
    expect((await owner.client.feeds.likes('lk_owner')).items.map((note) => note.id)).toEqual([
      notes[1]!.id,
      notes[0]!.id,
    ]);
  });

  it('is the owner’s alone: 401 anonymous, 403 LIKES_PRIVATE for anyone else, even blocked', async () => {
    const owner = await signedIn(test, 'lk_private');
    const stranger = await signedIn(test, 'lk_stranger');
    const anonymous = await failure(test.client({}).feeds.likes('lk_private'));
    expect(anonymous.status).toBe(401);
    const refused = await failure(stranger.client.feeds.likes('lk_private'));
    expect(refused.status).toBe(403);
    expect(refused.code).toBe('LIKES_PRIVATE');
    await owner.client.users.block('lk_stranger');
    expect((await failure(stranger.client.feeds.likes('lk_private'))).code).toBe('LIKES_PRIVATE');
    expect((await failure(stranger.client.feeds.likes('lk_nobody_here'))).status).toBe(404);
  });

  it('leaves out notes the owner may no longer see: across a block, removed, withheld where they are', async () => {
    const owner = await signedIn(test, 'lk_owner3');
    const friend = await signedIn(test, 'lk_friend');
    const foe = await signedIn(test, 'lk_foe');
    const kept = await friend.client.notes.create({ body: 'Sunset walk' });
    const gone = await friend.client.notes.create({ body: 'Old photo' });
    const blocked = await foe.client.notes.create({ body: 'Hello there' });
    const weed = await friend.client.notes.create({ body: 'Legal weed in LA is wild' });
    for (const note of [kept, gone, blocked, weed]) await owner.client.notes.like(note.id);
    await foe.client.users.block('lk_owner3');
    await test.database.db
      .updateTable('notes')
      .set({ status: 'removed' })
      .where('id', '=', gone.id)
      .execute();
    const ids = (await owner.client.feeds.likes('lk_owner3')).items.map((note) => note.id);
    expect(ids).toEqual([weed.id, kept.id]);
    // the same owner reading from China does not get what is withheld there
    const fromChina = test.client({ token: owner.token, ip: IPS.GUANGDONG });
    const there = (await fromChina.feeds.likes('lk_owner3')).items.map((note) => note.id);
    expect(there).toEqual([kept.id]);
  });
});
