-- A newcomer's first visit (docs/api.md, "First visit"): onboarding is shown once, on any device,
-- so whether it was done (or skipped) is kept with the account, with the interests chosen there
-- (topic tags) that follow suggestions read.
ALTER TABLE accounts ADD COLUMN onboarded_at timestamptz;
ALTER TABLE accounts ADD COLUMN interests text[] NOT NULL DEFAULT '{}';
-- accounts from before onboarding existed have found their way already: never shown to them
UPDATE accounts SET onboarded_at = created_at;
-- the following list of a profile, newest first (followers have follows_followee)
CREATE INDEX follows_follower ON follows (follower_id, created_at DESC);
