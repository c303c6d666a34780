import type { FastifyInstance } from 'fastify';
import type { AccountDirectory } from './account-directory.js';
import { staffError } from './staff.errors.js';
import type { StaffService } from './staff.service.js';

/** Every staff power is behind this prefix (the staff console's API). */
export const STAFF_ROUTE_PREFIX = '/api/staff/';

/**
 * Staff powers need a second factor (docs/security.md, "Second factor"), when the operator
 * requires it (`ATRIUM_STAFF_2FA`, required by default in production): a staff member whose
 * account has no TOTP is refused every staff route with 403 SECOND_FACTOR_REQUIRED_FOR_STAFF —
 * a stable code the console turns into "turn on two-factor authentication". Accounts that are
 * not staff are not affected (they get the route's own 403). Runs after authentication.
 */
export function registerStaffSecondFactorGuard(
  app: FastifyInstance,
  required: boolean,
  ready: () => {
    staff: Pick<StaffService, 'getMember'>;
    accounts: Pick<AccountDirectory, 'hasSecondFactor'>;
  } | null,
): void {
  if (!required) return;
  app.addHook('preHandler', async (request) => {
    const viewer = request.viewer;
    if (!viewer || !request.routeOptions.url?.startsWith(STAFF_ROUTE_PREFIX)) return;
    const deps = ready();
    if (!deps) return;
    if (!(await deps.staff.getMember(viewer.accountId))) return;
    if (await deps.accounts.hasSecondFactor(viewer.accountId)) return;
    throw staffError('SECOND_FACTOR_REQUIRED_FOR_STAFF');
  });
}

/** Whether an account may use staff powers outside the staff routes (e.g. reviewing images). */
export async function mayUseStaffPowers(
  deps: { required: boolean; accounts: Pick<AccountDirectory, 'hasSecondFactor'> },
  accountId: string,
): Promise<boolean> {
  return !deps.required || deps.accounts.hasSecondFactor(accountId);
}
