import { type RawBuilder, sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { AccountRow } from '../../db/schema.js';
import type { NewSessionRow } from './sessions.store.js';

// A new number's phone sign-up in one statement: the code spent, the account, its session and
// the door's event, as data-modifying CTEs of one INSERT (atomic without BEGIN/COMMIT: one round
// trip where a transaction took seven). Only for the common case; anything else (the number has
// an account, the handle is taken, the code was spent meanwhile) writes nothing and returns
// undefined, and the caller takes the transaction path, which answers each case.

export interface PhoneSignupRows {
  verificationId: string;
  account: {
    id: string;
    handle: string;
    display_name: string;
    locale: string | null;
    signup_country: string | null;
    signup_region: string | null;
  };
  session: NewSessionRow;
  /** The door's event, an INSERT reading the id from the `account` CTE; null: none. */
  event: RawBuilder<unknown> | null;
}

export async function signUpByPhoneAtOnce(
  db: DbHandle,
  rows: PhoneSignupRows,
): Promise<AccountRow | undefined> {
  const { account, session } = rows;
  const result = await sql<AccountRow>`WITH spent AS (
      UPDATE phone_verifications v SET consumed_at = now()
      WHERE v.id = ${rows.verificationId}::uuid AND v.consumed_at IS NULL
        AND NOT EXISTS (
          SELECT 1 FROM accounts a
          WHERE a.phone_e164 = v.phone_e164 OR a.handle = ${account.handle}::text
        )
      RETURNING v.phone_e164
    ), account AS (
      INSERT INTO accounts (id, handle, display_name, locale, phone_e164, signup_country,
        signup_region, ip_country, ip_region)
      SELECT ${account.id}::uuid, ${account.handle}::text, ${account.display_name}::text,
        ${account.locale}::text, spent.phone_e164, ${account.signup_country}::text,
        ${account.signup_region}::text, ${account.signup_country}::text,
        ${account.signup_region}::text
      FROM spent
      RETURNING *
    ), session AS (
      INSERT INTO sessions (id, account_id, token_hash, user_agent, ip_country, ip_region,
        expires_at)
      SELECT ${session.id}::uuid, account.id, ${session.token_hash}::bytea,
        ${session.user_agent}::text, ${session.ip_country}::text, ${session.ip_region}::text,
        ${session.expires_at}::timestamptz
      FROM account
    )${rows.event ? sql`, event AS (${rows.event})` : sql``}
    SELECT * FROM account`.execute(db);
  return result.rows[0];
}
