-- Checking what is in the picture (docs/media.md): every upload is checked off the request path
-- by the configured checkers (text in images, explicit imagery, known-bad hashes). Uploads made
-- before this migration were published unchecked: they count as passed (defaults below are
-- changed after the columns exist, so only new rows start pending).
ALTER TABLE media ADD COLUMN check_state text NOT NULL DEFAULT 'passed'
  CHECK (check_state IN ('pending', 'passed', 'flagged', 'failed'));
ALTER TABLE media ALTER COLUMN check_state SET DEFAULT 'pending';
-- what each checker found (MediaFinding[], media-check.ts) and the combined outcome
ALTER TABLE media ADD COLUMN check_findings jsonb NOT NULL DEFAULT '[]';
ALTER TABLE media ADD COLUMN check_outcome jsonb;
ALTER TABLE media ADD COLUMN check_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE media ADD COLUMN check_progress smallint NOT NULL DEFAULT 100
  CHECK (check_progress BETWEEN 0 AND 100);
ALTER TABLE media ALTER COLUMN check_progress SET DEFAULT 0;
-- a worker's claim: taken with FOR UPDATE SKIP LOCKED, taken again once it is older than the
-- reclaim timeout (its worker died)
ALTER TABLE media ADD COLUMN check_claimed_at timestamptz;
ALTER TABLE media ADD COLUMN check_claimed_by text;
ALTER TABLE media ADD COLUMN checked_at timestamptz;

CREATE INDEX media_check_pending ON media (created_at) WHERE check_state = 'pending';

-- A note written with media not yet passed waits for them: `media_check` is the combined state of
-- its media ('pending' until every one is checked and the outcome applied; null: no media
-- checked by the pipeline), `media_hold` says its pending_review status is the wait's own (it is
-- published when the media pass), not a hold of the text check's.
ALTER TABLE notes ADD COLUMN media_check text
  CHECK (media_check IN ('pending', 'passed', 'flagged', 'failed'));
ALTER TABLE notes ADD COLUMN media_hold boolean NOT NULL DEFAULT false;

CREATE INDEX notes_media_check_pending ON notes (id) WHERE media_check = 'pending';

-- What the media checks found, kept with the decision they led to (moderators see it).
ALTER TABLE moderation_decisions ADD COLUMN media_evidence jsonb NOT NULL DEFAULT '[]';
