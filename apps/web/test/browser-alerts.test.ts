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

// Alerts on the staff dashboard (issue 21, item 3): a rule fires from a real figure (a held
// note opens a case), the administrator sees it firing, acknowledges it and silences its webhook;
// deciding the case resolves it and the list follows without a reload.

describe('alerts on the staff dashboard in Chromium', () => {
  const web = useBrowserHarness();

  it('lists a firing alert, acknowledges and silences it, then shows it resolved', async () => {
    const { test, base } = web;
    const lead = await signUpByEmail(test, 'lead_alder');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'lead_alder', role: 'admin' });
    const staff = test.client({ token: lead.token });
    await staff.staff.updateAlertRule('review_backlog', { threshold: 0 });
    const author = await signUpByEmail(test, 'author_birch');
    const held = await test
      .client({ token: author.token })
      .notes.create({ title: 'Party', body: 'who can get c0caine tonight', lang: 'en' });
    expect(held.status).toBe('pending_review');
    await test.alerts.tick();

    const browser = await launchChromium();
    try {
      const page = await signedInPage(browser, base, { login: 'lead_alder', bypassCSP: true });
      await page.goto(`${base}/staff/dashboard`);
      await page.getByRole('heading', { name: staffEn['staff.alerts.title'] }).waitFor();
      const alert = page.locator('[data-alert="review_backlog"]');
      await alert.waitFor();
      expect(await alert.getAttribute('data-state')).toBe('firing');
      expect(await alert.textContent()).toContain(
        staffEn['staff.alerts.figure.review_queue_depth'],
      );
      expect(await alert.textContent()).toContain('docs/runbooks/review-backlog.md');

      await alert.getByRole('button', { name: staffEn['staff.alerts.acknowledge'] }).click();
      await alert.getByText('Acknowledged by @lead_alder').waitFor();
      await alert.getByRole('combobox').selectOption('240');
      await alert.getByRole('button', { name: staffEn['staff.alerts.silence'] }).click();
      await alert.getByRole('button', { name: staffEn['staff.alerts.unsilence'] }).waitFor();
      expect(await alert.textContent()).toContain('Webhook silenced until');
      expect(await seriousViolations(page)).toEqual([]);
      await web.shoot('staff-alerts', DESKTOP, page);
      await web.shoot('staff-alerts', PHONE, page);

      // the case decided: the next evaluation resolves the alert, and the open page shows it
      const open = await test.database.db
        .selectFrom('moderation_cases')
        .select('id')
        .where('target_id', '=', held.id)
        .executeTakeFirstOrThrow();
      await staff.moderation.claim(open.id);
      await staff.moderation.decide(open.id, { decision: 'approve', reasonCode: 'policy.ok' });
      await test.alerts.tick();
      await page.locator('[data-alert="review_backlog"][data-state="resolved"]').waitFor({
        timeout: 5_000,
      });
      await page.getByText(staffEn['staff.alerts.none']).waitFor();
    } finally {
      await browser.close();
    }
  }, 240_000);
});
