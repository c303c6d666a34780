import type { Db } from '../../db/database.js';
import type { PageRequest, SignedInReader } from '../../http/request-context.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { formatIpLocation } from '../geo/location-label.js';
import * as events from './security-events.store.js';

/** The account's security log, newest first. */
export async function listSecurityEvents(db: Db, reader: SignedInReader, page: PageRequest) {
  const after = decodeCursor(
    page.cursor,
    (value): value is { at: string; id: string } =>
      typeof value.at === 'string' && typeof value.id === 'string',
  );
  const rows = await events.listAccountEvents(
    db,
    reader.viewer.accountId,
    after ? { at: new Date(after.at), id: after.id } : null,
    page.limit + 1,
  );
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => ({
      id: row.id,
      kind: row.kind,
      createdAt: row.created_at.toISOString(),
      ipLocation: row.ip_country
        ? formatIpLocation({ country: row.ip_country, region: row.ip_region }, reader.locale)
        : null,
    })),
    nextCursor:
      rows.length > page.limit && last
        ? encodeCursor({ at: last.created_at.toISOString(), id: last.id })
        : null,
  };
}
