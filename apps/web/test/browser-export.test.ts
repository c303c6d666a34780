import { describe, expect, it } from 'vitest';
import { signedInStaff } from '../../server/test/fixtures/staff.js';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import { en } from '../src/i18n/en.js';
import { seriousViolations } from './axe.js';
import {
  launchChromium,
  PASSWORD,
  PHONE,
  signedInPage,
  useBrowserHarness,
} from './browser-harness.js';

// "Your data" in the settings: asking for an export, seeing it prepared, and downloading it; a
// second request while one exists is not offered, and the archive comes with the session. And
// "Who saw your personal data": each time an administrator unmasked the phone or e-mail.

describe('account export in Chromium', () => {
  const web = useBrowserHarness();

  it('prepares an export from the settings and downloads it', async () => {
    const { test, base } = web;
    const { token } = await signUpByEmail(test, 'ren_boxes', IPS.US);
    await test.client({ token }).notes.create({ body: 'A note to take along' });

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: PHONE,
        locale: 'en-US',
        timezoneId: 'UTC',
        bypassCSP: true,
        acceptDownloads: true,
      });
      const login = await context.request.post(`${base}/api/auth/login`, {
        data: { login: 'ren_boxes', password: PASSWORD },
      });
      expect(login.status()).toBe(200);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(`${base}/settings`);
      const section = page.getByRole('region', { name: en['export.title'] });
      await section.getByRole('button', { name: en['export.request'] }).click();
      const link = section.getByRole('link', { name: en['export.download'] });
      await link.waitFor();
      await section.getByRole('button', { name: en['export.again'] }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await section.scrollIntoViewIfNeeded();
      await web.shootBoth('settings-export', page);

      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(
        /^atrium-export-ren_boxes-\d{4}-\d{2}-\d{2}\.tar\.gz$/,
      );
      expect(await download.failure()).toBeNull();
    } finally {
      await browser.close();
    }
  });

  it('lists when staff unmasked the e-mail address, in which role and why', async () => {
    const { test, base } = web;
    await signUpByEmail(test, 'ida_private', IPS.US);
    const browser = await launchChromium();
    try {
      const page = await signedInPage(browser, base, {
        login: 'ida_private',
        bypassCSP: true,
        timeout: 20_000,
      });
      await page.goto(`${base}/settings`);
      const section = page.getByRole('region', { name: en['accessLog.title'] });
      await section.getByText(en['accessLog.empty']).waitFor();

      const lead = await signedInStaff(test, 'lead_oriane', 'admin');
      await lead.client.staff.revealPersonalData('ida_private', 'Impersonation report #5521');
      await page.reload();
      const entry = section.getByRole('listitem');
      await entry.getByText('An administrator saw your e-mail address on').waitFor();
      await entry.getByText('Impersonation report #5521').waitFor();
      expect(await entry.textContent()).not.toContain('lead_oriane');
      expect(await seriousViolations(page)).toEqual([]);
      await section.scrollIntoViewIfNeeded();
      await web.shootBoth('settings-access-log', page);
    } finally {
      await browser.close();
    }
  });
});
