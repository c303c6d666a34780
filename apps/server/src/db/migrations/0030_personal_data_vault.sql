-- The personal-data vault (docs/security.md, "Personal-data vault"): phone numbers, e-mail
-- addresses and session user agents are stored sealed (AES-256-GCM) under a data key of the
-- account, itself wrapped by a key-encryption key (KEK) that never enters the database. Lookups
-- use keyed blind indexes (HMAC-SHA256 under a key of its own). Expand first: the plaintext
-- columns stay, nullable, while the startup task `seal personal data` moves existing rows into
-- the sealed columns in batches and clears the plaintext; a later migration drops them.

-- One data key per account, wrapped by the KEK `kek_id`. Deleting the row is crypto-shredding:
-- whatever was sealed under the key (in this database or in a backup of it) can no longer be
-- opened once the KEK of that backup is retired. Checked at commit: a new account's key is
-- written first, so that its phone number and e-mail address go in sealed with the account.
CREATE TABLE account_keys (
  account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE
    DEFERRABLE INITIALLY DEFERRED,
  kek_id text NOT NULL,
  -- iv (12 bytes) | tag (16) | the 32-byte key, sealed under the KEK
  wrapped_key bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  rotated_at timestamptz
);

-- `atrium keys rotate` walks the keys not yet under the current KEK
CREATE INDEX account_keys_kek ON account_keys (kek_id, account_id);

-- Proof that the keys given at start are the keys the data was sealed with: for each KEK, a
-- canary it wrapped (`kek:<id>`), and for the blind-index key an HMAC of a fixed text
-- (`blind-index`). Never a key.
CREATE TABLE vault_key_checks (
  name text PRIMARY KEY,
  check_value bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE accounts ADD COLUMN phone_index bytea;
ALTER TABLE accounts ADD COLUMN phone_sealed text;
ALTER TABLE accounts ADD COLUMN email_index bytea;
ALTER TABLE accounts ADD COLUMN email_sealed text;
CREATE UNIQUE INDEX accounts_phone_index_key ON accounts (phone_index);
CREATE UNIQUE INDEX accounts_email_index_key ON accounts (email_index);

ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_can_sign_in;
ALTER TABLE accounts ADD CONSTRAINT accounts_can_sign_in
  CHECK (phone_index IS NOT NULL OR email_index IS NOT NULL OR phone_e164 IS NOT NULL
    OR email IS NOT NULL OR password_hash IS NOT NULL OR deleted_at IS NOT NULL);

-- One-time codes exist before their account: the number is sealed under the KEK itself
-- (`kek_id`), and found again by its blind index. Such rows live a day past their expiry.
ALTER TABLE phone_verifications ALTER COLUMN phone_e164 DROP NOT NULL;
ALTER TABLE phone_verifications ADD COLUMN phone_index bytea;
ALTER TABLE phone_verifications ADD COLUMN phone_sealed text;
ALTER TABLE phone_verifications ADD COLUMN kek_id text;
CREATE INDEX phone_verifications_phone_index
  ON phone_verifications (phone_index, created_at DESC);

-- The browser's user agent of a session, sealed under the account's data key.
ALTER TABLE sessions ADD COLUMN user_agent_sealed text;
