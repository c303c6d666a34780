import { routes } from '@atrium/contracts';
import { clientInfo, viewerLocale, visibilityOf } from '../../http/client.js';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { IpLocator } from '../geo/ip-location.js';
import type { NotesService } from './notes.service.js';
import { viewerKey } from './notes.service.js';

const MINUTE = 60_000;

export function registerNotesRoutes(
  registry: RouteRegistry,
  deps: { notes: NotesService; locator: IpLocator },
): void {
  const { notes, locator } = deps;

  defineHandler(
    registry,
    routes.createNote,
    async ({ viewer, body, request }) => {
      const row = await notes.createNote(viewer, body, clientInfo(request, locator));
      const [note] = await notes.present([row], viewer, viewerLocale(request));
      return note!;
    },
    { rateLimit: { max: 30, timeWindow: 10 * MINUTE } },
  );

  defineHandler(registry, routes.getNote, async ({ viewer, params, request }) => {
    const client = clientInfo(request, locator);
    const row = await notes.openNote(
      params.id,
      visibilityOf(request, locator),
      viewerKey(viewer, client),
    );
    const [note] = await notes.present([row], viewer, viewerLocale(request));
    return note!;
  });

  defineHandler(
    registry,
    routes.updateNote,
    async ({ viewer, params, body, request }) => {
      const row = await notes.updateNote(viewer, params.id, body);
      const [note] = await notes.present([row], viewer, viewerLocale(request));
      return note!;
    },
    { rateLimit: { max: 60, timeWindow: 10 * MINUTE } },
  );

  defineHandler(registry, routes.deleteNote, async ({ viewer, params }) => {
    await notes.deleteNote(viewer, params.id);
    return undefined;
  });
}
