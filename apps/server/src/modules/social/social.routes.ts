import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { toAuthorSummary } from '../accounts/author-summaries.js';
import type { SocialService } from './social.service.js';

const MINUTE = 60_000;

export function registerSocialRoutes(registry: RouteRegistry, social: SocialService): void {
  defineHandler(
    registry,
    routes.follow,
    async ({ viewer, params }) => {
      await social.follow(viewer, params.handle);
      return undefined;
    },
    { rateLimit: { max: 120, timeWindow: 10 * MINUTE } },
  );

  defineHandler(
    registry,
    routes.unfollow,
    async ({ viewer, params }) => {
      await social.unfollow(viewer, params.handle);
      return undefined;
    },
    { rateLimit: { max: 120, timeWindow: 10 * MINUTE } },
  );

  defineHandler(
    registry,
    routes.block,
    async ({ viewer, params }) => {
      await social.block(viewer, params.handle);
      return undefined;
    },
    { rateLimit: { max: 120, timeWindow: 10 * MINUTE } },
  );

  defineHandler(registry, routes.unblock, async ({ viewer, params }) => {
    await social.unblock(viewer, params.handle);
    return undefined;
  });

  defineHandler(registry, routes.myBlocks, async ({ viewer, query }) => {
    const limit = query.limit ?? 20;
    const before = decodeCursor(
      query.cursor,
      (value): value is { at: string; id: string } =>
        typeof value.at === 'string' &&
        !Number.isNaN(Date.parse(value.at)) &&
        typeof value.id === 'string' &&
        /^[0-9a-f-]{36}$/.test(value.id),
    );
    const rows = await social.blocked(viewer, before, limit);
    const last = rows.at(-1);
    return {
      items: rows.map(toAuthorSummary),
      nextCursor:
        rows.length === limit && last
          ? encodeCursor({ at: last.blocked_at.toISOString(), id: last.id })
          : null,
    };
  });
}
