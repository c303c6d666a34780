import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../server/test/fixtures/staff.js';
import { buildTestApp, IPS, signedIn, type TestApp } from '../../server/test/helper.js';
import { en } from '../src/i18n/en.js';
import { messages as es } from '../src/i18n/es.js';
import { messages as ja } from '../src/i18n/ja.js';
import { messages as ko } from '../src/i18n/ko.js';
import { messages as zhHans } from '../src/i18n/zh-Hans.js';

// The staff badge in the real web app: the built app served by a server on a fresh database,
// driven by Debian's Chromium. Setup copied from browser.test.ts, to move onto a shared harness.

const CHROMIUM = '/usr/bin/chromium';
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const ARTIFACTS = path.join(REPO, 'test-artifacts', 'web');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'];

let test: TestApp;
let base: string;
let browser: Browser;

describe('staff badge in Chromium', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: run bash scripts/test.sh, which installs it`);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    // Vitest runs with NODE_ENV=test, which would make Vite bundle React's development build.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
        mode: 'production',
        logLevel: 'warn',
      });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1' });
    base = await test.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    test?.app.server.closeAllConnections();
    await test?.close();
  });

  it('shows the badge beside staff names only, labelled in every interface language', async () => {
    const moderator = await signedInStaff(test, 'jane', 'moderator', {}, IPS.US);
    const note = await moderator.client.notes.create({
      title: 'Welcome to Atrium',
      body: 'Read the community guidelines before you post.',
    });
    const user = await signedIn(test, 'ana_b', IPS.US);
    // a name is only text: it draws no badge
    await user.client.me.update({ displayName: 'Ana ✔ Staff' });
    await user.client.notes.create({ title: 'Watercolour practice', body: 'The harbour at dusk.' });

    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const badge = page.getByRole('img', { name: en['profile.staffBadge'] });

    // discover: one card of each author, the badge on the moderator's only
    await page.goto(`${base}/`);
    await page
      .getByRole('link', { name: /Watercolour practice/ })
      .first()
      .waitFor();
    await expect.poll(() => badge.count()).toBe(1);
    const card = page.locator('article', { has: badge });
    expect(await card.textContent()).toContain('Welcome to Atrium');
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-badge-discover-desktop.png') });

    // the note and the profile
    await page.goto(`${base}/note/${note.id}`);
    await page.getByRole('heading', { name: 'Welcome to Atrium' }).waitFor();
    await expect.poll(() => badge.count()).toBeGreaterThan(0);
    await page.goto(`${base}/u/jane`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(
      await page.getByRole('heading', { level: 1 }).getByRole('img').getAttribute('aria-label'),
    ).toBe(en['profile.staffBadge']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-badge-profile-desktop.png') });
    await page.goto(`${base}/u/ana_b`);
    await page.getByRole('heading', { level: 1, name: /Ana ✔ Staff/ }).waitFor();
    expect(await badge.count()).toBe(0);
    await context.close();

    // the accessible name in each interface language
    const languages: Array<[string, string]> = [
      ['zh-CN', zhHans['profile.staffBadge']],
      ['es-ES', es['profile.staffBadge']],
      ['ja-JP', ja['profile.staffBadge']],
      ['ko-KR', ko['profile.staffBadge']],
    ];
    for (const [locale, label] of languages) {
      const localized = await browser.newContext({ locale, timezoneId: 'UTC' });
      const localPage = await localized.newPage();
      localPage.setDefaultTimeout(15_000);
      await localPage.goto(`${base}/u/jane`);
      await localPage.getByRole('img', { name: label }).waitFor();
      await localized.close();
    }
  }, 120_000);
});
