import { describe, expect, it } from 'vitest';
import { signUpByEmail } from '../../server/test/helper.js';
import { staffEn } from '../src/staff/i18n/en.js';
import { seriousViolations } from './axe.js';
import {
  DESKTOP,
  launchChromium,
  PHONE,
  signedInPage,
  useBrowserHarness,
} from './browser-harness.js';

// The staff dashboard (issue 21, item 2): an administrator opens it from the console's menu, the
// chart library loads only then, five charts draw this node's samples with their latest figures
// in text, and the surge state shows; an analyst sees it too, a moderator is told the section is
// not theirs and finds no link to it.

const CHARTS = ['traffic', 'latency', 'memory', 'safety', 'queue'];

describe('the staff dashboard in Chromium', () => {
  const web = useBrowserHarness();

  it('draws the figures for metrics.read, lazily, with the surge state', async () => {
    const { test, base } = web;
    const ids: Record<string, string> = {};
    for (const [handle, role] of [
      ['lead_juniper', 'admin'],
      ['numbers_ada', 'analyst'],
      ['queue_basil', 'moderator'],
    ] as const) {
      ids[handle] = (await signUpByEmail(test, handle)).account.id;
      await test.staff.service.addMember({ kind: 'cli' }, { handle, role });
    }
    // some traffic between samples, and one held note in the review queue
    const author = await signUpByEmail(test, 'author_wren');
    const client = test.client({ token: author.token });
    await test.metrics.sample();
    for (let round = 0; round < 5; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (let i = 0; i < 10 * (round + 1); i += 1) await client.me.get();
      if (round === 2) {
        await client.notes.create({ title: 'Party', body: 'who can get c0caine tonight' });
      }
      await test.metrics.sample();
    }

    const browser = await launchChromium();
    try {
      const admin = await signedInPage(browser, base, { login: 'lead_juniper', bypassCSP: true });
      const scripts: string[] = [];
      admin.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(request.url());
      });
      await admin.goto(`${base}/staff`);
      await admin.getByRole('link', { name: staffEn['staff.nav.dashboard'] }).waitFor();
      const beforeDashboard = scripts.length;
      await admin.getByRole('link', { name: staffEn['staff.nav.dashboard'] }).click();
      await admin.getByRole('heading', { name: staffEn['staff.dashboard.title'] }).waitFor();
      for (const chart of CHARTS) {
        await admin.locator(`[data-chart="${chart}"] canvas`).waitFor();
      }
      // the chart library came with the dashboard, as a script of its own
      expect(scripts.length).toBeGreaterThan(beforeDashboard);
      const queue = admin.locator('[data-chart="queue"] li');
      expect(await queue.textContent()).toBe(`${staffEn['staff.dashboard.series.queue']}: 1`);
      const requests = await admin.locator('[data-chart="traffic"] li').first().textContent();
      expect(Number(requests?.split(': ')[1]?.replace(/,/g, ''))).toBeGreaterThan(0);
      await admin.getByText(staffEn['staff.risk.surge.inactive']).waitFor();
      expect(await seriousViolations(admin)).toEqual([]);
      await web.shoot('staff-dashboard', DESKTOP, admin);
      await web.shoot('staff-dashboard', PHONE, admin);
      // the charts follow the page's width: none overflows a phone's screen
      const right = await admin
        .locator('.dashboard-plot canvas')
        .evaluateAll((canvases) =>
          Math.max(...canvases.map((canvas) => canvas.getBoundingClientRect().right)),
        );
      expect(right).toBeLessThanOrEqual(PHONE.width);

      // surge on: the dashboard says so (and the console's banner too)
      await test.surgeMode.setMode(ids.lead_juniper!, 'on');
      await admin.setViewportSize(DESKTOP);
      await admin.reload();
      await admin.getByText(staffEn['staff.risk.surge.active']).waitFor();
      await admin.locator('[data-chart="queue"] canvas').waitFor();
      expect(await seriousViolations(admin)).toEqual([]);
      await web.shoot('staff-dashboard-surge', DESKTOP, admin);

      const analyst = await signedInPage(browser, base, { login: 'numbers_ada' });
      await analyst.goto(`${base}/staff/dashboard`);
      await analyst.locator('[data-chart="memory"] canvas').waitFor();

      const moderator = await signedInPage(browser, base, { login: 'queue_basil' });
      await moderator.goto(`${base}/staff/dashboard`);
      await moderator.getByText(staffEn['staff.noPermission']).waitFor();
      expect(
        await moderator.getByRole('link', { name: staffEn['staff.nav.dashboard'] }).count(),
      ).toBe(0);
    } finally {
      await browser.close();
    }
  }, 240_000);
});
