import type { StaffPermission } from '@atrium/contracts';
import type { Denial as GenericDenial } from '../../lib/denial.js';
import type { CasePlace, StaffMember } from './staff-directory.js';

export type Denial = GenericDenial<'FORBIDDEN' | 'NOT_FOUND' | 'CANNOT_REPORT_SELF'>;

/** Staff only, and only with a role that grants the permission. */
function canUse(member: StaffMember | null, permission: StaffPermission): Denial {
  if (!member) return { code: 'FORBIDDEN', reason: 'not a staff member' };
  const lacking = member.lacks(permission);
  return lacking ? { code: 'FORBIDDEN', reason: lacking } : null;
}

/** Reading the queue and cases. */
export function canReadCases(member: StaffMember | null): Denial {
  return canUse(member, 'cases.read');
}

/** Seeing one case: read permission, and the case in scope (else it looks like no case at all). */
export function canSeeCase(member: StaffMember | null, modCase: CasePlace): Denial {
  const denial = canReadCases(member);
  if (denial) return denial;
  return member!.covers(modCase) ? null : { code: 'NOT_FOUND', reason: 'outside your scope' };
}

/**
 * Acting on a case: the permission to decide and the case in scope; account actions need
 * their own permission.
 */
export function canDecideCase(
  member: StaffMember | null,
  modCase: CasePlace,
  accountAction: boolean,
): Denial {
  const denial = canUse(member, 'cases.decide') ?? canSeeCase(member, modCase);
  if (denial) return denial;
  return accountAction ? canUse(member, 'accounts.act') : null;
}

/** Reporting: anyone signed in, never one's own content. */
export function canReport(reporterId: string, subjectId: string): Denial {
  return reporterId === subjectId ? { code: 'CANNOT_REPORT_SELF', reason: 'own content' } : null;
}
