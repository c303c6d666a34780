import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { CaseRow, ModerationTarget } from '../../db/schema.js';

// Review cases: opening, locking and leasing them, and the queue moderators work from.

export function findOpenCase(
  db: DbHandle,
  targetType: ModerationTarget,
  targetId: string,
): Promise<CaseRow | undefined> {
  return db
    .selectFrom('moderation_cases')
    .selectAll()
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .where('status', '<>', 'resolved')
    .forUpdate()
    .executeTakeFirst();
}

export interface NewCase {
  id: string;
  target_type: ModerationTarget;
  target_id: string;
  subject_id: string;
  source: 'report' | 'automated' | 'appeal';
  category: string;
  lang: string | null;
  region: string | null;
  priority: number;
  reach: number;
  /** For an appeal: the decision appealed. */
  appealed_decision_id?: string;
}

/**
 * Opens a case, or returns the open case of the same target when a concurrent writer opened it
 * first (one open case per target is a unique index).
 */
export async function openCase(db: DbHandle, row: NewCase): Promise<CaseRow> {
  const inserted = await db
    .insertInto('moderation_cases')
    .values(row)
    .onConflict((conflict) =>
      // a literal, not a parameter: PostgreSQL must prove the partial index's predicate while
      // planning, which a generic plan of a prepared statement cannot do with a parameter
      conflict
        .columns(['target_type', 'target_id'])
        .where('status', '<>', sql.lit('resolved'))
        .doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  if (inserted) return inserted;
  const existing = await findOpenCase(db, row.target_type, row.target_id);
  if (!existing) throw new Error('open case vanished');
  return existing;
}

export function findCase(db: DbHandle, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('moderation_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockCase(db: DbHandle, id: string): Promise<CaseRow | undefined> {
  return db
    .selectFrom('moderation_cases')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateCase(
  db: DbHandle,
  id: string,
  changes: Partial<Omit<CaseRow, 'id' | 'opened_at'>>,
): Promise<CaseRow> {
  return db
    .updateTable('moderation_cases')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface QueueFilter {
  status: 'open' | 'claimed' | 'resolved' | 'active';
  languages: string[] | null;
  regions: string[] | null;
  category: string | null;
  lang: string | null;
  region: string | null;
  minPriority: number | null;
  olderThan: Date | null;
  source: string | null;
}

/** Conditions shared by the queue and its counts: filters plus the moderator's scope. */
function queueConditions(filter: QueueFilter) {
  const parts = [sql`TRUE`];
  const claimValid = sql`(claimed_by IS NOT NULL AND lease_until > now())`;
  if (filter.status === 'open') parts.push(sql`status <> 'resolved' AND NOT ${claimValid}`);
  if (filter.status === 'claimed') parts.push(sql`status <> 'resolved' AND ${claimValid}`);
  if (filter.status === 'active') parts.push(sql`status <> 'resolved'`);
  if (filter.status === 'resolved') parts.push(sql`status = 'resolved'`);
  // Scope: content in a language and region the moderator covers; unknown ones are everyone's.
  if (filter.languages && filter.languages.length > 0) {
    parts.push(
      sql`(lang IS NULL OR split_part(lang, '-', 1) = ANY(${filter.languages.map((tag) => tag.split('-')[0]!)}::text[]))`,
    );
  }
  if (filter.regions && filter.regions.length > 0)
    parts.push(sql`(region IS NULL OR region = ANY(${filter.regions}::text[]))`);
  if (filter.category) parts.push(sql`category = ${filter.category}`);
  if (filter.lang) parts.push(sql`split_part(lang, '-', 1) = ${filter.lang.split('-')[0]}`);
  if (filter.region) parts.push(sql`region = ${filter.region}`);
  if (filter.minPriority !== null) parts.push(sql`priority >= ${filter.minPriority}`);
  if (filter.olderThan) parts.push(sql`opened_at < ${filter.olderThan}`);
  if (filter.source) parts.push(sql`source = ${filter.source}`);
  return sql.join(parts, sql` AND `);
}

/** The queue: highest priority first, then oldest; cursor = (priority, opened_at, id). */
export async function queue(
  db: DbHandle,
  filter: QueueFilter,
  after: { priority: number; openedAt: string; id: string } | null,
  limit: number,
): Promise<CaseRow[]> {
  const cursor = after
    ? sql`AND (priority < ${after.priority} OR (priority = ${after.priority} AND (opened_at, id) > (${after.openedAt}::timestamptz, ${after.id}::uuid)))`
    : sql``;
  const { rows } = await sql<CaseRow>`
    SELECT * FROM moderation_cases
    WHERE ${queueConditions(filter)} ${cursor}
    ORDER BY priority DESC, opened_at, id
    LIMIT ${limit}`.execute(db);
  return rows;
}

/** Counts per category of the filtered queue, for the console's filter bar. */
export async function queueCounts(
  db: DbHandle,
  filter: QueueFilter,
): Promise<{ category: string; count: number }[]> {
  const { rows } = await sql<{ category: string; count: string }>`
    SELECT category, count(*) AS count FROM moderation_cases
    WHERE ${queueConditions(filter)}
    GROUP BY category ORDER BY count(*) DESC, category`.execute(db);
  return rows.map((row) => ({ category: row.category, count: Number(row.count) }));
}

/** Takes the lease when the case is free, expired or already ours; undefined otherwise. */
export function claimCase(
  db: DbHandle,
  id: string,
  moderatorId: string,
  leaseUntil: Date,
): Promise<CaseRow | undefined> {
  return db
    .updateTable('moderation_cases')
    .set({
      status: 'claimed',
      claimed_by: moderatorId,
      lease_until: leaseUntil,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('status', '<>', 'resolved')
    .where((eb) =>
      eb.or([
        eb('claimed_by', 'is', null),
        eb('claimed_by', '=', moderatorId),
        eb('lease_until', '<', sql<Date>`now()`),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

/** How many of an author's newest notes speak for their language when a text alone cannot. */
const RECENT_NOTES_FOR_LANGUAGE = 10;

/** The texts of an author's newest notes (newest first) and their interface language. */
export async function authorLanguageEvidence(
  db: DbHandle,
  accountId: string,
): Promise<{ recentTexts: { title: string; body: string }[]; accountLocale: string | null }> {
  // one after the other: the handle may be a transaction's single connection
  const recent = await db
    .selectFrom('notes')
    .select(['title', 'body'])
    .where('author_id', '=', accountId)
    .orderBy('id', 'desc')
    .limit(RECENT_NOTES_FOR_LANGUAGE)
    .execute();
  const account = await db
    .selectFrom('accounts')
    .select('locale')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return {
    recentTexts: recent,
    accountLocale: account?.locale ?? null,
  };
}
