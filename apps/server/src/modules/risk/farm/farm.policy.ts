import type { Denial } from '../../../lib/denial.js';

// Who may read farm clusters and act on them. The roles holding each permission are granted in
// the staff role table (staff.policy.ts): `cases.read` (administrators, moderators, analysts)
// reads clusters; `clusters.act` (administrators only) acts on every member at once.

/** What the farm module needs to know of a staff member (staff fills it). */
export interface FarmStaff {
  accountId: string;
  /** null when the member holds the permission, else why not. */
  lacks(permission: 'cases.read' | 'clusters.act'): string | null;
}

/** Clusters show accounts and how they are linked, never keys or text: case readers may read. */
export function mayReadClusters(member: FarmStaff | null): Denial<'FORBIDDEN'> {
  if (!member) return { code: 'FORBIDDEN', reason: 'Staff only' };
  const missing = member.lacks('cases.read');
  return missing ? { code: 'FORBIDDEN', reason: missing } : null;
}

/**
 * A bulk action reaches many accounts in one request without a case per account: only holders
 * of `clusters.act` may, and never on a cluster that includes their own account.
 */
export function mayActOnCluster(
  member: FarmStaff | null,
  members: readonly string[],
): Denial<'FORBIDDEN'> {
  if (!member) return { code: 'FORBIDDEN', reason: 'Staff only' };
  const missing = member.lacks('clusters.act');
  if (missing) return { code: 'FORBIDDEN', reason: missing };
  if (members.includes(member.accountId))
    return { code: 'FORBIDDEN', reason: 'You may not act on a cluster you belong to' };
  return null;
}
