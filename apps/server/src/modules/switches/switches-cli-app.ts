import pino from 'pino';
import type { Database } from '../../db/database.js';
import type { DomainEvents } from '../../lib/domain-events.js';
import { createAccountDirectory } from '../accounts/account-directory.js';
import { createPolicyService } from '../policy/policy.service.js';
import { createSurgeMode } from '../risk/surge-mode.js';
import { createStaffModule } from '../staff/staff.module.js';
import type { Vault } from '../vault/vault.js';
import { pollingSignal } from './switch-signal.js';
import { createSwitches } from './switches.service.js';

/**
 * The switches as the command line needs them: the same service the server builds, on the
 * database alone (no HTTP, no SMS), never listening for other nodes.
 */
export async function commandLineSwitches(
  database: Database,
  vault: Vault,
  options: { events?: DomainEvents } = {},
) {
  const { db } = database;
  const staff = createStaffModule({ db, accounts: createAccountDirectory(db, vault) });
  const policies = createPolicyService({ db, staff: staff.service });
  const surgeMode = createSurgeMode({ db, audit: staff.audit, log: pino({ level: 'silent' }) });
  const switches = createSwitches({
    db,
    audit: staff.audit,
    countries: surgeMode,
    ruleIds: async () => (await policies.current()).policy.rules.map((rule) => rule.id),
    staffMember: (accountId) => staff.directory.member(accountId),
    signal: pollingSignal(),
    // a flip at the command line is an event like one in the console (the nodes' relays send it)
    ...(options.events ? { events: options.events } : {}),
  });
  await switches.reload();
  return switches;
}
