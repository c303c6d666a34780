import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signUpByEmail } from '../../server/test/helper.js';
import { en } from '../src/i18n/en.js';
import { messages as ja } from '../src/i18n/ja.js';
import { staffEn } from '../src/staff/i18n/en.js';
import { seriousViolations } from './axe.js';
import { DESKTOP, launchChromium, PASSWORD, useBrowserHarness } from './browser-harness.js';

// Kill switches in the real web app: an administrator turns posting off from the console (with
// a reason, audited), a user sees the read-only banner — in English and in Japanese — and a
// write is refused; a moderator sees the switches without being able to flip them; turning
// posting back on takes the banner away. axe finds nothing serious on either page.

/** A page in a context of its own, signed in as `login`, that axe can be injected into. */
async function pageAs(browser: Browser, base: string, login: string, locale = 'en-US') {
  const context = await browser.newContext({
    viewport: DESKTOP,
    locale,
    timezoneId: 'UTC',
    bypassCSP: true,
  });
  const answer = await context.request.post(`${base}/api/auth/login`, {
    data: { login, password: PASSWORD },
  });
  expect(answer.status()).toBe(200);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function expectAxeClean(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

describe('kill switches in Chromium', () => {
  const web = useBrowserHarness();

  it('the console turns read-only mode on and off; users see the banner', async () => {
    const { test, base } = web;
    await signUpByEmail(test, 'sw_chief');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'sw_chief', role: 'admin' });
    await signUpByEmail(test, 'sw_guard');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'sw_guard', role: 'moderator' });
    const writer = await signUpByEmail(test, 'sw_writer');
    await signUpByEmail(test, 'sw_lector');
    await test.client({ token: writer.token }).notes.create({
      title: 'Harbour at dawn',
      body: 'The boats come back before the rain',
      lang: 'en',
    });

    const browser = await launchChromium();
    try {
      const admin = await pageAs(browser, base, 'sw_chief');
      await admin.goto(`${base}/staff`);
      await admin.getByRole('link', { name: staffEn['staff.nav.switches'] }).click();
      await admin.getByRole('heading', { name: staffEn['staff.switches.title'] }).waitFor();
      const posting = admin.locator('[data-switch="posting"]');
      expect(await posting.locator('.switch-state').textContent()).toBe(
        staffEn['staff.switches.state.off'],
      );
      await expectAxeClean(admin);
      await web.shootBoth('staff-switches', admin);

      // posting off, with a reason: the console, the server and the audit log say so
      await admin.getByLabel(staffEn['staff.switches.reason']).fill('database failover');
      const postingName = staffEn['staff.switches.name.posting'];
      await admin.getByRole('button', { name: `Turn on: ${postingName}` }).click();
      await admin.getByRole('button', { name: `Turn off: ${postingName}` }).waitFor();
      expect(await posting.locator('.switch-state').textContent()).toBe(
        staffEn['staff.switches.state.on'],
      );
      await posting.getByText('Reason: database failover').waitFor();
      expect(test.switches.isOn('posting')).toBe(true);
      const audit = await test.database.db
        .selectFrom('audit_log')
        .select(['action', 'target_id', 'data'])
        .where('action', '=', 'switch.on')
        .execute();
      expect(audit).toEqual([
        {
          action: 'switch.on',
          target_id: 'posting',
          data: { name: 'posting', reason: 'database failover' },
        },
      ]);
      // the console is inside the app: the banner shows there too
      await admin.getByRole('status').filter({ hasText: en['status.readOnly.title'] }).waitFor();
      await web.shootBoth('staff-switches-on', admin);

      // a user: the banner on Discover, and a write refused
      const user = await pageAs(browser, base, 'sw_lector');
      await user.goto(`${base}/`);
      const banner = user.getByRole('status').filter({ hasText: en['status.readOnly.title'] });
      await banner.waitFor();
      expect(await banner.textContent()).toContain(en['status.readOnly.body']);
      await user.getByText('Harbour at dawn').first().waitFor();
      await expectAxeClean(user);
      await web.shootBoth('read-only-banner', user);
      const refused = await user.request.post(`${base}/api/notes`, {
        data: { body: 'Trying anyway' },
        headers: { 'x-csrf-token': await csrf(user) },
      });
      expect(refused.status()).toBe(503);
      expect((await refused.json()).code).toBe('READ_ONLY');

      // the same banner in Japanese
      const japanese = await pageAs(browser, base, 'sw_writer', 'ja-JP');
      await japanese.goto(`${base}/`);
      await japanese.getByRole('status').filter({ hasText: ja['status.readOnly.title'] }).waitFor();
      await web.shoot('read-only-banner-ja', DESKTOP, japanese);

      // a moderator sees which switches are on, and cannot flip them
      const moderator = await pageAs(browser, base, 'sw_guard');
      await moderator.goto(`${base}/staff/switches`);
      await moderator.getByText(staffEn['staff.switches.readOnly']).waitFor();
      expect(await moderator.locator('[data-switch="posting"] .switch-state').textContent()).toBe(
        staffEn['staff.switches.state.on'],
      );
      expect(await moderator.getByRole('button', { name: /^Turn (on|off):/ }).count()).toBe(0);

      // posting back on: the banner goes for the user at the next look
      await admin.getByRole('button', { name: `Turn off: ${postingName}` }).click();
      await admin.getByRole('button', { name: `Turn on: ${postingName}` }).waitFor();
      expect(test.switches.isOn('posting')).toBe(false);
      await user.reload();
      await user.getByText('Harbour at dawn').first().waitFor();
      await expect
        .poll(() =>
          user.getByRole('status').filter({ hasText: en['status.readOnly.title'] }).count(),
        )
        .toBe(0);
    } finally {
      await browser.close();
    }
  }, 180_000);
});

/** The CSRF token the server set for the page's session (cookie-authenticated writes need it). */
async function csrf(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies.find((cookie) => cookie.name === 'atrium_csrf')?.value ?? '';
}
