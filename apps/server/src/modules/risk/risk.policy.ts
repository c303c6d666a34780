import type { Denial } from '../../lib/denial.js';

/** What the risk module needs to know of a staff member (staff fills it). */
export interface RiskReader {
  /** null when the member holds the permission, else why not. */
  lacks(permission: 'cases.read' | 'surge.switch'): string | null;
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

/**
 * The risk console (aggregates per minute, country and reason; the surge state) is for every
 * role that reads cases — moderators see the surge banner while they work the queue — and holds
 * no account at all.
 */
export const mayReadRiskConsole = mayReadRiskEvents;

/**
 * Switching surge mode and pausing a country's sign-ups change the door for everyone: only
 * roles with `surge.switch` (administrators).
 */
export function maySwitchSurge(member: RiskReader | null): Denial<'FORBIDDEN'> {
  if (!member) return { code: 'FORBIDDEN', reason: 'Staff only' };
  const missing = member.lacks('surge.switch');
  return missing ? { code: 'FORBIDDEN', reason: missing } : null;
}
