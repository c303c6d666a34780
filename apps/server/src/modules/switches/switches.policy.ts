import type { Denial } from '../../lib/denial.js';

/** What the switches need to know of a staff member (staff fills it). */
export interface SwitchReader {
  /** null when the member holds the permission, else why not. */
  lacks(permission: 'cases.read' | 'switches.flip'): string | null;
}

/**
 * Every staff role sees which switches are on: a moderator working the queue during an incident
 * must know that posting is off or a rule is disabled.
 */
export function mayReadSwitches(member: SwitchReader | null): Denial<'FORBIDDEN'> {
  if (!member) return { code: 'FORBIDDEN', reason: 'Staff only' };
  const missing = member.lacks('cases.read');
  return missing ? { code: 'FORBIDDEN', reason: missing } : null;
}

/**
 * Only administrators (`switches.flip`) pull a switch. Each one changes the platform for every
 * user at once — even disabling one moderation rule is a change of the policy in force, which
 * moderators cannot publish either — so moderators may not flip any; they ask an administrator.
 */
export function mayFlipSwitches(member: SwitchReader | null): Denial<'FORBIDDEN'> {
  if (!member) return { code: 'FORBIDDEN', reason: 'Staff only' };
  const missing = member.lacks('switches.flip');
  return missing ? { code: 'FORBIDDEN', reason: missing } : null;
}
