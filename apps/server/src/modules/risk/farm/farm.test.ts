import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, buildStaffTestApp, signedInStaff } from '../../../../test/fixtures/staff.js';
import { failure, signUpByPhone, type TestApp } from '../../../../test/helper.js';
import { uuidv7 } from '../../../lib/uuid7.js';
import { insertDoorEvent } from '../risk.store.js';

// Farm detection end to end on the real API and database: eight accounts signed up from one
// device with consecutive numbers posting the same note, beside genuine newcomers (two of them
// on one home network). The door is off in tests; the sign-up events it records (keyed hashes
// of device and network) are written with its own store function.

let test: TestApp;
const farm: { id: string; token: string }[] = [];
const genuine: { id: string; token: string }[] = [];

async function signUpEvent(accountId: string, deviceKey: string | null, networkKey: string) {
  await insertDoorEvent(test.database.db, {
    id: uuidv7(),
    accountId,
    surface: 'phone_verify',
    decision: 'allow',
    score: 0,
    reasons: [],
    ipCountry: 'US',
    asn: null,
    ipKey: null,
    networkKey,
    deviceKey,
    phoneRangeKey: null,
    data: {},
  });
}

const farmCases = () =>
  test.database.db
    .selectFrom('moderation_cases')
    .selectAll()
    .where('category', '=', 'farm')
    .execute();

beforeAll(async () => {
  test = await buildStaffTestApp();
  for (let i = 0; i < 8; i++) {
    const { token, account } = await signUpByPhone(test, {
      phone: `+1 202 555 014${i}`,
      handle: `petal_${100 + i}`,
    });
    farm.push({ id: account.id, token });
    await signUpEvent(account.id, 'device-of-the-farm', `farm-net-${i % 3}`);
    await test.client({ token }).notes.create({
      body: 'Good morning everyone, sharing my favourite noodle recipe from my hometown tonight',
      lang: 'en',
    });
  }
  const people = [
    {
      phone: '+1 201 555 0100',
      handle: 'harbor_200',
      body: 'First snow in the park today, the dog loved it',
    },
    {
      phone: '+8613800138000',
      handle: 'meadow_201',
      body: 'Trying to learn Mandarin tones, any tips for a beginner',
    },
    {
      phone: '+1 312 555 0150',
      handle: 'cobble_202',
      body: 'Baked bread for the first time, it came out flat but tasty',
    },
    {
      phone: '+1 415 555 0120',
      handle: 'willow_203',
      body: 'Our cat learned to open the fridge this morning and ate the ham',
    },
    {
      phone: '+1 646 555 0190',
      handle: 'lantern_204',
      body: 'Looking for book recommendations about the history of tea',
    },
  ];
  for (const [i, person] of people.entries()) {
    const { token, account } = await signUpByPhone(test, person);
    genuine.push({ id: account.id, token });
    // two of them share a home network, each on their own device
    await signUpEvent(account.id, `device-${i}`, i < 2 ? 'home-net' : `net-${i}`);
    await test.client({ token }).notes.create({ body: person.body, lang: 'en' });
  }
}, 180_000);
afterAll(() => test?.close());

describe('farm detection', () => {
  it('runs as a settle job and opens exactly one case for the farm, with its members', async () => {
    expect(test.settleJobs.names()).toContain('detect farms');
    const outcomes = await test.settleJobs.runAll();
    expect(outcomes.find((o) => o.name === 'detect farms')).toMatchObject({ ok: true });

    const cases = await farmCases();
    expect(cases).toHaveLength(1);
    const farmIds = farm.map((f) => f.id).sort();
    expect(cases[0]).toMatchObject({ source: 'automated' });
    expect(farmIds).toContain(cases[0]!.subject_id);
    const clusters = await test.database.db.selectFrom('farm_clusters').selectAll().execute();
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({ status: 'open', case_id: cases[0]!.id, score: 100 });
    expect(Object.keys(clusters[0]!.edge_counts).sort()).toEqual([
      'device',
      'network',
      'phone_block',
      'text',
    ]);
    const members = await test.database.db
      .selectFrom('farm_cluster_members')
      .select('account_id')
      .where('cluster_id', '=', clusters[0]!.id)
      .execute();
    expect(members.map((m) => m.account_id).sort()).toEqual(farmIds);

    // genuine newcomers: no case, no cluster, no restriction
    const genuineIds = genuine.map((g) => g.id);
    const about = await test.database.db
      .selectFrom('moderation_cases')
      .select('id')
      .where('subject_id', 'in', genuineIds)
      .execute();
    expect(about).toEqual([]);
    const accounts = await test.database.db
      .selectFrom('accounts')
      .select(['id', 'posting_restricted_until'])
      .where('id', 'in', [...farmIds, ...genuineIds])
      .execute();
    for (const account of accounts)
      expect(account.posting_restricted_until !== null).toBe(farmIds.includes(account.id));
  });

  it('opens no second case and restricts nobody twice when run again', async () => {
    await test.tasks.detectFarms.run();
    await test.settleJobs.runAll();
    expect(await farmCases()).toHaveLength(1);
    expect(await test.database.db.selectFrom('farm_clusters').select('id').execute()).toHaveLength(
      1,
    );
    expect(await auditRows(test, 'farm.cluster.open')).toHaveLength(1);
    expect(await auditRows(test, 'farm.auto_restrict')).toHaveLength(1);
  });

  it('shows staff the clusters and one cluster as a graph; surge outcomes name the cluster', async () => {
    const analyst = await signedInStaff(test, 'ledger_300', 'analyst');
    const page = await analyst.client.staff.farmClusters();
    expect(page.items).toHaveLength(1);
    const listed = page.items[0]!;
    expect(listed).toMatchObject({ size: 8, status: 'open', score: 100 });
    expect(listed.id).toMatch(/^cl_\d+$/);
    const detail = await analyst.client.staff.farmCluster(listed.id);
    expect(detail.nodes.map((n) => n.handle).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `petal_${100 + i}`),
    );
    expect(detail.nodes.every((n) => n.restricted)).toBe(true);
    // one device: every pair; consecutive numbers: a chain of seven
    expect(detail.edges).toHaveLength(28);
    expect(detail.edges.filter((e) => e.kinds.includes('phone_block'))).toHaveLength(7);

    const admin = await signedInStaff(test, 'beacon_301', 'admin');
    const { items } = await admin.client.surge.accounts({ ids: [farm[0]!.id, genuine[0]!.id] });
    expect(items.map((i) => i.cluster)).toEqual([listed.id, null]);
  });

  it('lets only holders of clusters.act bulk-act, and audits it', async () => {
    const [row] = await test.database.db.selectFrom('farm_clusters').select('seq').execute();
    const id = `cl_${row!.seq}`;
    const moderator = await signedInStaff(test, 'quill_302', 'moderator');
    const refused = await failure(
      moderator.client.staff.farmClusterAction(id, { action: 'suspend', reasonCode: 'farm' }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    const suspended = await test.database.db
      .selectFrom('accounts')
      .select('id')
      .where(
        'id',
        'in',
        farm.map((f) => f.id),
      )
      .where('suspended_until', 'is not', null)
      .execute();
    expect(suspended).toEqual([]);

    const admin = await signedInStaff(test, 'anchor_303', 'admin');
    const cleared = await admin.client.staff.farmClusterAction(id, {
      action: 'clear',
      reasonCode: 'farm.genuine',
    });
    expect(cleared).toEqual({ affected: 8, status: 'cleared' });
    const [record] = await auditRows(test, 'farm.cluster.clear');
    expect(record).toMatchObject({ actor_id: admin.account.id, actor_kind: 'staff' });
    expect((record!.data as { members: string[] }).members).toHaveLength(8);
    const detail = await admin.client.staff.farmCluster(id);
    expect(detail.nodes.some((n) => n.restricted)).toBe(false);

    // a cleared cluster is not acted on again by the job
    await test.tasks.detectFarms.run();
    expect(await auditRows(test, 'farm.auto_restrict')).toHaveLength(1);
    expect((await admin.client.staff.farmCluster(id)).status).toBe('cleared');
  });
});
