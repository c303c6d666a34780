-- Accounts, one-time phone codes, sessions and follows.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE accounts (
  id uuid PRIMARY KEY,
  -- stored lower-case: handles are unique case-insensitively
  handle text NOT NULL UNIQUE CHECK (handle ~ '^[a-z0-9_.]{3,30}$'),
  display_name text NOT NULL,
  bio text NOT NULL DEFAULT '',
  avatar_url text,
  languages text[] NOT NULL DEFAULT '{}',
  locale text,
  phone_e164 text UNIQUE CHECK (phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
  -- stored lower-case
  email text UNIQUE,
  password_hash text,
  signup_country text,
  signup_region text,
  ip_country text,
  ip_region text,
  notes_count integer NOT NULL DEFAULT 0 CHECK (notes_count >= 0),
  followers_count integer NOT NULL DEFAULT 0 CHECK (followers_count >= 0),
  following_count integer NOT NULL DEFAULT 0 CHECK (following_count >= 0),
  likes_received_count integer NOT NULL DEFAULT 0 CHECK (likes_received_count >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (phone_e164 IS NOT NULL OR email IS NOT NULL)
);

CREATE INDEX accounts_handle_trgm ON accounts USING gin (handle gin_trgm_ops);

CREATE TABLE phone_verifications (
  id uuid PRIMARY KEY,
  phone_e164 text NOT NULL,
  -- HMAC-SHA256 of the code under the server secret: a leaked table does not reveal codes
  code_hash bytea NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX phone_verifications_phone ON phone_verifications (phone_e164, created_at DESC);

CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- SHA-256 of the 256-bit bearer token; the token itself is never stored
  token_hash bytea NOT NULL UNIQUE,
  user_agent text,
  ip_country text,
  ip_region text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE follows (
  follower_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  followee_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (follower_id, followee_id),
  CHECK (follower_id <> followee_id)
);

CREATE INDEX follows_followee ON follows (followee_id, created_at DESC);
