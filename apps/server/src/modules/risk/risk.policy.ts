import type { Denial } from '../../lib/denial.js';

/** What the risk module needs to know of a staff member (staff fills it). */
export interface RiskReader {
  /** null when the member holds the permission, else why not. */
  lacks(permission: 'cases.read'): string | null;
}

/**
 * Staff who read cases may read an account's risk events: the reasons behind a door decision are
 * part of the case a review opens, and they hold no phone, e-mail or address.
 */
export function mayReadRiskEvents(member: RiskReader | null): Denial<'FORBIDDEN'> {
  if (!member) return { code: 'FORBIDDEN', reason: 'Staff only' };
  const missing = member.lacks('cases.read');
  return missing ? { code: 'FORBIDDEN', reason: missing } : null;
}
