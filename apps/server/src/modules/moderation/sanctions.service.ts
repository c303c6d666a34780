import type { LiftSanctionBody, StatementOfReasons } from '@atrium/contracts';
import { type Db, inTransaction } from '../../db/database.js';
import type { Viewer } from '../../http/viewer.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import { findOpenCase, updateCase } from './cases.store.js';
import type { AuditPort } from './content-moderation.js';
import { moderationError } from './moderation.errors.js';
import { canLiftSanction, canReview } from './moderation.policy.js';
import { recordDecision } from './record-decision.js';
import type { StaffDirectory } from './staff-directory.js';
import type { StatementsService } from './statements.service.js';

/**
 * Lifting account sanctions: an administrator ends a suspension or a ban. The account gets a
 * statement, the audit log a record, and an open appeal against the account is resolved by it.
 */
export function createSanctionsService(deps: {
  db: Db;
  audit: AuditPort;
  staff: StaffDirectory;
  accounts: AccountsService;
  statements: StatementsService;
}) {
  const { db, audit, accounts } = deps;

  async function lift(
    viewer: Viewer,
    handle: string,
    input: LiftSanctionBody,
  ): Promise<StatementOfReasons> {
    const member = await deps.staff.member(viewer.accountId);
    const denial = canLiftSanction(member);
    if (denial) throw moderationError(denial.code, denial.reason);
    const account = await accounts.getByHandle(handle);
    const own = canReview(viewer.accountId, {
      subjectId: account.id,
      reporterIds: [],
      appealedActorId: null,
    });
    if (own) throw moderationError(own.code, own.reason);
    const decision = await inTransaction(db, async (tx) => {
      const lifted = await accounts.liftSanction(tx, account.id);
      if (!lifted) throw moderationError('NOT_SANCTIONED');
      const appeal = await findOpenCase(tx, 'account', account.id);
      const row = await recordDecision(tx, {
        target: { type: 'account', id: account.id, subjectId: account.id },
        by: {
          source: 'staff',
          actorId: viewer.accountId,
          reasonCode: input.reasonCode,
          note: input.note ?? null,
        },
        action: 'lift',
        caseId: appeal?.source === 'appeal' ? appeal.id : null,
        policyVersion: null,
      });
      if (appeal?.source === 'appeal')
        await updateCase(tx, appeal.id, {
          status: 'resolved',
          resolved_at: new Date(),
          resolved_by: viewer.accountId,
          decision_id: row.id,
          lease_until: null,
        });
      await audit.record(tx, {
        actorId: viewer.accountId,
        action: 'account.lift',
        targetType: 'account',
        targetId: account.id,
        data: {
          decisionId: row.id,
          reasonCode: input.reasonCode,
          suspendedUntil: lifted.suspendedUntil?.toISOString() ?? null,
          banned: lifted.bannedAt !== null,
          appealCaseId: appeal?.source === 'appeal' ? appeal.id : null,
        },
      });
      return row;
    });
    const [statement] = await deps.statements.statementsOf([decision]);
    return statement!;
  }

  return { lift };
}
