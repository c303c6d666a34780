import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeImage } from '../../server/test/fixtures/images.js';
import { IPS, signUpByEmail, type TestApp } from '../../server/test/helper.js';
import { seriousViolations } from './axe.js';
import {
  ARTIFACTS,
  DESKTOP,
  launchChromium,
  PASSWORD,
  PHONE,
  useBrowserHarness,
} from './browser-harness.js';

// Every screen of the app and of the staff console, on a phone and on a desktop, checked by
// axe-core (injected into the page): no serious or critical violation of WCAG 2.x A and AA.
// Then what axe cannot see: the carousel is reached and driven by the keyboard, and "Add images"
// shows a focus ring one can see.

async function imageNote(test: TestApp, token: string, count: number, body: string) {
  const client = test.client({ token, ip: IPS.US });
  const colours = [
    { r: 228, g: 87, b: 46 },
    { r: 46, g: 134, b: 171 },
    { r: 90, g: 170, b: 90 },
  ];
  const media = [];
  for (let index = 0; index < count; index += 1) {
    const bytes = await makeImage('jpeg', 640, 480, colours[index % colours.length]);
    media.push(
      await client.media.upload(
        new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }),
        `photo-${index}.jpg`,
      ),
    );
  }
  return client.notes.create({ body, mediaIds: media.map((item) => item.id) });
}

/** Presses Tab until the focus is on an element matching `selector` (at most `limit` times). */
async function tabTo(page: Page, selector: string, limit = 60): Promise<boolean> {
  for (let index = 0; index < limit; index += 1) {
    await page.keyboard.press('Tab');
    if (await page.locator(`${selector}:focus`).count()) return true;
  }
  return false;
}

describe('accessibility in Chromium (axe-core)', () => {
  const web = useBrowserHarness();

  it('every screen, on a phone and on a desktop, has no serious or critical violation', async () => {
    const { test, base } = web;
    await web.seedNotes();
    const author = await signUpByEmail(test, 'rin_writes', IPS.US);
    const note = await test.client({ token: author.token, ip: IPS.US }).notes.create({
      title: 'Night market skewers',
      body: 'No bullshit: the best lamb skewers in town are at the corner stall. #streetfood',
    });
    const reporter = await signUpByEmail(test, 'kai_reports', IPS.US);
    await test.client({ token: reporter.token, ip: IPS.US }).reports.create({
      targetType: 'note',
      targetId: note.id,
      reason: 'illegal',
      details: 'Street vending is not licensed here.',
    });
    const photos = await imageNote(test, author.token, 3, 'Lanterns over the river #travel');
    await signUpByEmail(test, 'ana_lead');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'ana_lead', role: 'admin' });

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: DESKTOP,
        locale: 'en-US',
        timezoneId: 'UTC',
        // axe is injected as a script of the page, which the app's CSP would refuse
        bypassCSP: true,
      });
      const login = await context.request.post(`${base}/api/auth/login`, {
        data: { login: 'ana_lead', password: PASSWORD },
      });
      expect(login.status()).toBe(200);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);

      const screens: { name: string; path: string; ready: (page: Page) => Promise<unknown> }[] = [
        {
          name: 'discover',
          path: '/',
          ready: (p) => p.locator('.card').first().waitFor(),
        },
        {
          name: 'note',
          path: `/note/${note.id}`,
          ready: (p) => p.getByRole('heading', { name: 'Night market skewers' }).waitFor(),
        },
        {
          name: 'note with images',
          path: `/note/${photos.id}`,
          ready: (p) => p.locator('.carousel img').first().waitFor(),
        },
        {
          name: 'search',
          path: `/search?q=${encodeURIComponent('skewers')}&type=notes`,
          ready: (p) => p.locator('.card').first().waitFor(),
        },
        {
          name: 'profile',
          path: '/u/rin_writes',
          ready: (p) => p.locator('.card').first().waitFor(),
        },
        {
          name: 'compose',
          path: '/new',
          // with an image uploaded: its tile and its alt text field are checked too
          ready: async (p) => {
            await p.getByLabel('Add images').setInputFiles({
              name: 'harbour.jpg',
              mimeType: 'image/jpeg',
              buffer: await makeImage('jpeg', 320, 240),
            });
            await p.getByLabel('Alt text for image 1').waitFor();
            await p.locator('.upload progress').waitFor({ state: 'detached' });
          },
        },
        {
          name: 'settings',
          path: '/settings',
          ready: (p) => p.getByRole('heading', { level: 1 }).waitFor(),
        },
        {
          name: 'staff queue',
          path: '/staff',
          ready: (p) => p.getByRole('link', { name: /Night market skewers/ }).waitFor(),
        },
        {
          name: 'risk',
          path: '/staff/risk',
          ready: (p) => p.getByRole('heading', { name: 'Risk at the door' }).waitFor(),
        },
      ];

      const found: string[] = [];
      for (const size of [PHONE, DESKTOP]) {
        await page.setViewportSize(size);
        const sizeName = size === PHONE ? 'phone' : 'desktop';
        for (const screen of screens) {
          await page.goto(`${base}${screen.path}`);
          await screen.ready(page);
          for (const line of await seriousViolations(page))
            found.push(`${sizeName} ${screen.name}: ${line}`);
        }
        // the case, reached from the queue as a moderator would
        await page.goto(`${base}/staff`);
        await page.getByRole('link', { name: /Night market skewers/ }).click();
        await page.getByRole('heading', { name: 'Note by @rin_writes' }).waitFor();
        for (const line of await seriousViolations(page))
          found.push(`${sizeName} staff case: ${line}`);
      }
      expect(found).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 240_000);

  it('what axe cannot see: the phone "+", headings, the carousel by keyboard, a visible focus ring', async () => {
    const { test, base, context, page } = web;
    const reader = await signUpByEmail(test, 'tomo_reads', IPS.US);
    const author = await signUpByEmail(test, 'sora_snaps', IPS.US);
    const photos = await imageNote(test, author.token, 3, 'Morning light on the bay');
    const login = await context.request.post(`${base}/api/auth/login`, {
      data: { login: reader.account.handle, password: PASSWORD },
    });
    expect(login.status()).toBe(200);

    // On a phone the bottom bar's "+" is named by its (visually hidden) label.
    await page.setViewportSize(PHONE);
    await page.goto(`${base}/`);
    const post = page.locator('nav.nav-bottom').getByRole('link', { name: 'Post' });
    await post.waitFor();
    expect(await post.isVisible()).toBe(true);

    // A note without a title still has a page heading, and so do search results.
    await page.goto(`${base}/note/${photos.id}`);
    await page.getByRole('heading', { level: 1, name: /sora_snaps/i }).waitFor();
    await page.goto(`${base}/search?q=bay&type=notes`);
    await page.getByRole('heading', { level: 1, name: 'Results for “bay”' }).waitFor();

    // The carousel is one Tab stop; the arrow keys, Home and End move between the images.
    await page.setViewportSize(DESKTOP);
    await page.goto(`${base}/note/${photos.id}`);
    await page.locator('.carousel img').first().waitFor();
    expect(await tabTo(page, '.carousel-track')).toBe(true);
    const track = page.locator('.carousel-track');
    const dot = (index: number) =>
      page.getByRole('button', { name: `Show image ${index}` }).getAttribute('aria-current');
    expect(await dot(1)).toBe('true');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => dot(2)).toBe('true');
    await expect.poll(() => track.evaluate((element) => element.scrollLeft)).toBeGreaterThan(100);
    await expect.poll(() => track.getAttribute('aria-label')).toBe('Image 2 of 3');
    await page.keyboard.press('End');
    await expect.poll(() => dot(3)).toBe('true');
    await page.keyboard.press('Home');
    await expect.poll(() => dot(1)).toBe('true');
    await web.shoot('a11y-carousel-focus', DESKTOP);

    // "Add images" shows where the focus is: a ring of the accent colour inside the tile (the
    // tile clips anything drawn outside it), counted in the pixels of a screenshot.
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      await page.goto(`${base}/new`);
      await page.getByRole('heading', { name: 'New note' }).waitFor();
      expect(await tabTo(page, 'input[type=file]')).toBe(true);
      const tile = page.locator('li.upload.add');
      const name = `a11y-add-images-focus-${size === PHONE ? 'phone' : 'desktop'}.png`;
      await tile.screenshot({ path: path.join(ARTIFACTS, name) });
      const { data, info } = await sharp(await tile.screenshot())
        .raw()
        .toBuffer({ resolveWithObject: true });
      let accent = 0;
      for (let offset = 0; offset < data.length; offset += info.channels) {
        const [r, g, b] = [data[offset]!, data[offset + 1]!, data[offset + 2]!];
        if (r > 180 && g < 80 && b < 90) accent += 1;
      }
      // a 3 px ring round a ~100 px tile is over a thousand pixels
      expect(accent).toBeGreaterThan(600);
    }
  });

  it('the composer takes alt text for each photo; the note stores it and serves it', async () => {
    const { test, base, page } = web;
    // signed in as tomo_reads (the test before)
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      await page.goto(`${base}/new`);
      await page.getByRole('heading', { name: 'New note' }).waitFor();
      await page.getByLabel('Add images').setInputFiles([
        { name: 'kite.jpg', mimeType: 'image/jpeg', buffer: await makeImage('jpeg', 480, 360) },
        {
          name: 'beach.png',
          mimeType: 'image/png',
          buffer: await makeImage('png', 360, 480, { r: 30, g: 120, b: 200 }),
        },
      ]);
      await page.getByLabel('Alt text for image 1').fill('A red kite over the dunes');
      await page.getByLabel('Alt text for image 2').fill('Blue water, empty beach');
      await page.getByLabel('Text', { exact: true }).fill(`Windy day (${size.width})`);
      await web.shoot('a11y-compose-alt', size);
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.waitForURL(/\/note\//);
      const id = page.url().split('/note/')[1]!;
      await page.locator('.carousel img').first().waitFor();
      expect(
        await page
          .locator('.carousel img')
          .evaluateAll((images) => images.map((image) => image.getAttribute('alt'))),
      ).toEqual(['A red kite over the dunes', 'Blue water, empty beach']);
      const served = await test.client({}).notes.get(id);
      expect(served.media.map((item) => item.alt)).toEqual([
        'A red kite over the dunes',
        'Blue water, empty beach',
      ]);
    }
  });
});
