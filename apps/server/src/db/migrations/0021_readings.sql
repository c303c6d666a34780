-- Word-by-word readings (words, readings, dictionary glosses), cached like translations: keyed by
-- the hash of the source text, the language pair and the dictionary. `tokens` is a JSON array.
CREATE TABLE readings (
  source_hash text NOT NULL,
  source_lang text NOT NULL,
  target_lang text NOT NULL,
  dictionary text NOT NULL,
  tokens jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_hash, source_lang, target_lang, dictionary)
);

CREATE INDEX readings_created ON readings (created_at);
