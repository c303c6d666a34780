import type { DbHandle } from '../../db/database.js';
import { uuidv7 } from '../../lib/uuid7.js';
import { openCase } from './cases.store.js';

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
