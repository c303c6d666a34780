import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';

/** Adds the like; true when new (a repeat is a no-op, so the count moves exactly once). */
export async function insertCommentLike(
  db: DbHandle,
  accountId: string,
  commentId: string,
): Promise<boolean> {
  const row = await db
    .insertInto('comment_likes')
    .values({ account_id: accountId, comment_id: commentId })
    .onConflict((conflict) => conflict.columns(['comment_id', 'account_id']).doNothing())
    .returning('comment_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes the like; true when there was one. */
export async function deleteCommentLike(
  db: DbHandle,
  accountId: string,
  commentId: string,
): Promise<boolean> {
  const row = await db
    .deleteFrom('comment_likes')
    .where('account_id', '=', accountId)
    .where('comment_id', '=', commentId)
    .returning('comment_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function adjustCommentLikes(
  db: DbHandle,
  commentId: string,
  delta: number,
): Promise<void> {
  await db
    .updateTable('comments')
    .set({ like_count: sql`greatest(like_count + ${delta}, 0)` })
    .where('id', '=', commentId)
    .execute();
}

/** Which of these comments the viewer liked. */
export async function likedByViewer(
  db: DbHandle,
  viewerId: string | null,
  commentIds: string[],
): Promise<Set<string>> {
  if (!viewerId || commentIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('comment_likes')
    .select('comment_id')
    .where('account_id', '=', viewerId)
    .where('comment_id', 'in', commentIds)
    .execute();
  return new Set(rows.map((row) => row.comment_id));
}

/** The comments an account liked (its deletion takes the likes back). */
export async function likedCommentIds(db: DbHandle, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('comment_likes')
    .select('comment_id')
    .where('account_id', '=', accountId)
    .orderBy('comment_id')
    .execute();
  return rows.map((row) => row.comment_id);
}
