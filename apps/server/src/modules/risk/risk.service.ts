import type { RiskEvent } from '@atrium/contracts';
import type { Db } from '../../db/database.js';
import type { PageRequest } from '../../http/request-context.js';
import type { Viewer } from '../../http/viewer.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { riskError } from './risk.errors.js';
import { mayReadRiskEvents, type RiskReader } from './risk.policy.js';
import { listAccountRiskEvents } from './risk.store.js';

export interface RiskServiceDeps {
  db: Db;
  /** A staff member's permissions (the staff directory), null for non-staff. */
  staffMember(accountId: string): Promise<RiskReader | null>;
  /** An account's id by handle (the accounts module), null when none. */
  accountIdByHandle(handle: string): Promise<string | null>;
}

/** What staff read of the door: an account's risk events with their reasons. */
export function createRiskService(deps: RiskServiceDeps) {
  async function listEvents(viewer: Viewer, handle: string, page: PageRequest) {
    const denial = mayReadRiskEvents(await deps.staffMember(viewer.accountId));
    if (denial) throw riskError(denial.code, denial.reason);
    const accountId = await deps.accountIdByHandle(handle);
    if (!accountId) throw riskError('NOT_FOUND', 'No account with this handle');
    const after = decodeCursor(
      page.cursor,
      (value): value is { at: string; id: string } =>
        typeof value.at === 'string' && typeof value.id === 'string',
    );
    const rows = await listAccountRiskEvents(
      deps.db,
      accountId,
      after ? { at: new Date(after.at), id: after.id } : null,
      page.limit + 1,
    );
    const items = rows.slice(0, page.limit);
    const last = items.at(-1);
    return {
      items: items.map(
        (row): RiskEvent => ({
          id: row.id,
          kind: row.kind,
          surface: row.surface,
          decision: row.decision,
          score: row.score,
          reasons: row.reasons,
          ipCountry: row.ip_country,
          asn: row.asn,
          data: row.data,
          createdAt: row.created_at.toISOString(),
        }),
      ),
      nextCursor:
        rows.length > page.limit && last
          ? encodeCursor({ at: last.created_at.toISOString(), id: last.id })
          : null,
    };
  }

  return { listEvents };
}

export type RiskService = ReturnType<typeof createRiskService>;
