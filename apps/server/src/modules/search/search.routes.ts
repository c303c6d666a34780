import { type Note, type Profile, routes, type Topic } from '@atrium/contracts';
import type { FastifyRequest } from 'fastify';
import type { AccountRow, TopicRow } from '../../db/schema.js';
import { viewerLocale } from '../../http/client.js';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { Viewer } from '../../http/viewer.js';
import { toProfile } from '../accounts/accounts.view.js';
import type { IpLocator } from '../geo/ip-location.js';
import type { VisibilityContext } from '../notes/note-visibility.js';
import type { SearchService } from './search.service.js';

export interface SearchRouteDeps {
  search: SearchService;
  locator: IpLocator;
  /** Notes by id, in the order given, as the viewer may see them (from the notes module). */
  presentNotes(ids: string[], viewer: Viewer | null, locale: string): Promise<Note[]>;
  /** Profiles of found accounts; public profiles by default. */
  presentProfiles?(rows: AccountRow[], locale: string): Profile[];
  /**
   * Who is looking from where. By default the viewer and the country of the client IP; the notes
   * module may pass its own (e.g. with the account's region as fallback).
   */
  visibilityContext?(request: FastifyRequest): VisibilityContext | Promise<VisibilityContext>;
}

const MINUTE = 60_000;
const DEFAULT_LIMIT = 20;

export function toTopic(row: TopicRow): Topic {
  return {
    tag: row.tag,
    display: row.display,
    counts: { notes: row.note_count, views: row.view_count, discussions: row.discussion_count },
  };
}

export function registerSearchRoutes(registry: RouteRegistry, deps: SearchRouteDeps): void {
  const { search } = deps;
  const presentProfiles =
    deps.presentProfiles ??
    ((rows: AccountRow[], locale: string) => rows.map((row) => toProfile(row, locale)));
  const visibilityContext =
    deps.visibilityContext ??
    ((request: FastifyRequest): VisibilityContext => ({
      viewerId: request.viewer?.accountId ?? null,
      region: deps.locator.lookup(request.ip)?.country ?? null,
    }));

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
          const found = await search.searchNotes({
            ...page,
            context: await visibilityContext(request),
          });
          return {
            items: await deps.presentNotes(found.ids, viewer, locale),
            nextCursor: found.nextCursor,
          };
        }
        case 'users': {
          const found = await search.searchUsers(page);
          return { items: presentProfiles(found.rows, locale), nextCursor: found.nextCursor };
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
