import type { DbHandle } from '../../db/database.js';
import { TRUST_COLUMNS, type TrustRow, toTrustRow } from './trust.store.js';

// What the periodic trust recompute reads and writes: accounts whose stored level may be out of
// date, in id order, a batch at a time.

/**
 * Accounts after `afterId` whose stored level could differ from a fresh computation: under
 * level 3 with the activity of level 1 at least (they may have earned one), under their floor,
 * or above 0 (a sanction or a lost note may have lowered them). Level-0 accounts with no
 * published note or fewer than 3 likes received cannot move and are not read.
 */
export async function trustCandidates(
  db: DbHandle,
  afterId: string | null,
  limit: number,
): Promise<(TrustRow & { id: string })[]> {
  let query = db
    .selectFrom('accounts')
    .select(['id', ...TRUST_COLUMNS])
    .where((eb) =>
      eb.or([
        eb('trust_level', '>', 0),
        eb('trust_level', '<', eb.ref('trust_floor')),
        eb.and([eb('notes_count', '>=', 1), eb('likes_received_count', '>=', 3)]),
      ]),
    )
    .orderBy('id')
    .limit(limit);
  if (afterId !== null) query = query.where('id', '>', afterId);
  const rows = await query.execute();
  return rows.map((row) => ({ id: row.id, ...toTrustRow(row) }));
}

/** Stores new levels, each only when it still differs (a write in between may have saved it). */
export async function saveTrustLevels(db: DbHandle, changes: { id: string; level: number }[]) {
  for (const change of changes) {
    await db
      .updateTable('accounts')
      .set({ trust_level: change.level })
      .where('id', '=', change.id)
      .where('trust_level', '<>', change.level)
      .execute();
  }
}
