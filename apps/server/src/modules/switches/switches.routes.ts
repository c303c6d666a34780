import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { SwitchesService } from './switches.service.js';

export function registerSwitchRoutes(
  registry: RouteRegistry,
  deps: { switches: SwitchesService },
): void {
  // Not cacheable (the API's default `no-store`): a browser that kept it even for seconds would
  // answer the console's own refetch after a flip from its cache, and the banner would wait for
  // the next poll. The answer comes from memory, so asking is cheap.
  defineHandler(registry, routes.platformStatus, async () => deps.switches.status());
  defineHandler(registry, routes.staffSwitches, ({ viewer }) =>
    deps.switches.list({ kind: 'staff', accountId: viewer.accountId }),
  );
  defineHandler(registry, routes.staffSetSwitch, ({ viewer, params, body }) =>
    deps.switches.set({ kind: 'staff', accountId: viewer.accountId }, params.name, body),
  );
}
