import type { AtriumError } from '@atrium/sdk';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows, buildStaffTestApp } from '../../../test/fixtures/staff.js';
import { signedIn, type TestApp } from '../../../test/helper.js';
import { createAccountDirectory } from '../accounts/account-directory.js';
import { createFirstAdmin } from './first-admin.js';
import { type CliIo, runAuditCommand, runStaffCommand } from './staff-cli.js';

let test: TestApp;
beforeEach(async () => {
  test = await buildStaffTestApp();
});
afterEach(async () => {
  await test.close();
});

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

const staff = (args: string[], io = capture()) =>
  runStaffCommand(
    test.database,
    args,
    io,
    createAccountDirectory(test.database.db, test.vault),
  ).then((code) => ({ code, ...io }));

function memberRow(handle: string) {
  return test.database.db
    .selectFrom('staff_members')
    .innerJoin('accounts', 'accounts.id', 'staff_members.account_id')
    .select([
      'staff_members.role',
      'staff_members.languages',
      'staff_members.regions',
      'staff_members.created_by',
    ])
    .where('accounts.handle', '=', handle)
    .executeTakeFirst();
}

describe('atrium staff', () => {
  it('adds a member, then updates it, audited as the CLI', async () => {
    const ana = await signedIn(test, 'ana_mod');
    const added = await staff([
      'add',
      'Ana_Mod',
      '--role',
      'moderator',
      '--languages',
      'en, ES',
      '--regions',
      'us,BR',
    ]);
    expect(added.code).toBe(0);
    expect(added.stdout).toEqual([
      'Added ana_mod as moderator (languages: en, es; regions: BR, US).',
    ]);
    expect(await memberRow('ana_mod')).toEqual({
      role: 'moderator',
      languages: ['en', 'es'],
      regions: ['BR', 'US'],
      created_by: null,
    });
    const [record] = await auditRows(test, 'staff.add');
    expect(record).toMatchObject({
      actor_id: null,
      actor_kind: 'cli',
      target_id: ana.account.id,
      data: { role: 'moderator', operator: expect.any(String) },
    });

    // given lists replace the old ones; lists not given stay
    const updated = await staff(['add', 'ana_mod', '--role', 'analyst', '--regions', 'MX']);
    expect(updated.code).toBe(0);
    expect(updated.stdout).toEqual([
      'Updated ana_mod as analyst (languages: en, es; regions: MX).',
    ]);
    expect(await memberRow('ana_mod')).toMatchObject({ role: 'analyst', regions: ['MX'] });
    expect(await auditRows(test, 'staff.update')).toMatchObject([
      { actor_kind: 'cli', data: { previous: { role: 'moderator' } } },
    ]);
    // a running server reads it (within its 10 s cache; this one had not cached ana_mod)
    expect((await ana.client.staff.me()).role).toBe('analyst');
  });

  it('lists members', async () => {
    for (const [handle, role] of [
      ['zoe_lead', 'admin'],
      ['bo_mod', 'moderator'],
    ] as const) {
      await signedIn(test, handle);
      expect((await staff(['add', handle, '--role', role])).code).toBe(0);
    }
    const listed = await staff(['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toHaveLength(2);
    expect(listed.stdout[0]).toMatch(/^bo_mod\s+moderator\s+languages: all; regions: all$/);
    expect(listed.stdout[1]).toMatch(/^zoe_lead\s+admin\s+/);
  });

  it('removes a member, but never the last admin', async () => {
    await signedIn(test, 'solo_lead');
    await staff(['add', 'solo_lead', '--role', 'admin']);
    const refused = await staff(['remove', 'solo_lead']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.join('\n')).toContain('last administrator');
    expect(await memberRow('solo_lead')).toBeDefined();
    await signedIn(test, 'other_lead');
    await staff(['add', 'other_lead', '--role', 'admin']);
    const removed = await staff(['remove', 'solo_lead']);
    expect(removed.code).toBe(0);
    expect(await memberRow('solo_lead')).toBeUndefined();
  });

  it('explains its mistakes without changing anything', async () => {
    await signedIn(test, 'someone');
    const unknown = await staff(['add', 'nobody_at_all', '--role', 'moderator']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr[0]).toContain('No account with this handle');
    const badRole = await staff(['add', 'someone', '--role', 'owner']);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr[0]).toContain('role must be one of admin, moderator, analyst');
    const badRegion = await staff(['add', 'someone', '--role', 'analyst', '--regions', 'USA']);
    expect(badRegion.code).toBe(1);
    expect((await staff(['add', 'someone'])).code).toBe(2);
    expect((await staff(['add', 'someone', '--colour', 'red'])).code).toBe(2);
    expect((await staff(['fire', 'someone'])).code).toBe(2);
    expect(await test.database.db.selectFrom('staff_members').selectAll().execute()).toEqual([]);
  });
});

describe('atrium audit verify', () => {
  it('reports an intact log with exit 0, and a tampered one with exit 1', async () => {
    for (const handle of ['mod_one', 'mod_two']) {
      await signedIn(test, handle);
      await staff(['add', handle, '--role', 'moderator']);
    }
    const intact = capture();
    expect(await runAuditCommand(test.database, ['verify'], intact)).toBe(0);
    // the default policy's publication and the two additions
    expect(intact.stdout[0]).toMatch(
      /^Audit log intact: 3 records \(last #3, hash [0-9a-f]{64}\)\.$/,
    );

    await test.database.execScript(
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete',
    );
    await sql`update audit_log set data = '{"role": "admin"}' where seq = 2`.execute(
      test.database.db,
    );
    await test.database.execScript(
      'ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete',
    );
    const broken = capture();
    expect(await runAuditCommand(test.database, ['verify'], broken)).toBe(1);
    expect(broken.stderr).toEqual(['Audit log BROKEN: 1 problem(s) in 3 records:', '  #2 edited']);
    expect(await runAuditCommand(test.database, ['check'], capture())).toBe(2);
  });

  it('answers the same through GET /api/staff/audit/verify', async () => {
    await signedIn(test, 'auditor');
    await staff(['add', 'auditor', '--role', 'analyst']);
    const { token } = await test.client().auth.login({
      login: 'auditor',
      password: 'correct horse battery staple',
    });
    const client = test.client({ token });
    expect(await client.staff.verifyAudit()).toMatchObject({ ok: true, checked: 2 });
    await test.database.execScript(
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete',
    );
    await sql`delete from audit_log where seq = 1`.execute(test.database.db);
    expect(await client.staff.verifyAudit()).toMatchObject({
      ok: false,
      checked: 1,
      problems: [{ seq: 1, kind: 'deleted' }],
    });
  });
});

describe('the first administrator', () => {
  it('is created once, with a password printed once that logs in', async () => {
    const output: string[] = [];
    const created = await createFirstAdmin(test.staff.service, (text) => output.push(text));
    expect(created?.handle).toBe('admin');
    const password = created!.password;
    expect(password.length).toBeGreaterThanOrEqual(24);
    const printed = output.join('');
    expect(printed.split(password)).toHaveLength(2);
    expect(printed).toContain('login:    admin');
    // never through the logger
    expect(test.logs.join('\n')).not.toContain(password);

    const { token, account } = await test.client().auth.login({ login: 'admin', password });
    expect(account.handle).toBe('admin');
    expect(await test.client({ token }).staff.me()).toMatchObject({ role: 'admin' });
    const [record] = await auditRows(test, 'staff.add');
    expect(record).toMatchObject({
      actor_id: null,
      actor_kind: 'system',
      target_id: account.id,
      data: { handle: 'admin', role: 'admin', firstAdmin: true },
    });

    // a second start finds the admin and prints nothing
    const again: string[] = [];
    expect(await createFirstAdmin(test.staff.service, (text) => again.push(text))).toBeNull();
    expect(again).toEqual([]);
    expect(await auditRows(test, 'staff.add')).toHaveLength(1);
    const wrong = await test
      .client()
      .auth.login({ login: 'admin', password: `${password}x` })
      .catch((error: AtriumError) => error);
    expect((wrong as AtriumError).code).toBe('INVALID_CREDENTIALS');
  });

  it('is not created when an admin exists, nor as a numbered look-alike when admin is taken', async () => {
    await signedIn(test, 'owner');
    await staff(['add', 'owner', '--role', 'admin']);
    expect(await createFirstAdmin(test.staff.service, () => {})).toBeNull();

    // the staff table emptied by hand: `admin` is created
    await sql`delete from staff_members`.execute(test.database.db);
    expect(await test.staff.service.ensureFirstAdmin()).toMatchObject({
      kind: 'created',
      handle: 'admin',
    });
    // once `admin` exists and is not an admin, nothing is created: no `admin1`, `admin2`…
    await sql`delete from staff_members`.execute(test.database.db);
    const output: string[] = [];
    expect(await createFirstAdmin(test.staff.service, (text) => output.push(text))).toBeNull();
    expect(output.join('')).toContain('atrium staff add <handle> --role admin');
    const accounts = await test.database.db
      .selectFrom('accounts')
      .select('handle')
      .where('handle', 'like', 'admin%')
      .execute();
    expect(accounts.map((account) => account.handle)).toEqual(['admin']);
    expect(await test.database.db.selectFrom('staff_members').selectAll().execute()).toEqual([]);
    // the operator names the next admin
    expect((await staff(['add', 'owner', '--role', 'admin'])).code).toBe(0);
    expect(await test.staff.service.ensureFirstAdmin()).toEqual({ kind: 'exists' });
  });

  it('is created once when nodes start at the same time', async () => {
    const results = await Promise.all(
      Array.from({ length: 3 }, () => test.staff.service.ensureFirstAdmin()),
    );
    expect(results.filter((result) => result.kind === 'created')).toHaveLength(1);
    const admins = await test.database.db
      .selectFrom('staff_members')
      .select('account_id')
      .where('role', '=', 'admin')
      .execute();
    expect(admins).toHaveLength(1);
  });
});
