import { loadDefaultPolicy, type Policy } from '@atrium/safety';
import { AtriumError } from '@atrium/sdk';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows, buildStaffTestApp, signedInStaff } from '../../../test/fixtures/staff.js';
import { createTestDatabase, IPS, signedIn, type TestApp } from '../../../test/helper.js';
import { createPolicyService } from './policy.service.js';

let test: TestApp;
beforeEach(async () => {
  test = await buildStaffTestApp();
});
afterEach(async () => {
  await test.close();
});

const DEFAULT_VERSION = loadDefaultPolicy().version;

async function failure(promise: Promise<unknown>): Promise<AtriumError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AtriumError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** The `problems` a POLICY_INVALID answer lists (an extra field of the problem). */
function problemsOf(error: AtriumError): Array<{ path: string; message: string }> {
  return (error.problem as { problems?: Array<{ path: string; message: string }> }).problems ?? [];
}

/** The shipped policy with cannabis labelled everywhere (never limited or withheld). */
function lenientPolicy(version: string): Policy {
  const policy = loadDefaultPolicy();
  return {
    ...policy,
    version,
    rules: policy.rules.map((rule) =>
      rule.id === 'drugs.cannabis' ? { ...rule, actions: { default: 'label' } } : rule,
    ),
  };
}

function policyRows() {
  return test.database.db
    .selectFrom('policies')
    .select(['version', 'active', 'created_by', 'note'])
    .orderBy('created_at')
    .execute();
}

describe('the active policy', () => {
  it('starts as the shipped default, stored once and audited as the system', async () => {
    const analyst = await signedInStaff(test, 'numbers', 'analyst');
    const active = await analyst.client.staff.policy();
    expect(active).toMatchObject({
      version: DEFAULT_VERSION,
      active: true,
      createdBy: null,
      document: loadDefaultPolicy(),
    });
    expect(await policyRows()).toHaveLength(1);
    const [record] = await auditRows(test, 'policy.publish');
    expect(record).toMatchObject({
      actor_id: null,
      actor_kind: 'system',
      target_type: 'policy',
      target_id: DEFAULT_VERSION,
      data: { source: 'default' },
    });
    expect((await test.policies.current()).version).toBe(DEFAULT_VERSION);
  });

  it('is stored once when several nodes start on an empty table at once', async () => {
    const fresh = await createTestDatabase();
    try {
      const staff = { require: async () => Promise.reject(new Error('not used')) } as never;
      const nodes = Array.from({ length: 3 }, () =>
        createPolicyService({ db: fresh.database.db, staff }),
      );
      await Promise.all(nodes.map((node) => node.init()));
      await Promise.all(nodes.map((node) => node.init()));
      const versions = await fresh.database.db.selectFrom('policies').selectAll().execute();
      expect(versions.map((row) => [row.version, row.active])).toEqual([[DEFAULT_VERSION, true]]);
      const records = await fresh.database.db.selectFrom('audit_log').selectAll().execute();
      expect(records.map((row) => row.action)).toEqual(['policy.publish']);
    } finally {
      await fresh.close();
    }
  });

  it('can be read by every staff role, and by nobody else', async () => {
    const mod = await signedInStaff(test, 'mod_x', 'moderator');
    expect((await mod.client.staff.policyVersions()).items).toHaveLength(1);
    const user = await signedIn(test, 'curious');
    expect((await failure(user.client.staff.policy())).code).toBe('FORBIDDEN');
  });
});

describe('PUT /api/staff/policy', () => {
  it('publishes a new version, makes it active and audits it', async () => {
    const admin = await signedInStaff(test, 'boss', 'admin');
    const published = await admin.client.staff.publishPolicy({
      version: '2030.1.0',
      document: lenientPolicy('2030.1.0'),
      note: ' Cannabis is labelled, not limited ',
    });
    expect(published).toMatchObject({
      version: '2030.1.0',
      active: true,
      note: 'Cannabis is labelled, not limited',
      createdBy: { id: admin.account.id, handle: 'boss' },
    });
    expect(await policyRows()).toEqual([
      { version: DEFAULT_VERSION, active: false, created_by: null, note: expect.any(String) },
      {
        version: '2030.1.0',
        active: true,
        created_by: admin.account.id,
        note: 'Cannabis is labelled, not limited',
      },
    ]);
    const records = await auditRows(test, 'policy.publish');
    expect(records.at(-1)).toMatchObject({
      actor_id: admin.account.id,
      actor_kind: 'staff',
      target_id: '2030.1.0',
      data: { previousVersion: DEFAULT_VERSION, note: 'Cannabis is labelled, not limited' },
    });
    expect((records.at(-1)!.data as { documentSha256: string }).documentSha256).toMatch(
      /^[0-9a-f]{64}$/,
    );
    // the publishing node switches at once
    const current = await test.policies.current();
    expect(current.version).toBe('2030.1.0');
    expect(current.policy.rules.find((rule) => rule.id === 'drugs.cannabis')?.actions).toEqual({
      default: 'label',
    });
    expect(current.matcher.scan('weed is legal here')).toHaveLength(1);
    // the document may leave out its version: it takes the one published
    const { version: _omitted, ...unnamed } = lenientPolicy('x');
    expect(
      (await admin.client.staff.publishPolicy({ version: '2030.2.0', document: unnamed })).document,
    ).toMatchObject({ version: '2030.2.0' });
    const history = await admin.client.staff.policyVersions({ limit: 2 });
    expect(history.items.map((item) => [item.version, item.active])).toEqual([
      ['2030.2.0', true],
      ['2030.1.0', false],
    ]);
    const older = await admin.client.staff.policyVersions({
      limit: 2,
      cursor: history.nextCursor!,
    });
    expect(older.items.map((item) => item.version)).toEqual([DEFAULT_VERSION]);
    expect(older.nextCursor).toBeNull();
  });

  it('reaches other nodes when they next check the database', async () => {
    const admin = await signedInStaff(test, 'boss', 'admin');
    const staff = test.staff.service;
    const cached = createPolicyService({ db: test.database.db, staff, refreshMs: 60_000 });
    const eager = createPolicyService({ db: test.database.db, staff, refreshMs: 0 });
    expect((await cached.current()).version).toBe(DEFAULT_VERSION);
    expect((await eager.current()).version).toBe(DEFAULT_VERSION);
    await admin.client.staff.publishPolicy({
      version: '2030.5.0',
      document: lenientPolicy('2030.5.0'),
    });
    expect((await eager.refresh()).version).toBe('2030.5.0');
    // within its refresh interval a node keeps the version it has
    expect((await cached.current()).version).toBe(DEFAULT_VERSION);
  });

  it('refuses an invalid document with every problem listed, changing nothing', async () => {
    const admin = await signedInStaff(test, 'boss', 'admin');
    const broken = {
      ...loadDefaultPolicy(),
      version: '2030.1.0',
      defaultAction: 'nuke',
    };
    const error = await failure(
      admin.client.staff.publishPolicy({ version: '2030.1.0', document: broken }),
    );
    expect([error.status, error.code]).toEqual([400, 'POLICY_INVALID']);
    const problems = problemsOf(error);
    expect(problems.map((problem) => problem.path)).toContain('/document/defaultAction');

    const policy = loadDefaultPolicy();
    const crossReference = await failure(
      admin.client.staff.publishPolicy({
        version: '2030.1.0',
        document: {
          ...policy,
          version: '2030.1.0',
          rules: [
            { ...policy.rules[0]!, actions: { default: 'allow', NARNIA: 'block' } },
            policy.rules[0],
          ],
        },
      }),
    );
    expect(crossReference.code).toBe('POLICY_INVALID');
    expect(problemsOf(crossReference).map((problem) => problem.path)).toEqual([
      '/document/rules/0/actions/NARNIA',
      '/document/rules/1/id',
    ]);

    for (const document of [null, 'policy', [policy]]) {
      const notObject = await failure(
        admin.client.staff.publishPolicy({ version: '2030.1.0', document }),
      );
      expect(notObject.code).toBe('POLICY_INVALID');
      expect(problemsOf(notObject)).toEqual([{ path: '/document', message: 'must be an object' }]);
    }
    const mismatch = await failure(
      admin.client.staff.publishPolicy({ version: '2030.1.0', document: lenientPolicy('2031') }),
    );
    expect(mismatch.code).toBe('POLICY_INVALID');
    expect(await policyRows()).toHaveLength(1);
    expect(await auditRows(test, 'policy.publish')).toHaveLength(1);
    expect((await test.policies.current()).version).toBe(DEFAULT_VERSION);
  });

  it('refuses a version that exists (409 POLICY_VERSION_EXISTS)', async () => {
    const admin = await signedInStaff(test, 'boss', 'admin');
    const error = await failure(
      admin.client.staff.publishPolicy({
        version: DEFAULT_VERSION,
        document: lenientPolicy(DEFAULT_VERSION),
      }),
    );
    expect([error.status, error.code]).toEqual([409, 'POLICY_VERSION_EXISTS']);
    const rows = await test.database.db
      .selectFrom('policies')
      .select('document')
      .where('version', '=', DEFAULT_VERSION)
      .execute();
    expect(rows).toEqual([{ document: loadDefaultPolicy() }]);
    expect(await auditRows(test, 'policy.publish')).toHaveLength(1);
  });

  it('is for admins only', async () => {
    const mod = await signedInStaff(test, 'mod_y', 'moderator');
    const error = await failure(
      mod.client.staff.publishPolicy({ version: '2030.1.0', document: lenientPolicy('2030.1.0') }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(await policyRows()).toHaveLength(1);
  });

  it('keeps published versions unchangeable in the database', async () => {
    await expect(
      sql`update policies set document = '{}' where version = ${DEFAULT_VERSION}`.execute(
        test.database.db,
      ),
    ).rejects.toThrow(/cannot be changed/);
    await expect(sql`delete from policies`.execute(test.database.db)).rejects.toThrow(
      /cannot be changed/,
    );
  });
});

describe('POST /api/staff/policy/preview', () => {
  it('counts what a proposal would change on recent notes, changing nothing', async () => {
    const analyst = await signedInStaff(test, 'numbers', 'analyst');
    const author = await signedIn(test, 'poster', IPS.US);
    const weed = await author.client.notes.create({ body: 'weed is legal here' });
    const cannabis = await author.client.notes.create({
      title: 'Cannabis',
      body: 'the new shop downtown',
    });
    const killer = await author.client.notes.create({ body: 'weed killer for the garden' });
    const cocaine = await author.client.notes.create({ body: 'cocaine is a hard drug' });
    const sunset = await author.client.notes.create({ body: 'lovely sunset tonight' });
    // an old note, outside a 7-day window
    const old = await author.client.notes.create({ body: 'marijuana, back in the day' });
    await sql`update notes set created_at = now() - interval '20 days' where id = ${old.id}`.execute(
      test.database.db,
    );
    const auditBefore = await test.database.db.selectFrom('audit_log').select('seq').execute();

    const preview = await analyst.client.staff.previewPolicy({
      document: lenientPolicy('2030.9.0'),
    });
    expect(preview).toMatchObject({
      currentVersion: DEFAULT_VERSION,
      days: 7,
      scanned: 5,
      truncated: false,
      changed: 2,
      affected: 2,
      actionChanges: [{ from: 'limit', to: 'label', count: 2 }],
      withholds: {
        added: [],
        removed: [
          { region: 'CN', count: 2 },
          { region: 'STRICT_DRUG_LAWS', count: 2 },
        ],
      },
    });
    expect(preview.samples.map((sample) => sample.noteId).sort()).toEqual(
      [weed.id, cannabis.id].sort(),
    );
    expect(preview.samples[0]).toMatchObject({
      before: { action: 'limit', withheldIn: ['CN', 'STRICT_DRUG_LAWS'] },
      after: { action: 'label', withheldIn: [] },
    });
    for (const unaffected of [killer.id, cocaine.id, sunset.id]) {
      expect(preview.samples.map((sample) => sample.noteId)).not.toContain(unaffected);
    }

    const wider = await analyst.client.staff.previewPolicy({
      document: lenientPolicy('2030.9.0'),
      days: 30,
    });
    expect([wider.scanned, wider.changed]).toEqual([6, 3]);

    // a stricter proposal: withhold cannabis in the US, where it was labelled
    const strict = loadDefaultPolicy();
    const stricter = {
      ...strict,
      rules: strict.rules.map((rule) =>
        rule.id === 'drugs.cannabis'
          ? { ...rule, actions: { ...rule.actions, US: 'withhold' as const } }
          : rule,
      ),
    };
    const added = await analyst.client.staff.previewPolicy({ document: stricter });
    expect(added).toMatchObject({
      changed: 0,
      affected: 2,
      withholds: { added: [{ region: 'US', count: 2 }], removed: [] },
    });

    // nothing was published or recorded
    expect(await policyRows()).toHaveLength(1);
    expect(await test.database.db.selectFrom('audit_log').select('seq').execute()).toEqual(
      auditBefore,
    );
    expect((await test.policies.current()).version).toBe(DEFAULT_VERSION);
  });

  it('lists as samples only the notes within the member’s languages and regions', async () => {
    const scoped = await signedInStaff(test, 'scoped_reader', 'moderator', {
      languages: ['en'],
      regions: ['US'],
    });
    const admin = await signedInStaff(test, 'wide_reader', 'admin');
    const local = await (await signedIn(test, 'local_poster', IPS.US)).client.notes.create({
      body: 'weed is legal here now',
    });
    const brazilian = await signedIn(test, 'far_poster', IPS.BRAZIL);
    const abroad = await brazilian.client.notes.create({ body: 'weed is legal here now too' });
    // tagged English by its author, written in Portuguese: out of an English scope
    const tagged = await (await signedIn(test, 'tag_poster', IPS.US)).client.notes.create({
      body: 'maconha liberada aqui, chama no privado',
      lang: 'en',
    });
    const ids = async (member: typeof scoped) =>
      (
        await member.client.staff.previewPolicy({ document: lenientPolicy('2030.9.1') })
      ).samples.map((sample) => sample.noteId);
    const everyone = await ids(admin);
    expect(everyone).toEqual(expect.arrayContaining([local.id, abroad.id, tagged.id]));
    const theirs = await ids(scoped);
    expect(theirs).toContain(local.id);
    expect(theirs).not.toContain(abroad.id);
    expect(theirs).not.toContain(tagged.id);
  });

  it('refuses an invalid proposal and a window over 90 days', async () => {
    const admin = await signedInStaff(test, 'boss', 'admin');
    const invalid = await failure(
      admin.client.staff.previewPolicy({ document: { ...loadDefaultPolicy(), rules: 'none' } }),
    );
    expect([invalid.status, invalid.code]).toEqual([400, 'POLICY_INVALID']);
    const tooLong = await failure(
      admin.client.staff.previewPolicy({ document: loadDefaultPolicy(), days: 91 }),
    );
    expect(tooLong.code).toBe('VALIDATION_FAILED');
  });
});
