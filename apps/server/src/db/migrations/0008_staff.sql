-- Staff roles and scopes, the tamper-evident audit log, and versioned moderation policies.

CREATE TABLE staff_members (
  account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('admin', 'moderator', 'analyst')),
  -- primary language subtags (`en`, `zh`) and ISO 3166 countries; empty = every one
  languages text[] NOT NULL DEFAULT '{}',
  regions text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  -- NULL when created by the CLI or the system (first administrator)
  created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX staff_members_role ON staff_members (role);

-- Append-only. Each record's hash covers its fields and the previous record's hash, so an edited,
-- deleted or reordered record breaks the chain (see modules/staff/audit.ts). Records are
-- numbered and hashed by the server under an advisory lock, never by defaults, so a hash can be
-- recomputed from the row alone. actor_id has no foreign key: records outlive accounts, and a
-- cascade or SET NULL would be an update the triggers below refuse.
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  id uuid NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  -- NULL for automated enforcement by the system
  actor_id uuid,
  actor_kind text NOT NULL CHECK (actor_kind IN ('staff', 'system', 'cli')),
  action text NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
  target_type text NOT NULL,
  target_id text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);

CREATE INDEX audit_log_action ON audit_log (action, seq DESC);
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq DESC) WHERE actor_id IS NOT NULL;
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, seq DESC);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

CREATE TABLE policies (
  version text PRIMARY KEY CHECK (length(version) BETWEEN 1 AND 64),
  -- a @atrium/safety Policy, validated before it is stored; its `version` equals the key
  document jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  note text,
  active boolean NOT NULL DEFAULT false
);

-- At most one active version.
CREATE UNIQUE INDEX policies_one_active ON policies (active) WHERE active;
CREATE INDEX policies_created ON policies (created_at DESC, version);

-- A published version never changes or goes away: only which one is active does. (Its audit
-- record carries a hash of the document as well.)
CREATE FUNCTION policies_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- allowed: switching `active`, and forgetting the author when their account is deleted
  IF TG_OP = 'UPDATE' AND NEW.version = OLD.version AND NEW.document = OLD.document
     AND NEW.created_at = OLD.created_at AND NEW.note IS NOT DISTINCT FROM OLD.note
     AND (NEW.created_by IS NULL OR NEW.created_by = OLD.created_by) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a published policy version cannot be changed or deleted'
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER policies_immutable
  BEFORE UPDATE OR DELETE ON policies
  FOR EACH ROW EXECUTE FUNCTION policies_refuse_change();
