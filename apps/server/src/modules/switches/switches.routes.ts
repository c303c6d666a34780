import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { SwitchesService } from './switches.service.js';

export function registerSwitchRoutes(
  registry: RouteRegistry,
  deps: { switches: SwitchesService },
): void {
  defineHandler(registry, routes.platformStatus, async ({ reply }) => {
    // every page load asks: shared caches may keep it briefly, a flip shows within seconds
    reply.header('cache-control', 'public, max-age=5');
    return deps.switches.status();
  });
  defineHandler(registry, routes.staffSwitches, ({ viewer }) =>
    deps.switches.list({ kind: 'staff', accountId: viewer.accountId }),
  );
  defineHandler(registry, routes.staffSetSwitch, ({ viewer, params, body }) =>
    deps.switches.set({ kind: 'staff', accountId: viewer.accountId }, params.name, body),
  );
}
