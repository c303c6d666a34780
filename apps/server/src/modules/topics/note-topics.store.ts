import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';

// Which topics each note has, and the topics themselves as notes create them.

/** Creates the topics that do not exist yet (counts arrive through topic deltas). */
export async function ensureTopics(
  db: DbHandle,
  topics: Array<{ tag: string; display: string }>,
): Promise<void> {
  if (topics.length === 0) return;
  await db
    .insertInto('topics')
    .values(topics.map((topic) => ({ tag: topic.tag, display: topic.display })))
    .onConflict((conflict) => conflict.column('tag').doNothing())
    .execute();
}

export async function linkTopics(db: DbHandle, noteId: string, tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  await db
    .insertInto('note_topics')
    .values(tags.map((tag) => ({ note_id: noteId, tag })))
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

export async function unlinkTopics(db: DbHandle, noteId: string, tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  await db
    .deleteFrom('note_topics')
    .where('note_id', '=', noteId)
    .where('tag', 'in', tags)
    .execute();
}

export async function topicTagsOf(db: DbHandle, noteId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('note_topics')
    .select('tag')
    .where('note_id', '=', noteId)
    .execute();
  return rows.map((row) => row.tag);
}

export async function topicsOfNotes(
  db: DbHandle,
  noteIds: string[],
): Promise<Map<string, Array<{ tag: string; display: string }>>> {
  const result = new Map<string, Array<{ tag: string; display: string }>>();
  if (noteIds.length === 0) return result;
  const rows = await db
    .selectFrom('note_topics')
    .innerJoin('topics', 'topics.tag', 'note_topics.tag')
    .select(['note_topics.note_id', 'topics.tag', 'topics.display'])
    .where(sql<boolean>`note_topics.note_id = ANY(${noteIds}::uuid[])`)
    .execute();
  for (const row of rows) {
    const list = result.get(row.note_id) ?? [];
    list.push({ tag: row.tag, display: row.display });
    result.set(row.note_id, list);
  }
  return result;
}
