-- Around a note (docs/api.md, "Notes, engagement, comments"; docs/web.md).

-- "Not interested": a reader's dismissals of notes in discover. The note leaves their discover
-- at once; its author (kept here so discover needs no join) is put behind everything else in
-- their later discover orders (docs/design.md, "Not interested").
CREATE TABLE note_dismissals (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  note_id uuid NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
  author_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, note_id)
);
CREATE INDEX note_dismissals_recent ON note_dismissals (account_id, created_at DESC);

-- Likes on comments: one per account and comment, counted on the comment.
CREATE TABLE comment_likes (
  comment_id uuid NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (comment_id, account_id)
);
CREATE INDEX comment_likes_account ON comment_likes (account_id);
ALTER TABLE comments ADD COLUMN like_count integer NOT NULL DEFAULT 0 CHECK (like_count >= 0);

-- The Liked tab of a profile: an account's likes, most recent first (as collects_account).
CREATE INDEX likes_account ON likes (account_id, created_at DESC);
