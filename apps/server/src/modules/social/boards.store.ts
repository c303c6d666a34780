import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { BoardRow } from '../../db/schema.js';
import { noteRecommendable, type VisibilityContext } from '../visibility/visibility.js';

/** A board as listed: its row, its owner's handle, and what the reader sees of its notes. */
export interface ListedBoard extends BoardRow {
  owner_handle: string;
  /** The owner asked for their account's deletion (gone to everyone else meanwhile). */
  owner_leaving: boolean;
  note_count: number;
  cover_key: string | null;
}

/**
 * The listed columns of `boards`: the notes the reader may see in it (the rule of the profile's
 * collects list: published, not withheld or limited where they are, not across a block) and the
 * card image of the newest such note with an image.
 */
function listedColumns(context: VisibilityContext) {
  const shown = noteRecommendable(context);
  return [
    sql<string>`(SELECT handle FROM accounts WHERE accounts.id = boards.account_id)`.as(
      'owner_handle',
    ),
    sql<boolean>`EXISTS (SELECT 1 FROM account_deletions WHERE account_deletions.account_id = boards.account_id)`.as(
      'owner_leaving',
    ),
    sql<number>`(SELECT count(*)::int FROM board_notes JOIN notes ON notes.id = board_notes.note_id
      WHERE board_notes.board_id = boards.id AND ${shown})`.as('note_count'),
    sql<string | null>`(SELECT media.variants ->> 'card' FROM board_notes
      JOIN notes ON notes.id = board_notes.note_id
      JOIN note_media ON note_media.note_id = notes.id
      JOIN media ON media.id = note_media.media_id
      WHERE board_notes.board_id = boards.id AND ${shown}
      ORDER BY board_notes.added_at DESC, board_notes.note_id DESC, note_media.position
      LIMIT 1)`.as('cover_key'),
  ];
}

/** An account's boards in created order (ids are time-ordered), after `after`. */
export function listBoards(
  db: DbHandle,
  accountId: string,
  options: { includePrivate: boolean; after: string | null; limit: number },
  context: VisibilityContext,
): Promise<ListedBoard[]> {
  let query = db
    .selectFrom('boards')
    .selectAll('boards')
    .select(listedColumns(context))
    .where('boards.account_id', '=', accountId);
  if (!options.includePrivate) query = query.where('boards.visibility', '=', 'public');
  if (options.after) query = query.where('boards.id', '>', options.after);
  return query.orderBy('boards.id').limit(options.limit).execute();
}

export function findListedBoard(
  db: DbHandle,
  boardId: string,
  context: VisibilityContext,
): Promise<ListedBoard | undefined> {
  return db
    .selectFrom('boards')
    .selectAll('boards')
    .select(listedColumns(context))
    .where('boards.id', '=', boardId)
    .executeTakeFirst();
}

/** The row alone, locked for the rest of the transaction when `forUpdate`. */
export function findBoard(
  db: DbHandle,
  boardId: string,
  forUpdate = false,
): Promise<BoardRow | undefined> {
  let query = db.selectFrom('boards').selectAll().where('id', '=', boardId);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function countBoards(db: DbHandle, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('boards')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Serializes board creation per account (the limit is checked under it). */
export async function lockAccountBoards(db: DbHandle, accountId: string): Promise<void> {
  await db
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
}

/** Whether another board of the account has this name, ignoring case. */
export async function nameTaken(
  db: DbHandle,
  accountId: string,
  name: string,
  exceptId: string | null,
): Promise<boolean> {
  let query = db
    .selectFrom('boards')
    .select('id')
    .where('account_id', '=', accountId)
    .where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertBoard(
  db: DbHandle,
  board: {
    id: string;
    accountId: string;
    name: string;
    description: string;
    visibility: 'public' | 'private';
  },
): Promise<void> {
  await db
    .insertInto('boards')
    .values({
      id: board.id,
      account_id: board.accountId,
      name: board.name,
      description: board.description,
      visibility: board.visibility,
    })
    .execute();
}

export async function updateBoard(
  db: DbHandle,
  boardId: string,
  changes: { name?: string; description?: string; visibility?: 'public' | 'private' },
): Promise<void> {
  await db
    .updateTable('boards')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', boardId)
    .execute();
}

/** Deletes the board; its notes stay collected (only `board_notes` rows go with it). */
export async function deleteBoard(db: DbHandle, boardId: string): Promise<void> {
  await db.deleteFrom('boards').where('id', '=', boardId).execute();
}

/** Files a collected note in a board (a repeat is a no-op). */
export async function insertBoardNote(
  db: DbHandle,
  boardId: string,
  accountId: string,
  noteId: string,
): Promise<void> {
  await db
    .insertInto('board_notes')
    .values({ board_id: boardId, account_id: accountId, note_id: noteId })
    .onConflict((conflict) => conflict.columns(['board_id', 'note_id']).doNothing())
    .execute();
}

export async function deleteBoardNote(
  db: DbHandle,
  boardId: string,
  noteId: string,
): Promise<void> {
  await db
    .deleteFrom('board_notes')
    .where('board_id', '=', boardId)
    .where('note_id', '=', noteId)
    .execute();
}

/** The account's boards a note is filed in, in created order. */
export async function boardsOfNote(
  db: DbHandle,
  accountId: string,
  noteId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('board_notes')
    .select('board_id')
    .where('account_id', '=', accountId)
    .where('note_id', '=', noteId)
    .orderBy('board_id')
    .execute();
  return rows.map((row) => row.board_id);
}

/** Of these board ids, those the account owns. */
export async function ownedBoardIds(
  db: DbHandle,
  accountId: string,
  boardIds: string[],
): Promise<string[]> {
  if (boardIds.length === 0) return [];
  const rows = await db
    .selectFrom('boards')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', 'in', boardIds)
    .execute();
  return rows.map((row) => row.id);
}

/** Takes the note out of the account's boards not in `keep`. */
export async function deleteBoardNotesExcept(
  db: DbHandle,
  accountId: string,
  noteId: string,
  keep: string[],
): Promise<void> {
  let query = db
    .deleteFrom('board_notes')
    .where('account_id', '=', accountId)
    .where('note_id', '=', noteId);
  if (keep.length > 0) query = query.where('board_id', 'not in', keep);
  await query.execute();
}

/** Whether the account collected the note. */
export async function isCollected(
  db: DbHandle,
  accountId: string,
  noteId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('collects')
    .select('note_id')
    .where('account_id', '=', accountId)
    .where('note_id', '=', noteId)
    .executeTakeFirst();
  return row !== undefined;
}
