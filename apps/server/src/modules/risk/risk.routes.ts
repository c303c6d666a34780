import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { RiskService } from './risk.service.js';
import type { TrustGuard } from './trust-guard.js';

export function registerRiskRoutes(
  registry: RouteRegistry,
  deps: { risk: RiskService; trust: Pick<TrustGuard, 'trustOf'> },
): void {
  defineHandler(registry, routes.myTrust, ({ viewer }) => deps.trust.trustOf(viewer.accountId));
  defineHandler(registry, routes.staffRiskEvents, ({ viewer, params, query }) =>
    deps.risk.listEvents(viewer, params.handle, { cursor: query.cursor, limit: query.limit ?? 20 }),
  );
}
