import type { AuditPort } from '../moderation/content-moderation.js';
import type { StaffDirectory } from '../moderation/staff-directory.js';
import { recordAudit, verifyAuditChain } from './audit.js';
import { createPersonalDataAccess, type PersonalDataAccess } from './personal-data-access.js';
import { canUse, inScope } from './staff.policy.js';
import { createStaffService, type StaffDeps, type StaffService } from './staff.service.js';

/** What other modules and tests use of staff: permissions, the audit log, moderation's ports. */
export interface StaffModule {
  /** Members, `require(viewer, permission)`, `requireFor(viewer, permission, content)`. */
  service: StaffService;
  /** Masked personal data, unmasking with a reason, the holder's access log. */
  personalData: PersonalDataAccess;
  /** Appends an audit record in the caller's transaction. */
  recordAudit: typeof recordAudit;
  /** Checks the whole audit chain. */
  verifyAudit: () => ReturnType<typeof verifyAuditChain>;
  /** Moderation's port: who is staff, what their role lacks, which places they cover. */
  directory: StaffDirectory;
  /** Moderation's port: automated enforcement and staff actions go to the audit log. */
  audit: AuditPort;
}

/** Builds the staff services. */
export function createStaffModule(deps: StaffDeps): StaffModule {
  const service = createStaffService(deps);
  return {
    service,
    personalData: createPersonalDataAccess({
      db: deps.db,
      staff: service,
      accounts: deps.accounts,
    }),
    recordAudit,
    verifyAudit: () => verifyAuditChain(deps.db),
    directory: {
      member: async (accountId) => {
        const member = await service.getMember(accountId);
        return (
          member && {
            ...member,
            lacks: (permission) => canUse(member, permission)?.reason ?? null,
            covers: (place) => inScope(member, place),
          }
        );
      },
    },
    audit: {
      record: async (tx, entry) => {
        await recordAudit(tx, {
          ...entry,
          actorKind: entry.actorKind ?? (entry.actorId ? 'staff' : 'system'),
        });
      },
    },
  };
}
