-- Account exports (docs/privacy.md): an account holder's copy of their data, built in the
-- background into DATA_DIR/exports. `nonce` is random; the download link's token is derived from
-- it and the server secret, so the table alone does not give anyone a working link.
CREATE TABLE account_exports (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'queued' CHECK (
    status IN ('queued', 'running', 'done', 'failed', 'expired')
  ),
  -- what has been written so far: { notes, comments, likes, …, media, mediaDone }
  progress jsonb NOT NULL DEFAULT '{}',
  nonce bytea NOT NULL,
  -- the archive's file name under DATA_DIR/exports, once written and renamed into place
  file_name text,
  bytes bigint,
  error_code text,
  attempts integer NOT NULL DEFAULT 0,
  -- a running export's lease: past it, the process running it is gone and another may take over
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  expires_at timestamptz
);

-- one export in progress per account: a second request while one runs is refused (409)
CREATE UNIQUE INDEX account_exports_one_active ON account_exports (account_id)
  WHERE status IN ('queued', 'running');
CREATE INDEX account_exports_account ON account_exports (account_id, created_at DESC);
CREATE INDEX account_exports_pending ON account_exports (created_at)
  WHERE status IN ('queued', 'running');
