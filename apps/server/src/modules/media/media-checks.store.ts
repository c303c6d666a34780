import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { MediaCheckOutcome, MediaCheckState, MediaRow } from '../../db/schema.js';
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
  return row !== undefined;
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
