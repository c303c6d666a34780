import { routes } from '@atrium/contracts';
import { viewerLocale, visibilityOf } from '../../http/client.js';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { Viewer } from '../../http/viewer.js';
import { toProfile } from '../accounts/accounts.view.js';
import type { IpLocator } from '../geo/ip-location.js';
import type { VisibilityContext } from '../notes/note-visibility.js';
import { type NoteFragments, notePage } from '../notes/notes.view.js';
import { toTopic } from '../topics/topics.service.js';
import type { SearchService } from './search.service.js';

export interface SearchRouteDeps {
  search: SearchService;
  locator: IpLocator;
  /** Notes by id, in the order given, as the viewer may see them (from the notes module). */
  presentNotes(
    ids: string[],
    viewer: Viewer | null,
    locale: string,
    context: VisibilityContext,
  ): Promise<NoteFragments>;
}

const MINUTE = 60_000;
const DEFAULT_LIMIT = 20;

export function registerSearchRoutes(registry: RouteRegistry, deps: SearchRouteDeps): void {
  const { search } = deps;
  defineHandler(
    registry,
    routes.search,
    async ({ query, viewer, request }) => {
      const page = {
        q: query.q,
        cursor: query.cursor ?? null,
        limit: query.limit ?? DEFAULT_LIMIT,
      };
      const locale = viewerLocale(request);
      switch (query.type ?? 'notes') {
        case 'notes': {
          const context = visibilityOf(request, deps.locator);
          const found = await search.searchNotes({ ...page, context });
          return notePage(
            await deps.presentNotes(found.ids, viewer, locale, context),
            found.nextCursor,
          );
        }
        case 'users': {
          const found = await search.searchUsers(page);
          return {
            items: found.rows.map((row) => toProfile(row, locale)),
            nextCursor: found.nextCursor,
          };
        }
        case 'topics': {
          const found = await search.searchTopics(page);
          return { items: found.rows.map(toTopic), nextCursor: found.nextCursor };
        }
      }
    },
    // generous: search is read-only, but each query ranks every match
    { rateLimit: { max: 120, timeWindow: MINUTE } },
  );
}
