import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { PolicyRow } from '../../db/schema.js';

// SQL for policy versions: the only place it lives.

/** Advisory lock key serializing publications (one switch of the active version at a time). */
const PUBLISH_LOCK = 7243102;

export type PolicyListRow = PolicyRow & { created_by_handle: string | null };

export async function lockPublishing(tx: DbHandle): Promise<void> {
  await sql`select pg_advisory_xact_lock(${sql.lit(PUBLISH_LOCK)})`.execute(tx);
}

export async function activeVersion(db: DbHandle): Promise<string | null> {
  const row = await db
    .selectFrom('policies')
    .select('version')
    .where('active', '=', true)
    .executeTakeFirst();
  return row?.version ?? null;
}

export async function hasAnyVersion(db: DbHandle): Promise<boolean> {
  const row = await db.selectFrom('policies').select('version').limit(1).executeTakeFirst();
  return row !== undefined;
}

function withCreator(db: DbHandle) {
  return db
    .selectFrom('policies')
    .leftJoin('accounts', 'accounts.id', 'policies.created_by')
    .selectAll('policies')
    .select('accounts.handle as created_by_handle');
}

export function findVersion(db: DbHandle, version: string): Promise<PolicyListRow | undefined> {
  return withCreator(db).where('policies.version', '=', version).executeTakeFirst();
}

export function findActive(db: DbHandle): Promise<PolicyListRow | undefined> {
  return withCreator(db).where('policies.active', '=', true).executeTakeFirst();
}

export async function versionExists(db: DbHandle, version: string): Promise<boolean> {
  const row = await db
    .selectFrom('policies')
    .select('version')
    .where('version', '=', version)
    .executeTakeFirst();
  return row !== undefined;
}

export interface NewPolicyRow {
  version: string;
  /** JSON text. */
  document: string;
  created_at: Date;
  created_by: string | null;
  note: string | null;
  active: boolean;
}

/**
 * Inserts a version; false when the version, or (for an active row) an active version, exists
 * already. Used for the shipped default, which every node may try to insert at once.
 */
export async function insertIfAbsent(db: DbHandle, row: NewPolicyRow): Promise<boolean> {
  const inserted = await db
    .insertInto('policies')
    .values(row)
    .onConflict((conflict) => conflict.doNothing())
    .returning('version')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function insertVersion(db: DbHandle, row: NewPolicyRow): Promise<void> {
  await db.insertInto('policies').values(row).execute();
}

export async function deactivateAll(db: DbHandle): Promise<void> {
  await db.updateTable('policies').set({ active: false }).where('active', '=', true).execute();
}

/** Newest first, after the `(created_at, version)` of the previous page's last row. */
export function listVersions(
  db: DbHandle,
  after: { createdAt: Date; version: string } | null,
  limit: number,
): Promise<PolicyListRow[]> {
  let query = withCreator(db);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('policies.created_at', '<', after.createdAt),
        eb.and([
          eb('policies.created_at', '=', after.createdAt),
          eb(sql<string>`policies.version collate "C"`, '>', after.version),
        ]),
      ]),
    );
  }
  return query
    .orderBy('policies.created_at', 'desc')
    .orderBy(sql`policies.version collate "C"`)
    .limit(limit)
    .execute();
}

export interface NoteText {
  id: string;
  title: string;
  body: string;
  /** The author's country when posting: with the detected language, the note's scope. */
  ip_country: string | null;
}

/**
 * The text of notes created since `since`, newest first (ids are time-ordered), removed ones
 * left out: what a policy change would apply to. Read-only, for the policy preview.
 */
export function recentNoteTexts(db: DbHandle, since: Date, limit: number): Promise<NoteText[]> {
  return db
    .selectFrom('notes')
    .select(['id', 'title', 'body', 'ip_country'])
    .where('created_at', '>=', since)
    .where('status', '<>', 'removed')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
