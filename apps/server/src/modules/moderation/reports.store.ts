import type { DbHandle } from '../../db/database.js';
import type { ModerationTarget, ReportRow } from '../../db/schema.js';
import { countReport } from '../../lib/metrics.js';

// Reports (and appeals, which are reports with the reason `appeal`) filed against a case.

export async function insertReport(
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
  const inserted = await db
    .insertInto('reports')
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(['reporter_id', 'target_type', 'target_id']).doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  if (inserted) countReport(inserted.reason);
  return inserted;
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

/** Who reported a case (appellants included): none of them may review it. */
export async function reporterIdsOfCase(db: DbHandle, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('reports')
    .select('reporter_id')
    .where('case_id', '=', caseId)
    .execute();
  return rows.map((row) => row.reporter_id);
}
