import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import { en } from '../src/i18n/en.js';
import { seriousViolations } from './axe.js';
import { launchChromium, PASSWORD, PHONE, useBrowserHarness } from './browser-harness.js';

// Two-factor authentication in Chromium: turned on from the settings (the key shown as text, a
// first code, the recovery codes shown once), then a login asks for a code after the password.

/** The code an authenticator shows `steps` 30-second steps from now. */
const codeOf = (secret: string, steps = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

describe('two-factor authentication in Chromium', () => {
  const web = useBrowserHarness();

  it('turns TOTP on in the settings, then the login asks for a code', async () => {
    const { test, base } = web;
    await signUpByEmail(test, 'tova_keys', IPS.US);

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: PHONE,
        locale: 'en-US',
        timezoneId: 'UTC',
        bypassCSP: true,
      });
      const login = await context.request.post(`${base}/api/auth/login`, {
        data: { login: 'tova_keys', password: PASSWORD },
      });
      expect(login.status()).toBe(200);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${base}/settings`);
      const section = page.getByRole('region', { name: en['twoFactor.title'] });
      await section.getByText(en['twoFactor.off']).waitFor();
      await section.getByLabel(en['settings.currentPassword']).fill(PASSWORD);
      await section.getByRole('button', { name: en['twoFactor.enable'] }).click();

      const secret = (await section.getByTestId('totp-secret').textContent())?.trim() ?? '';
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      const link = await section.getByRole('link', { name: en['twoFactor.openInApp'] });
      expect(await link.getAttribute('href')).toMatch(/^otpauth:\/\/totp\//);
      await section.getByLabel(en['twoFactor.firstCode']).fill('000000');
      await section.getByRole('button', { name: en['twoFactor.confirm'] }).click();
      await section.getByText(en['error.INVALID_CODE']).waitFor();
      await section.getByLabel(en['twoFactor.firstCode']).fill(await codeOf(secret));
      await section.getByRole('button', { name: en['twoFactor.confirm'] }).click();

      const codes = section.getByRole('list', { name: en['twoFactor.recoveryCodesLabel'] });
      await codes.waitFor();
      expect(await codes.getByRole('listitem').count()).toBe(10);
      expect(await seriousViolations(page)).toEqual([]);
      await section.scrollIntoViewIfNeeded();
      await web.shootBoth('settings-two-factor-codes', page);
      await section.getByRole('button', { name: en['twoFactor.savedCodes'] }).click();
      await section.getByText('On. 10 recovery codes left.').waitFor();

      // a new device: the password, then the code
      const fresh = await browser.newContext({ viewport: PHONE, locale: 'en-US', bypassCSP: true });
      const device = await fresh.newPage();
      device.setDefaultTimeout(15_000);
      await device.goto(`${base}/login?next=/settings`);
      await device.getByRole('tab', { name: en['auth.emailTab'] }).click();
      await device.getByLabel(en['auth.login']).fill('tova_keys');
      await device.getByLabel(en['auth.password']).fill(PASSWORD);
      await device.getByRole('button', { name: en['auth.signIn'] }).click();
      const codeField = device.getByLabel(en['auth.secondFactorCode']);
      await codeField.waitFor();
      expect(await seriousViolations(device)).toEqual([]);
      await web.shootBoth('login-second-factor', device);
      // the step the confirmation used is spent: the next one's code
      await codeField.fill(await codeOf(secret, 1));
      await device.getByRole('button', { name: en['auth.signIn'] }).click();
      await device.waitForURL(`${base}/settings`);
      await device.getByText('Signed in as @tova_keys').waitFor();
    } finally {
      await browser.close();
    }
  });
});
