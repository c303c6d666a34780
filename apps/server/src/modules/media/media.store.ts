import { type SqlBool, sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type {
  MediaCheckOutcome,
  MediaCheckState,
  MediaRow,
  MediaVariants,
  MediaVideoFacts,
  NoteStatus,
  RegionActions,
  VisibleAction,
} from '../../db/schema.js';
import type { PerceptualHashes } from './perceptual-hash.js';

export interface NewMediaRow {
  id: string;
  ownerId: string;
  contentHash: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  placeholder: string;
  /** The bank's perceptual hash of the detail image and its crop variants (migration 0036). */
  phash?: PerceptualHashes | null;
  variants: MediaVariants;
  /** `passed` when no checker is configured (nothing to wait for); else `pending`. */
  checkState: 'pending' | 'passed';
  /** A video upload: queued for processing, its facts and original's key. */
  video?: MediaVideoFacts;
}

export async function insertMedia(db: DbHandle, media: NewMediaRow): Promise<MediaRow> {
  return db
    .insertInto('media')
    .values({
      id: media.id,
      owner_id: media.ownerId,
      content_hash: media.contentHash,
      mime: media.mime,
      width: media.width,
      height: media.height,
      bytes: media.bytes,
      placeholder: media.placeholder,
      phash: media.phash?.whole ?? null,
      phash_crops: media.phash ? media.phash.crops.join('') : null,
      variants: JSON.stringify(media.variants),
      check_state: media.checkState,
      check_progress: media.checkState === 'passed' ? 100 : 0,
      ...(media.video
        ? { kind: 'video', processing_state: 'queued', video: JSON.stringify(media.video) }
        : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Serializes work on one stored file until the caller's transaction ends: an upload writing it
 * and the cleanup deleting it never interleave (a file is never deleted under a new row).
 */
export async function lockContent(tx: DbHandle, contentHash: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`media:${contentHash}`}, 0))`.execute(
    tx,
  );
}

/**
 * Marks the owner's media as attached (keeping the first time) and returns the rows marked.
 * One statement, so media removed by the cleanup in the meantime are simply not returned.
 */
export async function markAttached(
  db: DbHandle,
  ownerId: string,
  mediaIds: readonly string[],
): Promise<MediaRow[]> {
  if (mediaIds.length === 0) return [];
  return db
    .updateTable('media')
    .set({ attached_at: sql`coalesce(attached_at, now())` })
    .where('owner_id', '=', ownerId)
    .where('id', 'in', mediaIds)
    .returningAll()
    .execute();
}

/** Clears `attached_at` of the given media that no note uses any more. */
export async function markDetached(db: DbHandle, mediaIds: readonly string[]): Promise<void> {
  if (mediaIds.length === 0) return;
  await db
    .updateTable('media')
    .set({ attached_at: null })
    .where('id', 'in', mediaIds)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('note_media')
            .select('note_id')
            .whereRef('note_media.media_id', '=', 'media.id'),
        ),
      ),
    )
    .execute();
}

export interface NoteMediaRow extends MediaRow {
  note_id: string;
  alt: string;
}

/** The media of several notes, each note's in position order. */
export async function mediaOfNotes(
  db: DbHandle,
  noteIds: readonly string[],
): Promise<NoteMediaRow[]> {
  if (noteIds.length === 0) return [];
  return db
    .selectFrom('note_media')
    .innerJoin('media', 'media.id', 'note_media.media_id')
    .selectAll('media')
    .select(['note_media.note_id', 'note_media.alt'])
    .where(sql<boolean>`note_media.note_id = ANY(${noteIds}::uuid[])`)
    .orderBy('note_media.note_id')
    .orderBy('note_media.position')
    .execute();
}

/**
 * Deletes up to `limit` media never attached and created before `olderThan` (never one a note
 * links to) and returns them.
 */
export async function deleteOrphans(
  db: DbHandle,
  olderThan: Date,
  limit: number,
): Promise<MediaRow[]> {
  return db
    .deleteFrom('media')
    .where(
      'id',
      'in',
      db
        .selectFrom('media')
        .select('id')
        .where('attached_at', 'is', null)
        .where('created_at', '<', olderThan)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('note_media').select('media_id').whereRef('media_id', '=', 'media.id'),
            ),
          ),
        )
        .orderBy('created_at')
        .limit(limit),
    )
    .where('attached_at', 'is', null)
    .returningAll()
    .execute();
}

/** Whether any media row still uses the stored content. */
export async function contentInUse(db: DbHandle, contentHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('media')
    .select('id')
    .where('content_hash', '=', contentHash)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** One use of a stored file: through a note, as an avatar, or neither (an upload not yet used). */
export interface MediaUseRow {
  owner_id: string;
  note_status: NoteStatus | null;
  note_author_id: string | null;
  note_moderation_action: VisibleAction | null;
  note_region_actions: RegionActions | null;
  avatar_of: string | null;
  avatar_banned: boolean | null;
  check_state: MediaCheckState;
  check_outcome: MediaCheckOutcome | null;
}

/**
 * Every use of the stored file `key` (the detail or the card size of any media row holding it):
 * one indexed query, run for each image served. It reads the moderation columns of the notes
 * and the ban of the accounts using it, the inputs of the media policy.
 */
export function usesOfKey(db: DbHandle, key: string): Promise<MediaUseRow[]> {
  return db
    .selectFrom('media')
    .leftJoin('note_media', 'note_media.media_id', 'media.id')
    .leftJoin('notes', 'notes.id', 'note_media.note_id')
    .leftJoin('accounts', 'accounts.avatar_media_id', 'media.id')
    .select([
      'media.owner_id',
      'notes.status as note_status',
      'notes.author_id as note_author_id',
      'notes.moderation_action as note_moderation_action',
      'notes.region_actions as note_region_actions',
      'accounts.id as avatar_of',
      'media.check_state',
      'media.check_outcome',
    ])
    .select(sql<boolean | null>`accounts.banned_at IS NOT NULL`.as('avatar_banned'))
    .where(
      sql<SqlBool>`((media.content_hash = ${key.slice(0, 64)} AND media.variants ->> 'detail' = ${key}) OR media.variants ->> 'card' = ${key} OR (media.video IS NOT NULL AND (media.video ->> 'mp4' = ${key} OR media.variants ->> 'detail' = ${key})))`,
    )
    .execute();
}

/** An account's uploads no note and no other account's avatar uses (its deletion's media). */
export function unusedMediaOfOwner(db: DbHandle, ownerId: string): Promise<MediaRow[]> {
  return db
    .selectFrom('media')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom('note_media').select('media_id').whereRef('media_id', '=', 'media.id')),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('accounts')
            .select('id')
            .whereRef('accounts.avatar_media_id', '=', 'media.id')
            .where('accounts.id', '<>', ownerId),
        ),
      ),
    )
    .orderBy('id')
    .execute();
}

export async function deleteMediaRow(db: DbHandle, id: string): Promise<boolean> {
  const row = await db.deleteFrom('media').where('id', '=', id).returning('id').executeTakeFirst();
  return row !== undefined;
}

/** One media row of its owner, or undefined (another account's, or unknown). */
export function ownMedia(db: DbHandle, ownerId: string, mediaId: string) {
  return db
    .selectFrom('media')
    .selectAll()
    .where('id', '=', mediaId)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
}
