import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildTestApp, eventually, signUpByEmail, type TestApp } from '../../../test/helper.js';
import { BLOCKS_TTL_MS, ROW_TTL_MS } from '../notes/note-reads.service.js';
import { FOLLOWING_TTL_MS } from './feeds.service.js';

let test: TestApp;
beforeEach(async () => {
  test = await buildTestApp();
});
afterEach(async () => {
  await test.close();
});

let nextIp = 10;
async function author(handle: string) {
  const ip = `203.0.113.${nextIp++}`;
  const { token, account } = await signUpByEmail(test, handle, ip);
  return { token, account, client: test.client({ token, ip }) };
}

async function allPages<T extends { id: string }>(
  fetchPage: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    pages.push(page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && pages.length < 50);
  return pages;
}

describe('GET /api/feed/following', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('lists notes of followed accounts, newest first, page by page', async () => {
    const ana = await author('ana_b');
    const lin = await author('lin');
    const bo = await author('bo_c');
    await ana.client.users.follow('lin');
    const ids = [];
    for (let index = 0; index < 5; index += 1)
      ids.push((await lin.client.notes.create({ body: `lin ${index}` })).id);
    await bo.client.notes.create({ body: 'not followed' });
    const pages = await allPages((cursor) =>
      ana.client.feeds.following({ limit: 2, ...(cursor ? { cursor } : {}) }),
    );
    expect(pages.flat().map((note) => note.id)).toEqual([...ids].reverse());
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
  });

  it('shows whom one follows as changed on another node within FOLLOWING_TTL_MS, without waiting for it', async () => {
    // lifetimes without jitter
    vi.spyOn(Math, 'random').mockReturnValue(0);
    vi.useFakeTimers({ toFake: ['Date'] });
    const ana = await author('ana_f');
    const lin = await author('lin_f');
    const bo = await author('bo_f');
    await ana.client.users.follow('lin_f');
    const fromLin = await lin.client.notes.create({ body: 'followed here' });
    const fromBo = await bo.client.notes.create({ body: 'followed elsewhere' });
    const ids = async () => (await ana.client.feeds.following({})).items.map((note) => note.id);
    expect(await ids()).toEqual([fromLin.id]);
    // another node records that ana follows bo
    await test.database.db
      .insertInto('follows')
      .values({ follower_id: ana.account.id, followee_id: bo.account.id })
      .execute();
    // halfway through its reuse the page still comes from memory, and a reload starts
    vi.setSystemTime(Date.now() + FOLLOWING_TTL_MS / 2);
    expect(await ids()).toEqual([fromLin.id]);
    await eventually(async () => expect(await ids()).toEqual([fromBo.id, fromLin.id]));
  });

  it('needs a session', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/feed/following' });
    expect(response.statusCode).toBe(401);
  });
});

describe('GET /api/feed/discover', () => {
  it('shows every published note once, at most two per author per page', async () => {
    const prolific = await author('prolific');
    const others = [await author('one'), await author('two'), await author('three')];
    const expected = new Set<string>();
    for (let index = 0; index < 6; index += 1) {
      expected.add((await prolific.client.notes.create({ body: `p${index}` })).id);
    }
    for (const other of others) expected.add((await other.client.notes.create({ body: 'hi' })).id);
    // make the prolific author's notes the best ranked
    await test.database.db
      .updateTable('notes')
      .set({ score: 100 })
      .where('author_id', '=', prolific.account.id)
      .execute();
    const pages = await allPages((cursor) =>
      test.client().feeds.discover({ limit: 4, ...(cursor ? { cursor } : {}) }),
    );
    const seen = pages.flat().map((note) => note.id);
    expect(new Set(seen)).toEqual(expected);
    expect(seen).toHaveLength(expected.size);
    for (const page of pages) {
      const fromProlific = page.filter((note) => note.author.handle === 'prolific');
      expect(fromProlific.length).toBeLessThanOrEqual(2);
    }
  });

  it('stays stable while new notes arrive and scores change', async () => {
    const writer = await author('writer');
    const first = new Set<string>();
    for (let index = 0; index < 9; index += 1)
      first.add((await writer.client.notes.create({ body: `n${index}` })).id);
    const reader = await author('reader');
    const page1 = await reader.client.feeds.discover({ limit: 2 });
    // the world moves on
    for (let index = 0; index < 3; index += 1)
      await writer.client.notes.create({ body: `late${index}` });
    await test.database.db.updateTable('notes').set({ score: sql`random() * 100` }).execute();
    const rest = await allPages((cursor) =>
      reader.client.feeds.discover({ limit: 2, cursor: cursor ?? page1.nextCursor! }),
    );
    const seen = [...page1.items, ...rest.flat()].map((note) => note.id);
    expect(new Set(seen)).toEqual(first);
    expect(seen).toHaveLength(first.size);
    // a fresh visit sees the new notes too
    const fresh = await allPages((cursor) =>
      reader.client.feeds.discover({ limit: 20, ...(cursor ? { cursor } : {}) }),
    );
    expect(fresh.flat()).toHaveLength(12);
  });

  it('ranks engaged notes above quiet ones of the same age', async () => {
    const writer = await author('writer');
    const quiet = await writer.client.notes.create({ body: 'quiet' });
    const loved = await writer.client.notes.create({ body: 'loved' });
    const fans = [await author('fan1'), await author('fan2'), await author('fan3')];
    for (const fan of fans) {
      await fan.client.notes.like(loved.id);
      await fan.client.notes.comment(loved.id, { body: 'wow' });
    }
    const scores = await test.database.db.selectFrom('notes').select(['id', 'score']).execute();
    const score = (id: string) => scores.find((row) => row.id === id)!.score;
    expect(score(loved.id)).toBeGreaterThan(score(quiet.id));
  });

  it('refuses a tampered cursor with 400', async () => {
    const response = await test.app.inject({
      method: 'GET',
      url: '/api/feed/discover?cursor=bm90LWEtY3Vyc29y',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('feed pages from cached rows', () => {
  afterEach(() => vi.useRealTimers());

  it("show this node's likes, blocks and removals at once", async () => {
    const ana = await author('ana_cache');
    const lin = await author('lin_cache');
    const note = await lin.client.notes.create({ body: 'cached' });
    const first = await ana.client.feeds.discover({});
    expect(first.items.map((item) => [item.id, item.counts.likes, item.viewer.liked])).toEqual([
      [note.id, 0, false],
    ]);
    await ana.client.notes.like(note.id);
    const liked = await ana.client.feeds.discover({});
    expect(liked.items.map((item) => [item.counts.likes, item.viewer.liked])).toEqual([[1, true]]);
    await lin.client.users.block('ana_cache');
    expect((await ana.client.feeds.discover({})).items).toEqual([]);
    await lin.client.users.unblock('ana_cache');
    expect((await ana.client.feeds.discover({})).items.map((item) => item.id)).toEqual([note.id]);
    await lin.client.notes.delete(note.id);
    expect((await ana.client.feeds.discover({})).items).toEqual([]);
  });

  it("show another node's changes within the cache lifetimes", async () => {
    const ana = await author('ana_stale');
    const lin = await author('lin_stale');
    const note = await lin.client.notes.create({ body: 'changed elsewhere' });
    expect((await ana.client.feeds.discover({})).items.map((item) => item.id)).toEqual([note.id]);
    // another node removes the note and records a block: this node's cached row and block list
    // still hold the old state...
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    await test.database.db
      .updateTable('notes')
      .set({ like_count: 7 })
      .where('id', '=', note.id)
      .execute();
    const stale = await ana.client.feeds.discover({});
    expect(stale.items.map((item) => item.counts.likes)).toEqual([0]);
    // ...until they expire
    vi.setSystemTime(Date.now() + ROW_TTL_MS);
    const fresh = await ana.client.feeds.discover({});
    expect(fresh.items.map((item) => item.counts.likes)).toEqual([7]);
    await test.database.db
      .insertInto('account_blocks')
      .values({ blocker_id: lin.account.id, blocked_id: ana.account.id })
      .execute();
    await test.database.db
      .updateTable('notes')
      .set({ status: 'removed' })
      .where('id', '=', note.id)
      .execute();
    vi.setSystemTime(Date.now() + Math.max(ROW_TTL_MS, BLOCKS_TTL_MS));
    expect((await ana.client.feeds.discover({})).items).toEqual([]);
    await test.database.db
      .updateTable('notes')
      .set({ status: 'published' })
      .where('id', '=', note.id)
      .execute();
    vi.setSystemTime(Date.now() + ROW_TTL_MS);
    // the row is back, the block still hides it
    expect((await ana.client.feeds.discover({})).items).toEqual([]);
    expect((await test.client().feeds.discover({})).items.map((item) => item.id)).toEqual([
      note.id,
    ]);
  });
});

describe('profile lists', () => {
  it("lists an account's notes newest first; 404 for an unknown account", async () => {
    const lin = await author('lin');
    const a = await lin.client.notes.create({ body: 'a' });
    const b = await lin.client.notes.create({ body: 'b' });
    const page = await test.client().feeds.user('lin');
    expect(page.items.map((note) => note.id)).toEqual([b.id, a.id]);
    await expect(test.client().feeds.user('ghost')).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });
});

describe('topics', () => {
  it('are found by any spelling of the tag, with counts', async () => {
    const lin = await author('lin');
    const ana = await author('ana_b');
    const note = await lin.client.notes.create({ body: 'hello #TikTokRefugee' });
    await ana.client.notes.comment(note.id, { body: 'welcome' });
    await ana.client.notes.get(note.id);
    await test.settle();
    for (const spelling of [
      'TikTokRefugee',
      'tiktokrefugee',
      '#TIKTOKREFUGEE',
      'ｔｉｋｔｏｋｒｅｆｕｇｅｅ',
    ]) {
      const topic = await test.client().topics.get(spelling);
      expect(topic).toEqual({
        tag: 'tiktokrefugee',
        display: 'TikTokRefugee',
        counts: { notes: 1, views: 1, discussions: 1 },
      });
    }
    await expect(test.client().topics.get('nothing_here')).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('list their notes by hot and by new', async () => {
    const lin = await author('lin');
    const ana = await author('ana_b');
    const older = await lin.client.notes.create({ body: 'first #cattax' });
    const newer = await lin.client.notes.create({ body: 'second #cattax' });
    await lin.client.notes.create({ body: 'elsewhere #other' });
    await ana.client.notes.like(older.id);
    await ana.client.notes.comment(older.id, { body: '🐱' });
    const fresh = await test.client().topics.notes('cattax', { sort: 'new' });
    expect(fresh.items.map((note) => note.id)).toEqual([newer.id, older.id]);
    const hot = await test.client().topics.notes('cattax', { sort: 'hot' });
    expect(hot.items.map((note) => note.id)).toEqual([older.id, newer.id]);
  });

  it('trend by growth in the last hour against their baseline', async () => {
    const lin = await author('lin');
    await lin.client.notes.create({ body: '#steady' });
    await lin.client.notes.create({ body: '#burst' });
    await test.settle();
    // steady: the same activity every hour of the last day; burst: quiet, then a spike now
    const rows = [];
    for (let hoursAgo = 2; hoursAgo <= 24; hoursAgo += 1) {
      rows.push({ tag: 'steady', hoursAgo, views: 40 });
      rows.push({ tag: 'burst', hoursAgo, views: 1 });
    }
    for (const row of rows) {
      await test.database.db
        .insertInto('topic_activity')
        .values({
          tag: row.tag,
          hour: sql`date_trunc('hour', now()) - make_interval(hours => ${row.hoursAgo})` as never,
          views: row.views,
        })
        .execute();
    }
    await test.database.db
      .updateTable('topic_activity')
      .set({ views: sql`views + 40` })
      .where('hour', '=', sql<Date>`date_trunc('hour', now())`)
      .execute();
    const trending = await test.client().topics.trending();
    const order = trending.items.map((topic) => topic.tag);
    expect(order.indexOf('burst')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('burst')).toBeLessThan(order.indexOf('steady'));
    const burst = trending.items.find((topic) => topic.tag === 'burst')!;
    expect(burst.growth).toBeGreaterThan(10);
    expect(burst.lastHour).toBe(45);
  });
});
