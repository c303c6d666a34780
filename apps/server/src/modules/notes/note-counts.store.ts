import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';

// Engagement counters of notes, their authors' counts and the ranking score.

/**
 * The discover ranking score, documented in docs/design.md: engagement weighted like RedNote's
 * (a comment counts 3 likes, a follow it earned 5) over a gravity of age in hours.
 */
export const SCORE_SQL = sql<number>`(1 + like_count + collect_count + 3 * comment_count + 5 * follow_count + 0.05 * view_count)
  / power(extract(epoch from (now() - created_at)) / 3600.0 + 2, 1.5)`;

export async function adjustAuthorCounts(
  db: DbHandle,
  authorId: string,
  changes: { notes?: number; likesReceived?: number },
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({
      notes_count: sql`notes_count + ${changes.notes ?? 0}`,
      likes_received_count: sql`greatest(likes_received_count + ${changes.likesReceived ?? 0}, 0)`,
    })
    .where('id', '=', authorId)
    .execute();
}

/** Moves engagement counters; never below zero. */
export async function adjustNoteCounts(
  db: DbHandle,
  id: string,
  changes: { likes?: number; collects?: number; comments?: number; follows?: number },
): Promise<void> {
  await db
    .updateTable('notes')
    .set({
      like_count: sql`greatest(like_count + ${changes.likes ?? 0}, 0)`,
      collect_count: sql`greatest(collect_count + ${changes.collects ?? 0}, 0)`,
      comment_count: sql`greatest(comment_count + ${changes.comments ?? 0}, 0)`,
      follow_count: sql`greatest(follow_count + ${changes.follows ?? 0}, 0)`,
    })
    .where('id', '=', id)
    .execute();
}

export async function refreshScore(db: DbHandle, noteId: string): Promise<void> {
  await db.updateTable('notes').set({ score: SCORE_SQL }).where('id', '=', noteId).execute();
}

/** Re-applies time decay to recent notes; older ones have decayed to the bottom already. */
export async function refreshRecentScores(db: DbHandle, days: number): Promise<number> {
  const result = await db
    .updateTable('notes')
    .set({ score: SCORE_SQL })
    .where('created_at', '>', sql<Date>`now() - make_interval(days => ${days})`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
