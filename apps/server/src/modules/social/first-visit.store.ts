import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import { staffBadgeSql } from '../accounts/accounts.store.js';

// SQL of a newcomer's first visit: onboarding state, follow suggestions, follower lists.

/** Whether an account is under a suspension or ban in force (`now` as a parameter). */
function sanctionedSql(alias: string, now: Date) {
  return sql<boolean>`(${sql.ref(`${alias}.banned_at`)} IS NOT NULL
    OR coalesce(${sql.ref(`${alias}.suspended_until`)} > ${now}, false))`;
}

export function onboardingRow(db: DbHandle, accountId: string) {
  return db
    .selectFrom('accounts')
    .select(['onboarded_at', 'interests'])
    .where('id', '=', accountId)
    .executeTakeFirst();
}

/** Marks onboarding done (the first time only) and sets the interests when given. */
export async function completeOnboarding(
  db: DbHandle,
  accountId: string,
  interests: string[] | undefined,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({
      onboarded_at: sql<Date>`coalesce(onboarded_at, now())`,
      ...(interests ? { interests } : {}),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', accountId)
    .execute();
}

/** Topics with the most notes, and any of `tags` whatever their size. */
export function topicChoices(db: DbHandle, tags: string[], limit: number) {
  return db
    .selectFrom('topics')
    .select(['tag', 'display', 'note_count'])
    .where((eb) =>
      tags.length > 0
        ? eb.or([eb('note_count', '>', 0), eb('tag', 'in', tags)])
        : eb('note_count', '>', 0),
    )
    .orderBy('note_count', 'desc')
    .orderBy('tag')
    .limit(limit + tags.length)
    .execute();
}

/** Which of `tags` are existing topics. */
export async function existingTopics(db: DbHandle, tags: string[]): Promise<Set<string>> {
  if (tags.length === 0) return new Set();
  const rows = await db.selectFrom('topics').select('tag').where('tag', 'in', tags).execute();
  return new Set(rows.map((row) => row.tag));
}

export interface SuggestionRow {
  id: string;
  handle: string;
  display_name: string;
  avatar_url: string | null;
  staff: boolean;
  bio: string;
  followers_count: number;
  notes_count: number;
  topic: string | null;
  speaks: boolean;
}

/**
 * Accounts to suggest to `viewerId`, best first. Candidates are the authors of published notes
 * on the viewer's interests and the most followed accounts with notes (a bounded pool, so the
 * cost does not grow with the number of accounts beyond one index walk); each is scored by
 * interest (notes on the topics), language (one of its latest notes is in a language the viewer
 * reads: base languages compared) and popularity (followers, likes received, on a log scale).
 * Never the viewer, an account they follow, either side of a block, a suspended, banned or
 * posting-restricted account, a member of an open farm cluster, or (with `excludeLevelZero`)
 * an account at trust level 0 — suggestions are reach, which level 0 does not get.
 */
export async function suggestionCandidates(
  db: DbHandle,
  input: {
    viewerId: string;
    interests: string[];
    languages: string[];
    excludeLevelZero: boolean;
    limit: number;
    now: Date;
  },
): Promise<SuggestionRow[]> {
  const { viewerId, interests, languages, now } = input;
  const result = await sql<SuggestionRow>`
    WITH topical AS (
      SELECT n.author_id, min(nt.tag) AS tag, count(*)::int AS topical_notes
      FROM note_topics nt
      JOIN notes n ON n.id = nt.note_id
      WHERE nt.tag = ANY(${interests}::text[]) AND n.status = 'published'
      GROUP BY n.author_id
      ORDER BY topical_notes DESC
      LIMIT 300
    ),
    popular AS (
      SELECT a.id AS author_id FROM accounts a
      WHERE a.notes_count > 0
      ORDER BY a.followers_count DESC, a.likes_received_count DESC, a.id
      LIMIT 300
    ),
    pool AS (
      SELECT author_id FROM topical UNION SELECT author_id FROM popular
    ),
    scored AS (
      SELECT a.id, a.handle, a.display_name, a.avatar_url, a.bio, a.followers_count,
        a.notes_count, a.likes_received_count, t.tag AS topic, coalesce(t.topical_notes, 0) AS topical,
        ${staffBadgeSql('a.id')} AS staff,
        EXISTS (
          SELECT 1 FROM (
            SELECT lang FROM notes
            WHERE notes.author_id = a.id AND notes.status = 'published'
            ORDER BY notes.id DESC LIMIT 5
          ) latest
          WHERE split_part(latest.lang, '-', 1) = ANY(${languages}::text[])
        ) AS speaks
      FROM pool
      JOIN accounts a ON a.id = pool.author_id
      LEFT JOIN topical t ON t.author_id = a.id
      WHERE a.id <> ${viewerId}
        AND a.notes_count > 0
        AND (${!input.excludeLevelZero} OR a.trust_level > 0)
        AND NOT ${sanctionedSql('a', now)}
        AND coalesce(a.posting_restricted_until <= ${now}, true)
        AND NOT EXISTS (SELECT 1 FROM follows f
          WHERE f.follower_id = ${viewerId} AND f.followee_id = a.id)
        AND NOT EXISTS (SELECT 1 FROM account_blocks b
          WHERE (b.blocker_id = ${viewerId} AND b.blocked_id = a.id)
             OR (b.blocker_id = a.id AND b.blocked_id = ${viewerId}))
        AND NOT EXISTS (SELECT 1 FROM farm_cluster_members m
          JOIN farm_clusters c ON c.id = m.cluster_id
          WHERE m.account_id = a.id AND c.status = 'open')
    )
    SELECT id, handle, display_name, avatar_url, staff, bio, followers_count, notes_count,
      topic, speaks
    FROM scored
    ORDER BY
      (CASE WHEN topical > 0 THEN 4 + ln(1 + topical) ELSE 0 END)
      + (CASE WHEN speaks THEN 2 ELSE 0 END)
      + 0.5 * ln(1 + followers_count) + 0.25 * ln(1 + likes_received_count) DESC,
      id
    LIMIT ${input.limit}
  `.execute(db);
  return result.rows;
}

export interface FollowListRow {
  id: string;
  handle: string;
  display_name: string;
  avatar_url: string | null;
  staff: boolean;
  bio: string;
  /** The follow's time as PostgreSQL writes it (microseconds kept, for the cursor). */
  followed_at: string;
  viewer_follows: boolean;
}

/**
 * One page of an account's followers (`direction: 'followers'`) or of the accounts it follows,
 * most recent first; cursor = (follow time, the other account's id). Accounts under a
 * suspension or ban, and either side of a block with the viewer, are left out.
 */
export async function followList(
  db: DbHandle,
  input: {
    accountId: string;
    direction: 'followers' | 'following';
    viewerId: string | null;
    before: { at: string; id: string } | null;
    limit: number;
    now: Date;
  },
): Promise<FollowListRow[]> {
  const { accountId, viewerId, before, now } = input;
  // followers: edges into the account (follows_followee); following: edges out (follows_follower)
  const [own, other] =
    input.direction === 'followers'
      ? (['followee_id', 'follower_id'] as const)
      : (['follower_id', 'followee_id'] as const);
  const result = await sql<FollowListRow>`
    SELECT a.id, a.handle, a.display_name, a.avatar_url, a.bio, ${staffBadgeSql('a.id')} AS staff,
      f.created_at::text AS followed_at,
      ${
        viewerId
          ? sql`EXISTS (SELECT 1 FROM follows v WHERE v.follower_id = ${viewerId} AND v.followee_id = a.id)`
          : sql`false`
      } AS viewer_follows
    FROM follows f
    JOIN accounts a ON a.id = ${sql.ref(`f.${other}`)}
    WHERE ${sql.ref(`f.${own}`)} = ${accountId}
      AND NOT ${sanctionedSql('a', now)}
      ${
        viewerId
          ? sql`AND NOT EXISTS (SELECT 1 FROM account_blocks b
              WHERE (b.blocker_id = ${viewerId} AND b.blocked_id = a.id)
                 OR (b.blocker_id = a.id AND b.blocked_id = ${viewerId}))`
          : sql``
      }
      ${
        before
          ? sql`AND (f.created_at, ${sql.ref(`f.${other}`)}) < (${before.at}::timestamptz, ${before.id}::uuid)`
          : sql``
      }
    ORDER BY f.created_at DESC, ${sql.ref(`f.${other}`)} DESC
    LIMIT ${input.limit}
  `.execute(db);
  return result.rows;
}
