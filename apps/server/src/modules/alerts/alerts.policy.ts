import type { Denial } from '../../lib/denial.js';

/** What alerts need to know of a staff member (staff fills it). */
export interface AlertsReader {
  /** null when the member holds the permission, else why not. */
  lacks(permission: 'metrics.read' | 'alerts.edit'): string | null;
}

/**
 * The roles that read the dashboard (`metrics.read`: administrators and analysts) see the alerts
 * and the rules, and may acknowledge or silence an alert: whoever is on call, whatever their
 * role, must be able to say "I have it" and stop the pages while they work.
 */
export function mayHandleAlerts(member: AlertsReader | null): Denial<'FORBIDDEN'> {
  if (!member) return { code: 'FORBIDDEN', reason: 'Staff only' };
  const missing = member.lacks('metrics.read');
  return missing ? { code: 'FORBIDDEN', reason: missing } : null;
}

/** Changing a rule changes what pages everyone: administrators only (`alerts.edit`). */
export function mayEditAlertRules(member: AlertsReader | null): Denial<'FORBIDDEN'> {
  if (!member) return { code: 'FORBIDDEN', reason: 'Staff only' };
  const missing = member.lacks('alerts.edit');
  return missing ? { code: 'FORBIDDEN', reason: missing } : null;
}
