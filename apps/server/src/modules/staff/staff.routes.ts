import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { Viewer } from '../../http/viewer.js';
import type { PersonalDataAccess } from './personal-data-access.js';
import type { StaffActor, StaffService } from './staff.service.js';

const MINUTE = 60_000;

const asStaff = (viewer: Viewer): StaffActor => ({ kind: 'staff', accountId: viewer.accountId });

export function registerStaffRoutes(
  registry: RouteRegistry,
  deps: { staff: StaffService; personalData: PersonalDataAccess },
): void {
  const { staff, personalData } = deps;
  const writes = { rateLimit: { max: 60, timeWindow: MINUTE } };

  defineHandler(registry, routes.staffMe, ({ viewer }) => staff.me(viewer));

  defineHandler(registry, routes.listStaff, ({ viewer, query }) =>
    staff.listMembers(asStaff(viewer), query),
  );

  defineHandler(
    registry,
    routes.addStaff,
    ({ viewer, body }) => staff.addMember(asStaff(viewer), body),
    writes,
  );

  defineHandler(
    registry,
    routes.updateStaff,
    ({ viewer, params, body }) => staff.updateMember(asStaff(viewer), params.handle, body),
    writes,
  );

  defineHandler(
    registry,
    routes.removeStaff,
    async ({ viewer, params }) => {
      await staff.removeMember(asStaff(viewer), params.handle);
      return undefined;
    },
    writes,
  );

  defineHandler(registry, routes.listAudit, ({ viewer, query }) =>
    staff.auditLog(asStaff(viewer), query),
  );

  defineHandler(
    registry,
    routes.verifyAudit,
    ({ viewer }) => staff.verifyAudit(asStaff(viewer)),
    // reads the whole log
    { rateLimit: { max: 6, timeWindow: MINUTE } },
  );

  defineHandler(registry, routes.getPersonalData, ({ viewer, params }) =>
    personalData.get(viewer, params.handle),
  );

  defineHandler(
    registry,
    routes.revealPersonalData,
    ({ viewer, params, body }) => personalData.reveal(viewer, params.handle, body),
    // each one is an audit record and an entry in someone's access log
    { rateLimit: { max: 20, timeWindow: MINUTE } },
  );

  defineHandler(registry, routes.listAccessLog, ({ viewer, query }) =>
    personalData.accessLog(viewer, query),
  );
}
