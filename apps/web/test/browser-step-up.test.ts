import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.js';
import { seriousViolations } from './axe.js';
import { launchChromium, PASSWORD, PHONE, useBrowserHarness } from './browser-harness.js';

// The step-up of a risky sign-up in the web app (docs/risk.md, "Step-up"), with risk control on:
// a client that looks scripted signs up by e-mail, solves the proof of work, and is asked for the
// code sent to its address — wrong codes and early resends are explained, the banner follows it
// around until it confirms.

/** What makes the sign-up score 55 (the step-up band, 50–59): as in accounts/step-up.test.ts. */
const RISKY = {
  userAgent: 'python-requests/2.32.3',
  extraHTTPHeaders: { 'x-forwarded-for': '73.22.1.9' },
};
const EMAIL = 'sunny@example.org';

describe('the step-up in Chromium', () => {
  const web = useBrowserHarness({ env: { ATRIUM_RISK: 'on' } });

  it('asks a stepped-up sign-up for its code, explains failures, and lifts the limit', async () => {
    const { test, base } = web;
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: PHONE,
        locale: 'en-US',
        timezoneId: 'UTC',
        bypassCSP: true,
        ...RISKY,
      });
      // a client without a device fingerprint (scripts send none)
      await context.route('**/api/**', (route) => {
        const headers = { ...route.request().headers() };
        delete headers['x-atrium-device'];
        return route.continue({ headers });
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${base}/login?next=/settings`);
      await page.getByRole('tab', { name: en['auth.emailTab'] }).click();
      await page.getByRole('button', { name: en['auth.newHere'] }).click();
      await page.getByLabel(en['auth.email']).fill(EMAIL);
      await page.getByLabel(en['auth.handle']).fill('sunny4321');
      await page.getByLabel(en['auth.password']).fill(PASSWORD);
      await page.getByRole('button', { name: en['auth.signUp'] }).click();

      // the proof of work, then the code form instead of the next page
      await page.getByRole('heading', { name: en['stepUp.title'] }).waitFor({ timeout: 90_000 });
      const confirmUrl = new URL(page.url());
      expect(confirmUrl.pathname).toBe('/confirm');
      expect(confirmUrl.searchParams.get('next')).toBe('/settings');
      await page.getByText(en['stepUp.sentEmail']).waitFor();
      const event = await test.database.db
        .selectFrom('risk_events')
        .innerJoin('accounts', 'accounts.id', 'risk_events.account_id')
        .select(['risk_events.decision', 'risk_events.score'])
        .where('accounts.handle', '=', 'sunny4321')
        .executeTakeFirstOrThrow();
      expect(event.decision).toBe('challenge');
      expect(event.score).toBeGreaterThanOrEqual(50);
      const firstCode = test.outbox.messagesTo(EMAIL)[0]?.code;
      expect(firstCode).toMatch(/^\d{6}$/);
      expect(await seriousViolations(page)).toEqual([]);
      await web.shootBoth('step-up-form', page);

      // a wrong code: said plainly, the form stays
      const wrong = firstCode === '000000' ? '111111' : '000000';
      await page.getByLabel(en['stepUp.code']).fill(wrong);
      await page.getByRole('button', { name: en['stepUp.confirm'] }).click();
      await page.getByRole('alert').filter({ hasText: en['error.INVALID_CODE'] }).waitFor();
      // a new code at once: the wait is said in seconds
      await page.getByRole('button', { name: en['auth.resend'] }).click();
      await page.getByRole('alert').filter({ hasText: 'You can ask for a new code in' }).waitFor();
      await web.shootBoth('step-up-errors', page);

      // elsewhere in the app, the banner leads back; posting is still refused
      await page.goto(`${base}/`);
      const banner = page.locator('.step-up-banner');
      await banner.getByText(en['stepUp.bannerTitle']).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await web.shootBoth('step-up-banner', page);
      await banner.getByRole('link', { name: en['stepUp.enter'] }).click();
      await page.getByRole('heading', { name: en['stepUp.title'] }).waitFor();

      // the right code: confirmed, the banner goes, the account may post
      await page.getByLabel(en['stepUp.code']).fill(firstCode!);
      await page.getByRole('button', { name: en['stepUp.confirm'] }).click();
      await page.getByRole('status').filter({ hasText: en['stepUp.done'] }).waitFor();
      await web.shootBoth('step-up-done', page);
      const state = await context.request.get(`${base}/api/me/step-up`);
      expect(await state.json()).toMatchObject({ pending: false, channel: 'email' });
      // reached from the banner (no `next`): Continue goes to onboarding first (a new account
      // that has not seen it), then home, and no banner is left
      await page.getByRole('button', { name: en['auth.continue'] }).click();
      await page.waitForURL(`${base}/welcome`);
      await page.getByRole('heading', { name: en['welcome.languagesTitle'] }).waitFor();
      await page.getByRole('button', { name: en['welcome.skip'] }).click();
      await page.waitForURL(`${base}/`);
      await page.getByRole('tab', { name: en['feed.title'] }).waitFor();
      expect(await page.locator('.step-up-banner').count()).toBe(0);
      const account = await test.database.db
        .selectFrom('accounts')
        .select('posting_restricted_until')
        .where('handle', '=', 'sunny4321')
        .executeTakeFirstOrThrow();
      expect(account.posting_restricted_until).toBeNull();
    } finally {
      await browser.close();
    }
  }, 240_000);
});
