import type { CaseDecisionBody, StaffPermission, StaffRole } from '@atrium/contracts';
import type { ModerationTarget } from '../../db/schema.js';
import type { Denial as GenericDenial } from '../../lib/denial.js';
import type { CasePlace, StaffMember } from './staff-directory.js';

export type Denial = GenericDenial<
  'FORBIDDEN' | 'NOT_FOUND' | 'CANNOT_REPORT_SELF' | 'SELF_REVIEW' | 'APPEAL_CANNOT_WORSEN'
>;

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

/** Who is tied to a case: whom it is about, who reported it, who made the decision appealed. */
export interface CaseInvolvement {
  subjectId: string;
  reporterIds: readonly string[];
  /** The moderator whose decision an appeal case appeals; null otherwise (or automated). */
  appealedActorId: string | null;
}

/**
 * Nobody reviews their own cause: a case about them, one they reported, or an appeal against
 * their own decision goes to another moderator (the statement promises it).
 */
export function canReview(accountId: string, involvement: CaseInvolvement): Denial {
  if (involvement.subjectId === accountId)
    return { code: 'SELF_REVIEW', reason: 'the case is about your own account or content' };
  if (involvement.reporterIds.includes(accountId))
    return { code: 'SELF_REVIEW', reason: 'you reported it' };
  if (involvement.appealedActorId === accountId)
    return { code: 'SELF_REVIEW', reason: 'it appeals your own decision' };
  return null;
}

const ROLE_RANK: Readonly<Record<StaffRole, number>> = { analyst: 1, moderator: 2, admin: 3 };

/**
 * Account actions against staff of an equal or higher role need an administrator: a moderator
 * can neither silence a peer nor an administrator by a report and a claim.
 */
export function canSanction(member: StaffMember, subject: { role: StaffRole } | null): Denial {
  if (!subject || member.role === 'admin') return null;
  return ROLE_RANK[subject.role] >= ROLE_RANK[member.role]
    ? {
        code: 'FORBIDDEN',
        reason: `an action on a ${subject.role}'s account needs an administrator`,
      }
    : null;
}

/** Lifting a suspension or ban: administrators (`accounts.lift`). */
export function canLiftSanction(member: StaffMember | null): Denial {
  return canUse(member, 'accounts.lift');
}

/** How far a decision goes: content from approval to removal (a hold hides like a removal). */
const CONTENT_RANK: Readonly<Record<string, number>> = {
  allow: 0,
  approve: 0,
  label: 1,
  limit: 2,
  withhold: 3,
  review: 4,
  remove: 4,
};
const ACCOUNT_RANK: Readonly<Record<string, number>> = { warn: 1, restrict: 2, suspend: 3, ban: 4 };

/** The decision an appeal case appeals, as far as its reach goes. */
export interface AppealedDecision {
  action: string;
  withheldIn: readonly string[];
  until: Date | null;
}

/**
 * An appeal may uphold or soften the decision appealed, never make it worse: anything stricter
 * (a heavier content decision, more regions withheld, an account action on a content appeal, a
 * longer or heavier sanction) needs a case of its own.
 */
export function canDecideAppeal(
  targetType: ModerationTarget,
  appealed: AppealedDecision,
  input: CaseDecisionBody,
  now = Date.now(),
): Denial {
  const worse = (reason: string): Denial => ({ code: 'APPEAL_CANNOT_WORSEN', reason });
  const action = input.accountAction;
  if (targetType !== 'account') {
    if (action) return worse('an appeal about content cannot add an account action');
    const from = CONTENT_RANK[appealed.action] ?? 4;
    if ((CONTENT_RANK[input.decision] ?? 4) > from)
      return worse(`${input.decision} is stricter than the ${appealed.action} appealed`);
    if (input.decision === 'withhold' && appealed.action === 'withhold') {
      const added = (input.regions ?? []).filter((region) => !appealed.withheldIn.includes(region));
      if (appealed.withheldIn.length > 0 && added.length > 0)
        return worse(`withholding in ${added.join(', ')} goes beyond the decision appealed`);
    }
    return null;
  }
  if (!action) return null;
  const from = ACCOUNT_RANK[appealed.action] ?? 0;
  const to = ACCOUNT_RANK[action.type] ?? 4;
  if (to > from) return worse(`${action.type} is stricter than the ${appealed.action} appealed`);
  if (to === from && action.days && appealed.until) {
    const until = now + action.days * 86_400_000;
    if (until > appealed.until.getTime())
      return worse(`${action.type} would last longer than the decision appealed`);
  }
  return null;
}
