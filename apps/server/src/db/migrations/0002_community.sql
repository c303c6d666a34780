-- Community core: media, notes, topics, mentions, likes, collects, comments, views, jobs.

CREATE TABLE media (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- SHA-256 of the re-encoded detail image: identical uploads share one stored file
  content_hash text NOT NULL,
  mime text NOT NULL,
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  bytes integer NOT NULL CHECK (bytes > 0),
  -- thumbhash, base64: a tiny blurred preview shown while the image loads
  placeholder text NOT NULL,
  -- storage keys of the sizes: { "detail": "...", "card": "..." }
  variants jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- set when a note uses it; unattached media older than a day are orphans and get removed
  attached_at timestamptz
);

CREATE INDEX media_owner ON media (owner_id, created_at DESC);
CREATE INDEX media_orphans ON media (created_at) WHERE attached_at IS NULL;
CREATE INDEX media_content_hash ON media (content_hash);

CREATE TABLE notes (
  id uuid PRIMARY KEY,
  author_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  title text NOT NULL DEFAULT '',
  body text NOT NULL DEFAULT '',
  lang text,
  status text NOT NULL DEFAULT 'published'
    CHECK (status IN ('published', 'pending_review', 'removed')),
  ip_country text,
  ip_region text,
  like_count integer NOT NULL DEFAULT 0 CHECK (like_count >= 0),
  collect_count integer NOT NULL DEFAULT 0 CHECK (collect_count >= 0),
  comment_count integer NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
  view_count integer NOT NULL DEFAULT 0 CHECK (view_count >= 0),
  -- follows of the author by people who had just viewed this note (a strong ranking signal)
  follow_count integer NOT NULL DEFAULT 0 CHECK (follow_count >= 0),
  -- the discover ranking score; refreshed on engagement and by a periodic job (time decay)
  score double precision NOT NULL DEFAULT 0,
  -- words segmented with Intl.Segmenter (CJK has no spaces) indexed with the 'simple' config
  search_document tsvector NOT NULL DEFAULT ''::tsvector,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz
);

CREATE INDEX notes_published ON notes (id DESC) WHERE status = 'published';
CREATE INDEX notes_author ON notes (author_id, id DESC);
CREATE INDEX notes_score ON notes (score DESC, id DESC) WHERE status = 'published';
CREATE INDEX notes_search ON notes USING gin (search_document);

CREATE TABLE note_media (
  note_id uuid NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
  position smallint NOT NULL CHECK (position >= 0 AND position < 18),
  media_id uuid NOT NULL REFERENCES media (id),
  PRIMARY KEY (note_id, position)
);

CREATE INDEX note_media_media ON note_media (media_id);

CREATE TABLE topics (
  -- NFKC + case-folded, without '#': the identity of a topic
  tag text PRIMARY KEY CHECK (length(tag) BETWEEN 1 AND 64),
  -- as first written, for display
  display text NOT NULL,
  note_count integer NOT NULL DEFAULT 0 CHECK (note_count >= 0),
  view_count bigint NOT NULL DEFAULT 0 CHECK (view_count >= 0),
  discussion_count integer NOT NULL DEFAULT 0 CHECK (discussion_count >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX topics_tag_trgm ON topics USING gin (tag gin_trgm_ops);

CREATE TABLE note_topics (
  note_id uuid NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
  tag text NOT NULL REFERENCES topics (tag),
  PRIMARY KEY (note_id, tag)
);

CREATE INDEX note_topics_tag ON note_topics (tag, note_id DESC);

-- Hourly activity per topic, for trending (growth in the last hour against the baseline).
CREATE TABLE topic_activity (
  tag text NOT NULL REFERENCES topics (tag) ON DELETE CASCADE,
  hour timestamptz NOT NULL,
  notes integer NOT NULL DEFAULT 0,
  views integer NOT NULL DEFAULT 0,
  discussions integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tag, hour)
);

CREATE INDEX topic_activity_hour ON topic_activity (hour);

CREATE TABLE note_mentions (
  note_id uuid NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  PRIMARY KEY (note_id, account_id)
);

CREATE TABLE likes (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  note_id uuid NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, note_id)
);

CREATE INDEX likes_note ON likes (note_id);

CREATE TABLE collects (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  note_id uuid NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, note_id)
);

CREATE INDEX collects_note ON collects (note_id);
CREATE INDEX collects_account ON collects (account_id, created_at DESC);

CREATE TABLE comments (
  id uuid PRIMARY KEY,
  note_id uuid NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
  author_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- one level of replies: a reply's parent is a top-level comment
  parent_id uuid REFERENCES comments (id) ON DELETE CASCADE,
  body text NOT NULL,
  lang text,
  status text NOT NULL DEFAULT 'published'
    CHECK (status IN ('published', 'pending_review', 'removed')),
  reply_count integer NOT NULL DEFAULT 0 CHECK (reply_count >= 0),
  ip_country text,
  ip_region text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX comments_note ON comments (note_id, id) WHERE parent_id IS NULL;
CREATE INDEX comments_replies ON comments (parent_id, id) WHERE parent_id IS NOT NULL;

-- A view is a distinct viewer opening a note, at most once a day. Rows are counted into
-- notes.view_count and topics.view_count in batches, then marked counted.
CREATE TABLE note_views (
  note_id uuid NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
  -- an account id, or a hash of the anonymous client's address and user agent
  viewer_key text NOT NULL,
  day date NOT NULL,
  counted boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (note_id, viewer_key, day)
);

CREATE INDEX note_views_uncounted ON note_views (created_at) WHERE NOT counted;

-- A ranked feed is computed once per browsing session and paged from this snapshot, so pages
-- stay stable while scores change and new notes arrive.
CREATE TABLE feed_snapshots (
  id uuid PRIMARY KEY,
  viewer_key text NOT NULL,
  note_ids uuid[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX feed_snapshots_created ON feed_snapshots (created_at);

-- The background job queue: idempotent handlers, retries with backoff.
CREATE TABLE jobs (
  id uuid PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  -- at most one pending job per key (e.g. "recount:note:<id>")
  dedupe_key text,
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX jobs_due ON jobs (run_at);
CREATE UNIQUE INDEX jobs_dedupe ON jobs (dedupe_key) WHERE dedupe_key IS NOT NULL;
