-- Sign-in resists abuse: per-client budgets for phone codes, the account security log, and
-- whether a password is long enough for a staff role.

-- A keyed hash (HMAC under the server secret) of the client's address bucket (IPv4 address,
-- IPv6 /64): code budgets count per number and client, and per client across numbers, without
-- keeping the address itself.
ALTER TABLE phone_verifications ADD COLUMN client_key text;
-- A code asked for again is sent again (the same code, not a new one): how often, and when last.
ALTER TABLE phone_verifications ADD COLUMN sends integer NOT NULL DEFAULT 1;
ALTER TABLE phone_verifications ADD COLUMN last_sent_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX phone_verifications_client ON phone_verifications (client_key, created_at DESC);

-- Set when the password was chosen with at least 12 characters (the staff minimum); passwords
-- set before this migration are unknown, so false. Never the password or its length.
ALTER TABLE accounts ADD COLUMN password_staff_ready boolean NOT NULL DEFAULT false;

-- A successful login ends the login back-off: failures before this time no longer count.
ALTER TABLE accounts ADD COLUMN failed_logins_cleared_at timestamptz;

-- The security log: failed logins, slowed-down logins, sign-ups attempted with a known e-mail
-- address. `subject` is what the login back-off counts on: `account:<id>` for a known account,
-- else a keyed hash of the login typed, so unknown logins are slowed down the same way (the
-- back-off reveals nothing). Never a password, a code, an address or a phone number.
CREATE TABLE security_events (
  id uuid PRIMARY KEY,
  account_id uuid REFERENCES accounts (id) ON DELETE CASCADE,
  subject text NOT NULL,
  kind text NOT NULL,
  ip_country text,
  ip_region text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX security_events_subject ON security_events (subject, created_at DESC);
CREATE INDEX security_events_account ON security_events (account_id, created_at DESC);

-- An account needed a phone or an e-mail address. Sign-up with an address that is already
-- taken creates the account without it (the address stays with its holder), and that account
-- signs in with its handle and password: one of the three is enough.
ALTER TABLE accounts DROP CONSTRAINT accounts_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_can_sign_in
  CHECK (phone_e164 IS NOT NULL OR email IS NOT NULL OR password_hash IS NOT NULL);
