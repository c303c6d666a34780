import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';

// What a replayed wave's outcome reads of each account: sanctions in force, open cases about it
// and its notes by status. One statement per batch of ids.

export interface AccountStateRow {
  id: string;
  /** The stored trust level (kept current by the periodic recompute, which settle runs). */
  trust_level: number;
  restricted: boolean;
  suspended: boolean;
  flagged: boolean;
  published: number;
  held: number;
  removed: number;
  /** The open farm cluster's number (`cl_<n>`), null when in none. */
  cluster: string | null;
}

export async function accountStates(
  db: DbHandle,
  ids: readonly string[],
  now: Date,
): Promise<AccountStateRow[]> {
  const result = await sql<AccountStateRow>`
    SELECT a.id, a.trust_level,
      coalesce(a.posting_restricted_until > ${now}, false) AS restricted,
      (a.banned_at IS NOT NULL OR coalesce(a.suspended_until > ${now}, false)) AS suspended,
      EXISTS (
        SELECT 1 FROM moderation_cases c
        WHERE c.subject_id = a.id AND c.status <> 'resolved'
      ) AS flagged,
      coalesce(n.published, 0) AS published,
      coalesce(n.held, 0) AS held,
      coalesce(n.removed, 0) AS removed,
      (SELECT 'cl_' || c.seq FROM farm_cluster_members m
        JOIN farm_clusters c ON c.id = m.cluster_id
        WHERE m.account_id = a.id AND c.status = 'open'
        ORDER BY c.seq DESC LIMIT 1) AS cluster
    FROM accounts a
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE status = 'published') AS published,
        count(*) FILTER (WHERE status = 'pending_review') AS held,
        count(*) FILTER (WHERE status = 'removed') AS removed
      FROM notes WHERE author_id = a.id
    ) n ON true
    WHERE a.id = ANY(${sql.val([...ids])}::uuid[])`.execute(db);
  // counts come back as strings over pg and numbers over PGlite
  return result.rows.map((row) => ({
    ...row,
    published: Number(row.published),
    held: Number(row.held),
    removed: Number(row.removed),
  }));
}
