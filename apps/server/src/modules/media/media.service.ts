import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Media } from '@atrium/contracts';
import { type Db, type DbHandle, inTransaction } from '../../db/database.js';
import type { MediaRow } from '../../db/schema.js';
import { DomainError } from '../../http/errors.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { VisibilityContext } from '../visibility/visibility.js';
import { type ImageLimits, processImage } from './image-pipeline.js';
import { mediaError } from './media.errors.js';
import { canViewMedia, mediaUses, publicEverywhere } from './media.policy.js';
import * as store from './media.store.js';
import { type ByteRange, type MediaStore, mediaKey } from './media-store.js';
import {
  outputSize,
  probeVideo,
  readHead,
  sniffVideoFormat,
  type VideoLimits,
} from './video-pipeline.js';
import type { VideoTools } from './video-tools.js';

/** Where stored media are served from: `/media/<key>`. */
export const MEDIA_URL_PREFIX = '/media/';

/** Unattached uploads older than this are orphans. */
export const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A note's image: the media row and the alt text the note gives it ('' when none). */
export type NoteMediaItem = MediaRow & { alt?: string };

/**
 * The API shape of a media row: URLs of the detail and card sizes, the detail's dimensions, and
 * for a note's image its alt text when the author wrote one.
 */
export function toMediaView(row: NoteMediaItem): Media {
  if (row.kind === 'video') return videoView(row);
  return {
    id: row.id,
    url: `${MEDIA_URL_PREFIX}${row.variants.detail}`,
    cardUrl: `${MEDIA_URL_PREFIX}${row.variants.card}`,
    width: row.width,
    height: row.height,
    mime: row.mime,
    placeholder: row.placeholder,
    ...(row.alt ? { alt: row.alt } : {}),
  };
}

/**
 * A video's view: `url` the MP4, `cardUrl` the poster's card size, `placeholder` its thumbhash.
 * Until it is processed these are empty and the size 0 (only its uploader ever sees it then).
 */
function videoView(row: NoteMediaItem): Media {
  const ready = row.processing_state === 'ready';
  const served = (key: string | null | undefined) =>
    ready && key ? `${MEDIA_URL_PREFIX}${key}` : '';
  return {
    id: row.id,
    url: served(row.video?.mp4),
    cardUrl: served(row.variants.card),
    width: ready ? row.width : 0,
    height: ready ? row.height : 0,
    mime: 'video/mp4',
    placeholder: ready ? row.placeholder : '',
    ...(row.alt ? { alt: row.alt } : {}),
    video: {
      durationSeconds: row.video?.durationSeconds ?? 0,
      hasAudio: row.video?.hasAudio ?? false,
      posterUrl: served(row.variants.detail),
    },
  };
}

/** The uploader's own view: where the checks and (for a video) the processing stand. */
export function toOwnMediaView(row: MediaRow): Media {
  return {
    ...toMediaView(row),
    check: row.check_state,
    ...(row.kind === 'video'
      ? {
          processing: {
            state: row.processing_state ?? 'queued',
            progress: row.processing_state === 'ready' ? 100 : row.processing_progress,
            ...(row.processing_error ? { error: row.processing_error } : {}),
          },
        }
      : {}),
  };
}

/** Every stored file of a media row: its sizes, and a video's MP4 and original. */
export function storedKeysOf(row: MediaRow): string[] {
  return [row.variants.detail, row.variants.card, row.video?.mp4, row.video?.original].filter(
    (key): key is string => typeof key === 'string' && key.length > 0,
  );
}

/**
 * Attaches the owner's uploads to a note being written (call it in the note's transaction) and
 * returns them in the order given. Throws `MEDIA_NOT_FOUND` when any id is unknown, another
 * account's, or was removed as an orphan.
 */
export async function attachMedia(
  db: DbHandle,
  ownerId: string,
  mediaIds: string[],
): Promise<MediaRow[]> {
  if (mediaIds.length === 0) return [];
  const wanted = [...new Set(mediaIds)];
  if (!wanted.every((id) => UUID.test(id))) throw mediaError('MEDIA_NOT_FOUND');
  // In a transaction of its own when the caller has none: a refusal marks nothing.
  const byId = await inTransaction(db, async (tx) => {
    const rows = await store.markAttached(tx, ownerId, wanted);
    const found = new Map(rows.map((row) => [row.id, row]));
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw mediaError('MEDIA_NOT_FOUND', `Unknown media: ${missing.join(', ')}`, {
        mediaIds: missing,
      });
    }
    return found;
  });
  return mediaIds.map((id) => byId.get(id)!);
}

/**
 * A note holds images, or one video alone (as RedNote): throws `VALIDATION_FAILED` on
 * `/mediaIds` otherwise.
 */
export function assertMediaMix(rows: readonly Pick<MediaRow, 'kind'>[]): void {
  const videos = rows.filter((row) => row.kind === 'video').length;
  if (videos === 0 || rows.length === 1) return;
  throw mediaError(
    'VALIDATION_FAILED',
    videos > 1 ? 'A note may hold one video' : 'A note holds images or one video, not both',
    { fields: [{ field: '/mediaIds', message: 'one video alone, or images' }] },
  );
}

/** The media of each note, in `note_media.position` order; every id given gets an entry. */
export async function loadMediaForNotes(
  db: DbHandle,
  noteIds: string[],
): Promise<Map<string, NoteMediaItem[]>> {
  const result = new Map<string, NoteMediaItem[]>(noteIds.map((id) => [id, []]));
  for (const { note_id, ...row } of await store.mediaOfNotes(db, [...new Set(noteIds)])) {
    result.get(note_id)?.push(row);
  }
  return result;
}

/**
 * Removes media never attached to a note and created before `olderThan`, and the stored files
 * no remaining row uses. Returns how many media rows were removed. Safe to run on several nodes
 * at once and next to uploads: each file is checked and deleted under its content lock.
 */
export async function deleteOrphanMedia(
  db: Db,
  mediaStore: MediaStore,
  olderThan: Date,
): Promise<number> {
  const batch = 500;
  let removed = 0;
  for (;;) {
    const rows = await store.deleteOrphans(db, olderThan, batch);
    removed += rows.length;
    const byContent = new Map(rows.map((row) => [row.content_hash, row]));
    for (const [contentHash, row] of byContent) {
      await inTransaction(db, async (tx) => {
        await store.lockContent(tx, contentHash);
        if (await store.contentInUse(tx, contentHash)) return;
        for (const key of storedKeysOf(row)) await mediaStore.delete(key);
      });
    }
    if (rows.length < batch) return removed;
  }
}

/**
 * Media a note no longer uses become unattached again (when no other note uses them), so the
 * orphan cleanup removes them.
 */
export function releaseMedia(db: DbHandle, mediaIds: string[]): Promise<void> {
  return store.markDetached(db, mediaIds);
}

/**
 * Who may see any stored image, whatever its notes' state: staff reviewing held, withheld or
 * removed content (the staff module fills it in the composition root).
 */
export interface MediaReviewers {
  mayReview(accountId: string): Promise<boolean>;
}

/**
 * Who may keep an image a viewer may see: `shared` caches (a CDN) when everyone everywhere may
 * see it, else only the viewer's own browser (`private`).
 */
export type MediaAudience = 'shared' | 'private';

export interface MediaServiceDeps {
  db: Db;
  store: MediaStore;
  limits: ImageLimits;
  reviewers?: MediaReviewers;
  /**
   * Whether uploads are checked off the request path (some media checker is configured,
   * docs/media.md): they start `pending`. Without checkers they pass at once.
   */
  checked?: boolean;
  /** Video uploads (docs/media.md, "Video notes"); absent or without tools: refused (503). */
  video?: { limits: VideoLimits; tools: VideoTools | null };
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function createMediaService(deps: MediaServiceDeps) {
  const { db, limits } = deps;

  /**
   * Processes an upload (type by content, limits, auto-rotate, metadata stripped, WebP sizes,
   * placeholder), stores each size once by content, and records it as the owner's media.
   */
  async function upload(ownerId: string, bytes: Buffer): Promise<Media> {
    const image = await processImage(bytes, limits);
    const detailKey = mediaKey(image.detail.bytes, 'webp');
    const cardKey = mediaKey(image.card.bytes, 'webp');
    const contentHash = detailKey.slice(0, 64);
    const row = await inTransaction(db, async (tx) => {
      await store.lockContent(tx, contentHash);
      await deps.store.put(detailKey, image.detail.bytes);
      await deps.store.put(cardKey, image.card.bytes);
      return store.insertMedia(tx, {
        id: uuidv7(),
        ownerId,
        contentHash,
        mime: image.mime,
        width: image.detail.width,
        height: image.detail.height,
        bytes: image.detail.bytes.length,
        placeholder: image.placeholder,
        phash: image.phash,
        variants: { detail: detailKey, card: cardKey },
        checkState: deps.checked ? 'pending' : 'passed',
      });
    });
    // the uploader's own view: where the checks stand
    return toOwnMediaView(row);
  }

  /**
   * An upload written to a temporary file by the route: a video (MP4, MOV, WebM by its first
   * bytes) is probed here and queued for a worker; anything else is an image, read whole (it is
   * at most `limits.maxBytes`).
   */
  async function uploadFile(ownerId: string, file: string, size: number): Promise<Media> {
    const head = await readHead(file, 64);
    if (sniffVideoFormat(head)) return uploadVideo(ownerId, file, size);
    if (size > limits.maxBytes) {
      throw mediaError('TOO_LARGE', `Images may be at most ${limits.maxBytes} bytes`);
    }
    return upload(ownerId, await readFile(file));
  }

  /**
   * A video: the limits are checked on the request (probe, no decoding), then the original is
   * stored under a `.src` key (never served) for a worker of any node to process, and the row
   * is queued. Its checks stay pending until the worker processed and checked it.
   */
  async function uploadVideo(ownerId: string, file: string, size: number): Promise<Media> {
    const video = deps.video;
    if (!video?.tools) throw mediaError('VIDEO_UNAVAILABLE');
    if (size > video.limits.maxBytes) {
      throw mediaError('VIDEO_TOO_LARGE', `Videos may be at most ${video.limits.maxBytes} bytes`);
    }
    const probe = await probeVideo(file, video.limits, { tools: video.tools }).catch(
      (error: unknown) => {
        if (error instanceof DomainError) throw error;
        throw mediaError('VIDEO_UNREADABLE', 'The video cannot be read');
      },
    );
    const contentHash = await sha256OfFile(file);
    const original = `${contentHash}.src`;
    const row = await inTransaction(db, async (tx) => {
      await store.lockContent(tx, contentHash);
      await deps.store.putFile(original, file);
      return store.insertMedia(tx, {
        id: uuidv7(),
        ownerId,
        contentHash,
        mime: 'video/mp4',
        // the size it will have (shown once processed: 0 in the view until then)
        ...outputSize(probe.width, probe.height),
        bytes: size,
        placeholder: '',
        variants: { detail: '', card: '' },
        // processing gates the notes using it: pending until a worker processed (and checked) it
        checkState: 'pending',
        video: {
          durationSeconds: Math.round(probe.durationSeconds * 100) / 100,
          hasAudio: probe.hasAudio,
          original,
          mp4: null,
          checked: deps.checked === true,
        },
      });
    });
    return toOwnMediaView(row);
  }

  /** One of the viewer's own uploads, with its checks and processing; 404 for anyone else's. */
  async function getOwn(ownerId: string, mediaId: string): Promise<Media> {
    const row = UUID.test(mediaId) ? await store.ownMedia(db, ownerId, mediaId) : undefined;
    if (!row) throw mediaError('NOT_FOUND', 'No such media');
    return toOwnMediaView(row);
  }

  /**
   * Whether this viewer, where they are, may see the stored file `key`, and who may cache it.
   * Throws `WITHHELD_IN_REGION` (451) or `NOT_FOUND` (404) like the note it belongs to.
   */
  async function access(key: string, context: VisibilityContext): Promise<MediaAudience> {
    const uses = mediaUses(await store.usesOfKey(db, key));
    const denial = canViewMedia(uses, context);
    if (!denial) return publicEverywhere(uses) ? 'shared' : 'private';
    if (uses.length > 0 && context.viewerId && (await deps.reviewers?.mayReview(context.viewerId)))
      return 'private';
    if (denial.code === 'WITHHELD_IN_REGION') {
      throw mediaError('WITHHELD_IN_REGION', `This image is withheld in ${context.region}.`, {
        region: context.region,
        reason: 'Withheld under the law or rules of this region.',
      });
    }
    throw mediaError('NOT_FOUND', 'No such media');
  }

  function get(key: string, range?: ByteRange) {
    return deps.store.get(key, range);
  }

  function exists(key: string) {
    return deps.store.exists(key);
  }

  /** Removes uploads never attached within ORPHAN_AGE_MS (run periodically by the server). */
  function cleanupOrphans(): Promise<number> {
    return deleteOrphanMedia(db, deps.store, new Date(Date.now() - ORPHAN_AGE_MS));
  }

  /**
   * Deletes an account's uploads that nothing else uses, files included (the purge of its
   * deletion, docs/security.md). One transaction per image, the stored content locked like the
   * orphan cleanup does: a file is deleted only when no media row holds the same content any
   * more. Idempotent: a purge that stopped half-way runs it again.
   */
  async function deleteOwnedBy(ownerId: string): Promise<number> {
    let removed = 0;
    for (const row of await store.unusedMediaOfOwner(db, ownerId)) {
      await inTransaction(db, async (tx) => {
        await store.lockContent(tx, row.content_hash);
        if (!(await store.deleteMediaRow(tx, row.id))) return;
        removed++;
        if (await store.contentInUse(tx, row.content_hash)) return;
        for (const key of storedKeysOf(row)) await deps.store.delete(key);
      });
    }
    return removed;
  }

  return { upload, uploadFile, getOwn, access, get, exists, cleanupOrphans, deleteOwnedBy };
}

export type MediaService = ReturnType<typeof createMediaService>;
