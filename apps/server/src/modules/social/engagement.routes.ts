import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import { idCursor } from '../../lib/cursor.js';
import { presentComments, presentReplies } from './comments.view.js';
import type { SocialService } from './social.service.js';

const MINUTE = 60_000;

export function registerEngagementRoutes(
  registry: RouteRegistry,
  deps: { social: SocialService },
): void {
  const { social } = deps;
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
      async ({ context, params }) => {
        await social.setEngagement(kind, on, context, params.id);
        return undefined;
      },
      engagementLimit,
    );
  }

  defineHandler(registry, routes.listComments, async ({ context, params, query }) => {
    const limit = query.limit ?? 20;
    const { rows, replies } = await social.listComments(params.id, context, {
      cursor: query.cursor,
      limit,
    });
    return {
      items: await presentComments(db, rows, replies, context.locale, context.visibility.viewerId),
      nextCursor: idCursor(rows, limit),
    };
  });

  defineHandler(
    registry,
    routes.createComment,
    async ({ context, params, body }) => {
      const row = await social.comment(context, params.id, body);
      const [reply] = await presentReplies(db, [row], context.locale, context.visibility.viewerId);
      return reply!;
    },
    { rateLimit: { max: 60, timeWindow: 10 * MINUTE } },
  );

  defineHandler(registry, routes.listReplies, async ({ context, params, query }) => {
    const limit = query.limit ?? 20;
    const rows = await social.listReplies(params.id, context, { cursor: query.cursor, limit });
    return {
      items: await presentReplies(db, rows, context.locale, context.visibility.viewerId),
      nextCursor: idCursor(rows, limit),
    };
  });

  const commentLikes = [
    [routes.likeComment, true],
    [routes.unlikeComment, false],
  ] as const;
  for (const [route, on] of commentLikes) {
    defineHandler(
      registry,
      route,
      async ({ context, params }) => {
        await social.setCommentLike(on, context, params.id);
        return undefined;
      },
      engagementLimit,
    );
  }

  defineHandler(registry, routes.deleteComment, async ({ viewer, params }) => {
    await social.deleteComment(viewer, params.id);
    return undefined;
  });
}
