-- Surge mode (docs/risk.md, "Surge mode"): one row of shared state, so every server process
-- applies the same mode, and the countries whose sign-ups staff paused. Each process reads both
-- every few seconds and keeps them in memory between reads.
CREATE TABLE surge_state (
  id smallint PRIMARY KEY CHECK (id = 1),
  -- auto: the rule decides; on/off: staff hold it there
  mode text NOT NULL DEFAULT 'auto' CHECK (mode IN ('auto', 'on', 'off')),
  -- what the automatic rule says (kept in every mode, so switching back to auto is seamless)
  auto_active boolean NOT NULL DEFAULT false,
  -- sign-up attempts per minute: the last 5 minutes, and the slow baseline (EWMA)
  rate double precision NOT NULL DEFAULT 0,
  baseline double precision NOT NULL DEFAULT 0,
  -- the last time the rate was at or above the relax threshold (hysteresis)
  last_high_at timestamptz,
  evaluated_at timestamptz,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO surge_state (id) VALUES (1);

CREATE TABLE signup_pauses (
  country text PRIMARY KEY CHECK (country ~ '^[A-Z]{2}$'),
  created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
