-- The bank's perceptual hash feeds the farm graph, banking follows decisions both ways, and
-- avatars wait for their media checks (docs/media.md "Known-bad hashes", docs/risk.md "Farm
-- detection").

-- Each upload's 256-bit perceptual hash (64 hex digits), the same the hash bank matches, computed
-- once at upload from the detail image: `phash` of the whole picture, `phash_crops` its crop
-- variants concatenated (35 × 64 hex digits, duplicates removed), so a cropped copy of another
-- account's upload is found as it is against the bank. The 64-bit dHash of migration 0017 is
-- dropped: nothing reads it any more. Images uploaded before this migration have no hash and
-- link nobody in the farm graph (it reads 14 days of uploads).
ALTER TABLE media ADD COLUMN phash text CHECK (phash ~ '^[0-9a-f]{64}$');
ALTER TABLE media ADD COLUMN phash_crops text CHECK (phash_crops ~ '^([0-9a-f]{64})*$');
ALTER TABLE media DROP COLUMN dhash;

-- One image banked by two decisions (a moderator's removal, then the ban of its author for spam)
-- is kept once per decision, so reversing one on appeal unbanks only what that one banked.
DROP INDEX hash_bank_removed;
CREATE UNIQUE INDEX hash_bank_removed ON hash_bank (decision_id, media_id, hash)
  WHERE source = 'removed';
CREATE INDEX hash_bank_decision ON hash_bank (decision_id) WHERE decision_id IS NOT NULL;

-- The avatar its owner chose, shown to them at once; `avatar_url` (what everyone else sees) is
-- set only once the image's checks passed, and cleared when they refuse it.
ALTER TABLE accounts ADD COLUMN own_avatar_url text;
UPDATE accounts SET own_avatar_url = avatar_url;
