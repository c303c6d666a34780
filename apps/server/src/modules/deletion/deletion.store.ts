import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { HiddenItem } from '../../db/schema.js';

// SQL of account deletions (docs/security.md, "Deleting an account"): the only place it lives.

export interface DeletionRow {
  account_id: string;
  requested_at: Date;
  due_at: Date;
  hidden_notes: HiddenItem[];
  hidden_comments: HiddenItem[];
  purged_at: Date | null;
}

export async function insertDeletion(
  db: DbHandle,
  row: { accountId: string; requestedAt: Date; dueAt: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('account_deletions')
    .values({
      account_id: row.accountId,
      requested_at: row.requestedAt,
      due_at: row.dueAt,
      hidden_notes: '[]',
      hidden_comments: '[]',
    })
    .onConflict((conflict) => conflict.column('account_id').doNothing())
    .returning('account_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function setHidden(
  db: DbHandle,
  accountId: string,
  hidden: { notes: HiddenItem[]; comments: HiddenItem[] },
): Promise<void> {
  await db
    .updateTable('account_deletions')
    .set({
      hidden_notes: JSON.stringify(hidden.notes),
      hidden_comments: JSON.stringify(hidden.comments),
    })
    .where('account_id', '=', accountId)
    .execute();
}

/** The account's deletion, locked for the rest of the transaction. */
export function lockDeletion(db: DbHandle, accountId: string): Promise<DeletionRow | undefined> {
  return db
    .selectFrom('account_deletions')
    .selectAll()
    .where('account_id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
}

export async function deleteDeletion(db: DbHandle, accountId: string): Promise<void> {
  await db.deleteFrom('account_deletions').where('account_id', '=', accountId).execute();
}

/** Accounts whose grace period is over and that are not purged yet (or purged half-way). */
export async function dueAccountIds(db: DbHandle, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('account_deletions')
    .select('account_id')
    .where('due_at', '<=', now)
    .where('purged_at', 'is', null)
    .orderBy('due_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.account_id);
}

/** Purged accounts kept as tombstones whose uploads may still be left (a stopped purge). */
export async function tombstonesWithMedia(db: DbHandle, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('account_deletions')
    .select('account_id')
    .where('purged_at', 'is not', null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('media')
          .select('media.id')
          .whereRef('media.owner_id', '=', 'account_deletions.account_id'),
      ),
    )
    .limit(limit)
    .execute();
  return rows.map((row) => row.account_id);
}

export async function markPurged(db: DbHandle, accountId: string, at: Date): Promise<void> {
  await db
    .updateTable('account_deletions')
    .set({ purged_at: at })
    .where('account_id', '=', accountId)
    .execute();
}

/**
 * Forgets the account's data exports: their download links stop working at once, and the hourly
 * `remove expired account exports` task deletes archive files no row names any more.
 */
export async function deleteExports(db: DbHandle, accountId: string): Promise<void> {
  await db.deleteFrom('account_exports').where('account_id', '=', accountId).execute();
}

/** Whether the account holds any staff role (staff give it up before deleting their account). */
export async function isStaff(db: DbHandle, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('staff_members')
    .select('account_id')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Whether moderation records name the account as their subject: cases and decisions are kept
 * (legal hold, statements of reasons), so the account row stays as a pseudonymous tombstone.
 */
export async function underLegalHold(db: DbHandle, accountId: string): Promise<boolean> {
  const row = await sql<{ held: boolean }>`SELECT
    EXISTS (SELECT 1 FROM moderation_cases WHERE subject_id = ${accountId})
    OR EXISTS (SELECT 1 FROM moderation_decisions WHERE subject_id = ${accountId}) AS held`.execute(
    db,
  );
  return row.rows[0]?.held === true;
}

/** The texts the account wrote (for forgetting their cached translations and readings). */
export async function textsOf(db: DbHandle, accountId: string): Promise<string[]> {
  const result = await sql<{ text: string }>`
    SELECT title AS text FROM notes WHERE author_id = ${accountId}
    UNION SELECT body FROM notes WHERE author_id = ${accountId}
    UNION SELECT body FROM comments WHERE author_id = ${accountId}
    UNION SELECT bio FROM accounts WHERE id = ${accountId}`.execute(db);
  return result.rows.map((row) => row.text);
}

/**
 * What is left of the account once its content is gone: its id and nothing personal — a handle
 * made of the id, no name, bio, avatar, contact, password, places, languages or counts.
 */
export async function tombstone(db: DbHandle, accountId: string, at: Date): Promise<void> {
  await db
    .updateTable('accounts')
    .set({
      handle: pseudonymFor(accountId),
      display_name: '',
      bio: '',
      bio_lang: null,
      avatar_url: null,
      own_avatar_url: null,
      avatar_media_id: null,
      languages: [],
      locale: null,
      phone_e164: null,
      email: null,
      phone_index: null,
      phone_sealed: null,
      email_index: null,
      email_sealed: null,
      password_hash: null,
      password_staff_ready: false,
      signup_country: null,
      signup_region: null,
      ip_country: null,
      ip_region: null,
      interests: [],
      notes_count: 0,
      followers_count: 0,
      following_count: 0,
      likes_received_count: 0,
      deleted_at: at,
      updated_at: at,
    })
    .where('id', '=', accountId)
    .execute();
  // what the account's sessions, codes and sign-in records said about it
  await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
  await db.deleteFrom('security_events').where('account_id', '=', accountId).execute();
  await db.deleteFrom('step_ups').where('account_id', '=', accountId).execute();
  await db.deleteFrom('risk_events').where('account_id', '=', accountId).execute();
  await db.deleteFrom('farm_cluster_members').where('account_id', '=', accountId).execute();
  await deleteExports(db, accountId);
}

/** The handle of a tombstone: `deleted.` and 20 hex digits of the id (nothing of the person). */
export function pseudonymFor(accountId: string): string {
  return `deleted.${accountId.replace(/-/g, '').slice(-20)}`;
}

/** The account row itself (no moderation record names it): every row left cascades. */
export async function deleteAccountRow(db: DbHandle, accountId: string): Promise<void> {
  await db.deleteFrom('accounts').where('id', '=', accountId).execute();
}
