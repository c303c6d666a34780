-- Topic counters are the hottest rows of a wave (everyone posts #tiktokrefugee): writers append
-- their changes here instead of updating `topics`, and a periodic task folds them into `topics`
-- and `topic_activity` exactly once (rows are deleted in the same transaction).
CREATE TABLE topic_deltas (
  id bigserial PRIMARY KEY,
  tag text NOT NULL,
  notes integer NOT NULL DEFAULT 0,
  discussions integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
