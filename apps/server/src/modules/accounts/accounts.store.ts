import { badgedStaffRoles } from '@atrium/contracts';
import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type {
  AccountRow,
  AccountUpdate,
  NewAccount,
  PhoneVerificationRow,
} from '../../db/schema.js';
import { sameBytes } from '../../lib/aead.js';

// SQL for accounts and one-time phone codes: the only place it lives.

/**
 * Whether the account whose id is in `accountIdColumn` wears the staff badge: read from
 * `staff_members` (the staff module's table, the one source of truth) in the same statement as
 * the account, so the badge costs no query of its own and never outlives a membership.
 */
export function staffBadgeSql(accountIdColumn: string) {
  return sql<boolean>`EXISTS (SELECT 1 FROM staff_members
    WHERE staff_members.account_id = ${sql.ref(accountIdColumn)}
      AND staff_members.role IN (${sql.join([...badgedStaffRoles])}))`;
}

/** Whether an account wears the staff badge (see `staffBadgeSql`). */
export async function hasStaffBadge(db: DbHandle, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select(staffBadgeSql('accounts.id').as('staff'))
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.staff === true;
}

/** Whether the account in `accountIdColumn` is a staff member, of any role (the console's test). */
function staffMemberSql(accountIdColumn: string) {
  return sql<boolean>`EXISTS (SELECT 1 FROM staff_members
    WHERE staff_members.account_id = ${sql.ref(accountIdColumn)})`;
}

/**
 * The owner's own account with what only the owner sees, in one statement: whether it is staff
 * and the step-up it must still confirm (channel and expiry null when none is pending).
 */
export function findOwnAccount(db: DbHandle, id: string) {
  return db
    .selectFrom('accounts')
    .leftJoin('step_ups', (join) =>
      join.onRef('step_ups.account_id', '=', 'accounts.id').on('step_ups.completed_at', 'is', null),
    )
    .selectAll('accounts')
    .select([
      staffMemberSql('accounts.id').as('staff'),
      'step_ups.channel as step_up_channel',
      'step_ups.expires_at as step_up_expires_at',
    ])
    .where('accounts.id', '=', id)
    .executeTakeFirst();
}

/**
 * Not deactivated by a pending deletion, nor a purged tombstone: such accounts have no profile
 * and cannot be followed or named (docs/security.md, "Deleting an account").
 */
const notDeleted = sql<boolean>`NOT EXISTS (SELECT 1 FROM account_deletions d WHERE d.account_id = accounts.id)`;

/** An account with its staff badge, for its public profile. */
export function findProfileByHandle(db: DbHandle, handle: string) {
  return db
    .selectFrom('accounts')
    .selectAll()
    .select(staffBadgeSql('accounts.id').as('staff'))
    .where('handle', '=', handle.toLowerCase())
    .where(notDeleted)
    .executeTakeFirst();
}

/** An account others may reach by its handle (follow, block, mention): not being deleted. */
export function findActiveAccountByHandle(
  db: DbHandle,
  handle: string,
): Promise<AccountRow | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('handle', '=', handle.toLowerCase())
    .where(notDeleted)
    .executeTakeFirst();
}

export function findAccountById(db: DbHandle, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAccountByHandle(db: DbHandle, handle: string): Promise<AccountRow | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('handle', '=', handle.toLowerCase())
    .executeTakeFirst();
}

/**
 * The account with this e-mail address: found by its blind index (`emailIndex`, see
 * modules/vault), or, for a row not sealed yet (migration 0030), by the address itself.
 */
export function findAccountByEmail(
  db: DbHandle,
  email: string,
  emailIndex: Buffer,
): Promise<AccountRow | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where((eb) => eb.or([eb('email_index', '=', emailIndex), eb('email', '=', email)]))
    .executeTakeFirst();
}

/** The account with this phone number (blind index, or a row not sealed yet). */
export function findAccountByPhone(
  db: DbHandle,
  phone: string,
  phoneIndex: Buffer,
): Promise<AccountRow | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where((eb) => eb.or([eb('phone_index', '=', phoneIndex), eb('phone_e164', '=', phone)]))
    .executeTakeFirst();
}

/**
 * For a phone sign-in in one query: the account holding the number, and whether `handle` (when
 * given, normalized) is taken by any account.
 */
export async function findPhoneAccountAndHandle(
  db: DbHandle,
  phone: string,
  phoneIndex: Buffer,
  handle: string | null,
): Promise<{ account: AccountRow | undefined; handleTaken: boolean }> {
  const rows = await db
    .selectFrom('accounts')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('phone_index', '=', phoneIndex),
        eb('phone_e164', '=', phone),
        ...(handle === null ? [] : [eb('handle', '=', handle)]),
      ]),
    )
    .execute();
  return {
    account: rows.find((row) => sameBytes(row.phone_index, phoneIndex) || row.phone_e164 === phone),
    handleTaken: handle !== null && rows.some((row) => row.handle === handle),
  };
}

export async function handleExists(db: DbHandle, handle: string): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('handle', '=', handle)
    .executeTakeFirst();
  return row !== undefined;
}

export function insertAccount(db: DbHandle, account: NewAccount): Promise<AccountRow> {
  return db.insertInto('accounts').values(account).returningAll().executeTakeFirstOrThrow();
}

export function updateAccount(
  db: DbHandle,
  id: string,
  changes: AccountUpdate,
): Promise<AccountRow> {
  return db
    .updateTable('accounts')
    .set({ ...changes, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertPhoneVerification(
  db: DbHandle,
  row: {
    id: string;
    phone_index: Buffer;
    phone_sealed: string;
    kek_id: string;
    code_hash: Buffer;
    expires_at: Date;
    client_key: string | null;
  },
): Promise<void> {
  await db.insertInto('phone_verifications').values(row).execute();
}

/** Codes issued for a number (its blind index), or to a client, since `since`, newest first. */
export function recentVerifications(
  db: DbHandle,
  phone: string,
  phoneIndex: Buffer,
  clientKey: string,
  since: Date,
): Promise<PhoneVerificationRow[]> {
  return db
    .selectFrom('phone_verifications')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('phone_index', '=', phoneIndex),
        eb('phone_e164', '=', phone),
        eb('client_key', '=', clientKey),
      ]),
    )
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .execute();
}

/** A code sent once more. */
export async function countResend(db: DbHandle, id: string): Promise<void> {
  await db
    .updateTable('phone_verifications')
    .set({ sends: sql`sends + 1`, last_sent_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** A verification as it stands (risk reads its number and when its code was sent). */
/**
 * Checks a code against a verification and counts a wrong one, in one statement: the row is
 * locked (`FOR UPDATE`) as a locked read in a transaction would, so parallel guesses queue up,
 * and the attempt is committed with the check. A wrong code is counted only while the code is
 * alive (not spent, not expired at `now`, attempts left). Answers the row as it was before the
 * check and whether the code matched; undefined for an unknown id.
 */
export async function checkVerificationCode(
  db: DbHandle,
  id: string,
  codeHash: Buffer,
  now: Date,
  maxAttempts: number,
): Promise<{ row: PhoneVerificationRow; matched: boolean } | undefined> {
  const result = await sql<PhoneVerificationRow & { matched: boolean }>`
    WITH old AS (
      SELECT * FROM phone_verifications WHERE id = ${id} FOR UPDATE
    ), counted AS (
      UPDATE phone_verifications AS p SET attempts = p.attempts + 1
      FROM old
      WHERE p.id = old.id AND old.code_hash <> ${codeHash} AND old.consumed_at IS NULL
        AND old.expires_at > ${now} AND old.attempts < ${maxAttempts}
    )
    SELECT old.*, old.code_hash = ${codeHash} AS matched FROM old`.execute(db);
  const found = result.rows[0];
  if (!found) return undefined;
  const { matched, ...row } = found;
  return { row, matched };
}

/**
 * Spends a verification that is not spent yet, for the rest of the transaction: the row stays
 * locked until it ends, and a rollback unspends it. Undefined when unknown or already spent.
 */
export function consumeVerification(
  db: DbHandle,
  id: string,
): Promise<PhoneVerificationRow | undefined> {
  return db
    .updateTable('phone_verifications')
    .set({ consumed_at: sql`now()` })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Drops codes that expired more than a day ago (housekeeping). */
export async function deleteExpiredVerifications(db: DbHandle, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('phone_verifications')
    .where('expires_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** What cards and comments show of their authors. */
export async function authorRows(db: DbHandle, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('accounts')
    .select([
      'id',
      'handle',
      'display_name',
      'avatar_url',
      staffBadgeSql('accounts.id').as('staff'),
    ])
    .where(sql<boolean>`id = ANY(${ids}::uuid[])`)
    .execute();
}

/**
 * Posting restricted until `until`, unless a longer restriction is in force (a step-up, a
 * first-actions review).
 */
export async function restrictPostingUntil(db: DbHandle, accountId: string, until: Date) {
  await db
    .updateTable('accounts')
    .set({ posting_restricted_until: until })
    .where('id', '=', accountId)
    .where((eb) =>
      eb.or([
        eb('posting_restricted_until', 'is', null),
        eb('posting_restricted_until', '<', until),
      ]),
    )
    .execute();
}
