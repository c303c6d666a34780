import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import { ARTIFACTS, DESKTOP, launchChromium, useBrowserHarness } from './browser-harness.js';

// Browser tests (browser-harness.ts): an image withheld in the viewer's region shows in the US,
// is replaced by the notice in China, and is refused by URL there and where the client cannot
// be located.

describe('web app in Chromium: an image withheld in the viewer’s region', () => {
  const web = useBrowserHarness();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** A page whose requests come from `forwardedFor` (the server trusts loopback as its proxy). */
  async function pageFrom(forwardedFor: string | null): Promise<Page> {
    const context = await browser.newContext({
      viewport: DESKTOP,
      locale: 'en-US',
      timezoneId: 'UTC',
      ...(forwardedFor ? { extraHTTPHeaders: { 'X-Forwarded-For': forwardedFor } } : {}),
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  it('shows the picture in the US, the notice in China, and refuses the image by URL there', async () => {
    const { test, base } = web;
    const author = await signUpByEmail(test, 'photo_author', IPS.US);
    const client = test.client({ token: author.token, ip: IPS.US });
    const bytes = await sharp({
      create: { width: 320, height: 240, channels: 3, background: { r: 40, g: 160, b: 90 } },
    })
      .png()
      .toBuffer();
    const image = await client.media.upload(
      new Blob([new Uint8Array(bytes)], { type: 'image/png' }),
      'haul.png',
    );
    // the shipped policy withholds cannabis content in China, with a warning elsewhere
    const note = await client.notes.create({
      title: 'Dispensary haul',
      body: 'Legal weed in LA is wild',
      mediaIds: [image.id],
    });

    const us = await pageFrom(IPS.US);
    await us.goto(`${base}/note/${note.id}`);
    await us.getByRole('heading', { name: 'Dispensary haul' }).waitFor();
    const picture = us.locator(`img[src="${image.url}"]`).first();
    await picture.waitFor();
    await expect
      .poll(() => picture.evaluate((element) => (element as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    await us.screenshot({ path: path.join(ARTIFACTS, 'media-withheld-us-desktop.png') });

    const china = await pageFrom(IPS.GUANGDONG);
    await china.goto(`${base}/note/${note.id}`);
    await china.getByRole('heading', { name: 'Not available in your region' }).waitFor();
    expect(await china.locator(`img[src="${image.url}"]`).count()).toBe(0);
    await china.screenshot({ path: path.join(ARTIFACTS, 'media-withheld-cn-desktop.png') });
    // a link shared from elsewhere does not defeat the decision, nor does a cache keep it
    for (const url of [image.url, image.cardUrl]) {
      const direct = await china.goto(`${base}${url}`);
      expect(direct?.status()).toBe(451);
      expect(direct?.headers()['cache-control']).toBe('no-store');
    }

    // a client that cannot be located stands where every regional restriction applies
    const nowhere = await pageFrom(null);
    const unlocated = await nowhere.goto(`${base}${image.url}`);
    expect(unlocated).not.toBeNull();
    expect(unlocated!.status()).toBe(451);
    expect(((await unlocated!.json()) as { region: string }).region).toBe('ZZ');
  }, 120_000);
});
