import type { CaseDecisionBody } from '@atrium/contracts';
import type { ModerationTarget } from '../../db/schema.js';
import { moderationError } from './moderation.errors.js';

// Rules of a decision request that the contract schema cannot state: fields required by the
// value of another. They are checked after the case is found (a stranger gets 404 or 403, never
// a hint about the body), so they stay here rather than in the schema.

/** The problem with a decision request on its own, or null when it is complete. */
export function decisionRequestProblem(input: CaseDecisionBody) {
  if (input.decision === 'withhold' && !input.regions?.length)
    return moderationError('VALIDATION_FAILED', 'Withholding needs at least one region', {
      fields: [{ field: '/body/regions', message: 'required for withhold' }],
    });
  const action = input.accountAction;
  if (action && (action.type === 'restrict' || action.type === 'suspend') && !action.days)
    return moderationError('VALIDATION_FAILED', `${action.type} needs a number of days`, {
      fields: [{ field: '/body/accountAction/days', message: 'required for restrict and suspend' }],
    });
  return null;
}

/** The problem with a decision request for a case about this kind of target, or null. */
export function decisionTargetProblem(targetType: ModerationTarget, input: CaseDecisionBody) {
  if (targetType === 'account' && input.decision !== 'approve')
    return moderationError(
      'VALIDATION_FAILED',
      'Accounts take account actions; the content decision must be approve',
      { fields: [{ field: '/body/decision', message: 'approve for account cases' }] },
    );
  return null;
}
