import type { Db } from '../../db/database.js';
import { computeTrustLevel } from './trust-levels.js';
import { saveTrustLevels, trustCandidates } from './trust-recompute.store.js';

/** Accounts read per query. */
const BATCH = 1_000;

export interface TrustRecomputeDeps {
  db: Db;
  /** The clock (tests drive it); defaults to the wall clock. */
  now?: () => number;
  /** An account's level changed: cached sessions of it must be read again. */
  onChanged?: (accountId: string) => void;
}

export interface TrustRecomputeSummary {
  read: number;
  raised: number;
  lowered: number;
}

/**
 * The periodic trust recompute (docs/risk.md, "Where the level lives"): levels are earned by age
 * and healthy activity, which accrue without any request of the account's own, so a job
 * recomputes the stored level of every account that could have moved — discover's cap and the
 * door's login discount read the stored column. Idempotent; safe on several nodes at once.
 */
export function createTrustRecompute(deps: TrustRecomputeDeps) {
  async function run(): Promise<TrustRecomputeSummary> {
    const now = deps.now?.() ?? Date.now();
    const summary: TrustRecomputeSummary = { read: 0, raised: 0, lowered: 0 };
    let afterId: string | null = null;
    for (;;) {
      const rows = await trustCandidates(deps.db, afterId, BATCH);
      if (rows.length === 0) break;
      summary.read += rows.length;
      const changes: { id: string; level: number }[] = [];
      for (const row of rows) {
        const level = computeTrustLevel(row, now);
        if (level === row.level) continue;
        changes.push({ id: row.id, level });
        if (level > row.level) summary.raised += 1;
        else summary.lowered += 1;
      }
      await saveTrustLevels(deps.db, changes);
      for (const change of changes) deps.onChanged?.(change.id);
      afterId = rows.at(-1)!.id;
      if (rows.length < BATCH) break;
    }
    return summary;
  }
  return { run };
}
