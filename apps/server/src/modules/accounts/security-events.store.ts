import type { SecurityEventKind } from '@atrium/contracts';
import type { DbHandle } from '../../db/database.js';

// The security log of accounts (and of unknown logins, by a keyed hash): every SQL statement
// about it. Never a password, a code, an address or a phone number.

export interface NewSecurityEvent {
  id: string;
  accountId: string | null;
  subject: string;
  kind: SecurityEventKind;
  ipCountry: string | null;
  ipRegion: string | null;
}

export async function insertSecurityEvent(db: DbHandle, event: NewSecurityEvent): Promise<void> {
  await db
    .insertInto('security_events')
    .values({
      id: event.id,
      account_id: event.accountId,
      subject: event.subject,
      kind: event.kind,
      ip_country: event.ipCountry,
      ip_region: event.ipRegion,
    })
    .execute();
}

/** Failed logins of a subject since `since`: how many, and when the last one was. */
export async function failedLoginsSince(
  db: DbHandle,
  subject: string,
  since: Date,
): Promise<{ count: number; last: Date | null }> {
  const row = await db
    .selectFrom('security_events')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('created_at').as('last')])
    .where('subject', '=', subject)
    .where('kind', '=', 'login_failed')
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), last: row.last ? new Date(row.last) : null };
}

/** One account's log, newest first, after the cursor `(created_at, id)`. */
export function listAccountEvents(
  db: DbHandle,
  accountId: string,
  after: { at: Date; id: string } | null,
  limit: number,
) {
  let query = db
    .selectFrom('security_events')
    .select(['id', 'kind', 'ip_country', 'ip_region', 'created_at'])
    .where('account_id', '=', accountId);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', after.at),
        eb.and([eb('created_at', '=', after.at), eb('id', '<', after.id)]),
      ]),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Housekeeping: the log is kept 90 days. */
export async function deleteEventsBefore(db: DbHandle, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('security_events')
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
