-- Cross-lingual: detected languages, reading settings, and the shared translation cache.

-- the language of the bio (notes and comments already have `lang`)
ALTER TABLE accounts ADD COLUMN bio_lang text;
-- translate notes in languages the reader does not read without asking
ALTER TABLE accounts ADD COLUMN auto_translate boolean NOT NULL DEFAULT false;
-- how much of discover may be in languages the reader does not read
ALTER TABLE accounts ADD COLUMN feed_language_mix text NOT NULL DEFAULT 'balanced'
  CHECK (feed_language_mix IN ('everything', 'balanced', 'mine'));

-- discover snapshots remember each note's language, for the per-reader language balance
ALTER TABLE feed_snapshots ADD COLUMN langs text[] NOT NULL DEFAULT '{}';

-- Each text is translated once for everyone: keyed by the hash of the source text, the
-- language pair and the engine that translated it.
CREATE TABLE translations (
  source_hash text NOT NULL,
  source_lang text NOT NULL,
  target_lang text NOT NULL,
  engine text NOT NULL,
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_hash, source_lang, target_lang, engine)
);

CREATE INDEX translations_created ON translations (created_at);
