-- Avatars are uploaded images like any other: the account keeps the media id so a replaced
-- avatar can become an orphan and be cleaned up.
ALTER TABLE accounts ADD COLUMN avatar_media_id uuid REFERENCES media (id) ON DELETE SET NULL;
