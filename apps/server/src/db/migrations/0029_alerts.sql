-- Alerts (docs/operations.md, "Alerts"). Rules are data: seeded here with the defaults, changed
-- by administrators through the API. Each links to its runbook in docs/runbooks/.
CREATE TABLE alert_rules (
  id text PRIMARY KEY,
  figure text NOT NULL,
  condition text NOT NULL CHECK (condition IN ('threshold', 'rate_of_change', 'baseline')),
  threshold double precision NOT NULL,
  window_seconds integer NOT NULL DEFAULT 300,
  baseline_days integer NOT NULL DEFAULT 7,
  floor double precision NOT NULL DEFAULT 0,
  severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  runbook text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES accounts (id) ON DELETE SET NULL
);

INSERT INTO alert_rules (id, figure, condition, threshold, window_seconds, baseline_days, floor, severity, runbook) VALUES
  -- five times the usual sign-ups of this hour, and at least 30 a minute
  ('signup_flood', 'signups_per_minute', 'baseline', 5, 300, 7, 30, 'warning', 'docs/runbooks/signup-flood.md'),
  -- four times the usual reports of this hour, and at least 20 a minute
  ('report_storm', 'reports_per_minute', 'baseline', 4, 300, 7, 20, 'warning', 'docs/runbooks/report-storm.md'),
  -- more than 200 open cases in one content language
  ('review_backlog', 'review_queue_depth', 'threshold', 200, 300, 7, 0, 'warning', 'docs/runbooks/review-backlog.md'),
  -- server errors rose by more than 30 a minute within five minutes
  ('error_spike', 'server_errors_per_minute', 'rate_of_change', 30, 300, 7, 0, 'critical', 'docs/runbooks/error-spike.md'),
  -- more than 5 % of answers are server errors
  ('error_ratio', 'server_error_ratio', 'threshold', 0.05, 300, 7, 0, 'critical', 'docs/runbooks/error-spike.md'),
  ('db_slow', 'db_query_mean_ms', 'threshold', 250, 300, 7, 0, 'critical', 'docs/runbooks/database-slow.md'),
  ('db_pool_waits', 'db_pool_wait_mean_ms', 'threshold', 100, 300, 7, 0, 'warning', 'docs/runbooks/database-slow.md'),
  ('translation_down', 'translation_engine_error_ratio', 'threshold', 0.5, 300, 7, 0, 'critical', 'docs/runbooks/translation-down.md');

-- One row per alert: opened when its rule starts firing (for a subject: a language, or '' for the
-- whole platform), resolved when the condition clears. At most one firing per rule and subject.
CREATE TABLE alerts (
  id uuid PRIMARY KEY,
  rule_id text NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
  subject text NOT NULL DEFAULT '',
  state text NOT NULL CHECK (state IN ('firing', 'resolved')),
  severity text NOT NULL,
  value double precision NOT NULL,
  limit_value double precision NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  silenced_until timestamptz
);
CREATE UNIQUE INDEX alerts_firing ON alerts (rule_id, subject) WHERE state = 'firing';
CREATE INDEX alerts_recent ON alerts (started_at DESC);

-- Webhook deliveries, the failed ones included (never retried past their attempts).
CREATE TABLE alert_deliveries (
  id bigserial PRIMARY KEY,
  alert_id uuid NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  event text NOT NULL CHECK (event IN ('firing', 'resolved')),
  ok boolean NOT NULL,
  attempts integer NOT NULL,
  error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_deliveries_alert ON alert_deliveries (alert_id, id DESC);

-- Each node's counts over its last minute (its metrics' running totals), written every tick:
-- the evaluating node sums the fresh ones, so a figure covers every node.
CREATE TABLE alert_node_figures (
  node text PRIMARY KEY,
  figures jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A figure's value per minute (the last one evaluated in it), for rates of change and the
-- same hour's baseline; kept eight days.
CREATE TABLE alert_history (
  figure text NOT NULL,
  subject text NOT NULL DEFAULT '',
  minute timestamptz NOT NULL,
  value double precision NOT NULL,
  PRIMARY KEY (figure, subject, minute)
);

-- The evaluator's lease: the node holding it evaluates, the others only write their figures.
CREATE TABLE alert_lease (
  name text PRIMARY KEY,
  holder text,
  expires_at timestamptz NOT NULL DEFAULT now(),
  evaluated_at timestamptz
);
INSERT INTO alert_lease (name) VALUES ('evaluator');
