import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { TopicRow } from '../../db/schema.js';

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
