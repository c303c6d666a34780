import { MEDIA_ALT_MAX, type Media, NOTE_MEDIA_MAX, routes } from '@atrium/sdk';
import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/provider.js';
import { api, UploadError, uploadMedia } from '../lib/api.js';
import { errorKey, Icon } from './common.js';

/**
 * One image or video of a note being written or edited: uploading, uploaded (a video then
 * processing), failed, or already attached.
 */
export interface Upload {
  key: string;
  name: string;
  preview: string;
  progress: number;
  media: Media | null;
  error: unknown;
  /** What the image shows, for people who cannot see it. */
  alt: string;
  /** A local preview (an object URL) to revoke when the image leaves the list. */
  local: boolean;
  /** A video (one per note, never beside images: docs/media.md, "Video notes"). */
  video: boolean;
}

const IMAGE_TYPES = 'image/jpeg,image/png,image/webp,image/gif';
const VIDEO_TYPES = 'video/mp4,video/quicktime,video/webm';
/** How often the composer asks how a video's processing stands. */
const POLL_EVERY_MS = 1000;

const isVideoFile = (file: File) =>
  file.type.startsWith('video/') || /\.(mp4|m4v|mov|webm)$/i.test(file.name);
const isVideoMedia = (media: Media) => !!media.video || !!media.processing;

/** Where a video stands after its upload: processing (with its percent), checking, or done. */
export function videoStage(media: Media | null): 'processing' | 'checking' | 'ready' | 'failed' {
  const processing = media?.processing;
  if (processing?.state === 'failed') return 'failed';
  if (processing && processing.state !== 'ready') return 'processing';
  return media?.check === 'pending' ? 'checking' : 'ready';
}

let uploadCounter = 0;

/**
 * The images of a note in their order: `initial` (a note's own images, when editing) first, then
 * files added here, uploaded as soon as they are picked.
 */
export function useUploads(initial: readonly Media[] = []) {
  const [uploads, setUploads] = useState<Upload[]>(() =>
    initial.map((media) => ({
      key: media.id,
      name: media.alt ?? '',
      preview: media.cardUrl,
      progress: 1,
      media,
      error: null,
      alt: media.alt ?? '',
      local: false,
      video: isVideoMedia(media),
    })),
  );
  // Why the last files picked were refused (a video beside images, or a second video).
  const [refused, setRefused] = useState(false);
  const update = (key: string, change: Partial<Upload>) =>
    setUploads((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));

  // A video being processed: ask how it stands about once a second, until it is ready (and its
  // checks done) or failed. The note may be posted meanwhile.
  const pending = uploads
    .filter((item) => item.video && item.media && !item.error)
    .filter((item) => ['processing', 'checking'].includes(videoStage(item.media)))
    .map((item) => `${item.key}:${item.media!.id}`)
    .join(',');
  const latest = useRef(update);
  latest.current = update;
  useEffect(() => {
    if (!pending) return;
    let stopped = false;
    const timer = setInterval(() => {
      for (const entry of pending.split(',')) {
        const [key, id] = entry.split(':') as [string, string];
        api.call(routes.getMedia, { params: { id } }).then(
          (media) => {
            if (stopped) return;
            const failed = media.processing?.state === 'failed';
            latest.current(key, {
              media,
              ...(failed
                ? { error: new UploadError(media.processing?.error?.code ?? 'VIDEO_UNREADABLE') }
                : {}),
            });
          },
          () => {},
        );
      }
    }, POLL_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [pending]);

  const add = (picked: File[]) => {
    // One video per note, alone: a video joins an empty list, images join a list without one.
    const videos = picked.filter(isVideoFile);
    const hasVideo = uploads.some((item) => item.video && !item.error);
    const hasImages = uploads.some((item) => !item.video && !item.error);
    const mixed =
      videos.length > 0 && (videos.length > 1 || picked.length > 1 || hasImages || hasVideo);
    setRefused(mixed || (hasVideo && picked.length > 0));
    const files = mixed ? picked.filter((file) => !isVideoFile(file)) : picked;
    const room = hasVideo ? 0 : NOTE_MEDIA_MAX - uploads.length;
    for (const file of files.slice(0, Math.max(0, room))) {
      uploadCounter += 1;
      const key = `u${uploadCounter}`;
      const item: Upload = {
        key,
        name: file.name,
        preview: URL.createObjectURL(file),
        progress: 0,
        media: null,
        error: null,
        alt: '',
        local: true,
        video: isVideoFile(file),
      };
      setUploads((list) => [...list, item]);
      uploadMedia(file, (progress) => update(key, { progress })).then(
        (media) =>
          update(key, {
            media,
            progress: 1,
            ...(media.processing?.state === 'failed'
              ? {
                  error: new UploadError(media.processing.error?.code ?? 'VIDEO_UNREADABLE'),
                }
              : {}),
          }),
        (error: unknown) => update(key, { error }),
      );
    }
  };
  const remove = (key: string) => {
    setRefused(false);
    setUploads((list) => {
      const item = list.find((upload) => upload.key === key);
      if (item?.local) URL.revokeObjectURL(item.preview);
      return list.filter((upload) => upload.key !== key);
    });
  };
  const move = (index: number, by: number) =>
    setUploads((list) => {
      const target = index + by;
      if (target < 0 || target >= list.length) return list;
      const next = [...list];
      [next[index], next[target]] = [next[target]!, next[index]!];
      return next;
    });
  const describe = (key: string, alt: string) => update(key, { alt });
  const uploading = uploads.some((item) => !item.media && !item.error);
  const ready = uploads.filter((item) => item.media && !item.error);
  return { uploads, add, remove, move, describe, uploading, ready, refused };
}

export type Uploads = ReturnType<typeof useUploads>;

/** The media part of a note body: the images in order, with their alt texts ("" for none). */
export function mediaFields(ready: readonly Upload[]): { mediaIds: string[]; mediaAlt: string[] } {
  return {
    mediaIds: ready.map((item) => item.media!.id),
    mediaAlt: ready.map((item) => item.alt.trim()),
  };
}

/**
 * The images of a note as a row of thumbnails that can be reordered, removed and added to, each
 * with its alt text field. `altInvalid` marks the alt fields when the rules matched in one.
 */
export function UploadFields({
  uploads: { uploads, add, remove, move, describe, refused },
  idPrefix,
  altInvalid,
}: {
  uploads: Uploads;
  /** Keeps the alt fields' ids unique when two forms are on a page. */
  idPrefix: string;
  altInvalid?: boolean;
}) {
  const { t } = useT();
  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    add(Array.from(event.target.files ?? []));
    event.target.value = '';
  };
  const kept = uploads.filter((item) => !item.error);
  const hasVideo = kept.some((item) => item.video);
  // an empty note takes images or one video; a note with images takes more images only
  const acceptVideo = kept.length === 0;
  return (
    <fieldset className="uploads">
      <legend>{acceptVideo || hasVideo ? t('compose.media') : t('compose.images')}</legend>
      <ul className="upload-list">
        {uploads.map((item, index) => {
          const stage = item.video && item.media && !item.error ? videoStage(item.media) : null;
          const percent = (item.media?.processing?.progress ?? 0) / 100;
          return (
            <li
              key={item.key}
              className={`${item.error ? 'upload failed' : 'upload'}${item.video ? ' video' : ''}`}
            >
              {item.video && !item.media?.cardUrl ? (
                item.local ? (
                  <video
                    src={item.preview}
                    muted
                    playsInline
                    preload="metadata"
                    aria-label={item.alt || item.name}
                  />
                ) : (
                  <span className="upload-video-blank" aria-hidden="true" />
                )
              ) : (
                <img
                  src={item.video ? item.media!.cardUrl : item.preview}
                  alt={item.alt || item.name}
                />
              )}
              {item.video ? (
                <span className="upload-video-glyph" aria-hidden="true">
                  <Icon name="play" />
                </span>
              ) : null}
              {!item.media && !item.error ? (
                <progress
                  max={1}
                  value={item.progress}
                  aria-label={t('compose.uploading', { percent: item.progress })}
                />
              ) : null}
              {stage === 'processing' ? (
                <div className="upload-stage">
                  <progress
                    max={1}
                    value={percent}
                    aria-label={t('compose.videoProcessing', { percent })}
                  />
                  <span aria-hidden="true">{t('compose.videoProcessing', { percent })}</span>
                </div>
              ) : stage === 'checking' ? (
                <div className="upload-stage">
                  <span>{t('compose.videoChecking')}</span>
                </div>
              ) : null}
              <div className="upload-tools">
                <button
                  type="button"
                  onClick={() => move(index, -1)}
                  disabled={index === 0}
                  aria-label={t('compose.moveLeft', { index: index + 1 })}
                >
                  <Icon name="left" />
                </button>
                <button
                  type="button"
                  onClick={() => move(index, 1)}
                  disabled={index === uploads.length - 1}
                  aria-label={t('compose.moveRight', { index: index + 1 })}
                >
                  <Icon name="right" />
                </button>
                <button
                  type="button"
                  onClick={() => remove(item.key)}
                  aria-label={
                    item.video
                      ? t('compose.removeVideo')
                      : t('compose.remove', { index: index + 1 })
                  }
                >
                  ×
                </button>
              </div>
            </li>
          );
        })}
        {uploads.length < NOTE_MEDIA_MAX && !hasVideo ? (
          <li className="upload add">
            <label>
              <Icon name="plus" />
              <span>{acceptVideo ? t('compose.addMedia') : t('compose.addImages')}</span>
              <input
                className="visually-hidden"
                type="file"
                accept={acceptVideo ? `${IMAGE_TYPES},${VIDEO_TYPES}` : IMAGE_TYPES}
                multiple
                onChange={onFiles}
              />
            </label>
          </li>
        ) : null}
      </ul>
      <small>{t('compose.imageHint', { max: NOTE_MEDIA_MAX })}</small>
      <small className="video-hint">{t('compose.videoHint')}</small>
      {/* a video's stage, read out as it changes (the tiles' texts are only seen) */}
      <p className="visually-hidden" role="status">
        {uploads.map((item) => {
          const stage = item.video && item.media && !item.error ? videoStage(item.media) : null;
          if (stage === 'checking') return t('compose.videoChecking');
          if (stage === 'ready') return t('compose.videoReady');
          return null;
        })}
      </p>
      {refused ? (
        <p className="error" role="alert">
          {t('compose.videoAlone')}
        </p>
      ) : null}
      {uploads.some((item) => !item.error) ? (
        <div className="alt-fields">
          <p className="muted small alt-hint" id={`${idPrefix}-alt-hint`}>
            {t('compose.altHint')}
          </p>
          {uploads.map((item, index) =>
            item.error ? null : (
              <div className="alt-field" key={item.key}>
                {item.video && !item.media?.cardUrl ? (
                  <span className="alt-thumb" />
                ) : (
                  <img
                    className="alt-thumb"
                    src={item.video ? item.media!.cardUrl : item.preview}
                    alt=""
                  />
                )}
                <label className="visually-hidden" htmlFor={`${idPrefix}-alt-${item.key}`}>
                  {item.video ? t('compose.videoAlt') : t('compose.alt', { index: index + 1 })}
                </label>
                <input
                  id={`${idPrefix}-alt-${item.key}`}
                  className="alt-input"
                  value={item.alt}
                  maxLength={MEDIA_ALT_MAX}
                  placeholder={
                    item.video ? t('compose.videoAlt') : t('compose.alt', { index: index + 1 })
                  }
                  aria-describedby={`${idPrefix}-alt-hint`}
                  aria-invalid={altInvalid || undefined}
                  onChange={(event) => describe(item.key, event.target.value)}
                />
              </div>
            ),
          )}
        </div>
      ) : null}
      {uploads
        .filter((item) => item.error)
        .map((item) => (
          <p key={item.key} className="error" role="alert">
            {t('compose.uploadFailed', { name: item.name, reason: t(errorKey(item.error)) })}
          </p>
        ))}
    </fieldset>
  );
}
