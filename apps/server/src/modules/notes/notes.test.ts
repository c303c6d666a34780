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

async function topicRow(tag: string) {
  await test.settle();
  return test.database.db
    .selectFrom('topics')
    .selectAll()
    .where('tag', '=', tag)
    .executeTakeFirst();
}

describe('POST /api/notes', () => {
  it('publishes a note with topics in any script, mentions and the IP location', async () => {
    const lin = await author('lin', IPS.GUANGDONG);
    await author('ana_b');
    const note = await lin.client.notes.create({
      title: '第一次来 #TikTokRefugee',
      body: '大家好 @Ana_B！今天吃了火锅 #美食# #东京 #TikTokRefugee\n\n\n\nsee you',
    });
    expect(note.status).toBe('published');
    expect(note.author.handle).toBe('lin');
    expect(note.topics).toEqual([
      { tag: 'tiktokrefugee', display: 'TikTokRefugee' },
      { tag: '美食', display: '美食' },
      { tag: '东京', display: '东京' },
    ]);
    expect(note.mentions).toEqual(['ana_b']);
    expect(note.body).toBe('大家好 @Ana_B！今天吃了火锅 #美食# #东京 #TikTokRefugee\n\nsee you');
    expect(note.ipLocation).toBe('Guangdong');
    expect(note.counts).toEqual({ likes: 0, collects: 0, comments: 0, views: 0 });
    expect(note.viewer).toEqual({ liked: false, collected: false });
    // the author sees the moderation state of their own note
    expect(note.moderation).toEqual({
      status: 'published',
      withheldIn: [],
      labels: [],
      reasons: [],
      statements: [],
    });
    expect(note.labels).toEqual([]);
    expect((await topicRow('tiktokrefugee'))?.note_count).toBe(1);
    const account = await test.database.db
      .selectFrom('accounts')
      .select('notes_count')
      .where('handle', '=', 'lin')
      .executeTakeFirstOrThrow();
    expect(account.notes_count).toBe(1);
  });

  it('normalizes topics: full-width and case variants are one topic', async () => {
    const lin = await author('lin');
    await lin.client.notes.create({ body: 'a #CatTax' });
    await lin.client.notes.create({ body: 'b #ｃａｔｔａｘ' });
    await lin.client.notes.create({ body: 'c #cattax' });
    const topic = await topicRow('cattax');
    expect(topic).toMatchObject({ note_count: 3, display: 'CatTax' });
  });

  it.each([
    ['an empty body and no images', { body: '   ' }, 400, 'NOTE_EMPTY'],
    ['a title only', { title: 'hello', body: '' }, 400, 'NOTE_EMPTY'],
    ['a 101-character title', { title: 'x'.repeat(101), body: 'ok' }, 400, 'VALIDATION_FAILED'],
    ['a two-line title', { title: 'a\nb', body: 'ok' }, 400, 'VALIDATION_FAILED'],
    ['a 5,001-character body', { body: '字'.repeat(5001) }, 400, 'VALIDATION_FAILED'],
    ['a control character', { body: 'bell\u0007' }, 400, 'VALIDATION_FAILED'],
    [
      'an unknown image',
      { body: 'x', mediaIds: ['01a1fe23-0118-7000-aebb-b828a830ddd7'] },
      400,
      'MEDIA_NOT_FOUND',
    ],
    ['an unknown field', { body: 'x', authorId: 'me' }, 400, 'VALIDATION_FAILED'],
  ])('refuses %s and stores nothing', async (_label, body, status, code) => {
    const lin = await author('lin');
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/notes',
      headers: { authorization: `Bearer ${lin.token}` },
      payload: body,
    });
    expect(response.statusCode).toBe(status);
    expect(response.json().code).toBe(code);
    expect(await test.database.db.selectFrom('notes').select('id').execute()).toHaveLength(0);
    expect(await test.database.db.selectFrom('topics').select('tag').execute()).toHaveLength(0);
  });

  it('needs a session', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/notes',
      payload: { body: 'x' },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('GET /api/notes/:id', () => {
  it('returns the note and counts one view per viewer per day, in batches', async () => {
    const lin = await author('lin');
    const ana = await author('ana_b');
    const note = await lin.client.notes.create({ body: 'hello #views' });
    for (let repeat = 0; repeat < 3; repeat += 1) await ana.client.notes.get(note.id);
    await test.client({ ip: '203.0.113.1' }).notes.get(note.id);
    await test.client({ ip: '203.0.113.2' }).notes.get(note.id);
    await test.client({ ip: '203.0.113.2' }).notes.get(note.id);
    // views are counted by the batch job, not inline
    expect((await ana.client.notes.get(note.id)).counts.views).toBe(0);
    await test.tasks.countViews.run();
    expect((await ana.client.notes.get(note.id)).counts.views).toBe(3);
    expect(Number((await topicRow('views'))?.view_count)).toBe(3);
    // counting again finds nothing new, and the author's own visits are not views
    await lin.client.notes.get(note.id);
    await test.tasks.countViews.run();
    expect((await lin.client.notes.get(note.id)).counts.views).toBe(3);
  });

  it('counts an anonymous address once a day whatever user agent it sends (IPv6 by /64)', async () => {
    const lin = await author('lin');
    const note = await lin.client.notes.create({ body: 'read me #uarotation' });
    const open = (ip: string, userAgent: string) =>
      test.app.inject({
        method: 'GET',
        url: `/api/notes/${note.id}`,
        headers: { 'x-forwarded-for': ip, 'user-agent': userAgent },
      });
    for (let index = 0; index < 5; index += 1) {
      expect((await open('203.0.113.7', `Mozilla/5.0 (rotation ${index})`)).statusCode).toBe(200);
      expect((await open(`2001:db8:1:2::${index + 1}`, `Agent ${index}`)).statusCode).toBe(200);
    }
    // another /64 is another reader
    expect((await open('2001:db8:1:3::1', 'Agent 0')).statusCode).toBe(200);
    await test.tasks.countViews.run();
    expect((await lin.client.notes.get(note.id)).counts.views).toBe(3);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const unknown = await test.app.inject({
      method: 'GET',
      url: '/api/notes/01a1fe23-0118-7000-aebb-b828a830ddd7',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('NOT_FOUND');
    const malformed = await test.app.inject({ method: 'GET', url: '/api/notes/not-an-id' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('VALIDATION_FAILED');
  });

  it('shows the moderation block only to the author', async () => {
    const lin = await author('lin');
    const note = await lin.client.notes.create({ body: 'mine' });
    expect((await lin.client.notes.get(note.id)).moderation).toBeDefined();
    expect((await test.client().notes.get(note.id)).moderation).toBeUndefined();
  });

  it('hides a note held for review from everyone but its author', async () => {
    const lin = await author('lin');
    const ana = await author('ana_b');
    const note = await lin.client.notes.create({ body: 'held' });
    await test.database.db.updateTable('notes').set({ status: 'pending_review' }).execute();
    expect((await lin.client.notes.get(note.id)).status).toBe('pending_review');
    await expect(ana.client.notes.get(note.id)).rejects.toMatchObject({ status: 404 });
    await expect(test.client().notes.get(note.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe('PATCH /api/notes/:id', () => {
  it('lets the author edit; topics and their counts follow the text', async () => {
    const lin = await author('lin');
    const note = await lin.client.notes.create({ body: 'one #old #kept' });
    const edited = await lin.client.notes.update(note.id, { body: 'two #kept #new' });
    expect(edited.body).toBe('two #kept #new');
    expect(edited.editedAt).not.toBeNull();
    expect(edited.topics.map((topic) => topic.tag)).toEqual(['kept', 'new']);
    expect((await topicRow('old'))?.note_count).toBe(0);
    expect((await topicRow('kept'))?.note_count).toBe(1);
    expect((await topicRow('new'))?.note_count).toBe(1);
  });

  it("refuses another account's edit with 403 FORBIDDEN", async () => {
    const lin = await author('lin');
    const ana = await author('ana_b');
    const note = await lin.client.notes.create({ body: 'mine' });
    await expect(ana.client.notes.update(note.id, { body: 'hijack' })).rejects.toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect((await lin.client.notes.get(note.id)).body).toBe('mine');
  });

  it('refuses an edit that empties the note', async () => {
    const lin = await author('lin');
    const note = await lin.client.notes.create({ body: 'text' });
    await expect(lin.client.notes.update(note.id, { body: '' })).rejects.toMatchObject({
      status: 400,
      code: 'NOTE_EMPTY',
    });
  });
});

describe('DELETE /api/notes/:id', () => {
  it('removes the note from every list and count', async () => {
    const lin = await author('lin');
    const ana = await author('ana_b');
    await ana.client.users.follow('lin');
    const note = await lin.client.notes.create({ body: 'bye #gone' });
    await ana.client.notes.like(note.id);
    await ana.client.notes.collect(note.id);
    await ana.client.notes.comment(note.id, { body: 'nice' });
    expect((await topicRow('gone'))?.discussion_count).toBe(1);

    const response = await test.app.inject({
      method: 'DELETE',
      url: `/api/notes/${note.id}`,
      headers: { authorization: `Bearer ${lin.token}` },
    });
    expect(response.statusCode).toBe(204);
    await expect(ana.client.notes.get(note.id)).rejects.toMatchObject({ status: 404 });
    expect((await ana.client.feeds.following()).items).toHaveLength(0);
    expect((await ana.client.feeds.discover()).items).toHaveLength(0);
    expect((await ana.client.feeds.collects('ana_b')).items).toHaveLength(0);
    expect((await test.client().topics.notes('gone', { sort: 'new' })).items).toHaveLength(0);
    expect(await topicRow('gone')).toMatchObject({ note_count: 0, discussion_count: 0 });
    const account = await test.database.db
      .selectFrom('accounts')
      .select(['notes_count', 'likes_received_count'])
      .where('handle', '=', 'lin')
      .executeTakeFirstOrThrow();
    expect(account).toEqual({ notes_count: 0, likes_received_count: 0 });
    for (const table of ['likes', 'collects', 'comments', 'note_topics'] as const) {
      expect(await test.database.db.selectFrom(table).selectAll().execute()).toHaveLength(0);
    }
  });

  it('lets only the author delete (403) and answers 404 for an unknown note', async () => {
    const lin = await author('lin');
    const ana = await author('ana_b');
    const note = await lin.client.notes.create({ body: 'mine' });
    await expect(ana.client.notes.delete(note.id)).rejects.toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    await expect(
      lin.client.notes.delete('01a1fe23-0118-7000-aebb-b828a830ddd7'),
    ).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect((await lin.client.notes.get(note.id)).id).toBe(note.id);
  });
});
