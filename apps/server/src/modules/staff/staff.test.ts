import { loadDefaultPolicy } from '@atrium/safety';
import { AtriumError, type StaffPermission, type StaffRole, staffRoutes } from '@atrium/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows, buildStaffTestApp, signedInStaff } from '../../../test/fixtures/staff.js';
import { signedIn, type TestApp } from '../../../test/helper.js';
import { ROLE_PERMISSIONS } from './staff.policy.js';

let test: TestApp;
beforeEach(async () => {
  test = await buildStaffTestApp();
});
afterEach(async () => {
  await test.close();
});

async function failure(promise: Promise<unknown>): Promise<AtriumError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AtriumError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

function staffRow(accountId: string) {
  return test.database.db
    .selectFrom('staff_members')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** The permission each staff route needs (null: any staff member). */
const ROUTE_PERMISSION: Record<keyof typeof staffRoutes, StaffPermission | null> = {
  staffMe: null,
  listStaff: 'staff.manage',
  addStaff: 'staff.manage',
  updateStaff: 'staff.manage',
  removeStaff: 'staff.manage',
  listAudit: 'audit.read',
  verifyAudit: 'audit.read',
  getPersonalData: 'accounts.act',
  revealPersonalData: 'personal_data.reveal',
  getPolicy: 'policy.read',
  listPolicyVersions: 'policy.read',
  publishPolicy: 'policy.write',
  previewPolicy: 'policy.read',
};

/** A valid request for every staff route; `target` is an account the caller may act on. */
function requestFor(name: keyof typeof staffRoutes, target: string, version: string) {
  const policy = loadDefaultPolicy();
  switch (name) {
    case 'addStaff':
      return { payload: { handle: target, role: 'analyst' } };
    case 'updateStaff':
      return { url: `/api/staff/members/${target}`, payload: { regions: ['US'] } };
    case 'removeStaff':
      return { url: `/api/staff/members/${target}` };
    case 'publishPolicy':
      return { payload: { version, document: { ...policy, version } } };
    case 'getPersonalData':
      return { url: `/api/staff/accounts/${target}/personal-data` };
    case 'revealPersonalData':
      return {
        url: `/api/staff/accounts/${target}/personal-data/reveal`,
        payload: { reason: 'Checking a reported impersonation' },
      };
    case 'previewPolicy':
      return { payload: { document: policy } };
    default:
      return {};
  }
}

describe('staff routes', () => {
  it('answer 403 FORBIDDEN to a signed-in account that is not staff, on every route', async () => {
    const user = await signedIn(test, 'plain_user');
    await signedInStaff(test, 'some_mod', 'moderator');
    for (const [name, route] of Object.entries(staffRoutes)) {
      const request = requestFor(name as keyof typeof staffRoutes, 'some_mod', '2030.1.0');
      const response = await test.app.inject({
        method: route.method,
        url: request.url ?? route.path,
        headers: { authorization: `Bearer ${user.token}` },
        ...(request.payload ? { payload: request.payload } : {}),
      });
      expect(response.statusCode, name).toBe(403);
      expect(response.json().code, name).toBe('FORBIDDEN');
    }
    // nothing changed
    expect(await auditRows(test, 'staff.add')).toHaveLength(1);
    expect(await auditRows(test, 'policy.publish')).toHaveLength(1);
  });

  it.each(['admin', 'moderator', 'analyst'] as const)(
    'follow the permission table for a %s',
    async (role: StaffRole) => {
      const caller = await signedInStaff(test, `${role.slice(0, 3)}_caller`, role);
      for (const [name, route] of Object.entries(staffRoutes)) {
        const key = name as keyof typeof staffRoutes;
        // a fresh target per route: add, update and remove each act on their own account
        const target = `target_${key.toLowerCase()}`;
        await signedIn(test, target);
        if (key !== 'addStaff') {
          await test.staff.service.addMember({ kind: 'cli' }, { handle: target, role: 'analyst' });
        }
        const request = requestFor(key, target, `2030.${key.length}.0`);
        const response = await test.app.inject({
          method: route.method,
          url: request.url ?? route.path,
          headers: { authorization: `Bearer ${caller.token}` },
          ...(request.payload ? { payload: request.payload } : {}),
        });
        const permission = ROUTE_PERMISSION[key];
        const allowed = permission === null || ROLE_PERMISSIONS[role].includes(permission);
        if (allowed) {
          expect(response.statusCode, `${role} ${name}: ${response.body}`).toBeLessThan(300);
        } else {
          expect(response.statusCode, `${role} ${name}`).toBe(403);
          expect(response.json().code).toBe('FORBIDDEN');
        }
      }
      // the one write a moderator or analyst attempted left the active policy alone
      const active = await test.database.db
        .selectFrom('policies')
        .select('version')
        .where('active', '=', true)
        .executeTakeFirstOrThrow();
      expect(active.version).toBe(role === 'admin' ? '2030.13.0' : loadDefaultPolicy().version);
    },
  );
});

describe('GET /api/staff/me', () => {
  it("shows the caller's role, permissions and scope", async () => {
    const mod = await signedInStaff(test, 'mod_ana', 'moderator', {
      languages: ['es', 'PT'],
      regions: ['br', 'MX'],
    });
    const me = await mod.client.staff.me();
    expect(me).toEqual({
      accountId: mod.account.id,
      handle: 'mod_ana',
      role: 'moderator',
      permissions: [...ROLE_PERMISSIONS.moderator],
      languages: ['es', 'pt'],
      regions: ['BR', 'MX'],
    });
  });

  it('is 403 for a non-member, and at once after removal', async () => {
    const admin = await signedInStaff(test, 'boss', 'admin');
    const user = await signedIn(test, 'someone');
    expect((await failure(user.client.staff.me())).code).toBe('FORBIDDEN');
    const mod = await signedInStaff(test, 'leaving_mod', 'moderator');
    expect((await mod.client.staff.me()).role).toBe('moderator');
    await admin.client.staff.remove('leaving_mod');
    // the cached membership is dropped by the change, not 10 s later
    const error = await failure(mod.client.staff.me());
    expect([error.status, error.code]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('GET /api/me and staff membership', () => {
  it('says staff for members of every role, not for others, and stops at removal', async () => {
    const admin = await signedInStaff(test, 'boss', 'admin');
    const user = await signedIn(test, 'someone');
    const analyst = await signedInStaff(test, 'numbers_ana', 'analyst');
    expect((await admin.client.me.get()).staff).toBe(true);
    // analysts wear no badge, yet the console is theirs
    expect((await analyst.client.me.get()).staff).toBe(true);
    expect((await user.client.me.get()).staff).toBe(false);
    await admin.client.staff.remove('numbers_ana');
    expect((await analyst.client.me.get()).staff).toBe(false);
  });
});

describe('staff members', () => {
  it('adds a member, audited with the actor, and refuses a second add', async () => {
    const admin = await signedInStaff(test, 'boss', 'admin');
    const lin = await signedIn(test, 'lin_mod');
    const member = await admin.client.staff.add({
      handle: 'Lin_Mod',
      role: 'moderator',
      languages: ['ZH', 'en', 'zh'],
      regions: ['cn', 'US'],
    });
    expect(member).toMatchObject({
      accountId: lin.account.id,
      handle: 'lin_mod',
      role: 'moderator',
      languages: ['en', 'zh'],
      regions: ['CN', 'US'],
      createdBy: { id: admin.account.id, handle: 'boss' },
    });
    expect(await staffRow(lin.account.id)).toMatchObject({
      role: 'moderator',
      languages: ['en', 'zh'],
      regions: ['CN', 'US'],
      created_by: admin.account.id,
    });
    const records = await auditRows(test, 'staff.add');
    expect(records.at(-1)).toMatchObject({
      actor_id: admin.account.id,
      actor_kind: 'staff',
      target_type: 'account',
      target_id: lin.account.id,
      data: {
        handle: 'lin_mod',
        role: 'moderator',
        languages: ['en', 'zh'],
        regions: ['CN', 'US'],
      },
    });

    const again = await failure(admin.client.staff.add({ handle: 'lin_mod', role: 'analyst' }));
    expect([again.status, again.code]).toEqual([409, 'STAFF_MEMBER_EXISTS']);
    expect((await staffRow(lin.account.id))?.role).toBe('moderator');
    expect(await auditRows(test, 'staff.add')).toHaveLength(records.length);
  });

  it('refuses unknown accounts and malformed scopes', async () => {
    const admin = await signedInStaff(test, 'boss', 'admin');
    await signedIn(test, 'real_user');
    const unknown = await failure(admin.client.staff.add({ handle: 'ghost', role: 'analyst' }));
    expect([unknown.status, unknown.code]).toEqual([404, 'NOT_FOUND']);
    const badLanguage = await failure(
      admin.client.staff.add({ handle: 'real_user', role: 'analyst', languages: ['english'] }),
    );
    expect([badLanguage.status, badLanguage.code]).toEqual([400, 'VALIDATION_FAILED']);
    const badRole = await test.app.inject({
      method: 'POST',
      url: '/api/staff/members',
      headers: { authorization: `Bearer ${admin.token}` },
      payload: { handle: 'real_user', role: 'owner' },
    });
    expect(badRole.json().code).toBe('VALIDATION_FAILED');
    expect(
      await test.database.db.selectFrom('staff_members').select('account_id').execute(),
    ).toHaveLength(1);
  });

  it('changes role and scope, auditing the previous values', async () => {
    const admin = await signedInStaff(test, 'boss', 'admin');
    const mod = await signedInStaff(test, 'mod_li', 'moderator', { languages: ['zh'] });
    const updated = await admin.client.staff.update('mod_li', { role: 'analyst', regions: ['tw'] });
    expect(updated).toMatchObject({ role: 'analyst', languages: ['zh'], regions: ['TW'] });
    expect(await staffRow(mod.account.id)).toMatchObject({
      role: 'analyst',
      languages: ['zh'],
      regions: ['TW'],
    });
    const [record] = await auditRows(test, 'staff.update');
    expect(record).toMatchObject({
      actor_id: admin.account.id,
      target_id: mod.account.id,
      data: {
        role: 'analyst',
        regions: ['TW'],
        previous: { role: 'moderator', languages: ['zh'], regions: [] },
      },
    });
    // the new role applies at once
    expect((await mod.client.staff.me()).permissions).toContain('audit.read');

    await signedIn(test, 'not_crew');
    const missing = await failure(admin.client.staff.update('not_crew', { role: 'admin' }));
    expect([missing.status, missing.code]).toEqual([404, 'STAFF_MEMBER_NOT_FOUND']);
  });

  it('removes a member (the account stays), audited', async () => {
    const admin = await signedInStaff(test, 'boss', 'admin');
    const mod = await signedInStaff(test, 'short_lived', 'moderator');
    await admin.client.staff.remove('short_lived');
    expect(await staffRow(mod.account.id)).toBeUndefined();
    expect((await test.client().users.get('short_lived')).handle).toBe('short_lived');
    const [record] = await auditRows(test, 'staff.remove');
    expect(record).toMatchObject({
      actor_id: admin.account.id,
      target_id: mod.account.id,
      data: { previous: { role: 'moderator' } },
    });
    const again = await failure(admin.client.staff.remove('short_lived'));
    expect(again.code).toBe('STAFF_MEMBER_NOT_FOUND');
  });

  it('lists members by handle with a cursor', async () => {
    const admin = await signedInStaff(test, 'boss', 'admin');
    for (const handle of ['zed_mod', 'amy_mod', 'kim_analyst']) {
      await signedInStaff(test, handle, handle.endsWith('mod') ? 'moderator' : 'analyst');
    }
    const first = await admin.client.staff.members({ limit: 2 });
    expect(first.items.map((member) => member.handle)).toEqual(['amy_mod', 'boss']);
    const second = await admin.client.staff.members({ limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((member) => member.handle)).toEqual(['kim_analyst', 'zed_mod']);
    expect(second.nextCursor).toBeNull();
  });
});

describe('the last admin', () => {
  it('can be neither demoted nor removed, also not by themselves', async () => {
    const admin = await signedInStaff(test, 'only_lead', 'admin');
    const demote = await failure(admin.client.staff.update('only_lead', { role: 'moderator' }));
    expect([demote.status, demote.code]).toEqual([409, 'LAST_ADMIN']);
    const remove = await failure(admin.client.staff.remove('only_lead'));
    expect([remove.status, remove.code]).toEqual([409, 'LAST_ADMIN']);
    expect((await staffRow(admin.account.id))?.role).toBe('admin');
    expect(await auditRows(test, 'staff.update')).toHaveLength(0);
    expect(await auditRows(test, 'staff.remove')).toHaveLength(0);
    // changing the scope of the last admin is fine
    expect((await admin.client.staff.update('only_lead', { languages: ['en'] })).languages).toEqual(
      ['en'],
    );
  });

  it('may step down once another admin exists; the other then cannot', async () => {
    const first = await signedInStaff(test, 'first_lead', 'admin');
    const second = await signedInStaff(test, 'second_lead', 'admin');
    await first.client.staff.update('first_lead', { role: 'analyst' });
    expect((await staffRow(first.account.id))?.role).toBe('analyst');
    const error = await failure(second.client.staff.remove('second_lead'));
    expect(error.code).toBe('LAST_ADMIN');
  });

  it('survives two admins demoting each other at the same time', async () => {
    const first = await signedInStaff(test, 'lead_one', 'admin');
    const second = await signedInStaff(test, 'lead_two', 'admin');
    const results = await Promise.allSettled([
      first.client.staff.update('lead_two', { role: 'moderator' }),
      second.client.staff.update('lead_one', { role: 'moderator' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected');
    // refused as the last admin, or because the caller was demoted a moment before
    expect(['LAST_ADMIN', 'FORBIDDEN']).toContain((rejected as PromiseRejectedResult).reason.code);
    expect(await adminCount()).toBe(1);

    // without the permission check in the way, the transaction itself keeps one admin
    await test.staff.service.updateMember({ kind: 'cli' }, 'lead_two', { role: 'admin' });
    const direct = await Promise.allSettled([
      test.staff.service.removeMember({ kind: 'cli' }, 'lead_one'),
      test.staff.service.removeMember({ kind: 'cli' }, 'lead_two'),
    ]);
    expect(direct.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(
      (direct.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason.code,
    ).toBe('LAST_ADMIN');
    expect(await adminCount()).toBe(1);
  });
});

async function adminCount() {
  const admins = await test.database.db
    .selectFrom('staff_members')
    .select('account_id')
    .where('role', '=', 'admin')
    .execute();
  return admins.length;
}

describe('GET /api/staff/audit', () => {
  it('lists records newest first, filtered, with a cursor', async () => {
    const admin = await signedInStaff(test, 'boss', 'admin');
    const analyst = await signedInStaff(test, 'numbers', 'analyst');
    for (const handle of ['mod_a', 'mod_b', 'mod_c']) {
      const user = await signedIn(test, handle);
      await admin.client.staff.add({ handle, role: 'moderator' });
      await admin.client.staff.update(handle, { languages: ['en'] });
      expect(user.account.handle).toBe(handle);
    }
    const all = await analyst.client.staff.audit();
    const seqs = all.items.map((item) => item.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(all.items[0]).toMatchObject({
      action: 'staff.update',
      actor: { handle: 'boss' },
      actorKind: 'staff',
      targetType: 'account',
    });
    expect(all.items[0]!.hash).toMatch(/^[0-9a-f]{64}$/);

    const adds = await analyst.client.staff.audit({ action: 'staff.add', actorHandle: 'BOSS' });
    expect(adds.items.map((item) => (item.data as { handle: string }).handle)).toEqual([
      'mod_c',
      'mod_b',
      'mod_a',
    ]);

    const modB = await test.client().users.get('mod_b');
    const aboutB = await analyst.client.staff.audit({ targetType: 'account', targetId: modB.id });
    expect(aboutB.items.map((item) => item.action)).toEqual(['staff.update', 'staff.add']);

    const page1 = await analyst.client.staff.audit({ action: 'staff.update', limit: 2 });
    expect(page1.items).toHaveLength(2);
    const page2 = await analyst.client.staff.audit({
      action: 'staff.update',
      limit: 2,
      cursor: page1.nextCursor!,
    });
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect(page2.items[0]!.seq).toBeLessThan(page1.items[1]!.seq);

    const bad = await failure(analyst.client.staff.audit({ cursor: 'not-a-cursor' }));
    expect(bad.code).toBe('VALIDATION_FAILED');
  });
});
