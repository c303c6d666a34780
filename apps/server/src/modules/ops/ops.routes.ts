import { routes } from '@atrium/contracts';
import type { Database } from '../../db/database.js';
import { defineHandler, type RouteRegistry } from '../../http/route.js';

export interface OpsState {
  /** Set when shutdown starts: load balancers stop sending traffic before the drain. */
  draining: boolean;
}

export function registerOpsRoutes(
  registry: RouteRegistry,
  database: Database,
  state: OpsState,
): void {
  defineHandler(registry, routes.health, async () => ({ status: 'ok' }));

  defineHandler(registry, routes.ready, async ({ reply }) => {
    const checks: Record<string, string> = {};
    try {
      await database.ping();
      checks.database = 'ok';
    } catch {
      checks.database = 'unreachable';
    }
    checks.node = state.draining ? 'draining' : 'ok';
    const ready = Object.values(checks).every((value) => value === 'ok');
    if (!ready) reply.code(503);
    return { status: ready ? 'ready' : 'not ready', checks };
  });

  registry.app.get('/api/openapi.json', { schema: { hide: true } }, async () =>
    registry.app.swagger(),
  );
}
