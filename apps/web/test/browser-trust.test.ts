import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import { en } from '../src/i18n/en.js';
import { messages as ja } from '../src/i18n/ja.js';
import { launchChromium, signedInPage, useBrowserHarness } from './browser-harness.js';

// Trust levels in the real web app: a new account sees "New account: some limits apply" with
// its limits where it writes, is told in words when it reaches one, and an account past level 0
// sees no notice.

describe('trust levels in Chromium', () => {
  const web = useBrowserHarness({ env: { ATRIUM_TRUST: 'on' } });

  it('shows a new account its limits and the refusal over one, in its language', async () => {
    const { test, base } = web;
    await signUpByEmail(test, 'maple_notes', IPS.US);
    await signUpByEmail(test, 'birch_notes', IPS.US);
    await sql`UPDATE accounts SET trust_floor = 1 WHERE handle = 'birch_notes'`.execute(
      test.database.db,
    );

    const browser = await launchChromium();
    try {
      const pageFor = (login: string, locale: string) =>
        signedInPage(browser, base, { login, locale });

      const page = await pageFor('maple_notes', 'en-US');
      await page.goto(`${base}/new`);
      const notice = page.locator('section.trust-notice');
      await notice.getByText(en['trust.title']).waitFor();
      const text = await notice.textContent();
      expect(text).toContain('3 notes an hour');
      expect(text).toContain('1 link per note');
      expect(text).toContain("5 comments an hour on notes of people you don't follow");
      expect(text).toContain('Limits ease after 3 days');
      await web.shootBoth('trust-notice', page);

      // three notes an hour at level 0: the fourth is refused in words
      for (let index = 0; index < 4; index++) {
        await page.goto(`${base}/new`);
        await page.getByLabel(en['compose.body']).fill(`Sketch number ${index}`);
        await page.getByRole('button', { name: en['compose.publish'] }).click();
        if (index < 3) await page.waitForURL(/\/note\//);
      }
      await page.getByText(en['error.TRUST_LIMIT']).waitFor();

      // in Japanese
      const japanese = await pageFor('maple_notes', 'ja-JP');
      await japanese.goto(`${base}/new`);
      await japanese.getByText(ja['trust.title']).waitFor();

      // past level 0: no notice
      const trusted = await pageFor('birch_notes', 'en-US');
      await trusted.goto(`${base}/new`);
      await trusted.getByLabel(en['compose.body']).waitFor();
      await trusted.waitForTimeout(500);
      expect(await trusted.locator('section.trust-notice').count()).toBe(0);
    } finally {
      await browser.close();
    }
  });
});
