-- Serving an image asks what uses it (notes, avatars) on every request: the card size is found
-- by its key (the detail size by content_hash), and the account whose avatar it is by media id.
CREATE INDEX media_card_key ON media ((variants ->> 'card'));
CREATE INDEX accounts_avatar_media ON accounts (avatar_media_id) WHERE avatar_media_id IS NOT NULL;
