import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type {
  MediaCheckOutcome,
  MediaCheckState,
  MediaRow,
  MediaVariants,
} from '../../db/schema.js';
import { avatarShown } from './media.policy.js';
import type { MediaFinding } from './media-check.js';

// The media checks' queue (migration 0033): pending media claimed by workers, their findings,
// and the notes waiting for them.

/**
 * Claims up to `limit` pending media for `claimant`, oldest first: those nobody holds and those
 * whose claim is older than `reclaimMs` by the database's clock (its worker died). `FOR UPDATE SKIP LOCKED` lets
 * several workers claim at once without waiting for or taking each other's rows; the claim
 * commits at once, so it outlives this statement and is released by `finishCheck`.
 */
export function claimPending(
  db: DbHandle,
  claimant: string,
  reclaimMs: number,
  limit: number,
): Promise<MediaRow[]> {
  return db
    .updateTable('media')
    .set({
      check_claimed_at: sql`now()`,
      check_claimed_by: claimant,
      check_attempts: sql`check_attempts + 1`,
      check_progress: 0,
    })
    .where(
      'id',
      'in',
      db
        .selectFrom('media')
        .select('id')
        .where('check_state', '=', 'pending')
        // videos are claimed by the video processing (claimVideos), which checks their frames
        .where('kind', '=', 'image')
        .where((eb) =>
          eb.or([
            eb('check_claimed_at', 'is', null),
            eb(
              'check_claimed_at',
              '<',
              sql<Date>`now() - ${Math.max(0, Math.round(reclaimMs))} * interval '1 millisecond'`,
            ),
          ]),
        )
        .orderBy('created_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .where('check_state', '=', 'pending')
    .returningAll()
    .execute();
}

/** Records how far the checks of a claimed image got (0–100), while the claim is still ours. */
export async function setProgress(
  db: DbHandle,
  mediaId: string,
  claimant: string,
  progress: number,
): Promise<void> {
  await db
    .updateTable('media')
    .set({ check_progress: Math.max(0, Math.min(100, Math.round(progress))) })
    .where('id', '=', mediaId)
    .where('check_claimed_by', '=', claimant)
    .execute();
}

/**
 * Stores the findings of a claimed image and releases the claim. False when the claim is no
 * longer ours (it timed out and another worker took it): that worker's result counts.
 */
export async function finishCheck(
  db: DbHandle,
  mediaId: string,
  claimant: string,
  result: {
    state: Exclude<MediaCheckState, 'pending'>;
    findings: MediaFinding[];
    outcome: MediaCheckOutcome;
  },
): Promise<boolean> {
  const row = await db
    .updateTable('media')
    .set({
      check_state: result.state,
      check_findings: JSON.stringify(result.findings),
      check_outcome: JSON.stringify(result.outcome),
      check_progress: 100,
      check_claimed_at: null,
      check_claimed_by: null,
      checked_at: sql`now()`,
    })
    .where('id', '=', mediaId)
    .where('check_claimed_by', '=', claimant)
    .where('check_state', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  if (row === undefined) return false;
  // an account using the image as its avatar: others see it once it passed; its owner stops
  // seeing it when it is blocked (docs/media.md, "Avatars")
  const shown = avatarShown(result.state, result.outcome);
  await db
    .updateTable('accounts')
    .set((eb) => ({
      avatar_url: shown === 'everyone' ? eb.ref('own_avatar_url') : null,
      ...(shown === 'nobody' ? { own_avatar_url: null } : {}),
    }))
    .where('avatar_media_id', '=', mediaId)
    .execute();
  return true;
}

/**
 * Notes waiting for their images whose images are all checked now (or that have none left),
 * oldest first: the notes the runner settles.
 */
export async function notesReadyToSettle(db: DbHandle, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('notes')
    .select('notes.id')
    .where('notes.media_check', '=', 'pending')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('note_media')
            .innerJoin('media', 'media.id', 'note_media.media_id')
            .select('note_media.media_id')
            .whereRef('note_media.note_id', '=', 'notes.id')
            .where('media.check_state', '=', 'pending'),
        ),
      ),
    )
    .orderBy('notes.id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Takes a waiting note for settling in the caller's transaction: false when another worker is
 * settling it (locked) or already did (no longer pending).
 */
export async function takeWaitingNote(tx: DbHandle, noteId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('notes')
    .select('id')
    .where('id', '=', noteId)
    .where('media_check', '=', 'pending')
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  return row !== undefined;
}

// Video processing (migration 0035, docs/media.md "Video notes"): the same claim columns as the
// image checks, since one claim covers the transcode and the checks of the frames.

/**
 * Claims up to `limit` queued videos (or ones whose claim is older than `reclaimMs`) for
 * `claimant`, oldest first, with `FOR UPDATE SKIP LOCKED`. A node without checkers claims only
 * videos uploaded while no checker was configured: it could not check the others' frames.
 */
export function claimVideos(
  db: DbHandle,
  claimant: string,
  reclaimMs: number,
  limit: number,
  canCheck: boolean,
): Promise<MediaRow[]> {
  let pending = db
    .selectFrom('media')
    .select('id')
    .where('kind', '=', 'video')
    .where('check_state', '=', 'pending')
    .where('processing_state', 'in', ['queued', 'processing'])
    .where((eb) =>
      eb.or([
        eb('check_claimed_at', 'is', null),
        eb(
          'check_claimed_at',
          '<',
          sql<Date>`now() - ${Math.max(0, Math.round(reclaimMs))} * interval '1 millisecond'`,
        ),
      ]),
    );
  if (!canCheck) pending = pending.where(sql<boolean>`(video ->> 'checked') = 'false'`);
  return db
    .updateTable('media')
    .set({
      check_claimed_at: sql`now()`,
      check_claimed_by: claimant,
      check_attempts: sql`check_attempts + 1`,
      check_progress: 0,
      // progress is kept (never decreasing, as the uploader sees it) when a claim is taken over
      processing_state: 'processing',
    })
    .where('id', 'in', pending.orderBy('created_at').limit(limit).forUpdate().skipLocked())
    .where('check_state', '=', 'pending')
    .returningAll()
    .execute();
}

/**
 * Records how far a claimed video got (0–100) and refreshes the claim, so a long transcode that
 * still reports progress is never taken over. False when the claim is no longer ours.
 */
export async function setVideoProgress(
  db: DbHandle,
  mediaId: string,
  claimant: string,
  progress: number,
): Promise<boolean> {
  const row = await db
    .updateTable('media')
    .set({
      processing_progress: sql`greatest(processing_progress, ${Math.max(0, Math.min(99, Math.round(progress)))})`,
      check_claimed_at: sql`now()`,
    })
    .where('id', '=', mediaId)
    .where('check_claimed_by', '=', claimant)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Stores a processed video and its frames' checks, releasing the claim; false when lost. */
export async function finishVideo(
  db: DbHandle,
  mediaId: string,
  claimant: string,
  result: {
    width: number;
    height: number;
    bytes: number;
    placeholder: string;
    variants: MediaVariants;
    mp4: string;
    state: Exclude<MediaCheckState, 'pending'>;
    findings: MediaFinding[];
    outcome: MediaCheckOutcome;
  },
): Promise<boolean> {
  const row = await db
    .updateTable('media')
    .set({
      width: result.width,
      height: result.height,
      bytes: result.bytes,
      placeholder: result.placeholder,
      variants: JSON.stringify(result.variants),
      video: sql`video || ${JSON.stringify({ mp4: result.mp4, original: null })}::jsonb`,
      processing_state: 'ready',
      processing_progress: 100,
      check_state: result.state,
      check_findings: JSON.stringify(result.findings),
      check_outcome: JSON.stringify(result.outcome),
      check_progress: 100,
      check_claimed_at: null,
      check_claimed_by: null,
      checked_at: sql`now()`,
    })
    .where('id', '=', mediaId)
    .where('check_claimed_by', '=', claimant)
    .where('check_state', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A video that could not be processed: `failed` with the reason, its checks `failed` too (so
 * the notes waiting on it are settled, and held: media-decisions.ts). False when the claim was
 * lost. `claimant` null: whoever holds it (an upload never claimed).
 */
export async function failVideo(
  db: DbHandle,
  mediaId: string,
  claimant: string,
  error: { code: string; message: string },
): Promise<boolean> {
  const row = await db
    .updateTable('media')
    .set({
      processing_state: 'failed',
      processing_error: JSON.stringify(error),
      video: sql`video || '{"original": null}'::jsonb`,
      check_state: 'failed',
      check_outcome: JSON.stringify({
        action: 'review',
        regionActions: null,
        categories: [],
        labels: [],
        failures: [{ checker: 'pipeline', reason: 'processing' }],
      } satisfies MediaCheckOutcome),
      check_progress: 100,
      check_claimed_at: null,
      check_claimed_by: null,
      checked_at: sql`now()`,
    })
    .where('id', '=', mediaId)
    .where('check_claimed_by', '=', claimant)
    .where('check_state', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether another video still waiting for processing needs the stored original `key`. */
export async function originalStillNeeded(
  db: DbHandle,
  key: string,
  exceptId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('media')
    .select('id')
    .where('kind', '=', 'video')
    .where('id', '!=', exceptId)
    .where(sql<boolean>`video ->> 'original' = ${key}`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
