import type { RiskDecision, RiskReasonCode, RiskSurface } from '@atrium/contracts';
import { type RawBuilder, sql } from 'kysely';
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

/**
 * Several door events in one statement: one array per column, so the statement's text is the
 * same for any number of rows (prepared once per connection).
 */
export async function insertDoorEvents(db: DbHandle, rows: readonly DoorEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (row: DoorEventRow) => T) => rows.map(pick);
  await sql`INSERT INTO risk_events (id, account_id, kind, data, surface, decision, score,
      reasons, ip_country, asn, ip_key, network_key, device_key, phone_range_key)
    SELECT u.id, u.account_id, u.kind, u.data::jsonb, u.surface, u.decision, u.score,
      u.reasons::jsonb, u.ip_country, u.asn, u.ip_key, u.network_key, u.device_key,
      u.phone_range_key
    FROM unnest(${column((row) => row.id)}::uuid[], ${column((row) => row.accountId)}::uuid[],
      ${column((row) => row.kind ?? 'door')}::text[],
      ${column((row) => JSON.stringify(row.data))}::text[],
      ${column((row) => row.surface)}::text[], ${column((row) => row.decision)}::text[],
      ${column((row) => row.score)}::int4[],
      ${column((row) => JSON.stringify(row.reasons))}::text[],
      ${column((row) => row.ipCountry)}::text[], ${column((row) => row.asn)}::int4[],
      ${column((row) => row.ipKey)}::text[], ${column((row) => row.networkKey)}::text[],
      ${column((row) => row.deviceKey)}::text[], ${column((row) => row.phoneRangeKey)}::text[])
      AS u(id, account_id, kind, data, surface, decision, score, reasons, ip_country, asn,
        ip_key, network_key, device_key, phone_range_key)`.execute(db);
}

/**
 * The door event of an account created in the same statement: an INSERT that reads the account
 * id from the statement's `account` CTE (the phone sign-up's one statement, see
 * `signUpByPhoneAtOnce` in the accounts store). Written with the account or not at all.
 */
export function doorEventOfNewAccount(row: Omit<DoorEventRow, 'accountId'>): RawBuilder<unknown> {
  return sql`INSERT INTO risk_events (id, account_id, kind, data, surface, decision, score,
      reasons, ip_country, asn, ip_key, network_key, device_key, phone_range_key)
    SELECT ${row.id}::uuid, account.id, ${row.kind ?? 'door'}::text,
      ${JSON.stringify(row.data)}::jsonb, ${row.surface}::text, ${row.decision}::text,
      ${row.score}::int4, ${JSON.stringify(row.reasons)}::jsonb, ${row.ipCountry}::text,
      ${row.asn}::int4, ${row.ipKey}::text, ${row.networkKey}::text, ${row.deviceKey}::text,
      ${row.phoneRangeKey}::text
    FROM account`;
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
