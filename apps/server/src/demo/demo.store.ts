import { sql } from 'kysely';
import type { DbHandle } from '../db/database.js';

/** Accounts in the database: demo content only goes into an empty one. */
/**
 * Community accounts: staff-only accounts (the first administrator created on first start) do
 * not make a database "not empty" for the demo.
 */
export async function countAccounts(db: DbHandle): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('staff_members')
            .select('staff_members.account_id')
            .whereRef('staff_members.account_id', '=', 'accounts.id'),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Every account of the demo community keeps trust level 1 at least (not capped in discover). */
export async function trustDemoAccounts(db: DbHandle): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ trust_floor: 1, trust_level: sql`greatest(trust_level, 1)` })
    .where('trust_floor', '<', 1)
    .execute();
}
