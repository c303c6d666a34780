import { routes } from '@atrium/contracts';
import { clientInfo, viewerLocale, visibilityOf } from '../../http/client.js';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import { decodeIdCursor, idCursor } from '../../lib/cursor.js';
import type { IpLocator } from '../geo/ip-location.js';
import { presentComments, presentReplies } from './comments.view.js';
import type { SocialService } from './social.service.js';

const MINUTE = 60_000;

export function registerEngagementRoutes(
  registry: RouteRegistry,
  deps: { social: SocialService; locator: IpLocator },
): void {
  const { social, locator } = deps;
  const db = registry.db;
  const engagementLimit = { rateLimit: { max: 300, timeWindow: 10 * MINUTE } };

  const toggles = [
    [routes.likeNote, 'likes', true],
    [routes.unlikeNote, 'likes', false],
    [routes.collectNote, 'collects', true],
    [routes.uncollectNote, 'collects', false],
  ] as const;
  for (const [route, kind, on] of toggles) {
    defineHandler(
      registry,
      route,
      async ({ viewer, params, request }) => {
        await social.setEngagement(kind, on, viewer, params.id, visibilityOf(request, locator));
        return undefined;
      },
      engagementLimit,
    );
  }

  defineHandler(registry, routes.listComments, async ({ params, query, request }) => {
    const limit = query.limit ?? 20;
    const { rows, replies } = await social.listComments(
      params.id,
      visibilityOf(request, locator),
      decodeIdCursor(query.cursor),
      limit,
    );
    return {
      items: await presentComments(db, rows, replies, viewerLocale(request)),
      nextCursor: idCursor(rows, limit),
    };
  });

  defineHandler(
    registry,
    routes.createComment,
    async ({ viewer, params, body, request }) => {
      const row = await social.comment(
        viewer,
        params.id,
        body,
        clientInfo(request, locator),
        visibilityOf(request, locator),
      );
      const [reply] = await presentReplies(db, [row], viewerLocale(request));
      return reply!;
    },
    { rateLimit: { max: 60, timeWindow: 10 * MINUTE } },
  );

  defineHandler(registry, routes.listReplies, async ({ params, query, request }) => {
    const limit = query.limit ?? 20;
    const rows = await social.listReplies(
      params.id,
      visibilityOf(request, locator),
      decodeIdCursor(query.cursor),
      limit,
    );
    return {
      items: await presentReplies(db, rows, viewerLocale(request)),
      nextCursor: idCursor(rows, limit),
    };
  });

  defineHandler(registry, routes.deleteComment, async ({ viewer, params }) => {
    await social.deleteComment(viewer, params.id);
    return undefined;
  });
}
