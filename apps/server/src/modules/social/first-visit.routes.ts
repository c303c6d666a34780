import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { FirstVisitService } from './first-visit.service.js';

const MINUTE = 60_000;
const DEFAULT_LIMIT = 20;

export function registerFirstVisitRoutes(registry: RouteRegistry, firstVisit: FirstVisitService) {
  defineHandler(registry, routes.myOnboarding, ({ viewer }) => firstVisit.onboarding(viewer));

  defineHandler(
    registry,
    routes.completeOnboarding,
    ({ viewer, body }) => firstVisit.complete(viewer, body),
    { rateLimit: { max: 30, timeWindow: 10 * MINUTE } },
  );

  defineHandler(
    registry,
    routes.followSuggestions,
    async ({ context, query }) => ({
      items: await firstVisit.suggestions(context.viewer, context.locale, query.limit ?? 12),
    }),
    { rateLimit: { max: 120, timeWindow: 10 * MINUTE } },
  );

  defineHandler(registry, routes.userFollowers, ({ context, params, query }) =>
    firstVisit.followList(params.handle, 'followers', context, {
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_LIMIT,
    }),
  );

  defineHandler(registry, routes.userFollowing, ({ context, params, query }) =>
    firstVisit.followList(params.handle, 'following', context, {
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_LIMIT,
    }),
  );
}
