import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { Viewer } from '../../http/viewer.js';
import type { StaffActor } from '../staff/staff.service.js';
import type { PolicyService } from './policy.service.js';

const MINUTE = 60_000;

const asStaff = (viewer: Viewer): StaffActor => ({ kind: 'staff', accountId: viewer.accountId });

export function registerPolicyRoutes(
  registry: RouteRegistry,
  deps: { policies: PolicyService },
): void {
  const { policies } = deps;

  defineHandler(registry, routes.getPolicy, ({ viewer }) => policies.active(asStaff(viewer)));

  defineHandler(registry, routes.listPolicyVersions, ({ viewer, query }) =>
    policies.history(asStaff(viewer), query),
  );

  defineHandler(
    registry,
    routes.publishPolicy,
    ({ viewer, body }) => policies.publish(asStaff(viewer), body),
    { rateLimit: { max: 10, timeWindow: MINUTE }, bodyLimit: 1024 * 1024 },
  );

  defineHandler(
    registry,
    routes.previewPolicy,
    ({ viewer, body }) => policies.preview(asStaff(viewer), body),
    // scans up to 5,000 notes twice
    { rateLimit: { max: 10, timeWindow: MINUTE } },
  );
}
