import type { DbHandle } from '../../db/database.js';
import type {
  DecisionRow,
  EvidenceSpan,
  MediaEvidenceItem,
  ModerationTarget,
  RegionActions,
  VisibleAction,
} from '../../db/schema.js';
import { countDecision } from '../../lib/metrics.js';

// Decisions: what automated enforcement and moderators decided, the statements' source.

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
  /** What the media checks found (automated decisions on images); none by default. */
  media_evidence?: MediaEvidenceItem[];
  reason_code: string | null;
  note: string | null;
  until: Date | null;
}

export async function insertDecision(db: DbHandle, row: NewDecision): Promise<DecisionRow> {
  const inserted = await db
    .insertInto('moderation_decisions')
    .values({
      ...row,
      region_actions: row.region_actions ? JSON.stringify(row.region_actions) : null,
      evidence: JSON.stringify(row.evidence),
      media_evidence: JSON.stringify(row.media_evidence ?? []),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // counted when written (a transaction rolled back later is rare: the figure is a rate)
  countDecision(row.source, row.action);
  return inserted;
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

/** The evidence of the automated decision that opened a case (empty when there is none). */
export async function automatedEvidenceOfCase(
  db: DbHandle,
  caseId: string,
): Promise<EvidenceSpan[]> {
  const row = await db
    .selectFrom('moderation_decisions')
    .select('evidence')
    .where('case_id', '=', caseId)
    .where('source', '=', 'automated')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.evidence ?? [];
}

/** The action of one decision (e.g. the one that resolved a case), or null. */
export async function decisionAction(db: DbHandle, decisionId: string): Promise<string | null> {
  const row = await db
    .selectFrom('moderation_decisions')
    .select('action')
    .where('id', '=', decisionId)
    .executeTakeFirst();
  return row?.action ?? null;
}
