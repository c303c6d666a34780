import { type SqlBool, sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { TopicRow } from '../../db/schema.js';
import { noteRecommendable, withheldIn } from '../visibility/visibility.js';

export function findTopic(db: DbHandle, tag: string): Promise<TopicRow | undefined> {
  return db.selectFrom('topics').selectAll().where('tag', '=', tag).executeTakeFirst();
}

export interface TrendingRow extends TopicRow {
  recent: number;
  baseline: number;
}

/**
 * Activity per topic: `recent` = the current and previous clock hour, `baseline` = the average
 * hour of the 24 before that. Activity weighs a new note 5, a comment 2 and a view 1.
 */
export async function topicActivity(
  db: DbHandle,
  minRecent: number,
  limit: number,
): Promise<TrendingRow[]> {
  const { rows } = await sql<TrendingRow>`
    WITH activity AS (
      SELECT tag,
        sum(CASE WHEN hour >= date_trunc('hour', now()) - interval '1 hour'
                 THEN notes * 5 + discussions * 2 + views ELSE 0 END)::float8 AS recent,
        sum(CASE WHEN hour < date_trunc('hour', now()) - interval '1 hour'
                 THEN notes * 5 + discussions * 2 + views ELSE 0 END)::float8 / 24 AS baseline
      FROM topic_activity
      WHERE hour >= date_trunc('hour', now()) - interval '25 hours'
      GROUP BY tag
    )
    SELECT topics.*, activity.recent, activity.baseline
    FROM activity JOIN topics ON topics.tag = activity.tag
    WHERE activity.recent >= ${minRecent}
    ORDER BY (activity.recent + 1) / (activity.baseline + 1) DESC, activity.recent DESC, topics.tag
    LIMIT ${limit}`.execute(db);
  return rows;
}

export async function deleteActivityBefore(db: DbHandle, before: Date): Promise<void> {
  await db.deleteFrom('topic_activity').where('hour', '<', before).execute();
}

/**
 * What a topic's shared counters include that a region may not see: its published notes
 * withheld there, with their views and comments. Only restricted notes are scanned (a partial
 * index holds them), so this stays cheap however big the topic.
 */
export async function hiddenInRegion(
  db: DbHandle,
  tag: string,
  region: string | null,
): Promise<{ notes: number; views: number; discussions: number }> {
  const { rows } = await sql<{ notes: string; views: string; discussions: string }>`
    SELECT count(*) AS notes, coalesce(sum(view_count), 0) AS views,
           coalesce(sum(comment_count), 0) AS discussions
    FROM notes
    WHERE (region_actions IS NOT NULL OR moderation_action <> 'allow')
      AND ${withheldIn(region)}
      AND EXISTS (SELECT 1 FROM note_topics WHERE note_topics.note_id = notes.id AND note_topics.tag = ${tag})`.execute(
    db,
  );
  const row = rows[0]!;
  return {
    notes: Number(row.notes),
    views: Number(row.views),
    discussions: Number(row.discussions),
  };
}

/**
 * Per tag, what a region may not see of the shared counters (as `hiddenInRegion`, for lists of
 * topics such as search): a subquery of `tag`, `notes`, `views`, `discussions` to join on.
 */
export function hiddenInRegionByTag(db: DbHandle, region: string | null) {
  return db
    .selectFrom('notes')
    .innerJoin('note_topics', 'note_topics.note_id', 'notes.id')
    .select('note_topics.tag')
    .select([
      sql<number>`count(*)`.as('notes'),
      sql<number>`coalesce(sum(notes.view_count), 0)`.as('views'),
      sql<number>`coalesce(sum(notes.comment_count), 0)`.as('discussions'),
    ])
    .where(sql<SqlBool>`(notes.region_actions IS NOT NULL OR notes.moderation_action <> 'allow')`)
    .where(withheldIn(region))
    .groupBy('note_topics.tag');
}

/**
 * The tags among `tags` with at least one note of the last two days that may be recommended in
 * the region: a topic made only of withheld or limited notes never trends there.
 */
export async function tagsRecommendableIn(
  db: DbHandle,
  tags: string[],
  region: string | null,
): Promise<Set<string>> {
  if (tags.length === 0) return new Set();
  const { rows } = await sql<{ tag: string }>`
    SELECT candidate.tag FROM unnest(${tags}::text[]) AS candidate(tag)
    WHERE EXISTS (
      SELECT 1 FROM note_topics JOIN notes ON notes.id = note_topics.note_id
      WHERE note_topics.tag = candidate.tag
        AND notes.created_at > now() - interval '2 days'
        AND ${noteRecommendable({ viewerId: null, region })}
    )`.execute(db);
  return new Set(rows.map((row) => row.tag));
}

/**
 * Records changes to topic counts (new notes, discussions; negative when taken back) as deltas:
 * inserts only, so concurrent writers of one popular topic never wait on each other.
 */
export async function recordTopicDeltas(
  db: DbHandle,
  tags: string[],
  changes: { notes?: number; discussions?: number },
): Promise<void> {
  const notes = changes.notes ?? 0;
  const discussions = changes.discussions ?? 0;
  if (tags.length === 0 || (notes === 0 && discussions === 0)) return;
  await db
    .insertInto('topic_deltas')
    .values(tags.map((tag) => ({ tag, notes, discussions })))
    .execute();
}

/** The advisory lock held by whoever updates topic counters (one node at a time). */
const TOPIC_COUNTERS_LOCK = 7243001;

/** Takes the topic counters' lock for the caller's transaction; false when another holds it. */
export async function lockTopicCounters(db: DbHandle): Promise<boolean> {
  const { rows } = await sql<{
    ok: boolean;
  }>`select pg_try_advisory_xact_lock(${TOPIC_COUNTERS_LOCK}) as ok`.execute(db);
  return rows[0]?.ok === true;
}

/**
 * Folds up to `batch` pending deltas into topic counts and the hourly activity (positive
 * changes only: a deletion lowers counts but is not activity), deleting them in the same
 * statement. An advisory lock lets one node at a time do it, so topic rows are never updated
 * by two folders in different orders (no deadlocks); the others skip this round.
 */
export async function applyTopicDeltas(db: DbHandle, batch: number): Promise<number> {
  if (!(await lockTopicCounters(db))) return 0;
  const { rows } = await sql<{ applied: number }>`
    WITH claimed AS (
      DELETE FROM topic_deltas
      WHERE id IN (SELECT id FROM topic_deltas ORDER BY id LIMIT ${batch})
      RETURNING tag, notes, discussions, created_at
    ), totals AS (
      SELECT tag, sum(notes)::int AS notes, sum(discussions)::int AS discussions
      FROM claimed GROUP BY tag
    ), counted AS (
      UPDATE topics SET
        note_count = greatest(note_count + totals.notes, 0),
        discussion_count = greatest(discussion_count + totals.discussions, 0)
      FROM totals WHERE topics.tag = totals.tag
      RETURNING topics.tag
    ), activity AS (
      INSERT INTO topic_activity (tag, hour, notes, discussions)
      SELECT tag, date_trunc('hour', created_at), sum(greatest(notes, 0))::int, sum(greatest(discussions, 0))::int
      FROM claimed
      WHERE notes > 0 OR discussions > 0
      GROUP BY 1, 2
      ON CONFLICT (tag, hour) DO UPDATE SET
        notes = topic_activity.notes + excluded.notes,
        discussions = topic_activity.discussions + excluded.discussions
      RETURNING tag
    )
    SELECT (SELECT count(*) FROM claimed)::int AS applied,
           (SELECT count(*) FROM counted) + (SELECT count(*) FROM activity) AS touched`.execute(db);
  return rows[0]?.applied ?? 0;
}
