import { routes } from '@atrium/contracts';
import { visibilityOf } from '../../http/client.js';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { IpLocator } from '../geo/ip-location.js';
import type { ModerationService } from './moderation.service.js';

const MINUTE = 60_000;

export function registerModerationRoutes(
  registry: RouteRegistry,
  deps: { moderation: ModerationService; locator: IpLocator },
): void {
  const { moderation, locator } = deps;

  defineHandler(
    registry,
    routes.createReport,
    ({ viewer, body, request }) => moderation.report(viewer, body, visibilityOf(request, locator)),
    { rateLimit: { max: 20, timeWindow: 10 * MINUTE } },
  );

  defineHandler(
    registry,
    routes.createAppeal,
    ({ viewer, body }) => moderation.appeal(viewer, body),
    { rateLimit: { max: 10, timeWindow: 60 * MINUTE } },
  );

  defineHandler(registry, routes.myStatements, ({ viewer, query }) =>
    moderation.myStatements(viewer, query.cursor, query.limit ?? 20),
  );

  defineHandler(registry, routes.staffCases, ({ viewer, query }) =>
    moderation.cases(viewer, query),
  );
  defineHandler(registry, routes.staffCaseCounts, ({ viewer, query }) =>
    moderation.counts(viewer, query),
  );
  defineHandler(registry, routes.staffCase, ({ viewer, params }) =>
    moderation.getCase(viewer, params.id),
  );
  defineHandler(registry, routes.claimCase, ({ viewer, params }) =>
    moderation.claim(viewer, params.id),
  );
  defineHandler(registry, routes.releaseCase, ({ viewer, params }) =>
    moderation.release(viewer, params.id),
  );
  defineHandler(registry, routes.decideCase, ({ viewer, params, body }) =>
    moderation.decide(viewer, params.id, body),
  );
}
