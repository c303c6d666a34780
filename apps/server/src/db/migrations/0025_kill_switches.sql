-- Kill switches (docs/operations.md, "Kill switches"): one row per switch that is on. `target` is
-- '' for a switch of the whole platform, the rule id for `policy_rule`. Sign-ups paused per
-- country stay in signup_pauses (surge mode's table): one store for each, no copy.
CREATE TABLE kill_switches (
  name text NOT NULL CHECK (
    name IN ('signups', 'uploads', 'translation', 'posting', 'discover_frozen', 'policy_rule')
  ),
  target text NOT NULL DEFAULT '' CHECK (
    (name = 'policy_rule' AND target <> '') OR (name <> 'policy_rule' AND target = '')
  ),
  reason text,
  created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, target)
);

-- Every node keeps the switches in memory. A change to either table is announced on the
-- `atrium_switches` channel when its transaction commits; nodes on PostgreSQL LISTEN to it and
-- re-read both tables at once (others poll).
CREATE FUNCTION notify_switches() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('atrium_switches', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;

CREATE TRIGGER kill_switches_notify AFTER INSERT OR UPDATE OR DELETE ON kill_switches
  FOR EACH STATEMENT EXECUTE FUNCTION notify_switches();
CREATE TRIGGER signup_pauses_notify AFTER INSERT OR UPDATE OR DELETE ON signup_pauses
  FOR EACH STATEMENT EXECUTE FUNCTION notify_switches();

-- why a country's sign-ups were paused (the switch's reason, kept beside the audit record)
ALTER TABLE signup_pauses ADD COLUMN reason text;

-- discover frozen reads the newest stored snapshot of its key
CREATE INDEX feed_snapshots_key ON feed_snapshots (viewer_key, created_at DESC);
