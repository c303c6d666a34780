-- The known-bad hash bank (docs/media.md, "Known-bad hashes"): perceptual hashes (256 bits, 64
-- hex digits) of images moderation removed and of operator-imported lists. An upload within the
-- configured Hamming distance of one is refused or queued. A 256-bit hash cannot be range-indexed
-- by Hamming distance: the checker scans the bank in memory and reloads only rows whose `seq`
-- is above the last it read, so `seq` (the primary key) is the index lookups use.
CREATE TABLE hash_bank (
  seq bigserial PRIMARY KEY,
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  source text NOT NULL CHECK (source IN ('removed', 'imported')),
  -- imported: the list's name
  list_name text,
  -- removed: the moderator's decision and case, and the removed note's media
  decision_id uuid,
  case_id uuid,
  media_id uuid,
  -- false for the crop variants a removed image is also banked under
  whole boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (
    (source = 'imported' AND list_name IS NOT NULL)
    OR (source = 'removed' AND decision_id IS NOT NULL AND media_id IS NOT NULL)
  )
);

-- A list imported twice, or one image removed twice, banks each hash once.
CREATE UNIQUE INDEX hash_bank_imported ON hash_bank (list_name, hash) WHERE source = 'imported';
CREATE UNIQUE INDEX hash_bank_removed ON hash_bank (media_id, hash) WHERE source = 'removed';
