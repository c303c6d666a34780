import type { DbHandle } from '../../db/database.js';

/** A reader's "not interested", with the note's author (discover needs no join for it). */
export interface Dismissal {
  note_id: string;
  author_id: string;
  created_at: Date;
}

/** Records a dismissal (idempotent: a repeat keeps the first one's time). */
export async function insertDismissal(
  db: DbHandle,
  accountId: string,
  noteId: string,
  authorId: string,
): Promise<void> {
  await db
    .insertInto('note_dismissals')
    .values({ account_id: accountId, note_id: noteId, author_id: authorId })
    .onConflict((conflict) => conflict.columns(['account_id', 'note_id']).doNothing())
    .execute();
}

export async function deleteDismissal(
  db: DbHandle,
  accountId: string,
  noteId: string,
): Promise<void> {
  await db
    .deleteFrom('note_dismissals')
    .where('account_id', '=', accountId)
    .where('note_id', '=', noteId)
    .execute();
}

/** A reader's most recent dismissals since `since`, newest first (`note_dismissals_recent`). */
export function recentDismissals(
  db: DbHandle,
  accountId: string,
  since: Date,
  limit: number,
): Promise<Dismissal[]> {
  return db
    .selectFrom('note_dismissals')
    .select(['note_id', 'author_id', 'created_at'])
    .where('account_id', '=', accountId)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
