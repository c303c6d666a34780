-- Moderation: the inline check's outcome on notes and comments, account blocks and sanctions,
-- decisions (each with its statement of reasons), reports and review cases.

-- What the policy (or a moderator) decided for a note, per region. `moderation_action` applies
-- wherever `region_actions` (ISO country → action) does not say otherwise:
--   allow · label (content warning) · limit (never recommended) · withhold (HTTP 451).
ALTER TABLE notes ADD COLUMN moderation_action text NOT NULL DEFAULT 'allow'
  CHECK (moderation_action IN ('allow', 'label', 'limit', 'withhold'));
ALTER TABLE notes ADD COLUMN region_actions jsonb;
ALTER TABLE notes ADD COLUMN labels text[] NOT NULL DEFAULT '{}';
-- the few notes with any restriction, for subtracting them from per-region topic counts
CREATE INDEX notes_restricted ON notes (id)
  WHERE region_actions IS NOT NULL OR moderation_action <> 'allow';

ALTER TABLE comments ADD COLUMN moderation_action text NOT NULL DEFAULT 'allow'
  CHECK (moderation_action IN ('allow', 'label', 'limit', 'withhold'));
ALTER TABLE comments ADD COLUMN region_actions jsonb;
ALTER TABLE comments ADD COLUMN labels text[] NOT NULL DEFAULT '{}';

-- Sanctions: restricted accounts may read but not write; suspended and banned ones cannot sign in.
ALTER TABLE accounts ADD COLUMN posting_restricted_until timestamptz;
ALTER TABLE accounts ADD COLUMN suspended_until timestamptz;
ALTER TABLE accounts ADD COLUMN banned_at timestamptz;

-- A block works both ways: neither account sees the other's notes or comments.
CREATE TABLE account_blocks (
  blocker_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  blocked_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (blocker_id, blocked_id),
  CHECK (blocker_id <> blocked_id)
);

CREATE INDEX account_blocks_blocked ON account_blocks (blocked_id, blocker_id);

-- Review cases: one open case per target, joined by every report on it.
CREATE TABLE moderation_cases (
  id uuid PRIMARY KEY,
  target_type text NOT NULL CHECK (target_type IN ('note', 'comment', 'account')),
  target_id uuid NOT NULL,
  -- the account the content belongs to (or the reported account)
  subject_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  source text NOT NULL CHECK (source IN ('report', 'automated', 'appeal')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'claimed', 'resolved')),
  category text NOT NULL,
  -- language of the content and country of its author: what scoped moderators filter on
  lang text,
  region text,
  priority integer NOT NULL DEFAULT 0,
  report_count integer NOT NULL DEFAULT 0,
  reach integer NOT NULL DEFAULT 0,
  -- a claim is a lease: it lapses at lease_until, so an abandoned case returns to the queue
  claimed_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  lease_until timestamptz,
  opened_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  decision_id uuid
);

CREATE UNIQUE INDEX moderation_cases_open_target ON moderation_cases (target_type, target_id)
  WHERE status <> 'resolved';
CREATE INDEX moderation_cases_queue ON moderation_cases (priority DESC, opened_at)
  WHERE status <> 'resolved';
CREATE INDEX moderation_cases_subject ON moderation_cases (subject_id, opened_at DESC);

CREATE TABLE reports (
  id uuid PRIMARY KEY,
  reporter_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_type text NOT NULL CHECK (target_type IN ('note', 'comment', 'account')),
  target_id uuid NOT NULL,
  reason text NOT NULL,
  details text NOT NULL DEFAULT '',
  case_id uuid NOT NULL REFERENCES moderation_cases (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (reporter_id, target_type, target_id)
);

CREATE INDEX reports_case ON reports (case_id, created_at);
CREATE INDEX reports_reporter ON reports (reporter_id, created_at DESC);

-- Every enforcement, automated or by a moderator, with what the author is told (the statement
-- of reasons is built from these columns).
CREATE TABLE moderation_decisions (
  id uuid PRIMARY KEY,
  target_type text NOT NULL CHECK (target_type IN ('note', 'comment', 'account')),
  target_id uuid NOT NULL,
  subject_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  source text NOT NULL CHECK (source IN ('automated', 'staff')),
  actor_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  case_id uuid REFERENCES moderation_cases (id) ON DELETE SET NULL,
  policy_version text,
  -- allow · label · limit · withhold · review · remove · approve · warn · restrict · suspend · ban
  action text NOT NULL,
  region_actions jsonb,
  withheld_in text[] NOT NULL DEFAULT '{}',
  labels text[] NOT NULL DEFAULT '{}',
  rule_ids text[] NOT NULL DEFAULT '{}',
  -- [{ field, start, end, term, category, severity, ruleId }]
  evidence jsonb NOT NULL DEFAULT '[]',
  reason_code text,
  note text,
  until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX moderation_decisions_target ON moderation_decisions (target_type, target_id, id DESC);
CREATE INDEX moderation_decisions_subject ON moderation_decisions (subject_id, id DESC);

-- Signals for risk control; rejected content leaves only its rule ids here, never its text.
CREATE TABLE risk_events (
  id uuid PRIMARY KEY,
  account_id uuid REFERENCES accounts (id) ON DELETE CASCADE,
  kind text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX risk_events_account ON risk_events (account_id, created_at DESC);
