-- Trust levels (docs/risk.md, "Trust levels"): a level 0–3 per account that sets its limits and
-- caps the discover exposure of level 0. The level is computed from age and healthy activity;
-- `trust_level` keeps the last computed one (discover reads it), `trust_floor` is the lowest
-- level the account keeps whatever it does short of a sanction, `trust_since` is when the account
-- last lost its trust (a sanction): age is counted from then.
--
-- Accounts that exist before this migration were never judged by the door: they start at level 1
-- (floor and level), so an existing deployment's people keep their reach. New accounts start at 0.
ALTER TABLE accounts ADD COLUMN trust_level smallint NOT NULL DEFAULT 1
  CHECK (trust_level BETWEEN 0 AND 3);
ALTER TABLE accounts ALTER COLUMN trust_level SET DEFAULT 0;
ALTER TABLE accounts ADD COLUMN trust_floor smallint NOT NULL DEFAULT 1
  CHECK (trust_floor BETWEEN 0 AND 3);
ALTER TABLE accounts ALTER COLUMN trust_floor SET DEFAULT 0;
ALTER TABLE accounts ADD COLUMN trust_since timestamptz;

-- The per-hour limit on comments counts an author's recent comments.
CREATE INDEX comments_author ON comments (author_id, created_at DESC);
