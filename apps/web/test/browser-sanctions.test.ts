import { describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import { en } from '../src/i18n/en.js';
import { staffEn } from '../src/staff/i18n/en.js';
import { launchChromium, PASSWORD, signedInPage, useBrowserHarness } from './browser-harness.js';

// A suspension as the suspended person and the staff live it in the real web app: the restricted
// session reads its notices and appeals, a moderator cannot lift the sanction, an administrator
// can, and the account posts again. And the proof of work a repeated phone code costs, solved
// by the page itself.

describe('sanctions in Chromium', () => {
  const web = useBrowserHarness();

  it('a suspended account reads its notices and appeals; an administrator lifts the suspension', async () => {
    const { test, base } = web;
    const user = await signUpByEmail(test, 'lin_paints', IPS.US);
    await test.client({ token: user.token }).notes.create({ body: 'Free followers, DM me' });
    await signUpByEmail(test, 'mod_mei');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'mod_mei', role: 'moderator' });
    await signUpByEmail(test, 'ana_lead');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'ana_lead', role: 'admin' });
    const reporter = await signUpByEmail(test, 'kai_reports', IPS.US);
    await test.client({ token: reporter.token }).reports.create({
      targetType: 'account',
      targetId: user.account.id,
      reason: 'spam',
    });
    const reportCase = await test.database.db
      .selectFrom('moderation_cases')
      .select('id')
      .where('target_id', '=', user.account.id)
      .executeTakeFirstOrThrow();
    const moderatorLogin = await test.client().auth.login({ login: 'mod_mei', password: PASSWORD });
    const moderatorApi = test.client({ token: moderatorLogin.token });
    await moderatorApi.moderation.claim(reportCase.id);
    await moderatorApi.moderation.decide(reportCase.id, {
      decision: 'approve',
      reasonCode: 'policy.spam',
      accountAction: { type: 'suspend', days: 7 },
    });

    const browser = await launchChromium();
    try {
      const pageFor = (login?: string) => signedInPage(browser, base, login ? { login } : {});

      // The suspended person signs in through the form: every screen says what happened.
      const suspended = await pageFor();
      await suspended.goto(`${base}/login`);
      await suspended.getByRole('tab', { name: 'E-mail' }).click();
      await suspended.getByLabel('E-mail or handle').fill('lin_paints');
      await suspended.getByLabel('Password').fill(PASSWORD);
      await suspended.getByRole('button', { name: 'Log in' }).click();
      const banner = suspended.getByRole('alert').filter({ hasText: 'Your account is suspended' });
      await banner.waitFor();
      expect(await banner.textContent()).toContain(en['restricted.body']);
      await web.shootBoth('suspended-banner', suspended);

      // Posting is closed, with the reason in words.
      await suspended.goto(`${base}/new`);
      await suspended.getByLabel(en['compose.body']).fill('Still here?');
      await suspended.getByRole('button', { name: en['compose.publish'] }).click();
      await suspended.getByText(en['error.ACCOUNT_SUSPENDED']).waitFor();

      // The notices: the suspension's statement, and an appeal against it.
      await banner.getByRole('link', { name: en['restricted.notices'] }).click();
      await suspended.getByRole('heading', { name: en['notices.title'] }).waitFor();
      const statement = suspended.locator('article.statement', {
        hasText: 'Account suspended until',
      });
      await statement.waitFor();
      await statement.getByRole('button', { name: en['appeal.action'] }).click();
      await statement.getByLabel(en['appeal.label']).fill('Someone else used my phone.');
      await statement.getByRole('button', { name: en['appeal.submit'] }).click();
      await suspended.getByText(en['appeal.sent']).waitFor();
      await web.shootBoth('suspended-notices', suspended);
      const appeal = await test.database.db
        .selectFrom('moderation_cases')
        .select('id')
        .where('target_id', '=', user.account.id)
        .where('source', '=', 'appeal')
        .executeTakeFirstOrThrow();

      // A moderator sees the appeal's history but no way to lift the sanction.
      const lift = (page: typeof suspended) =>
        page.getByRole('form', { name: staffEn['staff.lift.title'] });
      const moderator = await pageFor('mod_mei');
      await moderator.goto(`${base}/staff/cases/${appeal.id}`);
      await moderator.getByText(/Suspended until/).waitFor();
      expect(await lift(moderator).count()).toBe(0);

      // An administrator lifts it from the same case.
      const admin = await pageFor('ana_lead');
      await admin.goto(`${base}/staff/cases/${appeal.id}`);
      await lift(admin).waitFor();
      await web.shootBoth('staff-lift', admin);
      await lift(admin)
        .getByLabel(staffEn['staff.lift.reason'])
        .selectOption({ label: staffEn['staff.lift.reason.appeal.granted'] });
      await lift(admin).getByLabel(staffEn['staff.lift.note']).fill('Phone recovered by the owner');
      await lift(admin).getByRole('button', { name: staffEn['staff.lift.submit'] }).click();
      await admin.getByText(staffEn['staff.lift.done']).waitFor();
      await expect.poll(() => admin.getByText(/Suspended until/).count()).toBe(0);

      // The person's next visit: no banner, a statement of the lift, and posting works again.
      await suspended.goto(`${base}/notices`);
      await suspended
        .locator('article.statement', { hasText: en['statement.action.lift'] })
        .waitFor();
      expect(await suspended.getByRole('alert').count()).toBe(0);
      await suspended.goto(`${base}/new`);
      await suspended.getByLabel(en['compose.body']).fill('Back again, with watercolours');
      await suspended.getByRole('button', { name: en['compose.publish'] }).click();
      await suspended.waitForURL(/\/note\//);
      await suspended.getByText('Back again, with watercolours').first().waitFor();
    } finally {
      await browser.close();
    }
  }, 120_000);
});

describe('the proof of work at the door, in Chromium', () => {
  // anti-automation is on here, as in production (rate limits too)
  const web = useBrowserHarness({ env: { ATRIUM_DISABLE_RATE_LIMITS: '0' } });

  it('a code for a second number from the same browser costs a proof of work, solved by the page', async () => {
    const { base, page } = web;
    const context = page.context();
    await context.clearCookies();
    const starts: Array<{ status: number; proof: boolean }> = [];
    page.on('response', (response) => {
      if (!response.url().endsWith('/api/auth/phone/start')) return;
      const body = response.request().postDataJSON() as { proof?: unknown };
      starts.push({ status: response.status(), proof: body.proof !== undefined });
    });
    await page.goto(`${base}/login`);
    await page.getByLabel('Country or region').selectOption('GB');
    await page.getByLabel('Mobile number').fill('7911 123456');
    await page.getByRole('button', { name: en['auth.sendCode'] }).click();
    await page.getByLabel('Verification code').waitFor();
    // another number from the same client within the hour: the server answers 428 with a
    // challenge, the page solves it and asks again with the solution, with nothing to do
    await page.getByRole('button', { name: en['auth.resend'] }).click();
    await page.getByLabel('Mobile number').fill('7400 123456');
    await page.getByRole('button', { name: en['auth.sendCode'] }).click();
    await page.getByLabel('Verification code').waitFor();
    expect(starts).toEqual([
      { status: 202, proof: false },
      { status: 428, proof: false },
      { status: 202, proof: true },
    ]);
    const outboxUrl = `${base}/api/dev/outbox?to=${encodeURIComponent('+447400123456')}`;
    const outbox = (await (await fetch(outboxUrl)).json()) as { items: Array<{ code?: string }> };
    const code = outbox.items[0]?.code ?? '';
    expect(code).toMatch(/^\d+$/);
    await page.getByLabel('Verification code').fill(code);
    await page.getByLabel('Handle').fill('pow_newcomer');
    await page.getByRole('button', { name: 'Continue' }).click();
    // a new account is welcomed first (onboarding, shown once): skipped here
    await page.waitForURL(`${base}/welcome`);
    await page.getByRole('button', { name: en['welcome.skip'] }).click();
    await page.waitForURL(`${base}/`);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Me' })
      .waitFor();
  }, 60_000);
});
