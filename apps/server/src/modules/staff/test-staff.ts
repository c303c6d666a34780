import type { AddStaffBody, StaffRole } from '@atrium/contracts';
import { buildTestApp, IPS, signedIn, type TestApp } from '../../../test/helper.js';

// Test helpers for staff: apps where many accounts sign up, and accounts made staff.

/** A test app without rate limits: staff tests sign up many accounts from one address. */
export function buildStaffTestApp(): Promise<TestApp> {
  return buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1' });
}

/** Signs up `handle` and makes it staff (as the CLI would). */
export async function signedInStaff(
  test: TestApp,
  handle: string,
  role: StaffRole,
  scope: Pick<AddStaffBody, 'languages' | 'regions'> = {},
  ip: string = IPS.US,
) {
  const user = await signedIn(test, handle, ip);
  await test.staff.service.addMember({ kind: 'cli' }, { handle, role, ...scope });
  return user;
}

/** The audit records of one action, oldest first, straight from the database. */
export function auditRows(test: TestApp, action: string) {
  return test.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
}
