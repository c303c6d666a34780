import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../server/src/lib/uuid7.js';
import { failure, IPS, signUpByEmail } from '../../server/test/helper.js';
import { staffEn } from '../src/staff/i18n/en.js';
import { launchChromium, signedInPage, useBrowserHarness } from './browser-harness.js';

// The staff risk view in the real web app: sign-ups per minute by decision and by country drawn
// as SVG, the reasons that fire most, and the surge switches — an administrator turns surge mode
// on (every staff page then shows the banner) and pauses a country, which the door then refuses;
// a moderator sees the same view without the switches.

/** Door events as the risk module records them (the door itself is off in this harness). */
const EVENTS: { decision: string; country: string; reasons: string[]; n: number }[] = [
  { decision: 'allow', country: 'US', reasons: [], n: 6 },
  { decision: 'challenge', country: 'BR', reasons: ['device_missing'], n: 3 },
  { decision: 'deny', country: 'DE', reasons: ['hosting_network', 'user_agent_automation'], n: 1 },
];

describe('the risk view in Chromium', () => {
  const web = useBrowserHarness();

  it('shows the charts and reasons; an administrator switches surge mode and pauses a country', async () => {
    const { test, base } = web;
    await signUpByEmail(test, 'ana_lead');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'ana_lead', role: 'admin' });
    await signUpByEmail(test, 'mod_mei');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'mod_mei', role: 'moderator' });
    for (const event of EVENTS) {
      for (let i = 0; i < event.n; i += 1) {
        await test.database.db
          .insertInto('risk_events')
          .values({
            id: uuidv7(),
            account_id: null,
            kind: 'door',
            data: '{}',
            surface: 'signup',
            decision: event.decision as 'allow',
            score: 0,
            reasons: JSON.stringify(event.reasons.map((code) => ({ code, points: 20 }))),
            ip_country: event.country,
          })
          .execute();
      }
    }

    const browser = await launchChromium();
    try {
      const pageFor = (login: string) => signedInPage(browser, base, { login });

      const admin = await pageFor('ana_lead');
      await admin.goto(`${base}/staff`);
      await admin.getByRole('link', { name: staffEn['staff.nav.risk'] }).click();
      await admin.getByRole('heading', { name: staffEn['staff.risk.title'] }).waitFor();
      // the charts: one segment per decision, one per country (all in this minute)
      const decisions = admin.getByRole('img', { name: staffEn['staff.risk.byDecision'] });
      await decisions.waitFor();
      expect(
        await decisions
          .locator('rect')
          .evaluateAll((rects) => rects.map((rect) => rect.getAttribute('data-series')).sort()),
      ).toEqual(['allow', 'challenge', 'deny']);
      const countries = admin.getByRole('img', { name: staffEn['staff.risk.byCountry'] });
      expect(
        await countries
          .locator('rect')
          .evaluateAll((rects) => rects.map((rect) => rect.getAttribute('data-series')).sort()),
      ).toEqual(['BR', 'DE', 'US']);
      // the allowed segment is the tallest: 6 of 10
      const heights = await decisions
        .locator('rect')
        .evaluateAll((rects) =>
          Object.fromEntries(
            rects.map((rect) => [
              rect.getAttribute('data-series'),
              Number(rect.getAttribute('height')),
            ]),
          ),
        );
      expect(heights.allow).toBeCloseTo(heights.challenge * 2, 3);
      // the reasons, most frequent first
      const reasons = admin.locator('table.risk-reasons th');
      expect(await reasons.allTextContents()).toEqual([
        'device_missing',
        'hosting_network',
        'user_agent_automation',
      ]);
      expect(await admin.locator('.surge-banner').count()).toBe(0);
      await web.shootBoth('staff-risk', admin);

      // surge mode on: the state, the banner, and the audit log say so
      await admin.getByRole('radio', { name: staffEn['staff.risk.surge.mode.on'] }).click();
      await admin.getByText(staffEn['staff.risk.surge.active']).waitFor();
      await admin.getByRole('status').filter({ hasText: staffEn['staff.banner.surge'] }).waitFor();
      expect(test.surgeMode.isSurgeActive()).toBe(true);
      const switched = await test.database.db
        .selectFrom('audit_log')
        .select(['action', 'data'])
        .where('action', '=', 'surge.mode')
        .execute();
      expect(switched).toEqual([{ action: 'surge.mode', data: { from: 'auto', to: 'on' } }]);

      // pausing Brazil: the list shows it, and a sign-up from Brazil is refused
      await admin.getByLabel(staffEn['staff.risk.pauses.country']).fill('br');
      await admin.getByRole('button', { name: staffEn['staff.risk.pauses.pause'] }).click();
      await admin.getByRole('button', { name: 'Resume BR' }).waitFor();
      await web.shootBoth('staff-risk-surge', admin);
      expect((await failure(signUpByEmail(test, 'praia_sol', IPS.BRAZIL))).code).toBe(
        'SIGNUPS_PAUSED',
      );

      // a moderator: the banner on the queue, the same view, no switches
      const moderator = await pageFor('mod_mei');
      await moderator.goto(`${base}/staff`);
      await moderator
        .getByRole('status')
        .filter({ hasText: staffEn['staff.banner.surge'] })
        .waitFor();
      await moderator.goto(`${base}/staff/risk`);
      await moderator.getByText(staffEn['staff.risk.surge.readOnly']).waitFor();
      expect(
        await moderator
          .getByRole('radio', { name: staffEn['staff.risk.surge.mode.off'] })
          .isDisabled(),
      ).toBe(true);
      expect(await moderator.getByRole('button', { name: 'Resume BR' }).count()).toBe(0);

      // back to automatic: the banner goes (nothing is surging)
      await admin.getByRole('radio', { name: staffEn['staff.risk.surge.mode.auto'] }).click();
      await admin.getByText(staffEn['staff.risk.surge.inactive']).waitFor();
      await expect.poll(() => admin.locator('.surge-banner').count()).toBe(0);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
