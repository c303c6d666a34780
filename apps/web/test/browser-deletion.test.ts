import { describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import { en } from '../src/i18n/en.js';
import { seriousViolations } from './axe.js';
import { launchChromium, PASSWORD, PHONE, useBrowserHarness } from './browser-harness.js';

// Deleting one's account in the settings: a confirmation and the password, then the session is
// over; logging in again within the grace period cancels the deletion, and a notice says so.

describe('account deletion in Chromium', () => {
  const web = useBrowserHarness();

  it('deletes the account from the settings; a login in the grace period cancels it', async () => {
    const { test, base } = web;
    await signUpByEmail(test, 'mira_leaves', IPS.US);

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: PHONE,
        locale: 'en-US',
        timezoneId: 'UTC',
        bypassCSP: true,
      });
      const login = await context.request.post(`${base}/api/auth/login`, {
        data: { login: 'mira_leaves', password: PASSWORD },
      });
      expect(login.status()).toBe(200);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${base}/settings`);
      const section = page.getByRole('region', { name: en['settings.deleteAccount'] });
      await section.getByText(en['settings.deleteAccountIntro']).waitFor();
      const button = section.getByRole('button', { name: en['settings.deleteAccountButton'] });
      // nothing goes before the confirmation and the password
      expect(await button.isDisabled()).toBe(true);
      await section.getByLabel(en['settings.deleteAccountUnderstand']).check();
      await section.getByLabel(en['settings.currentPassword']).fill('not my password');
      await button.click();
      await section.getByText(en['error.WRONG_PASSWORD']).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await section.scrollIntoViewIfNeeded();
      await web.shootBoth('settings-delete-account', page);

      await section.getByLabel(en['settings.currentPassword']).fill(PASSWORD);
      await button.click();
      // signed out: the app left the settings
      await page.waitForURL(`${base}/`);
      const profile = await test.app.inject({ method: 'GET', url: '/api/users/mira_leaves' });
      expect(profile.statusCode).toBe(404);

      // logging in again cancels the deletion, and the app says so
      await page.goto(`${base}/login`);
      await page.getByRole('tab', { name: en['auth.emailTab'] }).click();
      await page.getByLabel(en['auth.login']).fill('mira_leaves');
      await page.getByLabel(en['auth.password']).fill(PASSWORD);
      await page.getByRole('button', { name: en['auth.signIn'], exact: true }).click();
      const notice = page.getByRole('status').filter({ hasText: en['deletion.cancelledTitle'] });
      await notice.waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await web.shootBoth('deletion-cancelled', page);
      await notice.getByRole('button', { name: en['deletion.dismiss'] }).click();
      await notice.waitFor({ state: 'detached' });
      const back = await test.app.inject({ method: 'GET', url: '/api/users/mira_leaves' });
      expect(back.statusCode).toBe(200);
    } finally {
      await browser.close();
    }
  });
});
