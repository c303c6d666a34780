import type { DbHandle } from '../../db/database.js';

type EngagementTable = 'likes' | 'collects';

/** Adds the edge; true when new (a repeat is a no-op, so counts move exactly once). */
export async function insertEngagement(
  db: DbHandle,
  table: EngagementTable,
  accountId: string,
  noteId: string,
): Promise<boolean> {
  const row = await db
    .insertInto(table)
    .values({ account_id: accountId, note_id: noteId })
    .onConflict((conflict) => conflict.columns(['account_id', 'note_id']).doNothing())
    .returning('note_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes the edge; true when there was one. */
export async function deleteEngagement(
  db: DbHandle,
  table: EngagementTable,
  accountId: string,
  noteId: string,
): Promise<boolean> {
  const row = await db
    .deleteFrom(table)
    .where('account_id', '=', accountId)
    .where('note_id', '=', noteId)
    .returning('note_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The notes an account liked or collected (its deletion takes them back). */
export async function engagedNoteIds(
  db: DbHandle,
  table: EngagementTable,
  accountId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom(table)
    .select('note_id')
    .where('account_id', '=', accountId)
    .orderBy('note_id')
    .execute();
  return rows.map((row) => row.note_id);
}
