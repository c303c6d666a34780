import { type Static, Type } from '@sinclair/typebox';
import { HandleParams } from './accounts.js';
import { Id, ListQuery, Page, Timestamp } from './common.js';
import { NotePage, NoteParams } from './community.js';
import { defineRoute } from './route.js';

/**
 * Named boards for collects (收藏夹 / 专辑, docs/api.md "Boards"): an account files the notes it
 * collected into boards of its own. "All collects" is implicit (every collect, the list at
 * `GET /api/users/:handle/collects`); a board only groups collects, so deleting a board or
 * taking a note out of one keeps the collect, and uncollecting a note takes it out of every board.
 */

/** Boards an account may have (beside the implicit "All collects"). */
export const BOARDS_MAX = 100;
export const BOARD_NAME_MAX = 40;
export const BOARD_DESCRIPTION_MAX = 200;
/** Boards one collect may be filed into at once. */
export const BOARDS_PER_NOTE_MAX = 20;

export const boardVisibilities = ['public', 'private'] as const;
export type BoardVisibility = (typeof boardVisibilities)[number];
export const BoardVisibility = Type.Union(boardVisibilities.map((value) => Type.Literal(value)));

/** A name with something other than spaces in it (trimmed by the server). */
const BoardName = Type.String({ minLength: 1, maxLength: BOARD_NAME_MAX, pattern: '\\S' });
const BoardDescription = Type.String({ maxLength: BOARD_DESCRIPTION_MAX });

export const Board = Type.Object({
  id: Id,
  /** The owner's handle. */
  owner: Type.String(),
  name: Type.String(),
  description: Type.String(),
  visibility: BoardVisibility,
  /** Notes in the board the reader may see (withheld, removed and blocked ones are not counted). */
  notes: Type.Integer(),
  /** The card image of the newest note with an image the reader may see; null when none. */
  coverUrl: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
});
export type Board = Static<typeof Board>;

/** An account's boards, in the order they were created (first first). */
export const BoardPage = Page(Board);
export type BoardPage = Static<typeof BoardPage>;

export const CreateBoardBody = Type.Object(
  {
    name: BoardName,
    description: Type.Optional(BoardDescription),
    /** Default `public`: shown on the owner's profile; `private` boards are the owner's alone. */
    visibility: Type.Optional(BoardVisibility),
  },
  { additionalProperties: false },
);
export type CreateBoardBody = Static<typeof CreateBoardBody>;

export const UpdateBoardBody = Type.Object(
  {
    name: Type.Optional(BoardName),
    description: Type.Optional(BoardDescription),
    visibility: Type.Optional(BoardVisibility),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateBoardBody = Static<typeof UpdateBoardBody>;

export const BoardParams = Type.Object({ id: Id });
export const BoardNoteParams = Type.Object({ id: Id, noteId: Id });

/** The viewer's boards a note is filed in (it is collected when the list is given). */
export const NoteBoards = Type.Object({
  collected: Type.Boolean(),
  boardIds: Type.Array(Id),
});
export type NoteBoards = Static<typeof NoteBoards>;

export const SetNoteBoardsBody = Type.Object(
  {
    /** The viewer's boards to file the note in, exactly: others it was in are left. */
    boardIds: Type.Array(Id, { maxItems: BOARDS_PER_NOTE_MAX, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type SetNoteBoardsBody = Static<typeof SetNoteBoardsBody>;

export const boardRoutes = {
  userBoards: defineRoute({
    operationId: 'userBoards',
    method: 'GET',
    path: '/api/users/:handle/boards',
    summary:
      "An account's boards in created order: all of them for the account itself, the public ones for others",
    tags: ['boards'],
    auth: 'optional',
    params: HandleParams,
    querystring: ListQuery,
    response: { 200: BoardPage },
    errors: ['NOT_FOUND'],
  }),
  createBoard: defineRoute({
    operationId: 'createBoard',
    method: 'POST',
    path: '/api/me/boards',
    summary: 'Create a board for collects',
    tags: ['boards'],
    auth: 'required',
    body: CreateBoardBody,
    response: { 201: Board },
    errors: ['BOARD_LIMIT', 'BOARD_NAME_TAKEN', 'CONTENT_REJECTED'],
  }),
  getBoard: defineRoute({
    operationId: 'getBoard',
    method: 'GET',
    path: '/api/boards/:id',
    summary: 'A board (a private one is 404 to everyone but its owner)',
    tags: ['boards'],
    auth: 'optional',
    params: BoardParams,
    response: { 200: Board },
    errors: ['BOARD_NOT_FOUND'],
  }),
  updateBoard: defineRoute({
    operationId: 'updateBoard',
    method: 'PATCH',
    path: '/api/boards/:id',
    summary: "Rename a board, change its description or who sees it (the owner's only)",
    tags: ['boards'],
    auth: 'required',
    params: BoardParams,
    body: UpdateBoardBody,
    response: { 200: Board },
    errors: ['BOARD_NOT_FOUND', 'FORBIDDEN', 'BOARD_NAME_TAKEN', 'CONTENT_REJECTED'],
  }),
  deleteBoard: defineRoute({
    operationId: 'deleteBoard',
    method: 'DELETE',
    path: '/api/boards/:id',
    summary: 'Delete a board; the notes in it stay collected',
    tags: ['boards'],
    auth: 'required',
    params: BoardParams,
    response: { 204: null },
    errors: ['BOARD_NOT_FOUND', 'FORBIDDEN'],
  }),
  boardNotes: defineRoute({
    operationId: 'boardNotes',
    method: 'GET',
    path: '/api/boards/:id/notes',
    summary: 'Notes in a board, most recently added first (what the reader may see)',
    tags: ['boards'],
    auth: 'optional',
    params: BoardParams,
    querystring: ListQuery,
    response: { 200: NotePage },
    errors: ['BOARD_NOT_FOUND'],
  }),
  addBoardNote: defineRoute({
    operationId: 'addBoardNote',
    method: 'PUT',
    path: '/api/boards/:id/notes/:noteId',
    summary: 'File a note in one of your boards, collecting it if it was not (idempotent)',
    tags: ['boards'],
    auth: 'required',
    params: BoardNoteParams,
    response: { 204: null },
    errors: ['BOARD_NOT_FOUND', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  removeBoardNote: defineRoute({
    operationId: 'removeBoardNote',
    method: 'DELETE',
    path: '/api/boards/:id/notes/:noteId',
    summary: 'Take a note out of one of your boards; it stays collected (idempotent)',
    tags: ['boards'],
    auth: 'required',
    params: BoardNoteParams,
    response: { 204: null },
    errors: ['BOARD_NOT_FOUND', 'FORBIDDEN'],
  }),
  noteBoards: defineRoute({
    operationId: 'noteBoards',
    method: 'GET',
    path: '/api/notes/:id/boards',
    summary: 'Whether you collected a note, and which of your boards it is in',
    tags: ['boards'],
    auth: 'required',
    params: NoteParams,
    response: { 200: NoteBoards },
    errors: ['NOT_FOUND'],
  }),
  setNoteBoards: defineRoute({
    operationId: 'setNoteBoards',
    method: 'PUT',
    path: '/api/notes/:id/boards',
    summary:
      'Collect a note and file it in exactly these boards of yours (move it by giving the new set)',
    tags: ['boards'],
    auth: 'required',
    params: NoteParams,
    body: SetNoteBoardsBody,
    response: { 200: NoteBoards },
    errors: ['NOT_FOUND', 'BOARD_NOT_FOUND'],
  }),
} as const;
