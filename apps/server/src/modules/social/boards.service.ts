import {
  BOARD_DESCRIPTION_MAX,
  BOARD_NAME_MAX,
  BOARDS_MAX,
  type Board,
  type BoardPage,
  type CreateBoardBody,
  type NoteBoards,
  type UpdateBoardBody,
} from '@atrium/contracts';
import { type Db, type DbHandle, inTransaction } from '../../db/database.js';
import type { BoardRow } from '../../db/schema.js';
import { commonError } from '../../http/errors.js';
import type { PageRequest, Reader, SignedInReader } from '../../http/request-context.js';
import { decodeIdCursor, idCursor } from '../../lib/cursor.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import { MEDIA_URL_PREFIX } from '../media/media.service.js';
import type { NotesService } from '../notes/notes.service.js';
import type { WriteScreening } from '../screening/screening.js';
import * as boards from './boards.store.js';
import * as engagement from './engagement.store.js';
import { socialError } from './social.errors.js';
import { boardsShown, canChangeBoard, canCreateBoard, canSeeBoard } from './social.policy.js';
import { isBlockedEitherWay } from './social.store.js';

// Control characters (line breaks included) and the invisible format characters that make two
// names look alike; names and descriptions are NFC, trimmed, runs of spaces collapsed in names.
const CONTROL = /[\p{Cc}\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/u;

function invalid(field: string, message: string) {
  return commonError('VALIDATION_FAILED', `The board ${field} ${message}`, {
    fields: [{ field: `/body/${field}`, message }],
  });
}

/** A board name as stored: NFC, trimmed, inner runs of white space made one space; 1–40 characters. */
export function cleanBoardName(raw: string): string {
  const name = raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (CONTROL.test(name)) throw invalid('name', 'must not contain control characters');
  const length = [...name].length;
  if (length < 1 || length > BOARD_NAME_MAX)
    throw invalid('name', `must be 1 to ${BOARD_NAME_MAX} characters`);
  return name;
}

export function cleanBoardDescription(raw: string): string {
  const description = raw.normalize('NFC').trim();
  if (/[\p{Cc}]/u.test(description.replace(/\n/g, '')))
    throw invalid('description', 'must not contain control characters');
  if ([...description].length > BOARD_DESCRIPTION_MAX)
    throw invalid('description', `must be at most ${BOARD_DESCRIPTION_MAX} characters`);
  return description;
}

function present(row: boards.ListedBoard): Board {
  return {
    id: row.id,
    owner: row.owner_handle,
    name: row.name,
    description: row.description,
    visibility: row.visibility,
    notes: Number(row.note_count),
    coverUrl: row.cover_key ? `${MEDIA_URL_PREFIX}${row.cover_key}` : null,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * Named boards for collects (docs/api.md, "Boards"). A board groups notes its owner collected;
 * "All collects" is implicit. Filing a note in a board collects it; taking it out, or deleting
 * the board, leaves the collect.
 */
export function createBoardsService(deps: {
  db: Db;
  accounts: AccountsService;
  notes: NotesService;
  moderation: WriteScreening;
}) {
  const { db, notes } = deps;

  /**
   * Board names and descriptions are shown on the profile like its texts, and like them cannot
   * be held for review or withheld per region: anything stricter than a label is refused (422
   * CONTENT_REJECTED). Private boards too, as they may be made public.
   */
  async function screen(accountId: string, texts: { name?: string; description?: string }) {
    const fields: Record<string, string> = {};
    if (texts.name) fields.boardName = texts.name;
    if (texts.description) fields.boardDescription = texts.description;
    if (Object.keys(fields).length > 0)
      await deps.moderation.screen(accountId, 'account', fields, { strict: true });
  }

  async function blockedBetween(handle: DbHandle, viewerId: string | null, ownerId: string) {
    if (!viewerId || viewerId === ownerId) return false;
    return isBlockedEitherWay(handle, viewerId, ownerId);
  }

  /** The board if the reader may see it, else BOARD_NOT_FOUND. */
  async function readable(reader: Reader, boardId: string): Promise<boards.ListedBoard> {
    const row = await boards.findListedBoard(db, boardId, reader.visibility);
    if (!row) throw socialError('BOARD_NOT_FOUND');
    const viewerId = reader.visibility.viewerId;
    const denial = canSeeBoard(viewerId, row, await blockedBetween(db, viewerId, row.account_id));
    if (denial) throw socialError(denial.code, denial.reason);
    return row;
  }

  /** The board row, locked, if the viewer may change it. */
  async function changeable(tx: DbHandle, viewerId: string, boardId: string): Promise<BoardRow> {
    const row = await boards.findBoard(tx, boardId, true);
    if (!row) throw socialError('BOARD_NOT_FOUND');
    const denial = canChangeBoard(
      viewerId,
      row,
      await blockedBetween(tx, viewerId, row.account_id),
    );
    if (denial) throw socialError(denial.code, denial.reason);
    return row;
  }

  async function listOf(
    handle: string,
    reader: Reader,
    { cursor, limit }: PageRequest,
  ): Promise<BoardPage> {
    const owner = await deps.accounts.getByHandle(handle);
    const viewerId = reader.visibility.viewerId;
    const shown = boardsShown(viewerId, owner.id, await blockedBetween(db, viewerId, owner.id));
    if (shown === 'none') return { items: [], nextCursor: null };
    const after = decodeIdCursor(cursor);
    const rows = await boards.listBoards(
      db,
      owner.id,
      { includePrivate: shown === 'all', after, limit },
      reader.visibility,
    );
    return { items: rows.map(present), nextCursor: idCursor(rows, limit) };
  }

  async function get(reader: Reader, boardId: string): Promise<Board> {
    return present(await readable(reader, boardId));
  }

  async function create(reader: SignedInReader, body: CreateBoardBody): Promise<Board> {
    const accountId = reader.viewer.accountId;
    const name = cleanBoardName(body.name);
    const description = cleanBoardDescription(body.description ?? '');
    await screen(accountId, { name, description });
    const id = uuidv7();
    await inTransaction(db, async (tx) => {
      await boards.lockAccountBoards(tx, accountId);
      const denial = canCreateBoard(await boards.countBoards(tx, accountId), BOARDS_MAX);
      if (denial) throw socialError(denial.code, denial.reason);
      if (await boards.nameTaken(tx, accountId, name, null)) throw socialError('BOARD_NAME_TAKEN');
      await boards.insertBoard(tx, {
        id,
        accountId,
        name,
        description,
        visibility: body.visibility ?? 'public',
      });
    });
    return get(reader, id);
  }

  async function update(
    reader: SignedInReader,
    boardId: string,
    body: UpdateBoardBody,
  ): Promise<Board> {
    const accountId = reader.viewer.accountId;
    const changes: { name?: string; description?: string; visibility?: 'public' | 'private' } = {};
    if (body.name !== undefined) changes.name = cleanBoardName(body.name);
    if (body.description !== undefined)
      changes.description = cleanBoardDescription(body.description);
    if (body.visibility !== undefined) changes.visibility = body.visibility;
    await screen(accountId, changes);
    await inTransaction(db, async (tx) => {
      // names are unique per account: renames wait for each other like creations
      await boards.lockAccountBoards(tx, accountId);
      await changeable(tx, accountId, boardId);
      if (changes.name && (await boards.nameTaken(tx, accountId, changes.name, boardId)))
        throw socialError('BOARD_NAME_TAKEN');
      await boards.updateBoard(tx, boardId, changes);
    });
    return get(reader, boardId);
  }

  async function remove(reader: SignedInReader, boardId: string): Promise<void> {
    await inTransaction(db, async (tx) => {
      await changeable(tx, reader.viewer.accountId, boardId);
      await boards.deleteBoard(tx, boardId);
    });
  }

  /** Collects the note for the account if it was not (the count moves once). */
  async function collect(tx: DbHandle, reader: SignedInReader, noteId: string): Promise<void> {
    const note = await notes.requireVisible(tx, noteId, reader.visibility);
    if (await engagement.insertEngagement(tx, 'collects', reader.viewer.accountId, noteId))
      await notes.adjustEngagement(tx, note, { collects: 1 });
  }

  async function addNote(reader: SignedInReader, boardId: string, noteId: string): Promise<void> {
    const accountId = reader.viewer.accountId;
    await inTransaction(db, async (tx) => {
      await changeable(tx, accountId, boardId);
      await collect(tx, reader, noteId);
      await boards.insertBoardNote(tx, boardId, accountId, noteId);
    });
  }

  /** Out of the board (even a note the owner may no longer see); it stays collected. */
  async function removeNote(
    reader: SignedInReader,
    boardId: string,
    noteId: string,
  ): Promise<void> {
    await inTransaction(db, async (tx) => {
      await changeable(tx, reader.viewer.accountId, boardId);
      await boards.deleteBoardNote(tx, boardId, noteId);
    });
  }

  async function ofNote(reader: SignedInReader, noteId: string): Promise<NoteBoards> {
    const accountId = reader.viewer.accountId;
    await notes.requireVisible(db, noteId, reader.visibility);
    return {
      collected: await boards.isCollected(db, accountId, noteId),
      boardIds: await boards.boardsOfNote(db, accountId, noteId),
    };
  }

  /** Collects the note and files it in exactly `boardIds` (each the viewer's own). */
  async function setNoteBoards(
    reader: SignedInReader,
    noteId: string,
    boardIds: string[],
  ): Promise<NoteBoards> {
    const accountId = reader.viewer.accountId;
    await inTransaction(db, async (tx) => {
      const owned = new Set(await boards.ownedBoardIds(tx, accountId, boardIds));
      if (boardIds.some((id) => !owned.has(id))) throw socialError('BOARD_NOT_FOUND');
      await collect(tx, reader, noteId);
      await boards.deleteBoardNotesExcept(tx, accountId, noteId, boardIds);
      for (const boardId of boardIds) await boards.insertBoardNote(tx, boardId, accountId, noteId);
    });
    return ofNote(reader, noteId);
  }

  return {
    listOf,
    get,
    readable,
    create,
    update,
    remove,
    addNote,
    removeNote,
    ofNote,
    setNoteBoards,
  };
}

export type BoardsService = ReturnType<typeof createBoardsService>;
