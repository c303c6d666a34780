import { type RawBuilder, sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { AccountRow } from '../../db/schema.js';
import type { AccountKeyRow } from '../vault/vault.store.js';
import type { NewSessionRow } from './sessions.store.js';

// A new number's phone sign-up in one statement: the code spent, the account, its session and
// the door's event, as data-modifying CTEs of one INSERT (atomic without BEGIN/COMMIT: one round
// trip where a transaction took seven). Only for the common case; anything else (the number has
// an account, the handle is taken, the code was spent meanwhile) writes nothing and returns
// undefined, and the caller takes the transaction path, which answers each case.

export interface PhoneSignupRows {
  verificationId: string;
  /** The number's blind index (the sealed number is in `account`). */
  phoneIndex: Buffer;
  /** The number, to find an account not sealed yet (migration 0030) holding it. */
  phone: string;
  /** The new account's data key, wrapped (modules/vault). */
  key: AccountKeyRow;
  account: {
    id: string;
    phone_sealed: string;
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
  const { account, session, key } = rows;
  // The code's row must be for this number (its blind index): the caller opened it to seal it.
  const result = await sql<AccountRow>`WITH spent AS (
      UPDATE phone_verifications v SET consumed_at = now()
      WHERE v.id = ${rows.verificationId}::uuid AND v.consumed_at IS NULL
        AND v.phone_index = ${rows.phoneIndex}::bytea
        AND NOT EXISTS (
          SELECT 1 FROM accounts a
          WHERE a.phone_index = v.phone_index OR a.phone_e164 = ${rows.phone}::text
            OR a.handle = ${account.handle}::text
        )
      RETURNING v.phone_index
    ), account AS (
      INSERT INTO accounts (id, handle, display_name, locale, phone_index, phone_sealed,
        signup_country, signup_region, ip_country, ip_region)
      SELECT ${account.id}::uuid, ${account.handle}::text, ${account.display_name}::text,
        ${account.locale}::text, spent.phone_index, ${account.phone_sealed}::text,
        ${account.signup_country}::text, ${account.signup_region}::text,
        ${account.signup_country}::text, ${account.signup_region}::text
      FROM spent
      RETURNING *
    ), account_key AS (
      INSERT INTO account_keys (account_id, kek_id, wrapped_key)
      SELECT account.id, ${key.kek_id}::text, ${key.wrapped_key}::bytea FROM account
    ), session AS (
      INSERT INTO sessions (id, account_id, token_hash, user_agent_sealed, ip_country, ip_region,
        expires_at)
      SELECT ${session.id}::uuid, account.id, ${session.token_hash}::bytea,
        ${session.user_agent_sealed}::text, ${session.ip_country}::text, ${session.ip_region}::text,
        ${session.expires_at}::timestamptz
      FROM account
    )${rows.event ? sql`, event AS (${rows.event})` : sql``}
    SELECT * FROM account`.execute(db);
  return result.rows[0];
}
