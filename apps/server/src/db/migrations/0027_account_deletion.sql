-- Account deletion (docs/security.md, "Deleting an account"). A deletion asked by the holder is
-- a row here: the account is deactivated at once (sessions ended, notes and comments taken out
-- of every view, the ones hidden listed here so that a login in the grace period can put them
-- back), and a job purges it once `due_at` has passed.
CREATE TABLE account_deletions (
  account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  requested_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  -- [{ "id": uuid, "status": "published" | "pending_review" }] as they were before
  hidden_notes jsonb NOT NULL DEFAULT '[]',
  hidden_comments jsonb NOT NULL DEFAULT '[]',
  -- the content is gone and the account row is a pseudonymous tombstone (kept only while a
  -- moderation case or decision names it); set by the purge's transaction
  purged_at timestamptz
);

CREATE INDEX account_deletions_due ON account_deletions (due_at) WHERE purged_at IS NULL;

-- A purged account kept as a tombstone has no phone, no e-mail and no password: only its id.
ALTER TABLE accounts ADD COLUMN deleted_at timestamptz;

DO $$
DECLARE
  name text;
BEGIN
  SELECT conname INTO name FROM pg_constraint
    WHERE conrelid = 'accounts'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%phone_e164 IS NOT NULL%email IS NOT NULL%';
  IF name IS NOT NULL THEN
    EXECUTE format('ALTER TABLE accounts DROP CONSTRAINT %I', name);
  END IF;
END;
$$;

-- (what could sign in before stays allowed: a sign-up with a taken address has a password only)
ALTER TABLE accounts ADD CONSTRAINT accounts_can_sign_in
  CHECK (phone_e164 IS NOT NULL OR email IS NOT NULL OR password_hash IS NOT NULL
    OR deleted_at IS NOT NULL);
