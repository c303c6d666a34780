import { canUse, inScope, type StaffScope } from '../staff/staff.policy.js';

/** Who is staff (the staff module keeps roles and scopes). */
export interface StaffDirectory {
  member(accountId: string): Promise<StaffScope | null>;
}

export type Denial = {
  code: 'FORBIDDEN' | 'NOT_FOUND' | 'CANNOT_REPORT_SELF';
  reason: string;
} | null;

interface Place {
  lang: string | null;
  region: string | null;
}

/** Reading the queue and cases. */
export function canReadCases(member: StaffScope | null): Denial {
  return canUse(member, 'cases.read') as Denial;
}

/** Seeing one case: read permission, and the case in scope (else it looks like no case at all). */
export function canSeeCase(member: StaffScope | null, kase: Place): Denial {
  const denial = canReadCases(member);
  if (denial) return denial;
  return inScope(member!, kase) ? null : { code: 'NOT_FOUND', reason: 'outside your scope' };
}

/**
 * Acting on a case: the permission to decide and the case in scope; account actions need
 * their own permission.
 */
export function canDecideCase(
  member: StaffScope | null,
  kase: Place,
  accountAction: boolean,
): Denial {
  const denial = (canUse(member, 'cases.decide') as Denial) ?? canSeeCase(member, kase);
  if (denial) return denial;
  return accountAction ? (canUse(member, 'accounts.act') as Denial) : null;
}

/** Reporting: anyone signed in, never one's own content. */
export function canReport(reporterId: string, subjectId: string): Denial {
  return reporterId === subjectId ? { code: 'CANNOT_REPORT_SELF', reason: 'own content' } : null;
}
