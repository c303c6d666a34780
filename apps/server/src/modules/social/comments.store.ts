import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { CommentRow, NoteStatus, RegionActions, VisibleAction } from '../../db/schema.js';
import { noteVisible, type VisibilityContext } from '../visibility/visibility.js';

export function insertComment(
  db: DbHandle,
  row: {
    id: string;
    note_id: string;
    author_id: string;
    parent_id: string | null;
    body: string;
    lang: string | null;
    ip_country: string | null;
    ip_region: string | null;
    status: NoteStatus;
    moderation_action: VisibleAction;
    region_actions: string | null;
    labels: string[];
  },
): Promise<CommentRow> {
  return db.insertInto('comments').values(row).returningAll().executeTakeFirstOrThrow();
}

export interface CommentModerationState {
  status: NoteStatus;
  moderation_action: VisibleAction;
  region_actions: RegionActions | null;
  labels: string[];
}

export function setCommentModeration(
  db: DbHandle,
  id: string,
  state: CommentModerationState,
): Promise<CommentRow> {
  return db
    .updateTable('comments')
    .set({
      ...state,
      region_actions: state.region_actions ? JSON.stringify(state.region_actions) : null,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findComment(db: DbHandle, id: string): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A comment the viewer may see (same rule as notes: status, region, blocks). */
export function findVisibleComment(
  db: DbHandle,
  id: string,
  context: VisibilityContext,
): Promise<CommentRow | undefined> {
  return db
    .selectFrom('comments')
    .selectAll()
    .where('id', '=', id)
    .where(noteVisible(context, 'comments'))
    .executeTakeFirst();
}

/** `lockComment` of a comment the viewer may see (a reply's parent): else undefined. */
export function lockVisibleComment(
  db: DbHandle,
  id: string,
  context: VisibilityContext,
): Promise<CommentRow | undefined> {
  return db
    .selectFrom('comments')
    .selectAll()
    .where('id', '=', id)
    .where(noteVisible(context, 'comments'))
    .forUpdate()
    .executeTakeFirst();
}

export function lockComment(db: DbHandle, id: string): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function adjustReplyCount(db: DbHandle, id: string, delta: number): Promise<void> {
  await db
    .updateTable('comments')
    .set({ reply_count: sql`greatest(reply_count + ${delta}, 0)` })
    .where('id', '=', id)
    .execute();
}

export async function deleteCommentRow(db: DbHandle, id: string): Promise<void> {
  await db.deleteFrom('comments').where('id', '=', id).execute();
}

/** Top-level comments of a note, oldest first, after the cursor id. */
export function topLevelComments(
  db: DbHandle,
  noteId: string,
  context: VisibilityContext,
  after: string | null,
  limit: number,
): Promise<CommentRow[]> {
  let query = db
    .selectFrom('comments')
    .selectAll()
    .where('note_id', '=', noteId)
    .where('parent_id', 'is', null)
    .where(noteVisible(context, 'comments'));
  if (after) query = query.where('id', '>', after);
  return query.orderBy('id').limit(limit).execute();
}

/** Replies to a comment, oldest first, after the cursor id. */
export function repliesOf(
  db: DbHandle,
  parentId: string,
  context: VisibilityContext,
  after: string | null,
  limit: number,
) {
  let query = db
    .selectFrom('comments')
    .selectAll()
    .where('parent_id', '=', parentId)
    .where(noteVisible(context, 'comments'));
  if (after) query = query.where('id', '>', after);
  return query.orderBy('id').limit(limit).execute();
}

/** The first `perParent` replies of each parent, in one query. */
export async function firstReplies(
  db: DbHandle,
  parentIds: string[],
  context: VisibilityContext,
  perParent: number,
): Promise<CommentRow[]> {
  if (parentIds.length === 0) return [];
  const ranked = db
    .selectFrom('comments')
    .selectAll()
    .select(sql<number>`row_number() over (partition by parent_id order by id)`.as('rank'))
    .where('parent_id', 'in', parentIds)
    .where(noteVisible(context, 'comments'))
    .as('ranked');
  const rows = await db
    .selectFrom(ranked)
    .selectAll()
    .where('rank', '<=', perParent)
    .orderBy('id')
    .execute();
  return rows.map(({ rank: _rank, ...row }) => row as CommentRow);
}

/** Ids of an account's comments still shown (for removing a banned account's). */
export async function shownCommentIdsOf(db: DbHandle, authorId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('comments')
    .select('id')
    .where('author_id', '=', authorId)
    .where('status', '=', 'published')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => row.id);
}

/** Every comment of an account with its status, replies first (its deletion removes them). */
export function commentsOf(
  db: DbHandle,
  authorId: string,
): Promise<{ id: string; status: CommentRow['status'] }[]> {
  return db
    .selectFrom('comments')
    .select(['id', 'status'])
    .where('author_id', '=', authorId)
    .orderBy(sql`parent_id IS NULL`)
    .orderBy('id', 'desc')
    .execute();
}
