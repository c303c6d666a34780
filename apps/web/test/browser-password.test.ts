import { describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import { en } from '../src/i18n/en.js';
import { seriousViolations } from './axe.js';
import { launchChromium, PASSWORD, PHONE, useBrowserHarness } from './browser-harness.js';

// Changing one's password in the settings: a wrong current password is refused in words, the
// right one changes it, and another device's session is signed out.

describe('password change in Chromium', () => {
  const web = useBrowserHarness();

  it('changes the password from the settings and signs the other device out', async () => {
    const { test, base } = web;
    await signUpByEmail(test, 'mira_keys', IPS.US);
    const other = await test.client({}).auth.login({ login: 'mira_keys', password: PASSWORD });

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: PHONE,
        locale: 'en-US',
        timezoneId: 'UTC',
        bypassCSP: true,
      });
      const login = await context.request.post(`${base}/api/auth/login`, {
        data: { login: 'mira_keys', password: PASSWORD },
      });
      expect(login.status()).toBe(200);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${base}/settings`);
      const section = page.getByRole('region', { name: en['settings.password'] });
      await section.getByLabel(en['settings.currentPassword']).fill('not my password');
      await section.getByLabel(en['settings.newPassword']).fill('lantern moss under the bridge');
      await section.getByRole('button', { name: en['settings.changePassword'] }).click();
      await section.getByText(en['error.WRONG_PASSWORD']).waitFor();
      // still signed in: the page did not fall back to "Log in"
      await page.getByText('Signed in as @mira_keys').waitFor();

      await section.getByLabel(en['settings.currentPassword']).fill(PASSWORD);
      await section.getByRole('button', { name: en['settings.changePassword'] }).click();
      await section
        .getByRole('status')
        .filter({ hasText: 'Password changed. 2 other sessions were signed out.' })
        .waitFor();
      expect(await section.getByLabel(en['settings.currentPassword']).inputValue()).toBe('');
      expect(await seriousViolations(page)).toEqual([]);
      await section.scrollIntoViewIfNeeded();
      await web.shootBoth('settings-password', page);

      const ended = await test.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization: `Bearer ${other.token}` },
      });
      expect(ended.statusCode).toBe(401);
      const fresh = await test
        .client({})
        .auth.login({ login: 'mira_keys', password: 'lantern moss under the bridge' });
      expect(fresh.account.handle).toBe('mira_keys');
    } finally {
      await browser.close();
    }
  });
});
