import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type {
  CaseRow,
  DecisionRow,
  EvidenceSpan,
  ModerationTarget,
  RegionActions,
  ReportRow,
  VisibleAction,
} from '../../db/schema.js';

// ---- decisions ----------------------------------------------------------------------------

export interface NewDecision {
  id: string;
  target_type: ModerationTarget;
  target_id: string;
  subject_id: string;
  source: 'automated' | 'staff';
  actor_id: string | null;
  case_id: string | null;
  policy_version: string | null;
  action: string;
  region_actions: RegionActions | null;
  withheld_in: string[];
  labels: string[];
  rule_ids: string[];
  evidence: EvidenceSpan[];
  reason_code: string | null;
  note: string | null;
  until: Date | null;
}

export function insertDecision(db: DbHandle, row: NewDecision): Promise<DecisionRow> {
  return db
    .insertInto('moderation_decisions')
    .values({
      ...row,
      region_actions: row.region_actions ? JSON.stringify(row.region_actions) : null,
      evidence: JSON.stringify(row.evidence),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findDecision(db: DbHandle, id: string): Promise<DecisionRow | undefined> {
  return db.selectFrom('moderation_decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Decisions about one piece of content or account, newest first. */
export function decisionsFor(
  db: DbHandle,
  targetType: ModerationTarget,
  targetIds: string[],
): Promise<DecisionRow[]> {
  if (targetIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('moderation_decisions')
    .selectAll()
    .where('target_type', '=', targetType)
    .where('target_id', 'in', targetIds)
    .orderBy('id', 'desc')
    .execute();
}

/** Decisions concerning an account (its content and itself), newest first. */
export function decisionsOfSubject(
  db: DbHandle,
  subjectId: string,
  before: string | null,
  limit: number,
): Promise<DecisionRow[]> {
  let query = db
    .selectFrom('moderation_decisions')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .where('action', '<>', 'allow');
  if (before) query = query.where('id', '<', before);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

/**
 * The restrictions moderators imposed on a target since its last approval or removal, as
 * visible states (label, limit, withhold decisions carry the state they imposed).
 */
export async function staffRestrictionsOf(
  db: DbHandle,
  targetType: ModerationTarget,
  targetId: string,
): Promise<
  { moderation_action: VisibleAction; region_actions: RegionActions | null; labels: string[] }[]
> {
  const rows = await db
    .selectFrom('moderation_decisions')
    .select(['action', 'region_actions', 'labels'])
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .where('source', '=', 'staff')
    .where('action', 'in', ['label', 'limit', 'withhold', 'approve', 'remove'])
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  const since = rows.findIndex((row) => row.action === 'approve' || row.action === 'remove');
  return (since === -1 ? rows : rows.slice(0, since)).map((row) => ({
    // a regional withholding lives in region_actions; only an unregional one is global
    moderation_action:
      row.action === 'withhold' && row.region_actions ? 'allow' : (row.action as VisibleAction),
    region_actions: row.region_actions,
    labels: row.labels,
  }));
}

// ---- risk ----------------------------------------------------------------------------------

export async function insertRiskEvent(
  db: DbHandle,
  row: { id: string; account_id: string | null; kind: string; data: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('risk_events')
    .values({ ...row, data: JSON.stringify(row.data) })
    .execute();
}

export async function countRiskEvents(
  db: DbHandle,
  accountId: string,
  kind: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('risk_events')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('account_id', '=', accountId)
    .where('kind', '=', kind)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

// ---- cases ---------------------------------------------------------------------------------

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

// ---- reports -------------------------------------------------------------------------------

export function insertReport(
  db: DbHandle,
  row: {
    id: string;
    reporter_id: string;
    target_type: ModerationTarget;
    target_id: string;
    reason: string;
    details: string;
    case_id: string;
  },
): Promise<ReportRow | undefined> {
  return db
    .insertInto('reports')
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(['reporter_id', 'target_type', 'target_id']).doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
}

export function findReportBy(
  db: DbHandle,
  reporterId: string,
  targetType: ModerationTarget,
  targetId: string,
): Promise<ReportRow | undefined> {
  return db
    .selectFrom('reports')
    .selectAll()
    .where('reporter_id', '=', reporterId)
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .executeTakeFirst();
}

export function reportsOfCase(db: DbHandle, caseId: string) {
  return db
    .selectFrom('reports')
    .innerJoin('accounts', 'accounts.id', 'reports.reporter_id')
    .select([
      'reports.id',
      'reports.reason',
      'reports.details',
      'reports.created_at',
      'accounts.handle as reporter_handle',
    ])
    .where('reports.case_id', '=', caseId)
    .orderBy('reports.created_at')
    .limit(200)
    .execute();
}

/** Distinct reporters and the reasons given, to recompute a case's priority. */
export function reportReasonsOfCase(db: DbHandle, caseId: string): Promise<{ reason: string }[]> {
  return db.selectFrom('reports').select('reason').where('case_id', '=', caseId).execute();
}

export async function countReportsSince(
  db: DbHandle,
  reporterId: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('reporter_id', '=', reporterId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** How the author has fared: prior decisions and cases (shown to moderators with a case). */
export async function subjectHistory(db: DbHandle, subjectId: string) {
  const [decisions, cases] = await Promise.all([
    db
      .selectFrom('moderation_decisions')
      .select(['action', (eb) => eb.fn.countAll<string>().as('count')])
      .where('subject_id', '=', subjectId)
      .groupBy('action')
      .execute(),
    db
      .selectFrom('moderation_cases')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('subject_id', '=', subjectId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    decisions: Object.fromEntries(decisions.map((row) => [row.action, Number(row.count)])),
    cases: Number(cases.count),
  };
}
