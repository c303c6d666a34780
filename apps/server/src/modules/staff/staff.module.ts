import type { Db } from '../../db/database.js';
import { createPolicyService, type PolicyService } from '../policy/policy.service.js';
import type { AccountDirectory } from './account-directory.js';
import { recordAudit, verifyAuditChain } from './audit.js';
import { createStaffService, type StaffService } from './staff.service.js';

/** What other modules and tests use of staff: permissions, the audit log, the policy in force. */
export interface StaffModule {
  /** Members, `require(viewer, permission)`, `requireFor(viewer, permission, content)`. */
  service: StaffService;
  /** Appends an audit record in the caller's transaction. */
  recordAudit: typeof recordAudit;
  /** Checks the whole audit chain. */
  verifyAudit: () => ReturnType<typeof verifyAuditChain>;
  /** `current()` → `{ version, policy, matcher }`; publish, history, preview. */
  policies: PolicyService;
}

/** Builds the staff services and makes sure a policy is active (the shipped default at first). */
export async function createStaffModule(deps: {
  db: Db;
  accounts: AccountDirectory;
}): Promise<StaffModule> {
  const service = createStaffService(deps);
  const policies = createPolicyService({ db: deps.db, staff: service });
  await policies.init();
  return {
    service,
    recordAudit,
    verifyAudit: () => verifyAuditChain(deps.db),
    policies,
  };
}
