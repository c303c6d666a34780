-- The following feed reads the newest published note ids of each followed author: with this
-- partial index that is an index-only scan per author instead of reading every note row.
CREATE INDEX notes_author_published ON notes (author_id, id DESC) WHERE status = 'published';

-- Shared feed snapshots keep each note's author, so pages can cap notes per author without a
-- query; cursors carry the positions a page deferred.
ALTER TABLE feed_snapshots ADD COLUMN author_ids uuid[] NOT NULL DEFAULT '{}';
