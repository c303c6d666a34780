import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { RegionActions, VisibleAction } from '../../db/schema.js';
import { NOTE_COLUMNS, type ViewedNoteRow, viewerFlags } from '../notes/note-columns.store.js';
import {
  notBlocked,
  noteRecommendable,
  noteVisible,
  type VisibilityContext,
} from '../visibility/visibility.js';

export interface Candidate {
  id: string;
  author_id: string;
  lang: string | null;
}

/**
 * The newest notes of the accounts the viewer follows, with the viewer's likes and collects, in
 * one statement: the newest `limit` ids of each followed author (index-only), merged, newest
 * first; only those rows are then read.
 */
export async function followingNotes(
  db: DbHandle,
  context: VisibilityContext & { viewerId: string },
  before: string | null,
  limit: number,
): Promise<ViewedNoteRow[]> {
  // blocks are checked once per followed author, not once per note
  const recent = sql<{ id: string }>`(
    SELECT recent.id FROM follows
    CROSS JOIN LATERAL (
      SELECT notes.id FROM notes
      WHERE notes.author_id = follows.followee_id
        AND ${noteRecommendable({ viewerId: null, region: context.region })}
        ${before ? sql`AND notes.id < ${before}` : sql``}
      ORDER BY notes.id DESC
      LIMIT ${limit}
    ) AS recent
    WHERE follows.follower_id = ${context.viewerId}
      AND ${notBlocked(context.viewerId, 'follows.followee_id')}
    ORDER BY recent.id DESC
    LIMIT ${limit})`;
  return db
    .selectFrom(recent.as('page'))
    .innerJoin('notes', 'notes.id', 'page.id')
    .select(NOTE_COLUMNS)
    .select(viewerFlags(context.viewerId))
    .orderBy('notes.id', 'desc')
    .execute();
}

/** The accounts a viewer follows, except any blocked either way. */
export async function followeeIds(db: DbHandle, viewerId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT follows.followee_id AS id FROM follows
    WHERE follows.follower_id = ${viewerId}
      AND ${notBlocked(viewerId, 'follows.followee_id')}`.execute(db);
  return rows.map((row) => row.id);
}

/**
 * The newest `limit` published notes of each author, with what decides where they may be
 * recommended: index-only walks of `notes_author_feed`, one per author.
 */
export async function newestOfAuthors(
  db: DbHandle,
  authorIds: string[],
  limit: number,
): Promise<Map<string, RankedCandidate[]>> {
  const byAuthor = new Map<string, RankedCandidate[]>(authorIds.map((id) => [id, []]));
  if (authorIds.length === 0) return byAuthor;
  const { rows } = await sql<RankedCandidate>`
    SELECT recent.* FROM unnest(${authorIds}::uuid[]) AS author(id)
    CROSS JOIN LATERAL (
      SELECT notes.id, notes.author_id, notes.lang, notes.moderation_action, notes.region_actions
      FROM notes
      WHERE notes.author_id = author.id AND notes.status = 'published'
      ORDER BY notes.id DESC
      LIMIT ${limit}
    ) AS recent`.execute(db);
  for (const row of rows) byAuthor.get(row.author_id)?.push(row);
  return byAuthor;
}

/** Published notes created after `after` (a UUIDv7 bound), oldest first: a walk of the primary key. */
export async function publishedAfter(
  db: DbHandle,
  after: string,
  limit: number,
): Promise<RankedCandidate[]> {
  return db
    .selectFrom('notes')
    .select(CANDIDATE_COLUMNS)
    .where('notes.id', '>', after)
    .where('notes.status', '=', 'published')
    .orderBy('notes.id')
    .limit(limit)
    .execute();
}

/** An account's notes, newest first (the author also sees their own held notes). */
export function authorNotes(
  db: DbHandle,
  authorId: string,
  context: VisibilityContext,
  before: string | null,
  limit: number,
): Promise<ViewedNoteRow[]> {
  let query = db
    .selectFrom('notes')
    .select(NOTE_COLUMNS)
    .select(viewerFlags(context.viewerId))
    .where('author_id', '=', authorId)
    .where(noteVisible(context));
  if (before) query = query.where('id', '<', before);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

/** Notes an account collected, most recently collected first. */
export function collectedNotes(
  db: DbHandle,
  accountId: string,
  context: VisibilityContext,
  after: { at: string; id: string } | null,
  limit: number,
) {
  let query = db
    .selectFrom('collects')
    .innerJoin('notes', 'notes.id', 'collects.note_id')
    .select(NOTE_COLUMNS)
    .select(viewerFlags(context.viewerId))
    .select('collects.created_at as collected_at')
    .where('collects.account_id', '=', accountId)
    .where(noteRecommendable(context));
  if (after) {
    query = query.where(
      sql<boolean>`(collects.created_at, collects.note_id) < (${after.at}::timestamptz, ${after.id}::uuid)`,
    );
  }
  return query
    .orderBy('collects.created_at', 'desc')
    .orderBy('collects.note_id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Notes in a board, most recently filed first: the rule of the collects list (published, not
 * withheld or limited where the reader is, not across a block). The caller checks that the
 * reader may see the board.
 */
export function boardNotes(
  db: DbHandle,
  boardId: string,
  context: VisibilityContext,
  after: { at: string; id: string } | null,
  limit: number,
) {
  let query = db
    .selectFrom('board_notes')
    .innerJoin('notes', 'notes.id', 'board_notes.note_id')
    .select(NOTE_COLUMNS)
    .select(viewerFlags(context.viewerId))
    .select('board_notes.added_at')
    .where('board_notes.board_id', '=', boardId)
    .where(noteRecommendable(context));
  if (after) {
    query = query.where(
      sql<boolean>`(board_notes.added_at, board_notes.note_id) < (${after.at}::timestamptz, ${after.id}::uuid)`,
    );
  }
  return query
    .orderBy('board_notes.added_at', 'desc')
    .orderBy('board_notes.note_id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Notes an account liked, most recently liked first. Only what the reader (the account itself)
 * may have recommended: not withheld or limited where they are, not removed, not across a block.
 */
export function likedNotes(
  db: DbHandle,
  accountId: string,
  context: VisibilityContext,
  after: { at: string; id: string } | null,
  limit: number,
) {
  let query = db
    .selectFrom('likes')
    .innerJoin('notes', 'notes.id', 'likes.note_id')
    .select(NOTE_COLUMNS)
    .select(viewerFlags(context.viewerId))
    .select('likes.created_at as liked_at')
    .where('likes.account_id', '=', accountId)
    .where(noteRecommendable(context));
  if (after) {
    query = query.where(
      sql<boolean>`(likes.created_at, likes.note_id) < (${after.at}::timestamptz, ${after.id}::uuid)`,
    );
  }
  return query
    .orderBy('likes.created_at', 'desc')
    .orderBy('likes.note_id', 'desc')
    .limit(limit)
    .execute();
}

/** A published note that may enter a shared ranking, with what decides where it may. */
export interface RankedCandidate extends Candidate {
  moderation_action: VisibleAction;
  region_actions: RegionActions | null;
}

const CANDIDATE_COLUMNS = [
  'notes.id',
  'notes.author_id',
  'notes.lang',
  'notes.moderation_action',
  'notes.region_actions',
] as const;

/**
 * The best-scored published notes of the last 30 days, for every region at once (callers keep
 * what `recommendableIn` allows where the reader is): an index walk down `notes_score`. With
 * `capLevelZero`, notes of authors at trust level 0 are left out (a primary-key probe each).
 */
export function topScored(
  db: DbHandle,
  limit: number,
  options: { capLevelZero?: boolean } = {},
): Promise<RankedCandidate[]> {
  let query = db
    .selectFrom('notes')
    .select(CANDIDATE_COLUMNS)
    .where('status', '=', 'published')
    .where('created_at', '>', sql<Date>`now() - interval '30 days'`);
  if (options.capLevelZero) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('accounts')
          .select('accounts.id')
          .whereRef('accounts.id', '=', 'notes.author_id')
          .where('accounts.trust_level', '>', 0),
      ),
    );
  }
  return query.orderBy('score', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/**
 * The exploration pool, for every region at once: fresh notes (last 48 h) that few have seen
 * yet, and notes of new creators (joined in the last 14 days or with at most 3 notes) — so every
 * newcomer gets initial exposure. Newest first: a backward walk of `notes_published`.
 */
export function explorationPool(db: DbHandle, limit: number): Promise<RankedCandidate[]> {
  return db
    .selectFrom('notes')
    .select(CANDIDATE_COLUMNS)
    .where('status', '=', 'published')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('notes.created_at', '>', sql<Date>`now() - interval '48 hours'`),
          eb('notes.view_count', '<', 50),
        ]),
        eb(
          'notes.author_id',
          'in',
          eb
            .selectFrom('accounts')
            .select('accounts.id')
            .where((inner) =>
              inner.or([
                inner('accounts.created_at', '>', sql<Date>`now() - interval '14 days'`),
                inner('accounts.notes_count', '<=', 3),
              ]),
            ),
        ),
      ]),
    )
    .orderBy('notes.id', 'desc')
    .limit(limit)
    .execute();
}

/** Published notes of a topic, best-scored first, for every region at once. */
export function topicTopScored(
  db: DbHandle,
  tag: string,
  limit: number,
): Promise<RankedCandidate[]> {
  return db
    .selectFrom('note_topics')
    .innerJoin('notes', 'notes.id', 'note_topics.note_id')
    .select(CANDIDATE_COLUMNS)
    .where('note_topics.tag', '=', tag)
    .where('notes.status', '=', 'published')
    .orderBy('notes.score', 'desc')
    .orderBy('notes.id', 'desc')
    .limit(limit)
    .execute();
}

/** Notes of a topic, newest first. */
export function topicNewest(
  db: DbHandle,
  tag: string,
  context: VisibilityContext,
  before: string | null,
  limit: number,
): Promise<ViewedNoteRow[]> {
  let query = db
    .selectFrom('note_topics')
    .innerJoin('notes', 'notes.id', 'note_topics.note_id')
    .select(NOTE_COLUMNS)
    .select(viewerFlags(context.viewerId))
    .where('note_topics.tag', '=', tag)
    .where(noteRecommendable(context));
  if (before) query = query.where('note_topics.note_id', '<', before);
  return query.orderBy('note_topics.note_id', 'desc').limit(limit).execute();
}

// ---- snapshots ------------------------------------------------------------------------------

export async function insertSnapshot(
  db: DbHandle,
  id: string,
  viewerKey: string,
  items: Candidate[],
) {
  await db
    .insertInto('feed_snapshots')
    .values({
      id,
      viewer_key: viewerKey,
      note_ids: items.map((item) => item.id),
      author_ids: items.map((item) => item.author_id),
      langs: items.map((item) => item.lang ?? ''),
    })
    .execute();
}

export function findSnapshot(db: DbHandle, id: string) {
  return db
    .selectFrom('feed_snapshots')
    .select(['id', 'note_ids', 'author_ids', 'langs'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The newest stored snapshot of a key (discover frozen). */
export function findLatestSnapshot(db: DbHandle, viewerKey: string) {
  return db
    .selectFrom('feed_snapshots')
    .select(['id', 'note_ids', 'author_ids', 'langs'])
    .where('viewer_key', '=', viewerKey)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function deleteSnapshotsBefore(db: DbHandle, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('feed_snapshots')
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
