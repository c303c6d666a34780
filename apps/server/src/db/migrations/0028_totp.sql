-- A TOTP second factor (docs/security.md, "Second factor"). One row per account that started
-- enrolling; `enabled_at` is set when the first code confirmed it. The shared secret is stored
-- encrypted (AES-256-GCM under a key derived from the server secret), never in clear.
-- `last_time_step` is the newest 30-second step a code was accepted for: a code is accepted
-- only for a later step, so a code seen once cannot be replayed within its window.
CREATE TABLE account_totp (
  account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  secret_sealed text NOT NULL,
  enabled_at timestamptz,
  last_time_step integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One-time recovery codes, issued when TOTP is enabled: only their keyed hashes are kept; a
-- used code is marked, never accepted again. Disabling TOTP deletes them.
CREATE TABLE account_recovery_codes (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  code_hash bytea NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (account_id, code_hash)
);
