import type { AccountExportRow } from '../../db/schema.js';

/**
 * Who may fetch an export's archive: its holder (their session), or whoever holds the link's
 * token. Everyone else is told it does not exist, never that it is someone else's.
 */
export type DownloadDecision = 'allow' | 'not_found' | 'expired';

export function canDownload(
  row: AccountExportRow | undefined,
  caller: { accountId: string | null; tokenMatches: boolean },
  now: Date,
): DownloadDecision {
  if (!row) return 'not_found';
  const holder = caller.accountId !== null && caller.accountId === row.account_id;
  if (!holder && !caller.tokenMatches) return 'not_found';
  if (row.status === 'expired') return 'expired';
  if (row.status !== 'done' || !row.file_name) return 'not_found';
  if (row.expires_at && row.expires_at.getTime() <= now.getTime()) return 'expired';
  return 'allow';
}
