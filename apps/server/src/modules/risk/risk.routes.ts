import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { RiskService } from './risk.service.js';
import type { RiskConsole } from './risk-console.service.js';
import type { TrustGuard } from './trust-guard.js';

export function registerRiskRoutes(
  registry: RouteRegistry,
  deps: { risk: RiskService; trust: Pick<TrustGuard, 'trustOf'>; console: RiskConsole },
): void {
  defineHandler(registry, routes.myTrust, ({ viewer }) => deps.trust.trustOf(viewer.accountId));
  defineHandler(registry, routes.staffRiskEvents, ({ viewer, params, query }) =>
    deps.risk.listEvents(viewer, params.handle, { cursor: query.cursor, limit: query.limit ?? 20 }),
  );
  defineHandler(registry, routes.staffRiskOverview, ({ viewer, query }) =>
    deps.console.overview(viewer, query.minutes ?? 60),
  );
  defineHandler(registry, routes.staffSurgeState, ({ viewer }) => deps.console.surgeState(viewer));
  defineHandler(registry, routes.staffSurgeMode, ({ viewer, body }) =>
    deps.console.setMode(viewer, body.mode),
  );
  defineHandler(registry, routes.staffPauseCountry, ({ viewer, params }) =>
    deps.console.setPaused(viewer, params.country, true),
  );
  defineHandler(registry, routes.staffResumeCountry, ({ viewer, params }) =>
    deps.console.setPaused(viewer, params.country, false),
  );
}
