import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { ModerationService } from './moderation.service.js';

const MINUTE = 60_000;

export function registerModerationRoutes(
  registry: RouteRegistry,
  deps: { moderation: ModerationService },
): void {
  const { moderation } = deps;

  defineHandler(
    registry,
    routes.createReport,
    ({ context, body }) => moderation.report(context.viewer, body, context.visibility),
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
  defineHandler(registry, routes.staffCase, ({ viewer, params, context }) =>
    moderation.getCase(viewer, params.id, context.locale),
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
  defineHandler(
    registry,
    routes.liftSanction,
    ({ viewer, params, body }) => moderation.liftSanction(viewer, params.handle, body),
    { rateLimit: { max: 60, timeWindow: MINUTE } },
  );

  defineHandler(
    registry,
    routes.reportFalsePositive,
    ({ viewer, params, body }) => moderation.reportFalsePositive(viewer, params.id, body),
    // a preview compiles a matcher and scans up to 5,000 notes
    { rateLimit: { max: 10, timeWindow: MINUTE } },
  );
}
