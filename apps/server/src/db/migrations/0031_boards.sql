-- Named boards for collects (收藏夹): an account files the notes it collected into boards of its
-- own. "All collects" is implicit (the collects table). A board only groups collects: its rows
-- reference the collect, so uncollecting a note (or deleting it) takes it out of every board,
-- while deleting a board leaves the collects alone.

CREATE TABLE boards (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 40),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 200),
  visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'private')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, account_id)
);

-- names are unique per account, ignoring case
CREATE UNIQUE INDEX boards_account_name ON boards (account_id, lower(name));
CREATE INDEX boards_account ON boards (account_id, id);

CREATE TABLE board_notes (
  board_id uuid NOT NULL,
  account_id uuid NOT NULL,
  note_id uuid NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (board_id, note_id),
  FOREIGN KEY (board_id, account_id) REFERENCES boards (id, account_id) ON DELETE CASCADE,
  FOREIGN KEY (account_id, note_id) REFERENCES collects (account_id, note_id) ON DELETE CASCADE
);

CREATE INDEX board_notes_added ON board_notes (board_id, added_at DESC, note_id DESC);
CREATE INDEX board_notes_collect ON board_notes (account_id, note_id);
