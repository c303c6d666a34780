-- Step-up after a passed challenge (docs/risk.md, "Step-up"): the riskiest challenged sign-ups
-- confirm a second factor. One row per account that was asked; the code itself is not stored
-- (it is derived from the row id and the send count under the server secret), only its HMAC.
CREATE TABLE step_ups (
  account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  code_hash bytea NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  sends integer NOT NULL DEFAULT 1,
  last_sent_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  -- the posting restriction the step-up set: lifted on confirmation only if it is still the one
  -- in force (a sanction in between replaces it and stays)
  restricted_until timestamptz NOT NULL,
  completed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
