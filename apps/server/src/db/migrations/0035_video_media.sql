-- Video notes (docs/media.md, "Video notes"): a video upload is probed on the request and
-- processed by a worker (transcode, poster, sampled frames, the image checks on the frames).
-- `kind` tells videos from images; images have no processing (null).
ALTER TABLE media ADD COLUMN kind text NOT NULL DEFAULT 'image' CHECK (kind IN ('image', 'video'));
ALTER TABLE media ADD COLUMN processing_state text
  CHECK (processing_state IN ('queued', 'processing', 'ready', 'failed'));
ALTER TABLE media ADD COLUMN processing_progress smallint NOT NULL DEFAULT 0
  CHECK (processing_progress BETWEEN 0 AND 100);
-- why processing failed: { code, message }
ALTER TABLE media ADD COLUMN processing_error jsonb;
-- a video's facts and stored keys: { durationSeconds, hasAudio, original, mp4, checked }
ALTER TABLE media ADD COLUMN video jsonb;

CREATE INDEX media_processing_queued ON media (created_at)
  WHERE processing_state IN ('queued', 'processing');
-- /media/<key> finds the rows using a stored MP4 by its key
CREATE INDEX media_video_mp4_key ON media ((video ->> 'mp4')) WHERE video IS NOT NULL;
-- and a video's poster (its rows' content_hash is the original's, not the poster's)
CREATE INDEX media_video_poster_key ON media ((variants ->> 'detail')) WHERE video IS NOT NULL;
