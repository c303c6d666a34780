import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import type {
  AddStaffBody,
  AuditQuery,
  ListQuery,
  StaffMe,
  StaffMember,
  StaffPermission,
  UpdateStaffBody,
} from '@atrium/contracts';
import { type Db, inTransaction } from '../../db/database.js';
import { DomainError } from '../../http/errors.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { type Invalidations, noInvalidations, sharedDrop } from '../../lib/invalidations.js';
import type { AccountDirectory } from './account-directory.js';
import { type AuditEntry, listAudit, recordAudit, verifyAuditChain } from './audit.js';
import { staffError } from './staff.errors.js';
import {
  type ContentPlace,
  canActOn,
  canDropAdmin,
  canUse,
  type Denial,
  permissionsOf,
  type StaffScope,
} from './staff.policy.js';
import * as store from './staff.store.js';
import {
  checkRole,
  normalizeLanguages,
  normalizeRegions,
  StaffCache,
  toMember,
  toScope,
} from './staff-members.js';

/** Who changes staff: a staff member through the API, an operator at the CLI, or the server. */
/** The handle of the administrator a server creates on its first start. */
export const FIRST_ADMIN_HANDLE = 'admin';

export type FirstAdminOutcome =
  | { kind: 'created'; handle: string; password: string }
  | { kind: 'exists' }
  | { kind: 'handle_taken'; handle: string };

export type StaffActor =
  | { kind: 'staff'; accountId: string }
  | { kind: 'cli' }
  | { kind: 'system' };

export interface StaffDeps {
  db: Db;
  /** The accounts staff looks up (the accounts module implements it). */
  accounts: AccountDirectory;
  /** Tells other nodes whose role changed, so a revoked role ends everywhere at once. */
  invalidations?: Invalidations;
}

/** The audit record's actor fields. A CLI record keeps the operating-system user who ran it. */
function auditActor(actor: StaffActor): Pick<AuditEntry, 'actorId' | 'actorKind'> & {
  operator?: string;
} {
  switch (actor.kind) {
    case 'staff':
      return { actorId: actor.accountId, actorKind: 'staff' };
    case 'cli':
      return { actorId: null, actorKind: 'cli', operator: osUser() };
    case 'system':
      return { actorId: null, actorKind: 'system' };
  }
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function throwDenial(denial: Denial): void {
  if (denial) throw staffError(denial.code, denial.reason);
}

export function createStaffService(deps: StaffDeps) {
  const { db, accounts } = deps;
  const cache = new StaffCache();
  const forgetMember = sharedDrop(deps.invalidations ?? noInvalidations, 'staff', (accountId) =>
    cache.forget(accountId),
  );

  /** The staff role and scope of an account, or null; cached for a few seconds. */
  async function getMember(accountId: string): Promise<StaffScope | null> {
    const cached = cache.get(accountId);
    if (cached) return cached.member;
    const row = await store.findMember(db, accountId);
    const member = row ? toScope(row) : null;
    cache.set(accountId, member);
    return member;
  }

  /** The caller as a staff member holding `permission`; FORBIDDEN (403) otherwise. */
  async function requirePermission(
    viewer: { accountId: string },
    permission: StaffPermission,
  ): Promise<StaffScope> {
    const member = await getMember(viewer.accountId);
    throwDenial(canUse(member, permission));
    return member!;
  }

  /** As `require`, and the content must be within the member's languages and regions. */
  async function requireFor(
    viewer: { accountId: string },
    permission: StaffPermission,
    content: ContentPlace,
  ): Promise<StaffScope> {
    const member = await getMember(viewer.accountId);
    throwDenial(canActOn(member, permission, content));
    return member!;
  }

  /** Staff actors need `staff.manage`; the CLI and the server act with the operator's authority. */
  async function authorize(actor: StaffActor): Promise<void> {
    if (actor.kind === 'staff') await requirePermission(actor, 'staff.manage');
  }

  async function me(viewer: { accountId: string }): Promise<StaffMe> {
    const member = await getMember(viewer.accountId);
    const account = member ? await accounts.findById(viewer.accountId) : undefined;
    if (!member || !account) throw staffError('FORBIDDEN', 'not a staff member');
    return {
      accountId: member.accountId,
      handle: account.handle,
      role: member.role,
      permissions: [...permissionsOf(member.role)],
      languages: [...member.languages],
      regions: [...member.regions],
    };
  }

  async function accountIdOf(handle: string): Promise<string> {
    const account = await accounts.findByHandle(handle.trim().toLowerCase());
    if (!account) throw staffError('NOT_FOUND', 'No account with this handle');
    return account.id;
  }

  async function memberView(accountId: string): Promise<StaffMember> {
    const row = await store.findMemberView(db, accountId);
    if (!row) throw staffError('STAFF_MEMBER_NOT_FOUND');
    return toMember(row);
  }

  function audit(actor: StaffActor, action: string, accountId: string, data: object): AuditEntry {
    const { operator, ...who } = auditActor(actor);
    return {
      ...who,
      action,
      targetType: 'account',
      targetId: accountId,
      data: { ...data, ...(operator ? { operator } : {}) },
    };
  }

  /** Makes an account staff; STAFF_MEMBER_EXISTS when it is already. Audited. */
  async function addMember(actor: StaffActor, input: AddStaffBody): Promise<StaffMember> {
    await authorize(actor);
    const values = {
      role: checkRole(input.role),
      languages: normalizeLanguages(input.languages),
      regions: normalizeRegions(input.regions),
    };
    const accountId = await accountIdOf(input.handle);
    if (!(await accounts.mayHoldStaffRole(accountId))) throw staffError('STAFF_PASSWORD_TOO_SHORT');
    await inTransaction(db, async (tx) => {
      const row = await store
        .insertMember(tx, accountId, values, actor.kind === 'staff' ? actor.accountId : null)
        .catch(mapMissingAccount);
      if (!row) throw staffError('STAFF_MEMBER_EXISTS');
      await recordAudit(
        tx,
        audit(actor, 'staff.add', accountId, {
          handle: input.handle.trim().toLowerCase(),
          ...values,
        }),
      );
    });
    forgetMember(accountId);
    return memberView(accountId);
  }

  /** Changes role or scope; demoting the last admin is LAST_ADMIN. Audited with the old values. */
  async function updateMember(
    actor: StaffActor,
    handle: string,
    changes: UpdateStaffBody,
  ): Promise<StaffMember> {
    await authorize(actor);
    const accountId = await accountIdOf(handle);
    await inTransaction(db, async (tx) => {
      const adminCount = await store.lockAdmins(tx);
      const current = await store.lockMember(tx, accountId);
      if (!current) throw staffError('STAFF_MEMBER_NOT_FOUND');
      const values = {
        role: changes.role !== undefined ? checkRole(changes.role) : current.role,
        languages:
          changes.languages !== undefined
            ? normalizeLanguages(changes.languages)
            : current.languages,
        regions:
          changes.regions !== undefined ? normalizeRegions(changes.regions) : current.regions,
      };
      if (values.role !== 'admin') throwDenial(canDropAdmin(current, adminCount));
      await store.updateMember(tx, accountId, values);
      await recordAudit(
        tx,
        audit(actor, 'staff.update', accountId, {
          handle: handle.trim().toLowerCase(),
          ...values,
          previous: {
            role: current.role,
            languages: current.languages,
            regions: current.regions,
          },
        }),
      );
    });
    forgetMember(accountId);
    return memberView(accountId);
  }

  /** Takes the staff role away (the account stays); the last admin is LAST_ADMIN. Audited. */
  async function removeMember(actor: StaffActor, handle: string): Promise<void> {
    await authorize(actor);
    const accountId = await accountIdOf(handle);
    await inTransaction(db, async (tx) => {
      const adminCount = await store.lockAdmins(tx);
      const current = await store.lockMember(tx, accountId);
      if (!current) throw staffError('STAFF_MEMBER_NOT_FOUND');
      throwDenial(canDropAdmin(current, adminCount));
      await store.deleteMember(tx, accountId);
      await recordAudit(
        tx,
        audit(actor, 'staff.remove', accountId, {
          handle: handle.trim().toLowerCase(),
          previous: {
            role: current.role,
            languages: current.languages,
            regions: current.regions,
          },
        }),
      );
    });
    forgetMember(accountId);
  }

  /** Creates or updates (the CLI's `staff add`): scope lists given replace the current ones. */
  async function upsertMember(
    actor: StaffActor,
    input: AddStaffBody,
  ): Promise<{ member: StaffMember; created: boolean }> {
    await authorize(actor);
    checkRole(input.role);
    const accountId = await accountIdOf(input.handle);
    if (await store.findMember(db, accountId)) {
      return { member: await updateMember(actor, input.handle, input), created: false };
    }
    try {
      return { member: await addMember(actor, input), created: true };
    } catch (error) {
      // added in between by someone else: change it instead
      if (error instanceof DomainError && error.code === 'STAFF_MEMBER_EXISTS') {
        return { member: await updateMember(actor, input.handle, input), created: false };
      }
      throw error;
    }
  }

  async function listMembers(
    actor: StaffActor,
    query: ListQuery = {},
  ): Promise<{ items: StaffMember[]; nextCursor: string | null }> {
    await authorize(actor);
    const limit = query.limit ?? 20;
    const cursor = decodeCursor(
      query.cursor,
      (value): value is { after: string } => typeof value.after === 'string',
    );
    const rows = await store.listMembers(db, cursor?.after ?? null, limit + 1);
    const page = rows.slice(0, limit);
    return {
      items: page.map(toMember),
      nextCursor: rows.length > limit ? encodeCursor({ after: page.at(-1)!.handle }) : null,
    };
  }

  /**
   * First start: when no admin exists, creates the account `admin` with a random password and
   * makes it admin, audited as the system; the outcome carries the one-time password for the
   * operator to read once. When `admin` is taken (by an account that is not an admin) nothing
   * is created: the server never mints a numbered look-alike (`admin2`), the operator names
   * the next admin (`atrium staff add <handle> --role admin`). Safe when several nodes start at
   * once (an advisory lock, then a second look).
   */
  async function ensureFirstAdmin(): Promise<FirstAdminOutcome> {
    if (await store.adminExists(db)) return { kind: 'exists' };
    // 144 random bits, URL-safe: easy to copy from a terminal
    const password = randomBytes(18).toString('base64url');
    const created = await inTransaction(db, async (tx) => {
      await store.lockFirstAdmin(tx);
      if (await store.adminExists(tx)) return 'exists' as const;
      const account = await accounts.createOperatorAccount(tx, {
        handle: FIRST_ADMIN_HANDLE,
        password,
        displayName: 'Administrator',
      });
      if (!account) return 'handle_taken' as const;
      const values = { role: 'admin' as const, languages: [], regions: [] };
      await store.insertMember(tx, account.id, values, null);
      await recordAudit(
        tx,
        audit({ kind: 'system' }, 'staff.add', account.id, {
          handle: account.handle,
          ...values,
          firstAdmin: true,
        }),
      );
      return account;
    });
    if (created === 'exists') return { kind: 'exists' };
    if (created === 'handle_taken') return { kind: 'handle_taken', handle: FIRST_ADMIN_HANDLE };
    forgetMember(created.id);
    return { kind: 'created', handle: created.handle, password };
  }

  /** The audit log, newest first (`audit.read`). */
  async function auditLog(actor: StaffActor, query: AuditQuery) {
    if (actor.kind === 'staff') await requirePermission(actor, 'audit.read');
    return listAudit(db, query);
  }

  /** Checks the whole chain (`audit.read`). */
  async function verifyAudit(actor: StaffActor) {
    if (actor.kind === 'staff') await requirePermission(actor, 'audit.read');
    return verifyAuditChain(db);
  }

  return {
    getMember,
    require: requirePermission,
    requirePermission,
    requireFor,
    me,
    listMembers,
    addMember,
    updateMember,
    removeMember,
    upsertMember,
    ensureFirstAdmin,
    auditLog,
    verifyAudit,
    /** Drops a cached member (after a change made outside this service). */
    forget: (accountId: string) => forgetMember(accountId),
  };
}

/** The account disappeared between the lookup and the insert. */
function mapMissingAccount(error: unknown): never {
  if ((error as { code?: string } | null)?.code === '23503') {
    throw staffError('NOT_FOUND', 'No account with this handle');
  }
  throw error;
}

export type StaffService = ReturnType<typeof createStaffService>;
