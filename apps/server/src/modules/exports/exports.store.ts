import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { AccountExportRow, DecisionRow } from '../../db/schema.js';

// Account exports: the job rows (account_exports) and the reads that gather one account's data.

/** How long a running export holds its lease before another process may take it over. */
export const LEASE_SECONDS = 60;

/**
 * A new queued export, or null when the account has one queued or running already (the partial
 * unique index decides, so two requests at once cannot both start one).
 */
export async function insertExport(
  db: DbHandle,
  row: { id: string; accountId: string; nonce: Buffer },
): Promise<AccountExportRow | null> {
  const { rows } = await sql<AccountExportRow>`
    INSERT INTO account_exports (id, account_id, nonce)
    VALUES (${row.id}, ${row.accountId}, ${row.nonce})
    ON CONFLICT (account_id) WHERE status IN ('queued', 'running') DO NOTHING
    RETURNING *`.execute(db);
  return rows[0] ?? null;
}

/** How many exports the account asked for since `since`, and the oldest of them. */
export async function exportsSince(db: DbHandle, accountId: string, since: Date) {
  const row = await db
    .selectFrom('account_exports')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('account_id', '=', accountId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: row.oldest as Date | null };
}

export function latestExport(db: DbHandle, accountId: string) {
  return db
    .selectFrom('account_exports')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findExport(db: DbHandle, id: string) {
  return db.selectFrom('account_exports').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Exports whose process died more often than `maxAttempts` allows (their lease ran out while
 * running) fail now rather than be taken over again.
 */
export async function failAbandoned(db: DbHandle, maxAttempts: number): Promise<string[]> {
  const rows = await db
    .updateTable('account_exports')
    .set({
      status: 'failed',
      error_code: 'INTERNAL_ERROR',
      locked_until: null,
      finished_at: sql`now()`,
    })
    .where('status', '=', 'running')
    .where('locked_until', '<', sql<Date>`now()`)
    .where('attempts', '>=', maxAttempts)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Takes the oldest queued export, or a running one whose process is gone (its lease ran out):
 * the export starts again from the beginning. SKIP LOCKED: two processes never take one export.
 */
export async function claimExport(db: DbHandle): Promise<AccountExportRow | null> {
  const { rows } = await sql<AccountExportRow>`
    UPDATE account_exports SET
      status = 'running',
      attempts = attempts + 1,
      locked_until = now() + make_interval(secs => ${LEASE_SECONDS}),
      started_at = coalesce(started_at, now())
    WHERE id = (
      SELECT id FROM account_exports
      WHERE status = 'queued' OR (status = 'running' AND locked_until < now())
      ORDER BY created_at
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`.execute(db);
  return rows[0] ?? null;
}

/** Records progress and renews the lease; false when the export is no longer this run's. */
export async function recordProgress(
  db: DbHandle,
  id: string,
  attempt: number,
  progress: Record<string, number>,
): Promise<boolean> {
  const result = await db
    .updateTable('account_exports')
    .set({
      progress: JSON.stringify(progress),
      locked_until: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('attempts', '=', attempt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks the run done (its archive is in place); false when the run lost the export meanwhile. */
export async function markDone(
  db: DbHandle,
  id: string,
  attempt: number,
  done: { fileName: string; bytes: number; expiresAt: Date; progress: Record<string, number> },
): Promise<boolean> {
  const result = await db
    .updateTable('account_exports')
    .set({
      status: 'done',
      file_name: done.fileName,
      bytes: done.bytes,
      expires_at: done.expiresAt,
      progress: JSON.stringify(done.progress),
      locked_until: null,
      finished_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('attempts', '=', attempt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markFailed(db: DbHandle, id: string, attempt: number, code: string) {
  await db
    .updateTable('account_exports')
    .set({ status: 'failed', error_code: code, locked_until: null, finished_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('attempts', '=', attempt)
    .execute();
}

/** A run stopped with its process (a clean shutdown): queued again, the attempt not counted. */
export async function requeue(db: DbHandle, id: string, attempt: number) {
  await db
    .updateTable('account_exports')
    .set((eb) => ({ status: 'queued', attempts: eb('attempts', '-', 1), locked_until: null }))
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('attempts', '=', attempt)
    .execute();
}

/**
 * Done exports past their expiry, and older done exports of accounts that have a newer one:
 * marked expired, their file names returned for removal.
 */
export async function expireArchives(db: DbHandle): Promise<string[]> {
  const rows = await sql<{ file_name: string | null }>`
    UPDATE account_exports AS e SET status = 'expired'
    WHERE e.status = 'done' AND (
      e.expires_at <= now() OR EXISTS (
        SELECT 1 FROM account_exports AS newer
        WHERE newer.account_id = e.account_id AND newer.status = 'done'
          AND newer.created_at > e.created_at
      )
    )
    RETURNING e.file_name`.execute(db);
  return rows.rows.map((row) => row.file_name).filter((name): name is string => name !== null);
}

/** Archive files that belong to a done export, and the exports running under a live lease. */
export async function liveFiles(db: DbHandle) {
  const rows = await db
    .selectFrom('account_exports')
    .select(['id', 'status', 'file_name'])
    .where((eb) =>
      eb.or([
        eb('status', '=', 'done'),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '>=', sql<Date>`now()`)]),
      ]),
    )
    .execute();
  return {
    archives: new Set(
      rows.flatMap((row) => (row.status === 'done' && row.file_name ? [row.file_name] : [])),
    ),
    running: new Set(rows.filter((row) => row.status === 'running').map((row) => row.id)),
  };
}

// ---- one account's data --------------------------------------------------------------------

export function accountForExport(db: DbHandle, accountId: string) {
  return db
    .selectFrom('accounts')
    .select([
      'id',
      'handle',
      'display_name',
      'bio',
      'bio_lang',
      'avatar_media_id',
      'email',
      'phone_e164',
      'email_sealed',
      'phone_sealed',
      'languages',
      'locale',
      'auto_translate',
      'feed_language_mix',
      'interests',
      'signup_country',
      'signup_region',
      'ip_country',
      'ip_region',
      'notes_count',
      'followers_count',
      'following_count',
      'likes_received_count',
      'trust_level',
      'posting_restricted_until',
      'suspended_until',
      'banned_at',
      'onboarded_at',
      'created_at',
      'updated_at',
    ])
    .where('id', '=', accountId)
    .executeTakeFirst();
}

export function accountIdByHandle(db: DbHandle, handle: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'handle'])
    .where('handle', '=', handle.replace(/^@/, '').toLowerCase())
    .executeTakeFirst();
}

export async function notesOf(db: DbHandle, accountId: string) {
  const notes = await db
    .selectFrom('notes')
    .select([
      'id',
      'title',
      'body',
      'lang',
      'status',
      'moderation_action',
      'labels',
      'like_count',
      'collect_count',
      'comment_count',
      'view_count',
      'ip_country',
      'ip_region',
      'created_at',
      'updated_at',
      'edited_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('note_topics')
        .whereRef('note_topics.note_id', '=', 'notes.id')
        .select(sql<string[]>`coalesce(array_agg(tag ORDER BY tag), '{}')`.as('tags'))
        .as('topics'),
    )
    .where('author_id', '=', accountId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return notes;
}

/** The images of the account's notes (and its avatar), each once, in note order. */
export function mediaOf(db: DbHandle, accountId: string) {
  return db
    .selectFrom('note_media')
    .innerJoin('notes', 'notes.id', 'note_media.note_id')
    .innerJoin('media', 'media.id', 'note_media.media_id')
    .select([
      'note_media.note_id',
      'note_media.position',
      'note_media.alt',
      'media.id as media_id',
      'media.mime',
      'media.width',
      'media.height',
      'media.variants',
    ])
    .where('notes.author_id', '=', accountId)
    .orderBy('notes.created_at')
    .orderBy('note_media.note_id')
    .orderBy('note_media.position')
    .execute();
}

export function mediaById(db: DbHandle, mediaId: string) {
  return db
    .selectFrom('media')
    .select(['id', 'owner_id', 'mime', 'width', 'height', 'variants'])
    .where('id', '=', mediaId)
    .executeTakeFirst();
}

export function commentsOf(db: DbHandle, accountId: string) {
  return db
    .selectFrom('comments')
    .select(['id', 'note_id', 'parent_id', 'body', 'lang', 'status', 'like_count', 'created_at'])
    .where('author_id', '=', accountId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function engagementOf(db: DbHandle, table: 'likes' | 'collects', accountId: string) {
  return db
    .selectFrom(table)
    .select(['note_id', 'created_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .execute();
}

/** The holder's boards in created order, each with the notes filed in it (oldest first). */
export async function boardsOf(db: DbHandle, accountId: string) {
  const [boards, filed] = await Promise.all([
    db
      .selectFrom('boards')
      .select(['id', 'name', 'description', 'visibility', 'created_at'])
      .where('account_id', '=', accountId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('board_notes')
      .select(['board_id', 'note_id', 'added_at'])
      .where('account_id', '=', accountId)
      .orderBy('added_at')
      .orderBy('note_id')
      .execute(),
  ]);
  return boards.map((board) => ({
    ...board,
    notes: filed.filter((row) => row.board_id === board.id),
  }));
}

export function commentLikesOf(db: DbHandle, accountId: string) {
  return db
    .selectFrom('comment_likes')
    .select(['comment_id', 'created_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .execute();
}

export function followingOf(db: DbHandle, accountId: string) {
  return db
    .selectFrom('follows')
    .innerJoin('accounts', 'accounts.id', 'follows.followee_id')
    .select(['accounts.id', 'accounts.handle', 'follows.created_at'])
    .where('follows.follower_id', '=', accountId)
    .orderBy('follows.created_at')
    .execute();
}

export function followersOf(db: DbHandle, accountId: string) {
  return db
    .selectFrom('follows')
    .innerJoin('accounts', 'accounts.id', 'follows.follower_id')
    .select(['accounts.id', 'accounts.handle', 'follows.created_at'])
    .where('follows.followee_id', '=', accountId)
    .orderBy('follows.created_at')
    .execute();
}

/** The accounts this account blocked (who blocked it is theirs, not its). */
export function blocksOf(db: DbHandle, accountId: string) {
  return db
    .selectFrom('account_blocks')
    .innerJoin('accounts', 'accounts.id', 'account_blocks.blocked_id')
    .select(['accounts.id', 'accounts.handle', 'account_blocks.created_at'])
    .where('account_blocks.blocker_id', '=', accountId)
    .orderBy('account_blocks.created_at')
    .execute();
}

export function reportsBy(db: DbHandle, accountId: string) {
  return db
    .selectFrom('reports')
    .select(['id', 'target_type', 'target_id', 'reason', 'details', 'created_at'])
    .where('reporter_id', '=', accountId)
    .orderBy('created_at')
    .execute();
}

/** Every moderation decision about the account or its content, oldest first. */
export function decisionsAbout(db: DbHandle, accountId: string): Promise<DecisionRow[]> {
  return db
    .selectFrom('moderation_decisions')
    .selectAll()
    .where('subject_id', '=', accountId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Sessions without their token hashes. */
export function sessionsOf(db: DbHandle, accountId: string) {
  return db
    .selectFrom('sessions')
    .select([
      'id',
      'user_agent',
      'user_agent_sealed',
      'ip_country',
      'ip_region',
      'created_at',
      'last_used_at',
      'expires_at',
      'revoked_at',
    ])
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .execute();
}

export function securityEventsOf(db: DbHandle, accountId: string) {
  return db
    .selectFrom('security_events')
    .select(['id', 'kind', 'subject', 'ip_country', 'ip_region', 'created_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .execute();
}
