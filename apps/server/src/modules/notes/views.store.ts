import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { NoteRow } from '../../db/schema.js';
import { NOTE_COLUMNS } from './note-columns.store.js';
import type { NoteView } from './view-recorder.js';

// Views of notes: written in batches, counted into notes and topics, pruned once counted.

/** The author's note the viewer opened most recently on this day (UTC, `YYYY-MM-DD`), if any. */
export function lastViewedNoteOf(
  db: DbHandle,
  viewerId: string,
  authorId: string,
  day: string,
): Promise<NoteRow | undefined> {
  return db
    .selectFrom('note_views')
    .innerJoin('notes', 'notes.id', 'note_views.note_id')
    .select(NOTE_COLUMNS)
    .where('note_views.viewer_key', '=', viewerId)
    .where('note_views.day', '=', day)
    .where('notes.author_id', '=', authorId)
    .orderBy('note_views.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Writes a batch of views (see `ViewRecorder`); views already stored, and views of notes deleted
 * meanwhile, are skipped. A deletion committed between the check and the insert fails the batch
 * with a foreign-key error: it is then tried once more, when the check sees the deletion.
 */
export async function recordViews(db: DbHandle, views: readonly NoteView[]): Promise<void> {
  if (views.length === 0) return;
  const insert = () =>
    sql`
      INSERT INTO note_views (note_id, viewer_key, day, created_at)
      SELECT view.note_id, view.viewer_key, view.day, to_timestamp(view.at / 1000.0)
      FROM unnest(${views.map((view) => view.noteId)}::uuid[],
                  ${views.map((view) => view.viewerKey)}::text[],
                  ${views.map((view) => view.day)}::date[],
                  ${views.map((view) => view.at)}::float8[]) AS view(note_id, viewer_key, day, at)
      WHERE EXISTS (SELECT 1 FROM notes WHERE notes.id = view.note_id)
      ON CONFLICT DO NOTHING`.execute(db);
  try {
    await insert();
  } catch (error) {
    if ((error as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw error;
    await insert();
  }
}

const FOREIGN_KEY_VIOLATION = '23503';

/** The most recent of these notes (ids oldest first) that this author wrote, if any. */
export function newestOfAuthor(
  db: DbHandle,
  ids: readonly string[],
  authorId: string,
): Promise<NoteRow | undefined> {
  return db
    .selectFrom('notes')
    .select(NOTE_COLUMNS)
    .where(sql<boolean>`notes.id = ANY(${ids}::uuid[])`)
    .where('notes.author_id', '=', authorId)
    .orderBy(sql`array_position(${ids}::uuid[], notes.id)`, 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Counts up to `batch` uncounted views into notes, topics and this hour's topic activity, and
 * marks them counted, in ONE statement (atomic: a crash counts nothing twice). The statement is
 * short, so the note and topic rows it updates are locked for milliseconds: the earlier loop of
 * a few statements per note held them, and the claimed views, for seconds, and likes and view
 * recording on those notes waited. One counter at a time: the caller holds the topic counters'
 * advisory lock (shared with `applyTopicDeltas`), as two statements updating the same topics in
 * different orders could deadlock.
 */
export async function countPendingViews(db: DbHandle, batch: number): Promise<number> {
  const { rows } = await sql<{ counted: number }>`
    WITH claimed AS (
      UPDATE note_views SET counted = true
      WHERE (note_id, viewer_key, day) IN (
        SELECT note_id, viewer_key, day FROM note_views
        WHERE NOT counted ORDER BY created_at LIMIT ${batch})
      RETURNING note_id
    ), per_note AS (
      SELECT note_id, count(*)::int AS views FROM claimed GROUP BY note_id
    ), noted AS (
      UPDATE notes SET view_count = view_count + per_note.views
      FROM per_note WHERE notes.id = per_note.note_id
    ), per_tag AS (
      SELECT note_topics.tag, sum(per_note.views)::int AS views
      FROM per_note JOIN note_topics ON note_topics.note_id = per_note.note_id
      GROUP BY note_topics.tag
    ), tagged AS (
      UPDATE topics SET view_count = view_count + per_tag.views
      FROM per_tag WHERE topics.tag = per_tag.tag
    ), activity AS (
      INSERT INTO topic_activity (tag, hour, views)
      SELECT tag, date_trunc('hour', now()), views FROM per_tag
      ON CONFLICT (tag, hour) DO UPDATE SET views = topic_activity.views + excluded.views
    )
    SELECT count(*)::int AS counted FROM claimed`.execute(db);
  return rows[0]?.counted ?? 0;
}

/** Forgets counted views from before yesterday: only "once a day" needs remembering. */
export async function pruneCountedViews(db: DbHandle): Promise<number> {
  const result = await db
    .deleteFrom('note_views')
    .where('counted', '=', true)
    .where('day', '<', sql<string>`current_date - 1`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
