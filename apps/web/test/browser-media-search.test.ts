import type { Note } from '@atrium/sdk';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { signUpByEmail } from '../../server/test/helper.js';
import { DESKTOP, PASSWORD, useBrowserHarness } from './browser-harness.js';

// Browser tests (browser-harness.ts): image uploads in the composer, and search.

describe('web app in Chromium: images and search', () => {
  const web = useBrowserHarness();

  // lin_mei is signed in on the shared page, and other people's notes are there to be found.
  beforeAll(async () => {
    const { test, base, context, page } = web;
    await signUpByEmail(test, 'lin_mei');
    await web.seedNotes();
    const login = await context.request.post(`${base}/api/auth/login`, {
      data: { login: 'lin_mei', password: PASSWORD },
    });
    expect(login.status()).toBe(200);
    await page.goto(`${base}/`);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Me' })
      .waitFor();
  });

  it('uploads images with progress, reorders and removes them, and shows a per-file error', async () => {
    const { page, base } = web;
    // Signed in as lin_mei (see beforeAll). Two real images of different shapes (so their order
    // can be told apart after publishing) and a text file named .jpg.
    const landscape = await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#e4572e' },
    })
      .png()
      .toBuffer();
    const portrait = await sharp({
      create: { width: 480, height: 640, channels: 3, background: '#2e86ab' },
    })
      .jpeg()
      .toBuffer();
    const fake = Buffer.from('Not an image at all, just some text.\n');

    await page.setViewportSize(DESKTOP);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Post' })
      .click();
    await page.getByRole('heading', { name: 'New note' }).waitFor();
    // Hold the uploads back a moment so their progress can be seen.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const continued: Promise<void>[] = [];
    await page.route('**/api/media', (route) => {
      continued.push(held.then(() => route.continue()));
    });
    await page.getByLabel('Add images').setInputFiles([
      { name: 'harbour.png', mimeType: 'image/png', buffer: landscape },
      { name: 'lighthouse.jpg', mimeType: 'image/jpeg', buffer: portrait },
      { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: fake },
    ]);
    const uploads = page.locator('.upload-list li.upload:not(.add)');
    await expect.poll(() => uploads.count()).toBe(3);
    await expect.poll(() => page.getByRole('progressbar', { name: /^Uploading/ }).count()).toBe(3);
    await page
      .getByRole('button', { name: 'Wait for the uploads to finish', disabled: true })
      .waitFor();
    await expect.poll(() => continued.length).toBe(3);
    release();
    await Promise.all(continued);
    await page.unroute('**/api/media');
    // Every upload settles: no progress bar left, and the server refused only the text file.
    const alert = page.getByRole('alert');
    await alert
      .getByText('notes.jpg: This file type is not supported. Use JPEG, PNG, WebP or GIF.')
      .waitFor();
    await expect.poll(() => page.getByRole('progressbar').count()).toBe(0);
    expect(await alert.count()).toBe(1);
    expect(await page.locator('.upload-list li.upload.failed img').getAttribute('alt')).toBe(
      'notes.jpg',
    );
    expect(await page.locator('.upload-list li.upload.failed').count()).toBe(1);
    await page.getByLabel('Title', { exact: true }).fill('Harbour and lighthouse');
    await page.getByLabel('Text', { exact: true }).fill('Two colours of the coast. #sunset');
    await web.shootBoth('compose-images');

    // Put the lighthouse first, then drop the refused file: its error goes with it.
    await page.getByRole('button', { name: 'Move image 2 earlier' }).click();
    const names = () =>
      uploads
        .locator('img')
        .evaluateAll((images) => images.map((image) => image.getAttribute('alt')));
    expect(await names()).toEqual(['lighthouse.jpg', 'harbour.png', 'notes.jpg']);
    await page.getByRole('button', { name: 'Remove image 3' }).click();
    expect(await names()).toEqual(['lighthouse.jpg', 'harbour.png']);
    expect(await page.getByRole('alert').count()).toBe(0);

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/note\//);
    await page.getByRole('heading', { name: 'Harbour and lighthouse' }).waitFor();
    const carousel = page.getByRole('region', { name: 'Images of the note' });
    const first = carousel.getByRole('img', { name: 'Harbour and lighthouse · Image 1 of 2' });
    await first.waitFor();
    await carousel.getByRole('img', { name: 'Harbour and lighthouse · Image 2 of 2' }).waitFor();
    await carousel.getByRole('button', { name: 'Show image 2' }).waitFor();
    // The first image has loaded (not just been laid out) before the screenshot.
    await expect
      .poll(() =>
        first.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBeGreaterThan(0);
    await web.shootBoth('note-images');

    const noteId = page.url().split('/note/')[1]!;
    const note = (await page.evaluate(
      `fetch('/api/notes/${noteId}').then((r) => r.json())`,
    )) as Note;
    expect(note.media).toHaveLength(2);
    // Published in the order chosen: the portrait lighthouse, then the landscape harbour.
    expect(note.media[0]!.width).toBeLessThan(note.media[0]!.height);
    expect(note.media[1]!.width).toBeGreaterThan(note.media[1]!.height);
    const src = await first.getAttribute('src');
    expect(src).toBe(note.media[0]!.url);
    expect(src).toContain('/media/');
    const image = await fetch(new URL(src!, base));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(0);
  }, 60_000);

  it('searches notes, users and topics, in Chinese too', async () => {
    const { page, base, test } = web;
    // The notes seeded before the tests; a Chinese word found inside a longer compound. Topics
    // are found once their counts are folded in (the server does it every few seconds).
    await test.settle();
    await page.setViewportSize(DESKTOP);
    await page.goto(`${base}/`);
    await page.locator('#header-search').fill('番茄');
    await page.locator('#header-search').press('Enter');
    await page.waitForURL(/\/search\?/);
    const panel = page.getByRole('tabpanel');
    await panel.getByRole('link', { name: '家常番茄炒蛋的秘诀' }).waitFor();
    await page.getByRole('tab', { name: 'Notes', selected: true }).waitFor();
    expect(await panel.getByRole('link', { name: 'Three days in Kyoto on a budget' }).count()).toBe(
      0,
    );
    await web.shootBoth('search');

    // Users, by handle.
    await page.locator('#search-input').fill('chen_cooks');
    await page.locator('#search-input').press('Enter');
    await page.getByRole('tab', { name: 'Users' }).click();
    await page.getByRole('tab', { name: 'Users', selected: true }).waitFor();
    await panel.getByRole('link', { name: /@chen_cooks/ }).waitFor();
    expect(await panel.getByRole('link', { name: /@mika_travels/ }).count()).toBe(0);

    // Topics, in Chinese; the result leads to the topic page.
    await page.locator('#search-input').fill('美食');
    await page.locator('#search-input').press('Enter');
    await page.getByRole('tab', { name: 'Topics' }).click();
    await page.getByRole('tab', { name: 'Topics', selected: true }).waitFor();
    const topic = panel.getByRole('link', { name: /^美食/ });
    await topic.waitFor();
    await topic.click();
    await page.getByRole('heading', { name: '美食', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Five-minute garlic noodles' }).waitFor();
  }, 60_000);
});
