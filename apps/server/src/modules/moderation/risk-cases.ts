import type { DbHandle, Tx } from '../../db/database.js';
import { uuidv7 } from '../../lib/uuid7.js';
import { openCase } from './cases.store.js';
import { recordDecision } from './record-decision.js';

/**
 * A case for an account the door let in under review (the risk module's `RiskCases` port):
 * one open case per account, in the queue with the automated ones; the moderator lifts the
 * restriction or acts on the account from it.
 */
export async function openRiskCase(
  handle: DbHandle,
  account: { id: string; region: string | null; priority: number },
): Promise<void> {
  await openCase(handle, {
    id: uuidv7(),
    target_type: 'account',
    target_id: account.id,
    subject_id: account.id,
    source: 'automated',
    category: 'risk',
    lang: null,
    region: account.region,
    priority: account.priority,
    reach: 0,
  });
}

/**
 * The case of a farm cluster (farm detection's `FarmCases` port): about the cluster's anchor
 * account (its oldest member), category `farm`, automated; the cluster and its evidence are
 * read from the farm view. When the anchor already has an open case, that case carries it.
 */
export async function openFarmCase(
  handle: DbHandle,
  cluster: { anchorId: string; priority: number },
): Promise<string> {
  const row = await openCase(handle, {
    id: uuidv7(),
    target_type: 'account',
    target_id: cluster.anchorId,
    subject_id: cluster.anchorId,
    source: 'automated',
    category: 'farm',
    lang: null,
    region: null,
    priority: cluster.priority,
    reach: 0,
  });
  return row.id;
}

/** One account's share of a staff action on a cluster. */
export interface ClusterDecision {
  accountId: string;
  actorId: string;
  action: 'restrict' | 'suspend' | 'lift';
  reasonCode: string;
  until: Date | null;
  caseId: string | null;
  note: string | null;
}

/**
 * A staff member's action on one account of a farm cluster (farm's `FarmDecisions` port): a
 * decision like a moderator's on a single account, so the account gets its statement of reasons
 * (`GET /api/me/statements`) and may appeal it. Returns the decision's id.
 */
export async function recordClusterDecision(tx: Tx, decision: ClusterDecision): Promise<string> {
  const row = await recordDecision(tx, {
    target: { type: 'account', id: decision.accountId, subjectId: decision.accountId },
    by: {
      source: 'staff',
      actorId: decision.actorId,
      reasonCode: decision.reasonCode,
      note: decision.note,
    },
    action: decision.action,
    caseId: decision.caseId,
    policyVersion: null,
    until: decision.until,
  });
  return row.id;
}

/**
 * Farm detection's automatic restriction of one member of a cluster (farm's `FarmAutoDecisions`
 * port): an automated decision, so the account gets its statement of reasons and may appeal
 * it, as for a staff member's bulk action. Returns the decision's id.
 */
export async function recordFarmAutoRestrict(
  tx: Tx,
  decision: { accountId: string; caseId: string | null; until: Date; cluster: string },
): Promise<string> {
  const row = await recordDecision(tx, {
    target: { type: 'account', id: decision.accountId, subjectId: decision.accountId },
    by: { source: 'automated', ruleIds: [`farm_cluster:${decision.cluster}`], evidence: [] },
    action: 'restrict',
    caseId: decision.caseId,
    policyVersion: null,
    until: decision.until,
  });
  return row.id;
}
