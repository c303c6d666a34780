import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';

/** Inserts the follow edge; true when it is new (a repeat is a no-op). */
export async function insertFollow(
  db: DbHandle,
  followerId: string,
  followeeId: string,
): Promise<boolean> {
  const row = await db
    .insertInto('follows')
    .values({ follower_id: followerId, followee_id: followeeId })
    .onConflict((conflict) => conflict.columns(['follower_id', 'followee_id']).doNothing())
    .returning('follower_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Deletes the follow edge; true when there was one. */
export async function deleteFollow(
  db: DbHandle,
  followerId: string,
  followeeId: string,
): Promise<boolean> {
  const row = await db
    .deleteFrom('follows')
    .where('follower_id', '=', followerId)
    .where('followee_id', '=', followeeId)
    .returning('follower_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Moves both denormalized counters by `delta` (+1 or −1) in the caller's transaction. */
export async function adjustFollowCounts(
  db: DbHandle,
  followerId: string,
  followeeId: string,
  delta: 1 | -1,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ following_count: sql`following_count + ${delta}` })
    .where('id', '=', followerId)
    .execute();
  await db
    .updateTable('accounts')
    .set({ followers_count: sql`followers_count + ${delta}` })
    .where('id', '=', followeeId)
    .execute();
}

export async function followEdges(
  db: DbHandle,
  viewerId: string,
  otherId: string,
): Promise<{ following: boolean; followedBy: boolean }> {
  const rows = await db
    .selectFrom('follows')
    .select(['follower_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('follower_id', '=', viewerId), eb('followee_id', '=', otherId)]),
        eb.and([eb('follower_id', '=', otherId), eb('followee_id', '=', viewerId)]),
      ]),
    )
    .execute();
  return {
    following: rows.some((row) => row.follower_id === viewerId),
    followedBy: rows.some((row) => row.follower_id === otherId),
  };
}
