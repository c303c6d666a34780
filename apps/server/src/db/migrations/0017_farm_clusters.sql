-- Farm detection (docs/risk.md, "Farm detection"): clusters of young accounts linked by shared
-- devices, networks, phone blocks, near-duplicate text and synchronized actions. A cluster keeps
-- its number (`cl_<seq>`) across runs: a run matches its clusters to the stored ones by their
-- members and updates them, so re-running never opens a second case for the same farm.
CREATE TABLE farm_clusters (
  seq bigserial PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  score integer NOT NULL,
  -- open: above the threshold, a case in the queue · cleared: staff found it genuine · dissolved:
  -- a later run no longer finds it above the threshold
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cleared', 'dissolved')),
  -- { kind: count } of the edges inside the cluster
  edge_counts jsonb NOT NULL DEFAULT '{}',
  -- [{ a, b, kinds: [..], weight }]: the graph staff see (account ids only, no keys or text)
  edges jsonb NOT NULL DEFAULT '[]',
  case_id uuid REFERENCES moderation_cases (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE farm_cluster_members (
  cluster_id uuid NOT NULL REFERENCES farm_clusters (id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  PRIMARY KEY (cluster_id, account_id)
);
CREATE INDEX farm_cluster_members_account ON farm_cluster_members (account_id);
CREATE INDEX farm_clusters_updated ON farm_clusters (updated_at DESC, seq DESC);

-- A perceptual hash (dHash, 64 bits as 16 hex digits) of each uploaded image: re-encoded,
-- resized or lightly edited copies of one picture have hashes a few bits apart. Null for images
-- stored before this migration.
ALTER TABLE media ADD COLUMN dhash text;
