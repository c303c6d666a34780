import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAccountRow, createTestDatabase, type TestDatabase } from '../../../test/helper.js';
import type { Database } from '../../db/database.js';
import { uuidv7 } from '../../lib/uuid7.js';
import { insertNoteWithLinks } from './notes.store.js';
import type { NoteView } from './view-recorder.js';
import { countPendingViews, lastViewedNoteOf, recordViews } from './views.store.js';

// Writing views in batches and counting them in one statement (store level, both databases).

const DAY = '2026-11-21';
const AT = Date.UTC(2026, 10, 21, 9);

describe('note views in the store', () => {
  let test: TestDatabase;
  let db: Database['db'];
  let author: string;

  beforeEach(async () => {
    test = await createTestDatabase();
    db = test.database.db;
    author = await addAccountRow(db, 'writer');
  });
  afterEach(() => test.close());

  async function note(tags: string[]): Promise<string> {
    const id = uuidv7();
    await insertNoteWithLinks(
      db,
      {
        id,
        author_id: author,
        title: '',
        body: 'text',
        lang: 'en',
        ip_country: null,
        ip_region: null,
        search: { title: '', body: 'text', topics: tags },
        moderation: {
          status: 'published',
          moderation_action: 'allow',
          region_actions: null,
          labels: [],
        },
      },
      { topics: tags.map((tag) => ({ tag, display: tag })), mentions: [], published: true },
    );
    return id;
  }

  const view = (noteId: string, viewerKey: string, at = AT): NoteView => ({
    noteId,
    viewerKey,
    day: DAY,
    at,
  });

  const stored = async () =>
    (
      await sql<{ note_id: string; viewer_key: string; counted: boolean }>`
        SELECT note_id, viewer_key, counted FROM note_views ORDER BY note_id, viewer_key`.execute(
        db,
      )
    ).rows;

  it('writes a batch, skipping views already stored and views of deleted notes', async () => {
    const kept = await note([]);
    const gone = await note([]);
    await recordViews(db, [view(kept, 'ana')]);
    await sql`DELETE FROM notes WHERE id = ${gone}`.execute(db);
    await recordViews(db, [view(kept, 'ana'), view(kept, 'lin'), view(gone, 'ana')]);
    expect(await stored()).toEqual([
      { note_id: kept, viewer_key: 'ana', counted: false },
      { note_id: kept, viewer_key: 'lin', counted: false },
    ]);
    await recordViews(db, []);
    expect(await stored()).toHaveLength(2);
  });

  it('keeps the time each view happened, for the follow credit', async () => {
    const earlier = await note([]);
    const later = await note([]);
    // written in one statement, in the batch's order (by note), not the order they happened
    await recordViews(db, [view(earlier, 'ana', AT + 5_000), view(later, 'ana', AT)]);
    const found = await lastViewedNoteOf(db, 'ana', author, DAY);
    expect(found?.id).toBe(earlier);
    expect(await lastViewedNoteOf(db, 'ana', author, '2026-11-22')).toBeUndefined();
  });

  it('counts views into notes, topics and this hour’s activity in one statement, once', async () => {
    const cats = await note(['cattax', 'food']);
    const plain = await note([]);
    await recordViews(db, [
      view(cats, 'ana'),
      view(cats, 'lin'),
      view(cats, 'zoe'),
      view(plain, 'ana'),
    ]);
    expect(await countPendingViews(db, 3)).toBe(3);
    expect(await countPendingViews(db, 100)).toBe(1);
    expect(await countPendingViews(db, 100)).toBe(0);
    const notes = await sql<{ id: string; view_count: number }>`
      SELECT id, view_count FROM notes ORDER BY id`.execute(db);
    expect(notes.rows).toEqual([
      { id: cats, view_count: 3 },
      { id: plain, view_count: 1 },
    ]);
    const topics = await sql<{ tag: string; view_count: number }>`
      SELECT tag, view_count::int AS view_count FROM topics ORDER BY tag`.execute(db);
    expect(topics.rows).toEqual([
      { tag: 'cattax', view_count: 3 },
      { tag: 'food', view_count: 3 },
    ]);
    const activity = await sql<{ tag: string; views: number }>`
      SELECT tag, sum(views)::int AS views FROM topic_activity GROUP BY tag ORDER BY tag`.execute(
      db,
    );
    expect(activity.rows).toEqual([
      { tag: 'cattax', views: 3 },
      { tag: 'food', views: 3 },
    ]);
    expect((await stored()).every((row) => row.counted)).toBe(true);
  });
});
