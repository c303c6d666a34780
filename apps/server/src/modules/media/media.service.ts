import type { Media } from '@atrium/contracts';
import { type Db, type DbHandle, inTransaction } from '../../db/database.js';
import type { MediaRow } from '../../db/schema.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { VisibilityContext } from '../visibility/visibility.js';
import { type ImageLimits, processImage } from './image-pipeline.js';
import { mediaError } from './media.errors.js';
import { canViewMedia, mediaUses, publicEverywhere } from './media.policy.js';
import * as store from './media.store.js';
import { type MediaStore, mediaKey } from './media-store.js';

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
        await mediaStore.delete(row.variants.detail);
        await mediaStore.delete(row.variants.card);
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
        dhash: image.dhash,
        variants: { detail: detailKey, card: cardKey },
        checkState: deps.checked ? 'pending' : 'passed',
      });
    });
    // the uploader's own view: where the checks stand
    return { ...toMediaView(row), check: row.check_state };
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

  function get(key: string) {
    return deps.store.get(key);
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
        await deps.store.delete(row.variants.detail);
        await deps.store.delete(row.variants.card);
      });
    }
    return removed;
  }

  return { upload, access, get, exists, cleanupOrphans, deleteOwnedBy };
}

export type MediaService = ReturnType<typeof createMediaService>;
