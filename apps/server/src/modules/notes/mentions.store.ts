import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';

// The accounts a note mentions.

export async function replaceMentions(
  db: DbHandle,
  noteId: string,
  handles: string[],
): Promise<void> {
  await db.deleteFrom('note_mentions').where('note_id', '=', noteId).execute();
  if (handles.length === 0) return;
  await db
    .insertInto('note_mentions')
    .columns(['note_id', 'account_id'])
    .expression((eb) =>
      eb
        .selectFrom('accounts')
        .select([sql.lit(noteId).as('note_id'), 'id'])
        .where('handle', 'in', handles),
    )
    .execute();
}

export async function mentionsOfNotes(
  db: DbHandle,
  noteIds: string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (noteIds.length === 0) return result;
  const rows = await db
    .selectFrom('note_mentions')
    .innerJoin('accounts', 'accounts.id', 'note_mentions.account_id')
    .select(['note_mentions.note_id', 'accounts.handle'])
    .where(sql<boolean>`note_mentions.note_id = ANY(${noteIds}::uuid[])`)
    .orderBy('accounts.handle')
    .execute();
  for (const row of rows) {
    const list = result.get(row.note_id) ?? [];
    list.push(row.handle);
    result.set(row.note_id, list);
  }
  return result;
}
