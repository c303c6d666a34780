import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaffTestApp, signedInStaff } from '../../../../test/fixtures/staff.js';
import { signUpByPhone, type TestApp } from '../../../../test/helper.js';
import { uuidv7 } from '../../../lib/uuid7.js';
import { insertDoorEvent } from '../risk.store.js';

// The case of a farm cluster is about a core member. A genuine newcomer who signed up first
// (so whose id sorts first) on the farm's /24 is in the cluster by that one weak link: the case
// must not be about them, and they are neither restricted nor flagged.

let test: TestApp;
let newcomer = '';
const farm: string[] = [];

async function signUpEvent(accountId: string, deviceKey: string, networkKey: string) {
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

beforeAll(async () => {
  test = await buildStaffTestApp();
  const person = await signUpByPhone(test, { phone: '+1 503 555 0177', handle: 'orchard_410' });
  newcomer = person.account.id;
  await signUpEvent(newcomer, 'her-own-phone', 'cafe-net');
  for (let i = 0; i < 4; i++) {
    const { account } = await signUpByPhone(test, {
      phone: `+1 702 555 01${20 + i * 20}`,
      handle: `bramble_${420 + i}`,
    });
    farm.push(account.id);
    await signUpEvent(account.id, 'the-farm-device', 'cafe-net');
  }
}, 120_000);
afterAll(() => test?.close());

describe('the anchor of a farm case', () => {
  it('is a core member, not the newcomer on the same network who sorts first', async () => {
    // the premise: sorting the members by id would have put the newcomer first
    expect([newcomer, ...farm].sort()[0]).toBe(newcomer);
    await test.tasks.detectFarms.run();

    const clusters = await test.database.db.selectFrom('farm_clusters').selectAll().execute();
    expect(clusters).toHaveLength(1);
    const members = await test.database.db
      .selectFrom('farm_cluster_members')
      .select('account_id')
      .where('cluster_id', '=', clusters[0]!.id)
      .execute();
    expect(members.map((m) => m.account_id)).toContain(newcomer);

    const cases = await test.database.db
      .selectFrom('moderation_cases')
      .select(['id', 'subject_id', 'target_id'])
      .where('category', '=', 'farm')
      .execute();
    expect(cases).toHaveLength(1);
    expect(farm).toContain(cases[0]!.subject_id);
    expect(cases[0]!.target_id).toBe(cases[0]!.subject_id);
    expect(clusters[0]!.case_id).toBe(cases[0]!.id);

    const restricted = await test.database.db
      .selectFrom('accounts')
      .select('id')
      .where('id', 'in', [newcomer, ...farm])
      .where('posting_restricted_until', 'is not', null)
      .execute();
    expect(restricted.map((r) => r.id).sort()).toEqual([...farm].sort());
  });

  it('leaves the newcomer unflagged in the surge outcome, in the cluster but not its subject', async () => {
    const admin = await signedInStaff(test, 'keeper_430', 'admin');
    const { items } = await admin.client.surge.accounts({ ids: [newcomer, ...farm] });
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get(newcomer)).toMatchObject({ flagged: false, restricted: false });
    expect(farm.filter((id) => byId.get(id)?.flagged)).toHaveLength(1);
    expect(farm.every((id) => byId.get(id)?.restricted)).toBe(true);
  });
});
