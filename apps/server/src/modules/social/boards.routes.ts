import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { FeedsService } from '../feeds/feeds.service.js';
import type { BoardsService } from './boards.service.js';

const MINUTE = 60_000;
const DEFAULT_LIMIT = 20;

export function registerBoardsRoutes(
  registry: RouteRegistry,
  deps: { boards: BoardsService; feeds: FeedsService },
): void {
  const { boards, feeds } = deps;
  // creating and changing boards is cheap for a person and a nuisance at bot speed
  const boardWrites = { rateLimit: { max: 60, timeWindow: 10 * MINUTE } };
  // filing notes moves like collecting them
  const filing = { rateLimit: { max: 300, timeWindow: 10 * MINUTE } };

  defineHandler(registry, routes.userBoards, async ({ context, params, query }) =>
    boards.listOf(params.handle, context, {
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_LIMIT,
    }),
  );

  defineHandler(
    registry,
    routes.createBoard,
    async ({ context, body }) => boards.create(context, body),
    boardWrites,
  );

  defineHandler(registry, routes.getBoard, async ({ context, params }) =>
    boards.get(context, params.id),
  );

  defineHandler(
    registry,
    routes.updateBoard,
    async ({ context, params, body }) => boards.update(context, params.id, body),
    boardWrites,
  );

  defineHandler(
    registry,
    routes.deleteBoard,
    async ({ context, params }) => {
      await boards.remove(context, params.id);
      return undefined;
    },
    boardWrites,
  );

  defineHandler(registry, routes.boardNotes, async ({ context, params, query }) => {
    const board = await boards.readable(context, params.id);
    return feeds.inBoard(board.id, context, {
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_LIMIT,
    });
  });

  defineHandler(
    registry,
    routes.addBoardNote,
    async ({ context, params }) => {
      await boards.addNote(context, params.id, params.noteId);
      return undefined;
    },
    filing,
  );

  defineHandler(
    registry,
    routes.removeBoardNote,
    async ({ context, params }) => {
      await boards.removeNote(context, params.id, params.noteId);
      return undefined;
    },
    filing,
  );

  defineHandler(registry, routes.noteBoards, async ({ context, params }) =>
    boards.ofNote(context, params.id),
  );

  defineHandler(
    registry,
    routes.setNoteBoards,
    async ({ context, params, body }) => boards.setNoteBoards(context, params.id, body.boardIds),
    filing,
  );
}
