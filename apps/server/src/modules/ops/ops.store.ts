import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';

// The figures metrics read from the database at scrape time. Each reads a partial index or a
// small queue table: cheap enough to run every few seconds (the service caches them).

export interface QueueGroup {
  lang: string;
  region: string;
  depth: number;
  oldest: Date;
}

/** Open moderation cases per content language and region, with the oldest one's age. */
export async function reviewQueue(db: DbHandle): Promise<QueueGroup[]> {
  const { rows } = await sql<QueueGroup>`
    SELECT coalesce(lang, 'none') AS lang, coalesce(region, 'none') AS region,
           count(*)::int AS depth, min(opened_at) AS oldest
    FROM moderation_cases
    WHERE status <> 'resolved'
    GROUP BY 1, 2`.execute(db);
  return rows;
}

export interface Backlog {
  queue: string;
  items: number;
  oldest: Date | null;
}

/**
 * Background work waiting: views not yet counted, topic count changes, due jobs, and events not
 * yet relayed to NATS (the outbox; always empty without NATS_URL).
 */
export async function backlogs(db: DbHandle): Promise<Backlog[]> {
  const { rows } = await sql<Backlog>`
    SELECT 'note_views' AS queue, count(*)::int AS items, min(created_at) AS oldest
      FROM note_views WHERE NOT counted
    UNION ALL
    SELECT 'topic_deltas', count(*)::int, min(created_at) FROM topic_deltas
    UNION ALL
    SELECT 'jobs', count(*)::int, min(run_at) FROM jobs WHERE run_at <= now()
    UNION ALL
    SELECT 'outbox', count(*)::int, min(created_at) FROM outbox_events WHERE sent_at IS NULL`.execute(
    db,
  );
  return rows;
}
