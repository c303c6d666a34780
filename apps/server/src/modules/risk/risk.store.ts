import type { RiskDecision, RiskReasonCode, RiskSurface } from '@atrium/contracts';
import type { DbHandle } from '../../db/database.js';

// The door's risk events (the inline check writes its own kinds through moderation's store).

export interface DoorEventRow {
  id: string;
  /** `door` (the default) or `first_action` (a level-0 account's write). */
  kind?: 'door' | 'first_action';
  accountId: string | null;
  surface: RiskSurface;
  decision: RiskDecision;
  score: number;
  reasons: { code: RiskReasonCode; points: number }[];
  ipCountry: string | null;
  asn: number | null;
  ipKey: string | null;
  networkKey: string | null;
  deviceKey: string | null;
  phoneRangeKey: string | null;
  data: Record<string, unknown>;
}

export async function insertDoorEvent(db: DbHandle, row: DoorEventRow): Promise<void> {
  await db
    .insertInto('risk_events')
    .values({
      id: row.id,
      account_id: row.accountId,
      kind: row.kind ?? 'door',
      data: JSON.stringify(row.data),
      surface: row.surface,
      decision: row.decision,
      score: row.score,
      reasons: JSON.stringify(row.reasons),
      ip_country: row.ipCountry,
      asn: row.asn,
      ip_key: row.ipKey,
      network_key: row.networkKey,
      device_key: row.deviceKey,
      phone_range_key: row.phoneRangeKey,
    })
    .execute();
}

/** An account's risk events, newest first, after the cursor's (time, id). */
export function listAccountRiskEvents(
  db: DbHandle,
  accountId: string,
  after: { at: Date; id: string } | null,
  limit: number,
) {
  let query = db
    .selectFrom('risk_events')
    .select([
      'id',
      'kind',
      'surface',
      'decision',
      'score',
      'reasons',
      'ip_country',
      'asn',
      'data',
      'created_at',
    ])
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
