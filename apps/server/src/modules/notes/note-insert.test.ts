import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAccountRow, createTestDatabase, type TestDatabase } from '../../../test/helper.js';
import { type Database, openPostgres } from '../../db/database.js';
import { PREPARE_AFTER } from '../../db/prepared-pool.js';
import { uuidv7 } from '../../lib/uuid7.js';
import { insertNoteWithLinks, type NewNote, type NoteModerationState } from './notes.store.js';

// The note's single INSERT statement comes in several texts (published or held, with or without
// mentions, one VALUES row per topic): each must write exactly the same things.

const PUBLISHED: NoteModerationState = {
  status: 'published',
  moderation_action: 'allow',
  region_actions: null,
  labels: [],
};
const HELD: NoteModerationState = { ...PUBLISHED, status: 'pending_review' };

function newNote(authorId: string, moderation = PUBLISHED, tags: string[] = []): NewNote {
  return {
    id: uuidv7(),
    author_id: authorId,
    title: 'Title',
    body: 'Body text',
    lang: 'en',
    ip_country: 'DE',
    ip_region: null,
    search: { title: 'Title', body: 'Body text', topics: tags },
    moderation,
  };
}

const topic = (tag: string, display = tag) => ({ tag, display });

describe('insertNoteWithLinks', () => {
  let test: TestDatabase;
  let db: Database['db'];
  let author: string;

  beforeEach(async () => {
    test = await createTestDatabase();
    db = test.database.db;
    author = await addAccountRow(db, 'writer');
  });
  afterEach(() => test.close());

  const state = async (noteId: string) => {
    const links = await sql<{ tag: string }>`
      SELECT tag FROM note_topics WHERE note_id = ${noteId} ORDER BY tag`.execute(db);
    const deltas = await sql<{ tag: string; notes: number }>`
      SELECT tag, notes FROM topic_deltas ORDER BY id`.execute(db);
    const mentions = await sql<{ handle: string }>`
      SELECT accounts.handle FROM note_mentions JOIN accounts ON accounts.id = account_id
      WHERE note_id = ${noteId} ORDER BY handle`.execute(db);
    const count = await sql<{ notes_count: number }>`
      SELECT notes_count FROM accounts WHERE id = ${author}`.execute(db);
    return {
      links: links.rows.map((row) => row.tag),
      deltas: deltas.rows,
      mentions: mentions.rows.map((row) => row.handle),
      notesCount: count.rows[0]?.notes_count,
    };
  };

  it('writes a published note without topics or mentions', async () => {
    const note = newNote(author);
    const written = await insertNoteWithLinks(db, note, {
      topics: [],
      mentions: [],
      published: true,
    });
    expect(written.row).toMatchObject({ id: note.id, status: 'published', title: 'Title' });
    expect(written.author).toMatchObject({ id: author, handle: 'writer', display_name: 'WRITER' });
    expect(written.topics).toEqual([]);
    expect(written.mentions).toEqual([]);
    expect(await state(note.id)).toEqual({ links: [], deltas: [], mentions: [], notesCount: 1 });
  });

  it('links topics in order, creating new ones as typed and showing existing ones as stored', async () => {
    await sql`INSERT INTO topics (tag, display) VALUES ('cattax', 'CatTax')`.execute(db);
    const note = newNote(author, PUBLISHED, ['tiktokrefugee', 'cattax', '美食']);
    const written = await insertNoteWithLinks(db, note, {
      topics: [topic('tiktokrefugee', 'TikTokRefugee'), topic('cattax', 'CATTAX'), topic('美食')],
      mentions: [],
      published: true,
    });
    expect(written.topics).toEqual([
      { tag: 'tiktokrefugee', display: 'TikTokRefugee' },
      { tag: 'cattax', display: 'CatTax' },
      { tag: '美食', display: '美食' },
    ]);
    expect(await state(note.id)).toEqual({
      links: ['cattax', 'tiktokrefugee', '美食'],
      deltas: [
        { tag: 'tiktokrefugee', notes: 1 },
        { tag: 'cattax', notes: 1 },
        { tag: '美食', notes: 1 },
      ],
      mentions: [],
      notesCount: 1,
    });
    const stored = await sql<{ tag: string; display: string }>`
      SELECT tag, display FROM topics ORDER BY tag`.execute(db);
    expect(stored.rows).toEqual([
      { tag: 'cattax', display: 'CatTax' },
      { tag: 'tiktokrefugee', display: 'TikTokRefugee' },
      { tag: '美食', display: '美食' },
    ]);
  });

  it('links a held note’s topics and mentions but counts it nowhere', async () => {
    await addAccountRow(db, 'friend');
    const note = newNote(author, HELD, ['cattax']);
    const written = await insertNoteWithLinks(db, note, {
      topics: [topic('cattax')],
      mentions: ['friend'],
      published: false,
    });
    expect(written.row.status).toBe('pending_review');
    expect(written.mentions).toEqual(['friend']);
    expect(await state(note.id)).toEqual({
      links: ['cattax'],
      deltas: [],
      mentions: ['friend'],
      notesCount: 0,
    });
  });

  it('records only the mentioned accounts that exist, sorted', async () => {
    await addAccountRow(db, 'zoe');
    await addAccountRow(db, 'amy');
    const note = newNote(author);
    const written = await insertNoteWithLinks(db, note, {
      topics: [],
      mentions: ['zoe', 'nobody', 'amy'],
      published: true,
    });
    expect(written.mentions).toEqual(['amy', 'zoe']);
    expect(await state(note.id)).toMatchObject({ mentions: ['amy', 'zoe'], notesCount: 1 });
  });

  it('writes nothing when the note cannot be written (one statement)', async () => {
    const note = newNote(author, PUBLISHED, ['cattax']);
    await insertNoteWithLinks(db, note, { topics: [], mentions: [], published: true });
    // the same id again: the whole statement fails, so no topic, link or count is added
    await expect(
      insertNoteWithLinks(db, note, { topics: [topic('cattax')], mentions: [], published: true }),
    ).rejects.toThrow();
    expect(await state(note.id)).toEqual({ links: [], deltas: [], mentions: [], notesCount: 1 });
    const topics = await sql<{ n: number }>`SELECT count(*)::int AS n FROM topics`.execute(db);
    expect(topics.rows[0]?.n).toBe(0);
  });
});

describe.runIf(process.env.DATABASE_URL)('insertNoteWithLinks on PostgreSQL', () => {
  it('keeps a generic plan for its prepared statement instead of planning every note', async () => {
    const test = await createTestDatabase();
    // one connection: the statement is prepared where the next ones run
    const single = await openPostgres(test.url!, { max: 1 });
    try {
      const author = await addAccountRow(single.db, 'writer');
      // the planner's choice depends on table sizes: give it a community's worth of accounts
      // and topics (on an empty database even a poor generic plan looks cheap)
      await sql`INSERT INTO accounts (id, handle, display_name, email)
        SELECT gen_random_uuid(), 'user_' || i, 'User ' || i, 'user' || i || '@example.test'
        FROM generate_series(1, 10000) AS i`.execute(single.db);
      await sql`INSERT INTO topics (tag, display)
        SELECT 'topic' || i, 'Topic ' || i FROM generate_series(1, 500) AS i`.execute(single.db);
      await sql`ANALYZE accounts, topics`.execute(single.db);
      const runs = PREPARE_AFTER + 10;
      for (let i = 0; i < runs; i++) {
        await insertNoteWithLinks(single.db, newNote(author, PUBLISHED, ['cattax', 'food']), {
          topics: [topic('cattax'), topic('food')],
          mentions: [],
          published: true,
        });
      }
      const { rows } = await sql<{ generic_plans: number; custom_plans: number }>`
        SELECT generic_plans, custom_plans FROM pg_prepared_statements
        WHERE statement LIKE '%INSERT INTO notes%'`.execute(single.db);
      expect(rows).toHaveLength(1);
      const [plans] = rows;
      // PostgreSQL plans the first five runs for their values, then compares a generic plan
      expect(plans!.custom_plans).toBeLessThanOrEqual(5);
      expect(plans!.generic_plans).toBe(runs - PREPARE_AFTER + 1 - plans!.custom_plans);
    } finally {
      await single.close();
      await test.close();
    }
  });
});
