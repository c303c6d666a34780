import { MEDIA_ALT_MAX, type Media, NOTE_MEDIA_MAX } from '@atrium/sdk';
import { type ChangeEvent, useState } from 'react';
import { useT } from '../i18n/provider.js';
import { uploadMedia } from '../lib/api.js';
import { errorKey, Icon } from './common.js';

/** One image of a note being written or edited: uploading, uploaded, failed, or already attached. */
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
    })),
  );
  const update = (key: string, change: Partial<Upload>) =>
    setUploads((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const add = (files: File[]) => {
    const room = NOTE_MEDIA_MAX - uploads.length;
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
      };
      setUploads((list) => [...list, item]);
      uploadMedia(file, (progress) => update(key, { progress })).then(
        (media) => update(key, { media, progress: 1 }),
        (error: unknown) => update(key, { error }),
      );
    }
  };
  const remove = (key: string) =>
    setUploads((list) => {
      const item = list.find((upload) => upload.key === key);
      if (item?.local) URL.revokeObjectURL(item.preview);
      return list.filter((upload) => upload.key !== key);
    });
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
  const ready = uploads.filter((item) => item.media);
  return { uploads, add, remove, move, describe, uploading, ready };
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
  uploads: { uploads, add, remove, move, describe },
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
  return (
    <fieldset className="uploads">
      <legend>{t('compose.images')}</legend>
      <ul className="upload-list">
        {uploads.map((item, index) => (
          <li key={item.key} className={item.error ? 'upload failed' : 'upload'}>
            <img src={item.preview} alt={item.alt || item.name} />
            {!item.media && !item.error ? (
              <progress
                max={1}
                value={item.progress}
                aria-label={t('compose.uploading', { percent: item.progress })}
              />
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
                aria-label={t('compose.remove', { index: index + 1 })}
              >
                ×
              </button>
            </div>
          </li>
        ))}
        {uploads.length < NOTE_MEDIA_MAX ? (
          <li className="upload add">
            <label>
              <Icon name="plus" />
              <span>{t('compose.addImages')}</span>
              <input
                className="visually-hidden"
                type="file"
                accept="image/jpeg,image/png,image/webp,image/gif"
                multiple
                onChange={onFiles}
              />
            </label>
          </li>
        ) : null}
      </ul>
      <small>{t('compose.imageHint', { max: NOTE_MEDIA_MAX })}</small>
      {uploads.some((item) => !item.error) ? (
        <div className="alt-fields">
          <p className="muted small alt-hint" id={`${idPrefix}-alt-hint`}>
            {t('compose.altHint')}
          </p>
          {uploads.map((item, index) =>
            item.error ? null : (
              <div className="alt-field" key={item.key}>
                <img className="alt-thumb" src={item.preview} alt="" />
                <label className="visually-hidden" htmlFor={`${idPrefix}-alt-${item.key}`}>
                  {t('compose.alt', { index: index + 1 })}
                </label>
                <input
                  id={`${idPrefix}-alt-${item.key}`}
                  className="alt-input"
                  value={item.alt}
                  maxLength={MEDIA_ALT_MAX}
                  placeholder={t('compose.alt', { index: index + 1 })}
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
