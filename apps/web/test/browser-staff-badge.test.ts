import { describe, expect, it } from 'vitest';
import { signedInStaff } from '../../server/test/fixtures/staff.js';
import { IPS, signedIn } from '../../server/test/helper.js';
import { en } from '../src/i18n/en.js';
import { messages as es } from '../src/i18n/es.js';
import { messages as ja } from '../src/i18n/ja.js';
import { messages as ko } from '../src/i18n/ko.js';
import { messages as zhHans } from '../src/i18n/zh-Hans.js';
import { launchChromium, useBrowserHarness } from './browser-harness.js';

// The staff badge in the real web app: drawn beside staff names from the server's badge field,
// never from what a name says, and labelled in every interface language.

describe('staff badge in Chromium', () => {
  const harness = useBrowserHarness();

  it('shows the badge beside staff names only, labelled in every interface language', async () => {
    const { test, base, page } = harness;
    const moderator = await signedInStaff(test, 'jane', 'moderator', {}, IPS.US);
    const note = await moderator.client.notes.create({
      title: 'Welcome to Atrium',
      body: 'Read the community guidelines before you post.',
    });
    const user = await signedIn(test, 'ana_b', IPS.US);
    // a name is only text: it draws no badge
    await user.client.me.update({ displayName: 'Ana ✔ Staff' });
    await user.client.notes.create({ title: 'Watercolour practice', body: 'The harbour at dusk.' });
    page.setDefaultTimeout(15_000);
    const badge = page.getByRole('img', { name: en['profile.staffBadge'] });

    // discover: one card of each author, the badge on the moderator's only
    await page.goto(`${base}/`);
    await page
      .getByRole('link', { name: /Watercolour practice/ })
      .first()
      .waitFor();
    await expect.poll(() => badge.count()).toBe(1);
    expect(await page.locator('article', { has: badge }).textContent()).toContain(
      'Welcome to Atrium',
    );
    await harness.shootBoth('staff-badge-discover');

    // the note and the profiles
    await page.goto(`${base}/note/${note.id}`);
    await page.getByRole('heading', { name: 'Welcome to Atrium' }).waitFor();
    await expect.poll(() => badge.count()).toBeGreaterThan(0);
    await page.goto(`${base}/u/jane`);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.getByRole('img', { name: en['profile.staffBadge'] }).waitFor();
    await harness.shootBoth('staff-badge-profile');
    await page.goto(`${base}/u/ana_b`);
    await page.getByRole('heading', { level: 1, name: /Ana ✔ Staff/ }).waitFor();
    expect(await badge.count()).toBe(0);

    // the accessible name in each other interface language
    const browser = await launchChromium();
    try {
      for (const [locale, label] of [
        ['zh-CN', zhHans['profile.staffBadge']],
        ['es-ES', es['profile.staffBadge']],
        ['ja-JP', ja['profile.staffBadge']],
        ['ko-KR', ko['profile.staffBadge']],
      ] as const) {
        const localized = await browser.newContext({ locale, timezoneId: 'UTC' });
        const localPage = await localized.newPage();
        localPage.setDefaultTimeout(15_000);
        await localPage.goto(`${base}/u/jane`);
        await localPage
          .getByRole('heading', { level: 1 })
          .getByRole('img', { name: label })
          .waitFor();
        await localized.close();
      }
    } finally {
      await browser.close();
    }
  }, 120_000);
});
