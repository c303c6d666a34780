-- Alt text of a note's images (docs/api.md, "Media and notes"): written by the author for people
-- who cannot see the image, kept per note and position like the image itself.
ALTER TABLE note_media ADD COLUMN alt text NOT NULL DEFAULT '';
