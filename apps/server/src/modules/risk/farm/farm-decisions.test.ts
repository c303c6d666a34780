import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, buildStaffTestApp, signedInStaff } from '../../../../test/fixtures/staff.js';
import { failure, signUpByPhone, type TestApp } from '../../../../test/helper.js';
import { uuidv7 } from '../../../lib/uuid7.js';
import { insertDoorEvent } from '../risk.store.js';

// Bulk actions on a farm cluster write, per member acted on, what a single-account action
// writes: a moderation decision (the member's statement of reasons) and an audit record.

let test: TestApp;
const farm: { id: string; token: string }[] = [];
let clusterId = '';

beforeAll(async () => {
  test = await buildStaffTestApp();
  for (let i = 0; i < 4; i++) {
    const { token, account } = await signUpByPhone(test, {
      phone: `+1 202 555 016${i}`,
      handle: `tulip_${300 + i}`,
    });
    farm.push({ id: account.id, token });
    // the sign-up as the door records it: one device behind them all
    await insertDoorEvent(test.database.db, {
      id: uuidv7(),
      accountId: account.id,
      surface: 'phone_verify',
      decision: 'allow',
      score: 0,
      reasons: [],
      ipCountry: 'US',
      asn: null,
      ipKey: null,
      networkKey: 'one-net',
      deviceKey: 'one-device',
      phoneRangeKey: null,
      data: {},
    });
  }
  await test.tasks.detectFarms.run();
  const [row] = await test.database.db.selectFrom('farm_clusters').select('seq').execute();
  clusterId = `cl_${row!.seq}`;
}, 120_000);
afterAll(() => test?.close());

const decisionsOf = (ids: string[], source: 'staff' | 'automated' = 'staff') =>
  test.database.db
    .selectFrom('moderation_decisions')
    .select(['id', 'subject_id', 'source', 'actor_id', 'action', 'reason_code', 'until', 'case_id'])
    .where('subject_id', 'in', ids)
    .where('target_type', '=', 'account')
    .where('source', '=', source)
    .orderBy('id')
    .execute();

describe('the automatic restriction of a farm cluster', () => {
  it('restricts every level-0 member with an automated decision and an audit record each', async () => {
    // one device behind all four (and one network): score 80, restricted by the detection run
    const ids = farm.map((member) => member.id);
    const decisions = await decisionsOf(ids, 'automated');
    expect(decisions.map((decision) => decision.subject_id).sort()).toEqual([...ids].sort());
    const caseRow = await test.database.db
      .selectFrom('farm_clusters')
      .select('case_id')
      .executeTakeFirstOrThrow();
    for (const decision of decisions) {
      expect(decision).toMatchObject({
        actor_id: null,
        action: 'restrict',
        case_id: caseRow.case_id,
      });
      expect(decision.until).not.toBeNull();
    }
    const perAccount = await auditRows(test, 'account.restrict');
    expect(perAccount.map((row) => row.target_id).sort()).toEqual([...ids].sort());
    const [bulk] = await auditRows(test, 'farm.auto_restrict');
    const data = bulk!.data as { cluster: string; decisions: Record<string, string> };
    expect(data.cluster).toBe(clusterId);
    expect(new Set(Object.values(data.decisions))).toEqual(new Set(decisions.map((d) => d.id)));
    // the member reads it among its statements of reasons
    const statements = await test.client({ token: farm[0]!.token }).me.statements();
    expect(statements.items.map((item) => item.action)).toEqual(['restrict']);
  });
});

describe('bulk actions on a farm cluster', () => {
  it('refuses a moderator without clusters.act and writes nothing', async () => {
    const rogue = await signedInStaff(test, 'quill_400', 'moderator');
    const refused = await failure(
      rogue.client.staff.farmClusterAction(clusterId, { action: 'suspend', reasonCode: 'farm' }),
    );
    expect(refused.status).toBe(403);
    expect(refused.code).toBe('FORBIDDEN');
    expect(await decisionsOf(farm.map((member) => member.id))).toEqual([]);
    expect(await auditRows(test, 'account.suspend')).toEqual([]);
  });

  it('suspends every member with a decision, a statement and an audit record each', async () => {
    const admin = await signedInStaff(test, 'beacon_401', 'admin');
    const result = await admin.client.staff.farmClusterAction(clusterId, {
      action: 'suspend',
      days: 3,
      reasonCode: 'spam.farm',
    });
    expect(result.affected).toBe(4);
    const ids = farm.map((member) => member.id);
    const decisions = await decisionsOf(ids);
    expect(decisions.map((decision) => decision.subject_id).sort()).toEqual([...ids].sort());
    const caseRow = await test.database.db
      .selectFrom('farm_clusters')
      .select('case_id')
      .executeTakeFirstOrThrow();
    for (const decision of decisions) {
      expect(decision).toMatchObject({
        source: 'staff',
        actor_id: admin.account.id,
        action: 'suspend',
        reason_code: 'spam.farm',
        case_id: caseRow.case_id,
      });
      expect(decision.until).not.toBeNull();
    }

    // each member reads its statement of reasons: the suspension ended its sessions; signed in
    // again (a restricted session), it still reads its statements
    const again = await signUpByPhone(test, { phone: '+1 202 555 0160', handle: 'tulip_300' });
    expect(again.created).toBe(false);
    const statements = await test.client({ token: again.token }).me.statements();
    // the automatic restriction, then the suspension
    expect(statements.items).toHaveLength(2);
    expect(statements.items.find((item) => item.action === 'suspend')).toMatchObject({
      reasonCode: 'spam.farm',
    });

    // audited per account, and once for the cluster with every decision
    const perAccount = await auditRows(test, 'account.suspend');
    expect(perAccount.map((row) => row.target_id).sort()).toEqual([...ids].sort());
    const [bulk] = await auditRows(test, 'farm.cluster.suspend');
    const data = bulk!.data as { members: string[]; decisions: Record<string, string> };
    expect(Object.keys(data.decisions).sort()).toEqual([...ids].sort());
    expect(new Set(Object.values(data.decisions))).toEqual(
      new Set(decisions.map((decision) => decision.id)),
    );
  });

  it('clears: a lift decision for each member whose restriction it lifts', async () => {
    const admin = await signedInStaff(test, 'anchor_402', 'admin');
    await admin.client.staff.farmClusterAction(clusterId, {
      action: 'restrict',
      days: 2,
      reasonCode: 'spam.farm',
    });
    const cleared = await admin.client.staff.farmClusterAction(clusterId, {
      action: 'clear',
      reasonCode: 'farm.genuine',
    });
    expect(cleared.status).toBe('cleared');
    const lifts = (await decisionsOf(farm.map((member) => member.id))).filter(
      (decision) => decision.action === 'lift',
    );
    expect(lifts).toHaveLength(4);
    expect(lifts.every((decision) => decision.reason_code === 'farm.genuine')).toBe(true);
    expect(await auditRows(test, 'account.lift')).toHaveLength(4);
  });
});
