import type { DbHandle } from '../../db/database.js';
import type { KillSwitchesTable } from '../../db/schema.js';

// The kill switches that are on (one row each); sign-ups paused per country are surge mode's
// signup_pauses, reached through the service's port.

export type StoredSwitchName = KillSwitchesTable['name'];

export function switchRows(db: DbHandle) {
  return db
    .selectFrom('kill_switches')
    .leftJoin('accounts', 'accounts.id', 'kill_switches.created_by')
    .select([
      'kill_switches.name',
      'kill_switches.target',
      'kill_switches.reason',
      'kill_switches.created_by',
      'kill_switches.created_at',
      'accounts.handle',
    ])
    .orderBy('kill_switches.name')
    .orderBy('kill_switches.target')
    .execute();
}

/** Turns a switch on; false when it was on already. */
export async function insertSwitch(
  db: DbHandle,
  row: { name: StoredSwitchName; target: string; reason: string | null; by: string | null },
): Promise<boolean> {
  const inserted = await db
    .insertInto('kill_switches')
    .values({ name: row.name, target: row.target, reason: row.reason, created_by: row.by })
    .onConflict((oc) => oc.columns(['name', 'target']).doNothing())
    .returning('name')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Turns a switch off; false when it was off. */
export async function deleteSwitch(
  db: DbHandle,
  name: StoredSwitchName,
  target: string,
): Promise<boolean> {
  const deleted = await db
    .deleteFrom('kill_switches')
    .where('name', '=', name)
    .where('target', '=', target)
    .returning('name')
    .executeTakeFirst();
  return deleted !== undefined;
}
