import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import { staffBadgeSql } from '../accounts/accounts.store.js';

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

/**
 * Moves both denormalized counters by `delta` (+1 or −1) in the caller's transaction. The two
 * rows are always updated in id order: when two accounts follow each other at the same moment,
 * both transactions lock the same row first, so one waits instead of both deadlocking.
 */
export async function adjustFollowCounts(
  db: DbHandle,
  followerId: string,
  followeeId: string,
  delta: 1 | -1,
): Promise<void> {
  const moves = [
    { id: followerId, column: 'following_count' as const },
    { id: followeeId, column: 'followers_count' as const },
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const move of moves) {
    await db
      .updateTable('accounts')
      .set({ [move.column]: sql`${sql.ref(move.column)} + ${delta}` })
      .where('id', '=', move.id)
      .execute();
  }
}

export async function followEdges(
  db: DbHandle,
  viewerId: string,
  otherId: string,
): Promise<{ following: boolean; followedBy: boolean; blocking: boolean }> {
  const blocking = await db
    .selectFrom('account_blocks')
    .select('blocker_id')
    .where('blocker_id', '=', viewerId)
    .where('blocked_id', '=', otherId)
    .executeTakeFirst();
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
    blocking: blocking !== undefined,
  };
}

// ---- blocks --------------------------------------------------------------------------------

/** Inserts the block; true when it is new. */
export async function insertBlock(
  db: DbHandle,
  blockerId: string,
  blockedId: string,
): Promise<boolean> {
  const row = await db
    .insertInto('account_blocks')
    .values({ blocker_id: blockerId, blocked_id: blockedId })
    .onConflict((conflict) => conflict.columns(['blocker_id', 'blocked_id']).doNothing())
    .returning('blocker_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteBlock(db: DbHandle, blockerId: string, blockedId: string) {
  await db
    .deleteFrom('account_blocks')
    .where('blocker_id', '=', blockerId)
    .where('blocked_id', '=', blockedId)
    .execute();
}

export async function isBlockedEitherWay(db: DbHandle, a: string, b: string): Promise<boolean> {
  const row = await db
    .selectFrom('account_blocks')
    .select('blocker_id')
    .where((eb) =>
      eb.or([
        eb.and([eb('blocker_id', '=', a), eb('blocked_id', '=', b)]),
        eb.and([eb('blocker_id', '=', b), eb('blocked_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** The accounts someone blocked, most recent first; cursor = the blocked account's id. */
export function blockedAccounts(
  db: DbHandle,
  blockerId: string,
  before: { at: string; id: string } | null,
  limit: number,
) {
  let query = db
    .selectFrom('account_blocks')
    .innerJoin('accounts', 'accounts.id', 'account_blocks.blocked_id')
    .select([
      'accounts.id',
      'accounts.handle',
      'accounts.display_name',
      'accounts.avatar_url',
      staffBadgeSql('accounts.id').as('staff'),
      'account_blocks.created_at as blocked_at',
    ])
    .where('account_blocks.blocker_id', '=', blockerId);
  if (before) {
    query = query.where(
      sql<boolean>`(account_blocks.created_at, account_blocks.blocked_id) < (${before.at}::timestamptz, ${before.id}::uuid)`,
    );
  }
  return query
    .orderBy('account_blocks.created_at', 'desc')
    .orderBy('account_blocks.blocked_id', 'desc')
    .limit(limit)
    .execute();
}

/** Both directions of an account's follow edges (its deletion takes them back). */
export async function followEdgesOf(
  db: DbHandle,
  accountId: string,
): Promise<{ follower_id: string; followee_id: string }[]> {
  return db
    .selectFrom('follows')
    .select(['follower_id', 'followee_id'])
    .where((eb) => eb.or([eb('follower_id', '=', accountId), eb('followee_id', '=', accountId)]))
    .orderBy('follower_id')
    .orderBy('followee_id')
    .execute();
}

/** Every block by or of an account, and the notes it said it was not interested in. */
export async function deleteBlocksAndDismissals(db: DbHandle, accountId: string): Promise<void> {
  await db
    .deleteFrom('account_blocks')
    .where((eb) => eb.or([eb('blocker_id', '=', accountId), eb('blocked_id', '=', accountId)]))
    .execute();
  await db
    .deleteFrom('note_dismissals')
    .where((eb) => eb.or([eb('account_id', '=', accountId), eb('author_id', '=', accountId)]))
    .execute();
}
