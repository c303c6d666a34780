import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helper.js';
import type { Db } from '../../db/database.js';
import type { NoteStatus } from '../../db/schema.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { VisibilityContext } from '../visibility/visibility.js';
import { searchAccounts, searchNotes, searchTopics } from './search.store.js';
import { searchDocumentSql } from './search-documents.store.js';
import { nameQuery, searchQueryTerms } from './search-text.js';

const DAY = 24 * 3600 * 1000;
const anonymous: VisibilityContext = { viewerId: null, region: null };

let testDatabase: TestDatabase;
let db: Db;
let authorId: string;
const notes: Record<string, string> = {};

async function insertAccount(handle: string, displayName: string, followers = 0): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('accounts')
    .values({
      id,
      handle,
      display_name: displayName,
      email: `${handle}@example.org`,
      followers_count: followers,
    })
    .execute();
  return id;
}

/** Inserts a note as the notes module does: search_document from searchDocumentSql. */
async function insertNote(
  key: string,
  note: { title?: string; body: string; topics?: string[]; status?: NoteStatus; ageDays?: number },
): Promise<string> {
  const createdAt = new Date(Date.now() - (note.ageDays ?? 0) * DAY);
  const id = uuidv7(createdAt.getTime());
  const topics = note.topics ?? [];
  await db
    .insertInto('notes')
    .values({
      id,
      author_id: authorId,
      title: note.title ?? '',
      body: note.body,
      status: note.status ?? 'published',
      search_document: searchDocumentSql({ title: note.title ?? '', body: note.body, topics }),
      created_at: createdAt,
      updated_at: createdAt,
    })
    .execute();
  for (const tag of topics) {
    await db
      .insertInto('topics')
      .values({ tag, display: tag, note_count: 1 })
      .onConflict((conflict) =>
        conflict
          .column('tag')
          .doUpdateSet((eb) => ({ note_count: eb('topics.note_count', '+', 1) })),
      )
      .execute();
    await db.insertInto('note_topics').values({ note_id: id, tag }).execute();
  }
  notes[key] = id;
  return id;
}

async function findNotes(q: string, context = anonymous): Promise<string[]> {
  const result = await searchNotes(db, {
    terms: searchQueryTerms(q),
    context,
    cursor: null,
    limit: 100,
  });
  return result.ids;
}

function keysOf(ids: string[]): string[] {
  const byId = new Map(Object.entries(notes).map(([key, id]) => [id, key]));
  return ids.map((id) => byId.get(id) ?? id);
}

async function findHandles(q: string): Promise<string[]> {
  const text = nameQuery(q);
  const result = await searchAccounts(db, {
    q: text,
    handle: text.replace(/^@+/, '').replace(/\s+/g, ''),
    cursor: null,
    limit: 100,
  });
  return result.rows.map((row) => row.handle);
}

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  db = testDatabase.database.db;
  authorId = await insertAccount('author_one', 'Author');
  await insertNote('panda', { title: '成都一日游', body: '今天去看了大熊猫，太可爱了' });
  await insertNote('hant', { title: '台北美食', body: '這家牛肉麵的價格很便宜' });
  await insertNote('tokyo', { title: '東京タワーに行きました', body: '夜景がきれいでした' });
  await insertNote('seoul', { title: '서울특별시 여행', body: '맛있는 김치찌개를 먹었어요' });
  await insertNote('english', { title: 'Weekend HIKING', body: 'Great trails near Vancouver' });
  await insertNote('spanish', { title: 'Mi canción favorita', body: 'Música para el verano' });
  await insertNote('mixed', { title: '', body: '我的新iPhone手机拍照很好', topics: ['数码'] });
  await insertNote('fullwidth', { title: 'ＡＢＣ　Ｃａｆｅ', body: 'latte 😀☕' });
  await insertNote('pending', {
    title: '大熊猫 pending',
    body: '待审核',
    status: 'pending_review',
  });
  await insertNote('removed', { title: '大熊猫 removed', body: '已删除', status: 'removed' });
  // ranking: an old title match against a new body-only match of the same word
  await insertNote('title-old', { title: 'Sourdough bread', body: 'my recipe', ageDays: 60 });
  await insertNote('body-new', { title: 'Weekend', body: 'I baked sourdough today', ageDays: 0 });
  for (let index = 0; index < 23; index += 1) {
    await insertNote(`page-${index}`, {
      title: index % 3 === 0 ? '咖啡探店' : '周末',
      body: `第${index}家咖啡馆`,
      ageDays: index % 5,
    });
  }
  await insertAccount('linmeimei', '林美华', 10);
  await insertAccount('lin_mei', '林美', 5);
  await insertAccount('linda.k', 'Linda K', 0);
  await insertAccount('jose_garcia', 'José García', 0);
  await insertAccount('tanaka_yuki', '田中ゆき', 0);
  await insertAccount('kim_minji', '김민지', 0);
  for (const tag of ['旅行', '旅行日记', '东京旅行', 'travel', 'travelgram', 'coffee']) {
    await db.insertInto('topics').values({ tag, display: tag, note_count: tag.length }).execute();
  }
  await db
    .insertInto('topics')
    .values({ tag: '旅游空', display: '旅游空', note_count: 0 })
    .execute();
});

afterAll(async () => {
  await testDatabase.close();
});

describe('searchNotes', () => {
  it('finds a Chinese note by a word inside a longer compound', async () => {
    expect(keysOf(await findNotes('熊猫'))).toEqual(['panda']);
    expect(keysOf(await findNotes('大熊猫'))).toEqual(['panda']);
    expect(keysOf(await findNotes('成都'))).toEqual(['panda']);
    expect(keysOf(await findNotes('猫'))).toEqual(['panda']);
  });

  it('finds Traditional Chinese, Japanese and Korean notes by a part of a word', async () => {
    expect(keysOf(await findNotes('價格'))).toEqual(['hant']);
    expect(keysOf(await findNotes('東京'))).toEqual(['tokyo']);
    expect(keysOf(await findNotes('タワー'))).toEqual(['tokyo']);
    expect(keysOf(await findNotes('夜景'))).toEqual(['tokyo']);
    expect(keysOf(await findNotes('서울'))).toEqual(['seoul']);
    expect(keysOf(await findNotes('김치찌개'))).toEqual(['seoul']);
  });

  it('matches case-insensitively, with or without accents, and full-width letters', async () => {
    expect(keysOf(await findNotes('hiking'))).toEqual(['english']);
    expect(keysOf(await findNotes('VANCOUVER'))).toEqual(['english']);
    expect(keysOf(await findNotes('Canción'))).toEqual(['spanish']);
    expect(keysOf(await findNotes('cancion musica'))).toEqual(['spanish']);
    expect(keysOf(await findNotes('abc cafe'))).toEqual(['fullwidth']);
    expect(keysOf(await findNotes('ＬＡＴＴＥ'))).toEqual(['fullwidth']);
  });

  it('finds mixed Chinese and English, and topics', async () => {
    expect(keysOf(await findNotes('iphone 手机'))).toEqual(['mixed']);
    expect(keysOf(await findNotes('数码'))).toEqual(['mixed']);
  });

  it('requires every term', async () => {
    expect(await findNotes('熊猫 hiking')).toEqual([]);
    expect(await findNotes('nothingmatches')).toEqual([]);
  });

  it('never returns notes pending review or removed', async () => {
    const ids = await findNotes('大熊猫');
    expect(ids).not.toContain(notes.pending);
    expect(ids).not.toContain(notes.removed);
    expect(await findNotes('pending')).toEqual([]);
    expect(await findNotes('removed')).toEqual([]);
  });

  it('ranks a title match above a newer body-only match', async () => {
    expect(keysOf(await findNotes('sourdough'))).toEqual(['title-old', 'body-new']);
  });

  it('pages through every match exactly once, in rank order', async () => {
    const terms = searchQueryTerms('咖啡');
    const all = await searchNotes(db, { terms, context: anonymous, cursor: null, limit: 100 });
    expect(all.ids).toHaveLength(23);
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { ids: string[]; nextCursor: string | null } = await searchNotes(db, {
        terms,
        context: anonymous,
        cursor,
        limit: 5,
      });
      seen.push(...page.ids);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(5);
    expect(seen).toEqual(all.ids);
    // title matches (every third note) come first
    expect(seen.slice(0, 8).sort()).toEqual(
      Object.entries(notes)
        .filter(([key]) => key.startsWith('page-') && Number(key.slice(5)) % 3 === 0)
        .map(([, id]) => id)
        .sort(),
    );
  });

  it('refuses a cursor from another query or a forged one', async () => {
    const first = await searchNotes(db, {
      terms: searchQueryTerms('咖啡'),
      context: anonymous,
      cursor: null,
      limit: 2,
    });
    expect(first.nextCursor).not.toBeNull();
    await expect(
      searchNotes(db, {
        terms: searchQueryTerms('周末'),
        context: anonymous,
        cursor: first.nextCursor,
        limit: 2,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const forged = Buffer.from(
      JSON.stringify({ query: 'x', key: ["1'; drop table notes; --", 'x'], asOf: 'now' }),
    ).toString('base64url');
    await expect(
      searchNotes(db, {
        terms: searchQueryTerms('咖啡'),
        context: anonymous,
        cursor: forged,
        limit: 2,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      searchNotes(db, {
        terms: searchQueryTerms('咖啡'),
        context: anonymous,
        cursor: 'not base64 json',
        limit: 2,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('treats quotes and tsquery operators in terms as text', async () => {
    expect(await findNotes("it's & | ! ( ) :* '")).toEqual([]);
    const result = await searchNotes(db, {
      terms: ["o'neil", 'a\\b', '&|!'],
      context: anonymous,
      cursor: null,
      limit: 10,
    });
    expect(result.ids).toEqual([]);
  });
});

describe('searchAccounts', () => {
  it('finds users by handle prefix, the closest match first', async () => {
    expect(await findHandles('lin')).toEqual(['lin_mei', 'linda.k', 'linmeimei']);
    expect((await findHandles('@LIN_'))[0]).toBe('lin_mei');
    expect(await findHandles('lin_mei')).toEqual(['lin_mei', 'linmeimei']);
  });

  it('finds users by a fuzzy handle (a typo)', async () => {
    expect(await findHandles('linmiemei')).toContain('linmeimei');
    expect(await findHandles('tanaka_yuky')).toEqual(['tanaka_yuki']);
  });

  it('finds users by a one- or two-character CJK display name substring', async () => {
    expect(await findHandles('林美')).toEqual(['lin_mei', 'linmeimei']);
    expect(await findHandles('美')).toEqual(expect.arrayContaining(['lin_mei', 'linmeimei']));
    expect(await findHandles('ゆき')).toEqual(['tanaka_yuki']);
    expect(await findHandles('민지')).toEqual(['kim_minji']);
    expect(await findHandles('josé')).toEqual(['jose_garcia']);
  });

  it('treats LIKE wildcards in the query as text', async () => {
    expect(await findHandles('%')).toEqual([]);
    expect(await findHandles('l_n')).toEqual([]);
  });

  it('pages through accounts', async () => {
    const first = await searchAccounts(db, { q: 'lin', handle: 'lin', cursor: null, limit: 2 });
    expect(first.rows.map((row) => row.handle)).toEqual(['lin_mei', 'linda.k']);
    const second = await searchAccounts(db, {
      q: 'lin',
      handle: 'lin',
      cursor: first.nextCursor,
      limit: 2,
    });
    expect(second.rows.map((row) => row.handle)).toEqual(['linmeimei']);
    expect(second.nextCursor).toBeNull();
  });
});

describe('searchTopics', () => {
  async function findTags(q: string, limit = 100): Promise<string[]> {
    const result = await searchTopics(db, { q: nameQuery(q), region: null, cursor: null, limit });
    return result.rows.map((row) => row.tag);
  }

  it('finds topics by prefix, exact match first, then the closest', async () => {
    expect(await findTags('旅行')).toEqual(['旅行', '旅行日记', '东京旅行']);
    expect(await findTags('TRAVEL')).toEqual(['travel', 'travelgram']);
    expect(await findTags('trav')).toEqual(['travel', 'travelgram']);
    expect(await findTags('旅')).toEqual(['旅行', '旅行日记', '东京旅行']);
  });

  it('leaves out topics without notes', async () => {
    expect(await findTags('旅游')).toEqual([]);
  });

  it('pages through topics', async () => {
    const all = await findTags('旅');
    const first = await searchTopics(db, { q: '旅', region: null, cursor: null, limit: 2 });
    const second = await searchTopics(db, {
      q: '旅',
      region: null,
      cursor: first.nextCursor,
      limit: 2,
    });
    expect([...first.rows, ...second.rows].map((row) => row.tag)).toEqual(all);
    expect(second.nextCursor).toBeNull();
  });
});
