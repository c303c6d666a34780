import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { RiskService } from './risk.service.js';

export function registerRiskRoutes(registry: RouteRegistry, deps: { risk: RiskService }): void {
  defineHandler(registry, routes.staffRiskEvents, ({ viewer, params, query }) =>
    deps.risk.listEvents(viewer, params.handle, { cursor: query.cursor, limit: query.limit ?? 20 }),
  );
}
