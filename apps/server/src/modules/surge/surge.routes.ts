import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { Viewer } from '../../http/viewer.js';
import type { StaffActor } from '../staff/staff.service.js';
import type { SurgeService } from './surge.service.js';

const MINUTE = 60_000;

const asStaff = (viewer: Viewer): StaffActor => ({ kind: 'staff', accountId: viewer.accountId });

export function registerSurgeRoutes(registry: RouteRegistry, deps: { surge: SurgeService }): void {
  const { surge } = deps;

  defineHandler(
    registry,
    routes.surgeSettle,
    ({ viewer }) => surge.settle(asStaff(viewer)),
    // every detection job over the whole database
    { rateLimit: { max: 6, timeWindow: MINUTE } },
  );

  defineHandler(registry, routes.surgeAccounts, ({ viewer, body }) =>
    surge.accounts(asStaff(viewer), body.ids),
  );
}
