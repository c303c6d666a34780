import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { StaffMemberRow, StaffRole } from '../../db/schema.js';

// SQL for staff members: the only place it lives.

/** Advisory lock key for creating the first administrator (one node at a time). */
const FIRST_ADMIN_LOCK = 7243101;

export type StaffMemberListRow = StaffMemberRow & {
  handle: string;
  display_name: string;
  created_by_handle: string | null;
};

export function findMember(db: DbHandle, accountId: string): Promise<StaffMemberRow | undefined> {
  return db
    .selectFrom('staff_members')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** The member row locked for a change (role, scope, removal). */
export function lockMember(db: DbHandle, accountId: string): Promise<StaffMemberRow | undefined> {
  return db
    .selectFrom('staff_members')
    .selectAll()
    .where('account_id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Locks every admin row and counts them. Two admins demoting each other at once are serialized
 * here: the second sees the first's change and is refused as the last admin.
 */
export async function lockAdmins(db: DbHandle): Promise<number> {
  const rows = await db
    .selectFrom('staff_members')
    .select('account_id')
    .where('role', '=', 'admin')
    // one lock order for every caller, or two changes could deadlock
    .orderBy('account_id')
    .forUpdate()
    .execute();
  return rows.length;
}

export async function adminExists(db: DbHandle): Promise<boolean> {
  const row = await db
    .selectFrom('staff_members')
    .select('account_id')
    .where('role', '=', 'admin')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function lockFirstAdmin(tx: DbHandle): Promise<void> {
  await sql`select pg_advisory_xact_lock(${sql.lit(FIRST_ADMIN_LOCK)})`.execute(tx);
}

export interface MemberValues {
  role: StaffRole;
  languages: string[];
  regions: string[];
}

/** Inserts a member; undefined when the account is staff already. */
export function insertMember(
  db: DbHandle,
  accountId: string,
  values: MemberValues,
  createdBy: string | null,
): Promise<StaffMemberRow | undefined> {
  return db
    .insertInto('staff_members')
    .values({ account_id: accountId, ...values, created_by: createdBy })
    .onConflict((conflict) => conflict.column('account_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function updateMember(
  db: DbHandle,
  accountId: string,
  values: MemberValues,
): Promise<StaffMemberRow> {
  return db
    .updateTable('staff_members')
    .set({ ...values, updated_at: sql`now()` })
    .where('account_id', '=', accountId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteMember(db: DbHandle, accountId: string): Promise<void> {
  await db.deleteFrom('staff_members').where('account_id', '=', accountId).execute();
}

function withAccounts(db: DbHandle) {
  return db
    .selectFrom('staff_members')
    .innerJoin('accounts', 'accounts.id', 'staff_members.account_id')
    .leftJoin('accounts as creator', 'creator.id', 'staff_members.created_by')
    .selectAll('staff_members')
    .select([
      'accounts.handle as handle',
      'accounts.display_name as display_name',
      'creator.handle as created_by_handle',
    ]);
}

export function findMemberView(
  db: DbHandle,
  accountId: string,
): Promise<StaffMemberListRow | undefined> {
  return withAccounts(db).where('staff_members.account_id', '=', accountId).executeTakeFirst();
}

/** Members by handle, after `afterHandle`. */
export function listMembers(
  db: DbHandle,
  afterHandle: string | null,
  limit: number,
): Promise<StaffMemberListRow[]> {
  let query = withAccounts(db);
  if (afterHandle !== null) {
    query = query.where(sql<string>`accounts.handle collate "C"`, '>', afterHandle);
  }
  // byte order: identical on every database whatever its collation
  return query.orderBy(sql`accounts.handle collate "C"`).limit(limit).execute();
}
