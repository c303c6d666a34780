import type { DbHandle } from '../../db/database.js';

/** Accounts in the database: demo content only goes into an empty one. */
export async function countAccounts(db: DbHandle): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
