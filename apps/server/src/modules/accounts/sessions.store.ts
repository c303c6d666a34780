import type { FeedLanguageMix } from '@atrium/contracts';
import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { SessionRow } from '../../db/schema.js';

export interface ActiveSession {
  id: string;
  account_id: string;
  locale: string | null;
  ip_country: string | null;
  posting_restricted_until: Date | null;
  suspended_until: Date | null;
  banned_at: Date | null;
  languages: string[];
  feed_language_mix: FeedLanguageMix;
  last_used_at: Date;
  created_at: Date;
  expires_at: Date;
}

/** A session row before its account is known. */
export interface NewSessionRow {
  id: string;
  token_hash: Buffer;
  /** Sealed under the account's data key (modules/vault). */
  user_agent_sealed: string | null;
  ip_country: string | null;
  ip_region: string | null;
  expires_at: Date;
}

export async function insertSession(
  db: DbHandle,
  row: NewSessionRow & { account_id: string },
): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The live session for a token hash, with the account's locale. */
export function findActiveSession(
  db: DbHandle,
  tokenHash: Buffer,
): Promise<ActiveSession | undefined> {
  return (
    db
      .selectFrom('sessions')
      .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
      .select([
        'sessions.id',
        'sessions.account_id',
        'accounts.locale',
        'accounts.ip_country',
        'accounts.posting_restricted_until',
        'accounts.suspended_until',
        'accounts.banned_at',
        'accounts.languages',
        'accounts.feed_language_mix',
        'sessions.last_used_at',
        'sessions.created_at',
        'sessions.expires_at',
      ])
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.revoked_at', 'is', null)
      .where('sessions.expires_at', '>', sql<Date>`now()`)
      // a suspended or banned account's session is restricted by the route guard, not ended here
      .executeTakeFirst()
  );
}

export async function touchSession(db: DbHandle, id: string, expiresAt: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_used_at: sql`now()`, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function replaceSessionToken(
  db: DbHandle,
  id: string,
  tokenHash: Buffer,
  expiresAt: Date,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ token_hash: tokenHash, expires_at: expiresAt, last_used_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Revokes a session of an account; false when it is not theirs or already ended. */
export async function revokeSession(db: DbHandle, accountId: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: sql`now()` })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function listActiveSessions(db: DbHandle, accountId: string): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('last_used_at', 'desc')
    .execute();
}

/** Ends every live session of an account (suspension, ban). */
export async function revokeAllSessions(db: DbHandle, accountId: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: sql`now()` })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Ends every live session of an account but `keep` (a password change); answers their ids. */
export async function revokeOtherSessions(
  db: DbHandle,
  accountId: string,
  keep: string,
): Promise<string[]> {
  const rows = await db
    .updateTable('sessions')
    .set({ revoked_at: sql`now()` })
    .where('account_id', '=', accountId)
    .where('id', '!=', keep)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}
