import type { AuthorSummary } from '@atrium/contracts';
import type { DbHandle } from '../../db/database.js';
import type { AccountRow } from '../../db/schema.js';
import { authorRows } from './accounts.store.js';

// How an account appears beside its notes and comments: read by notes, social, moderation and
// search alike, so it lives with accounts.

/** An author's row: the account's columns and its staff badge (`staffBadgeSql`). */
export type AuthorRow = Pick<AccountRow, 'id' | 'handle' | 'display_name' | 'avatar_url'> & {
  staff: boolean;
};

export function toAuthorSummary(row: AuthorRow): AuthorSummary {
  return {
    id: row.id,
    handle: row.handle,
    displayName: row.display_name,
    badge: row.staff ? 'staff' : null,
    avatarUrl: row.avatar_url,
  };
}

export async function authorsById(
  db: DbHandle,
  ids: string[],
): Promise<Map<string, AuthorSummary>> {
  const rows = await authorRows(db, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, toAuthorSummary(row)]));
}
