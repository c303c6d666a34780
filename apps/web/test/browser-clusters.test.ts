import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../server/src/lib/uuid7.js';
import { insertDoorEvent } from '../../server/src/modules/risk/risk.store.js';
import { auditRows } from '../../server/test/fixtures/staff.js';
import { signUpByEmail, signUpByPhone } from '../../server/test/helper.js';
import { staffEn } from '../src/staff/i18n/en.js';
import { DESKTOP, launchChromium, signedInPage, useBrowserHarness } from './browser-harness.js';

// Farm clusters in the staff console (issue 19, item 3 and 7): six accounts signed up from one
// device with consecutive numbers, posting the same note, become one cluster when the farm job
// runs; an administrator finds it in the list, sees its graph (one circle per member, edges by
// kind), restricts every member at once (each gets a decision and an audit record), and a
// moderator sees the same cluster without the buttons.

const FARM_SIZE = 6;

describe('farm clusters in Chromium', () => {
  const web = useBrowserHarness();

  it('lists a detected farm, draws its graph, and acts on every member, audited', async () => {
    const { test, base } = web;
    await signUpByEmail(test, 'lead_rowan');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'lead_rowan', role: 'admin' });
    await signUpByEmail(test, 'queue_iris');
    await test.staff.service.addMember(
      { kind: 'cli' },
      { handle: 'queue_iris', role: 'moderator' },
    );
    const farm: string[] = [];
    for (let i = 0; i < FARM_SIZE; i++) {
      const { token, account } = await signUpByPhone(test, {
        phone: `+1 202 555 017${i}`,
        handle: `orchid_${300 + i}`,
      });
      farm.push(account.id);
      // what the door records at sign-up (keyed hashes): the door itself is off in this harness
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
        networkKey: `farm-net-${i % 2}`,
        deviceKey: 'one-device-many-accounts',
        phoneRangeKey: null,
        data: {},
      });
      await test.client({ token }).notes.create({
        body: 'Best deals of the week on phone cases, message me for the catalogue and prices',
        lang: 'en',
      });
    }
    await test.tasks.detectFarms.run();

    const browser = await launchChromium();
    try {
      const pageFor = (login: string) => signedInPage(browser, base, { login });

      const admin = await pageFor('lead_rowan');
      await admin.goto(`${base}/staff`);
      await admin.getByRole('link', { name: staffEn['staff.nav.clusters'] }).click();
      await admin.getByRole('heading', { name: staffEn['staff.clusters.title'] }).waitFor();
      const rows = admin.locator('table.staff-table tbody tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(1);
      const cells = await rows.first().locator('td').allTextContents();
      expect(cells[2]).toBe(String(FARM_SIZE));
      expect(cells[3]).toBe(staffEn['staff.clusters.status.open']);
      await web.shoot('staff-clusters', DESKTOP, admin);

      // the graph: one circle per member, named by handle; edges of the kinds that link them
      await rows.first().getByRole('link').click();
      const graph = admin.getByRole('img', {
        name: staffEn['staff.clusters.graph'].replace('{count}', String(FARM_SIZE)),
      });
      await graph.waitFor();
      expect(await graph.locator('circle').count()).toBe(FARM_SIZE);
      const handles = (await graph.locator('text').allTextContents()).sort();
      expect(handles).toEqual(farm.map((_, i) => `@orchid_${300 + i}`).sort());
      const kinds = await graph
        .locator('line title')
        .allTextContents()
        .then((titles) => new Set(titles.flatMap((title) => title.split(', '))));
      expect(kinds.has('device')).toBe(true);
      expect(kinds.has('phone_block')).toBe(true);
      await web.shoot('staff-cluster-graph', DESKTOP, admin);

      // restrict every member at once
      await admin.getByRole('button', { name: staffEn['staff.clusters.action.restrict'] }).click();
      await admin
        .getByText(
          staffEn['staff.clusters.done'].replace(/\{count, plural.*\}\}/, `${FARM_SIZE} accounts`),
        )
        .waitFor();
      const accounts = await test.database.db
        .selectFrom('accounts')
        .select(['id', 'posting_restricted_until'])
        .where('id', 'in', farm)
        .execute();
      expect(accounts.every((account) => account.posting_restricted_until !== null)).toBe(true);
      // the administrator's action, per member and for the cluster (the farm job's automatic
      // restriction at score 100 is recorded as automated, without an actor)
      const adminId = (
        await test.database.db
          .selectFrom('accounts')
          .select('id')
          .where('handle', '=', 'lead_rowan')
          .executeTakeFirstOrThrow()
      ).id;
      const perMember = (await auditRows(test, 'account.restrict')).filter(
        (row) => row.actor_id === adminId,
      );
      expect(perMember.map((row) => row.target_id).sort()).toEqual([...farm].sort());
      const bulk = await auditRows(test, 'farm.cluster.restrict');
      expect(bulk.map((row) => row.actor_id)).toEqual([adminId]);
      // restricted members are drawn filled
      await expect
        .poll(() =>
          graph
            .locator('circle')
            .evaluateAll(
              (circles) =>
                circles.filter((circle) => circle.getAttribute('fill') === '#555').length,
            ),
        )
        .toBe(FARM_SIZE);

      // a moderator reads the same cluster, and has no buttons to act with
      const moderator = await pageFor('queue_iris');
      await moderator.goto(`${base}/staff/clusters`);
      await moderator.locator('table.staff-table tbody tr').first().getByRole('link').click();
      await moderator
        .getByRole('img', {
          name: staffEn['staff.clusters.graph'].replace('{count}', String(FARM_SIZE)),
        })
        .waitFor();
      expect(
        await moderator
          .getByRole('button', { name: staffEn['staff.clusters.action.restrict'] })
          .count(),
      ).toBe(0);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
