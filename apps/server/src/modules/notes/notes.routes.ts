import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { NotesService } from './notes.service.js';
import { viewerKey } from './views.service.js';

const MINUTE = 60_000;

export function registerNotesRoutes(registry: RouteRegistry, deps: { notes: NotesService }): void {
  const { notes } = deps;

  defineHandler(
    registry,
    routes.createNote,
    async ({ context, body }) => {
      const row = await notes.createNote(context.viewer, body, context.client);
      const [note] = await notes.present([row], context);
      return note!;
    },
    { rateLimit: { max: 30, timeWindow: 10 * MINUTE } },
  );

  defineHandler(registry, routes.getNote, async ({ context, params }) => {
    const row = await notes.openNote(
      params.id,
      context.visibility,
      viewerKey(context.viewer, context.client),
    );
    const [note] = await notes.present([row], context);
    return note!;
  });

  defineHandler(
    registry,
    routes.updateNote,
    async ({ context, params, body }) => {
      const row = await notes.updateNote(context.viewer, params.id, body);
      const [note] = await notes.present([row], context);
      return note!;
    },
    { rateLimit: { max: 60, timeWindow: 10 * MINUTE } },
  );

  defineHandler(registry, routes.deleteNote, async ({ viewer, params }) => {
    await notes.deleteNote(viewer, params.id);
    return undefined;
  });
}
