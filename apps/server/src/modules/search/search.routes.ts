import { type NotePage, routes } from '@atrium/contracts';
import type { Reader } from '../../http/request-context.js';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { SerializedJson } from '../../http/serialized.js';
import { toProfile } from '../accounts/accounts.view.js';
import { toTopic } from '../topics/topics.service.js';
import type { SearchService } from './search.service.js';

export interface SearchRouteDeps {
  search: SearchService;
  /**
   * A page of notes by id, in the order given, as the reader may see them (from the notes
   * module, so that search needs nothing else of it).
   */
  notePage(
    ids: string[],
    reader: Reader,
    nextCursor: string | null,
  ): Promise<SerializedJson<NotePage>>;
}

const MINUTE = 60_000;
const DEFAULT_LIMIT = 20;

export function registerSearchRoutes(registry: RouteRegistry, deps: SearchRouteDeps): void {
  const { search } = deps;
  defineHandler(
    registry,
    routes.search,
    async ({ context, query }) => {
      const page = {
        q: query.q,
        cursor: query.cursor ?? null,
        limit: query.limit ?? DEFAULT_LIMIT,
      };
      const { locale } = context;
      switch (query.type ?? 'notes') {
        case 'notes': {
          const found = await search.searchNotes({ ...page, context: context.visibility });
          return deps.notePage(found.ids, context, found.nextCursor);
        }
        case 'users': {
          const found = await search.searchUsers(page);
          return {
            items: found.rows.map((row) => toProfile(row, locale)),
            nextCursor: found.nextCursor,
          };
        }
        case 'topics': {
          const found = await search.searchTopics({
            ...page,
            region: context.visibility.region,
          });
          return { items: found.rows.map(toTopic), nextCursor: found.nextCursor };
        }
      }
    },
    // generous: search is read-only, but each query ranks every match
    { rateLimit: { max: 120, timeWindow: MINUTE } },
  );
}
