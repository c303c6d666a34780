import type { DbHandle } from '../../db/database.js';

// TOTP second factors and recovery codes: every SQL statement about them.

export function findTotp(db: DbHandle, accountId: string) {
  return db
    .selectFrom('account_totp')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** Whether the account's TOTP is enabled (enrolment confirmed). */
export async function totpEnabled(db: DbHandle, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('account_totp')
    .select('account_id')
    .where('account_id', '=', accountId)
    .where('enabled_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** A new enrolment (or a fresh secret for one not confirmed yet); never over an enabled one. */
export async function upsertPendingTotp(
  db: DbHandle,
  accountId: string,
  sealed: string,
): Promise<boolean> {
  const result = await db
    .insertInto('account_totp')
    .values({ account_id: accountId, secret_sealed: sealed })
    .onConflict((oc) =>
      oc
        .column('account_id')
        .doUpdateSet({ secret_sealed: sealed, last_time_step: 0 })
        .where('account_totp.enabled_at', 'is', null),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Accepts a code's time step: only one later than the last accepted (so a code is good once,
 * even when two requests race with it). False when it was not later.
 */
export async function acceptTimeStep(
  db: DbHandle,
  accountId: string,
  timeStep: number,
): Promise<boolean> {
  const result = await db
    .updateTable('account_totp')
    .set({ last_time_step: timeStep })
    .where('account_id', '=', accountId)
    .where('last_time_step', '<', timeStep)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Enables a pending enrolment; false when there was none. */
export async function enableTotp(db: DbHandle, accountId: string): Promise<boolean> {
  const result = await db
    .updateTable('account_totp')
    .set({ enabled_at: new Date() })
    .where('account_id', '=', accountId)
    .where('enabled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteTotp(db: DbHandle, accountId: string): Promise<void> {
  await db.deleteFrom('account_totp').where('account_id', '=', accountId).execute();
  await db.deleteFrom('account_recovery_codes').where('account_id', '=', accountId).execute();
}

export async function replaceRecoveryCodes(
  db: DbHandle,
  accountId: string,
  hashes: Buffer[],
): Promise<void> {
  await db.deleteFrom('account_recovery_codes').where('account_id', '=', accountId).execute();
  if (hashes.length === 0) return;
  await db
    .insertInto('account_recovery_codes')
    .values(hashes.map((code_hash) => ({ account_id: accountId, code_hash, used_at: null })))
    .execute();
}

/** Spends an unused recovery code; false when there is no such unused code. */
export async function useRecoveryCode(
  db: DbHandle,
  accountId: string,
  hash: Buffer,
): Promise<boolean> {
  const result = await db
    .updateTable('account_recovery_codes')
    .set({ used_at: new Date() })
    .where('account_id', '=', accountId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countUnusedRecoveryCodes(db: DbHandle, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('account_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
