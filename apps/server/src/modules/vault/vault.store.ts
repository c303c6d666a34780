import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';

// SQL of the personal-data vault: data keys, key checks, the sealing of rows written before the
// vault (migration 0030) and the re-wrapping of `atrium keys rotate`. The only place it lives.

export interface AccountKeyRow {
  account_id: string;
  kek_id: string;
  wrapped_key: Buffer;
}

export function findAccountKey(db: DbHandle, accountId: string) {
  return db
    .selectFrom('account_keys')
    .select(['account_id', 'kek_id', 'wrapped_key'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** Inserts a data key unless the account has one; answers the key the account has. */
export async function insertAccountKey(db: DbHandle, row: AccountKeyRow): Promise<AccountKeyRow> {
  await db
    .insertInto('account_keys')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
  const stored = await findAccountKey(db, row.account_id);
  if (!stored) throw new Error('account key vanished');
  return stored;
}

/** Crypto-shredding: the account's data key is gone. */
export async function deleteAccountKey(db: DbHandle, accountId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('account_keys')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export function keyChecks(db: DbHandle) {
  return db.selectFrom('vault_key_checks').select(['name', 'check_value']).execute();
}

export async function insertKeyCheck(db: DbHandle, name: string, value: Buffer): Promise<void> {
  await db
    .insertInto('vault_key_checks')
    .values({ name, check_value: value })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Whether anything is still sealed under the KEK `kekId`. */
export async function kekInUse(db: DbHandle, kekId: string): Promise<boolean> {
  const key = await db
    .selectFrom('account_keys')
    .select('account_id')
    .where('kek_id', '=', kekId)
    .limit(1)
    .executeTakeFirst();
  if (key) return true;
  const code = await db
    .selectFrom('phone_verifications')
    .select('id')
    .where('kek_id', '=', kekId)
    .limit(1)
    .executeTakeFirst();
  return code !== undefined;
}

/** Data keys per KEK, and rows still in plaintext: `atrium keys status`. */
export async function vaultCounts(db: DbHandle) {
  const perKek = await db
    .selectFrom('account_keys')
    .select(['kek_id', sql<number>`count(*)::int`.as('keys')])
    .groupBy('kek_id')
    .orderBy('kek_id')
    .execute();
  const plain = await sql<{ accounts: number; sessions: number; codes: number }>`SELECT
      (SELECT count(*)::int FROM accounts WHERE phone_e164 IS NOT NULL OR email IS NOT NULL) AS accounts,
      (SELECT count(*)::int FROM sessions WHERE user_agent IS NOT NULL) AS sessions,
      (SELECT count(*)::int FROM phone_verifications WHERE phone_e164 IS NOT NULL) AS codes`.execute(
    db,
  );
  return { perKek, plain: plain.rows[0]! };
}

/** Up to `limit` data keys not under `kekId`, in account order after `after` (resumable). */
export function keysNotUnder(db: DbHandle, kekId: string, limit: number) {
  return db
    .selectFrom('account_keys')
    .select(['account_id', 'kek_id', 'wrapped_key'])
    .where('kek_id', '<>', kekId)
    .orderBy('account_id')
    .limit(limit)
    .execute();
}

/** A key re-wrapped, unless another run did it meanwhile (compare-and-set on the old bytes). */
export async function rewrapAccountKey(
  db: DbHandle,
  old: AccountKeyRow,
  next: { kek_id: string; wrapped_key: Buffer },
): Promise<void> {
  await db
    .updateTable('account_keys')
    .set({ ...next, rotated_at: sql`now()` })
    .where('account_id', '=', old.account_id)
    .where('kek_id', '=', old.kek_id)
    .where('wrapped_key', '=', old.wrapped_key)
    .execute();
}

/** One-time codes whose number is sealed under another KEK than `kekId`. */
export function codesNotUnder(db: DbHandle, kekId: string, limit: number) {
  return db
    .selectFrom('phone_verifications')
    .select(['id', 'kek_id', 'phone_sealed'])
    .where('kek_id', 'is not', null)
    .where('kek_id', '<>', kekId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function resealCode(
  db: DbHandle,
  id: string,
  oldKekId: string,
  next: { kek_id: string; phone_sealed: string },
): Promise<void> {
  await db
    .updateTable('phone_verifications')
    .set(next)
    .where('id', '=', id)
    .where('kek_id', '=', oldKekId)
    .execute();
}

// --- sealing rows written before the vault (migration 0030) -------------------------------

/** Accounts with a plaintext phone or e-mail address, locked for this transaction. */
export function plaintextAccounts(db: DbHandle, limit: number) {
  return db
    .selectFrom('accounts')
    .select(['id', 'phone_e164', 'email'])
    .where((eb) => eb.or([eb('phone_e164', 'is not', null), eb('email', 'is not', null)]))
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/**
 * Whether another account already holds this blind index: a number or address given to a new
 * account while the old row still waited to be sealed (two rows cannot both keep it).
 */
export async function indexHeldByAnother(
  db: DbHandle,
  column: 'phone_index' | 'email_index',
  index: Buffer,
  accountId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where(column, '=', index)
    .where('id', '<>', accountId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function sealAccountRow(
  db: DbHandle,
  id: string,
  sealed: {
    phone_index: Buffer | null;
    phone_sealed: string | null;
    email_index: Buffer | null;
    email_sealed: string | null;
  },
): Promise<void> {
  await db
    .updateTable('accounts')
    .set((eb) => ({
      phone_index: sealed.phone_index ?? eb.ref('phone_index'),
      phone_sealed: sealed.phone_sealed ?? eb.ref('phone_sealed'),
      email_index: sealed.email_index ?? eb.ref('email_index'),
      email_sealed: sealed.email_sealed ?? eb.ref('email_sealed'),
      phone_e164: null,
      email: null,
    }))
    .where('id', '=', id)
    .execute();
}

export function plaintextSessions(db: DbHandle, limit: number) {
  return db
    .selectFrom('sessions')
    .select(['id', 'account_id', 'user_agent'])
    .where('user_agent', 'is not', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function sealSessionRow(db: DbHandle, id: string, sealed: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ user_agent_sealed: sealed, user_agent: null })
    .where('id', '=', id)
    .execute();
}

export function plaintextCodes(db: DbHandle, limit: number) {
  return db
    .selectFrom('phone_verifications')
    .select(['id', 'phone_e164'])
    .where('phone_e164', 'is not', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function sealCodeRow(
  db: DbHandle,
  id: string,
  sealed: { phone_index: Buffer; phone_sealed: string; kek_id: string },
): Promise<void> {
  await db
    .updateTable('phone_verifications')
    .set({ ...sealed, phone_e164: null })
    .where('id', '=', id)
    .execute();
}
