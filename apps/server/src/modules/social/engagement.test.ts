import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, IPS, signedIn, type TestApp } from '../../../test/helper.js';

let test: TestApp;
beforeEach(async () => {
  test = await buildTestApp();
});
afterEach(async () => {
  await test.close();
});

const author = (handle: string, ip?: string) => signedIn(test, handle, ip);

async function noteCounts(id: string) {
  return test.database.db
    .selectFrom('notes')
    .select(['like_count', 'collect_count', 'comment_count'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

describe('likes and collects', () => {
  it('are idempotent and move the note and author counts once', async () => {
    const lin = await author('lin');
    const ana = await author('ana_b');
    const note = await lin.client.notes.create({ body: 'like me' });
    for (let repeat = 0; repeat < 3; repeat += 1) {
      await ana.client.notes.like(note.id);
      await ana.client.notes.collect(note.id);
    }
    const seen = await ana.client.notes.get(note.id);
    expect(seen.counts).toMatchObject({ likes: 1, collects: 1 });
    expect(seen.viewer).toEqual({ liked: true, collected: true });
    expect((await lin.client.users.get('lin')).counts.likesReceived).toBe(1);
    await ana.client.notes.unlike(note.id);
    await ana.client.notes.unlike(note.id);
    await ana.client.notes.uncollect(note.id);
    expect(await noteCounts(note.id)).toEqual({
      like_count: 0,
      collect_count: 0,
      comment_count: 0,
    });
    expect((await lin.client.users.get('lin')).counts.likesReceived).toBe(0);
  });

  it('stay exact under a storm of parallel likes and unlikes', async () => {
    const lin = await author('lin');
    const note = await lin.client.notes.create({ body: 'storm' });
    const fans = [];
    for (let index = 0; index < 12; index += 1)
      fans.push(await author(`fan${index}`, `203.0.113.${index + 10}`));
    await Promise.all(
      fans.flatMap((fan) => [
        fan.client.notes.like(note.id),
        fan.client.notes.like(note.id),
        fan.client.notes.collect(note.id),
      ]),
    );
    expect(await noteCounts(note.id)).toMatchObject({ like_count: 12, collect_count: 12 });
    await Promise.all([
      ...fans.slice(0, 5).map((fan) => fan.client.notes.unlike(note.id)),
      ...fans.slice(0, 5).map((fan) => fan.client.notes.unlike(note.id)),
      ...fans.slice(5).map((fan) => fan.client.notes.like(note.id)),
    ]);
    expect((await noteCounts(note.id)).like_count).toBe(7);
    const likes = await test.database.db.selectFrom('likes').selectAll().execute();
    expect(likes).toHaveLength(7);
    expect((await lin.client.users.get('lin')).counts.likesReceived).toBe(7);
  });

  it('answer 404 for an unknown or hidden note and 401 without a session', async () => {
    const lin = await author('lin');
    const ana = await author('ana_b');
    const note = await lin.client.notes.create({ body: 'held' });
    await test.database.db.updateTable('notes').set({ status: 'pending_review' }).execute();
    await expect(ana.client.notes.like(note.id)).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    const anonymous = await test.app.inject({
      method: 'PUT',
      url: `/api/notes/${note.id}/collect`,
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await noteCounts(note.id)).like_count).toBe(0);
  });

  it('list what an account collected, most recent first', async () => {
    const lin = await author('lin');
    const ana = await author('ana_b');
    const first = await lin.client.notes.create({ body: 'one' });
    const second = await lin.client.notes.create({ body: 'two' });
    await ana.client.notes.collect(first.id);
    await ana.client.notes.collect(second.id);
    const page = await test.client().feeds.collects('ana_b', { limit: 1 });
    expect(page.items.map((note) => note.id)).toEqual([second.id]);
    const next = await test
      .client()
      .feeds.collects('ana_b', { limit: 1, cursor: page.nextCursor! });
    expect(next.items.map((note) => note.id)).toEqual([first.id]);
  });
});

describe('comments', () => {
  it('takes comments and one level of replies, with counts and IP locations', async () => {
    const lin = await author('lin');
    const ana = await author('ana_b', IPS.BRAZIL);
    const note = await lin.client.notes.create({ body: 'talk #chat' });
    const top = await ana.client.notes.comment(note.id, { body: 'Olá!' });
    expect(top).toMatchObject({
      noteId: note.id,
      parentId: null,
      ipLocation: 'Brazil',
      replyCount: 0,
    });
    const reply = await lin.client.notes.comment(note.id, { body: '你好', parentId: top.id });
    expect(reply.parentId).toBe(top.id);
    // replies go one level deep only
    await expect(
      ana.client.notes.comment(note.id, { body: 'deeper', parentId: reply.id }),
    ).rejects.toMatchObject({
      status: 400,
      code: 'REPLY_DEPTH',
    });
    // a parent on another note does not exist for this note
    const other = await lin.client.notes.create({ body: 'other' });
    await expect(
      ana.client.notes.comment(other.id, { body: 'x', parentId: top.id }),
    ).rejects.toMatchObject({
      status: 404,
      code: 'COMMENT_NOT_FOUND',
    });
    const list = await test.client().notes.comments(note.id);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: top.id, replyCount: 1 });
    expect(list.items[0]!.replies.map((item) => item.body)).toEqual(['你好']);
    expect((await noteCounts(note.id)).comment_count).toBe(2);
    await test.settle();
    const topic = await test.client().topics.get('chat');
    expect(topic.counts.discussions).toBe(2);
  });

  it('refuses empty and oversized comments', async () => {
    const lin = await author('lin');
    const note = await lin.client.notes.create({ body: 'x' });
    for (const body of ['   ', 'y'.repeat(1001)]) {
      await expect(lin.client.notes.comment(note.id, { body })).rejects.toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect((await noteCounts(note.id)).comment_count).toBe(0);
  });

  it('pages comments and replies in order, each exactly once', async () => {
    const lin = await author('lin');
    const note = await lin.client.notes.create({ body: 'many' });
    const created = [];
    for (let index = 0; index < 7; index += 1) {
      created.push((await lin.client.notes.comment(note.id, { body: `c${index}` })).id);
    }
    for (let index = 0; index < 5; index += 1) {
      await lin.client.notes.comment(note.id, { body: `r${index}`, parentId: created[0]! });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await test
        .client()
        .notes.comments(note.id, { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(created);
    const first = (await test.client().notes.comments(note.id, { limit: 1 })).items[0]!;
    expect(first.replies.map((item) => item.body)).toEqual(['r0', 'r1', 'r2']);
    const replies = await test.client().comments.replies(created[0]!, { limit: 4 });
    expect(replies.items.map((item) => item.body)).toEqual(['r0', 'r1', 'r2', 'r3']);
    const rest = await test
      .client()
      .comments.replies(created[0]!, { limit: 4, cursor: replies.nextCursor! });
    expect(rest.items.map((item) => item.body)).toEqual(['r4']);
  });

  it('may be deleted by the comment author or the note author, nobody else', async () => {
    const lin = await author('lin');
    const ana = await author('ana_b');
    const bo = await author('bo_c');
    const note = await lin.client.notes.create({ body: 'mine #del' });
    const anaComment = await ana.client.notes.comment(note.id, { body: 'by ana' });
    await bo.client.notes.comment(note.id, { body: 'reply', parentId: anaComment.id });
    const boComment = await bo.client.notes.comment(note.id, { body: 'by bo' });
    await expect(bo.client.comments.delete(anaComment.id)).rejects.toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    // the note's author removes ana's comment and its reply
    await lin.client.comments.delete(anaComment.id);
    expect((await noteCounts(note.id)).comment_count).toBe(1);
    await bo.client.comments.delete(boComment.id);
    expect((await noteCounts(note.id)).comment_count).toBe(0);
    await test.settle();
    expect((await test.client().topics.get('del')).counts.discussions).toBe(0);
    await expect(lin.client.comments.delete(boComment.id)).rejects.toMatchObject({
      status: 404,
      code: 'COMMENT_NOT_FOUND',
    });
  });
});
