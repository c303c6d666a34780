import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../../http/route.js';
import type { FarmService } from './farm.service.js';

export function registerFarmRoutes(registry: RouteRegistry, deps: { farm: FarmService }): void {
  const { farm } = deps;
  defineHandler(registry, routes.staffFarmClusters, ({ viewer, query }) =>
    farm.list(viewer, { cursor: query.cursor, limit: query.limit ?? 20 }),
  );
  defineHandler(registry, routes.staffFarmCluster, ({ viewer, params }) =>
    farm.get(viewer, params.id),
  );
  defineHandler(registry, routes.staffFarmClusterAction, ({ viewer, params, body }) =>
    farm.act(viewer, params.id, body),
  );
}
