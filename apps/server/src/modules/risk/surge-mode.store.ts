import type { RiskDecision, RiskReasonCode } from '@atrium/contracts';
import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';

// Surge mode's shared state and the risk console's aggregates over risk_events.

/** The surfaces that are sign-ups: a phone code check and an e-mail sign-up. */
const SIGNUP_SURFACES = ['phone_verify', 'signup'] as const;

export function readSurgeRow(db: DbHandle) {
  return db.selectFrom('surge_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}

export function lockSurgeRow(db: DbHandle) {
  return db
    .selectFrom('surge_state')
    .selectAll()
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function updateSurgeRow(
  db: DbHandle,
  values: Partial<{
    mode: 'auto' | 'on' | 'off';
    auto_active: boolean;
    rate: number;
    baseline: number;
    last_high_at: Date | null;
    evaluated_at: Date | null;
    changed_at: Date;
  }>,
): Promise<void> {
  await db.updateTable('surge_state').set(values).where('id', '=', 1).execute();
}

export async function pausedCountries(db: DbHandle): Promise<string[]> {
  const rows = await db.selectFrom('signup_pauses').select('country').orderBy('country').execute();
  return rows.map((row) => row.country);
}

/** The paused countries with who paused each, when and why (the kill switches' list). */
export function pauseRows(db: DbHandle) {
  return db
    .selectFrom('signup_pauses')
    .leftJoin('accounts', 'accounts.id', 'signup_pauses.created_by')
    .select([
      'signup_pauses.country',
      'signup_pauses.reason',
      'signup_pauses.created_at',
      'signup_pauses.created_by',
      'accounts.handle',
    ])
    .orderBy('signup_pauses.country')
    .execute();
}

/** Pauses a country; false when it was paused already. */
export async function insertPause(
  db: DbHandle,
  country: string,
  by: string | null,
  reason: string | null = null,
): Promise<boolean> {
  const inserted = await db
    .insertInto('signup_pauses')
    .values({ country, created_by: by, reason })
    .onConflict((oc) => oc.column('country').doNothing())
    .returning('country')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Resumes a country; false when it was not paused. */
export async function deletePause(db: DbHandle, country: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('signup_pauses')
    .where('country', '=', country)
    .returning('country')
    .executeTakeFirst();
  return deleted !== undefined;
}

/** Sign-up attempts scored at the door in `[from, to)`. */
export async function countSignupAttempts(db: DbHandle, from: Date, to: Date): Promise<number> {
  const row = await db
    .selectFrom('risk_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('surface', 'in', SIGNUP_SURFACES)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sign-up attempts per minute and decision in `[from, to)`. */
export async function signupsByDecision(db: DbHandle, from: Date, to: Date) {
  const result = await sql<{ at: Date; decision: RiskDecision; n: string }>`
    SELECT date_trunc('minute', created_at) AS at, decision, count(*) AS n
    FROM risk_events
    WHERE surface IN ('phone_verify', 'signup') AND decision IS NOT NULL
      AND created_at >= ${from} AND created_at < ${to}
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  return result.rows.map((row) => ({
    at: new Date(row.at),
    decision: row.decision,
    count: Number(row.n),
  }));
}

/** Sign-up attempts per minute and IP country in `[from, to)`: the top `top`, the rest `other`. */
export async function signupsByCountry(db: DbHandle, from: Date, to: Date, top: number) {
  const result = await sql<{ at: Date; country: string | null; n: string }>`
    WITH attempts AS (
      SELECT date_trunc('minute', created_at) AS at, ip_country
      FROM risk_events
      WHERE surface IN ('phone_verify', 'signup') AND created_at >= ${from} AND created_at < ${to}
    ), leaders AS (
      SELECT ip_country FROM attempts WHERE ip_country IS NOT NULL
      GROUP BY ip_country ORDER BY count(*) DESC, ip_country LIMIT ${top}
    )
    SELECT at,
      CASE WHEN ip_country IS NULL THEN NULL
           WHEN ip_country IN (SELECT ip_country FROM leaders) THEN ip_country
           ELSE 'other' END AS country,
      count(*) AS n
    FROM attempts GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  return result.rows.map((row) => ({
    at: new Date(row.at),
    country: row.country,
    count: Number(row.n),
  }));
}

/** The reason codes that fired most on sign-up attempts in `[from, to)`. */
export async function topSignupReasons(db: DbHandle, from: Date, to: Date, limit: number) {
  const result = await sql<{ code: RiskReasonCode; n: string }>`
    SELECT reason ->> 'code' AS code, count(*) AS n
    FROM risk_events, jsonb_array_elements(reasons) AS reason
    WHERE surface IN ('phone_verify', 'signup') AND created_at >= ${from} AND created_at < ${to}
    GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${limit}`.execute(db);
  return result.rows.map((row) => ({ code: row.code, count: Number(row.n) }));
}
