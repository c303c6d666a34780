import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../server/test/fixtures/images.js';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import {
  ARTIFACTS,
  DESKTOP,
  launchChromium,
  PHONE,
  signedInPage,
  useBrowserHarness,
} from './browser-harness.js';

// Browser test (browser-harness.ts) of video notes (docs/media.md, "Video notes"): a video made
// here with ffmpeg is uploaded in the composer, which shows its processing; the note is posted
// while it processes; once ready, its card shows the poster, a play glyph and the duration, and
// its page plays it muted and inline until the sound is turned on. With reduced motion nothing
// plays by itself. A video never joins images in a note.

const SECONDS = 4;

describe('web app in Chromium: video notes', () => {
  const web = useBrowserHarness();
  let browser: Browser;
  let workDir: string;
  let clip: Buffer;

  beforeAll(async () => {
    browser = await launchChromium();
    workDir = mkdtempSync(path.join(tmpdir(), 'atrium-video-'));
    const file = path.join(workDir, 'harbour.mp4');
    // a test pattern with a tone: a few seconds, small, with sound
    execFileSync('ffmpeg', [
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `testsrc=size=320x240:rate=25:duration=${SECONDS}`,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=440:duration=${SECONDS}`,
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
      '-movflags',
      '+faststart',
      file,
    ]);
    clip = readFileSync(file);
  });

  afterAll(async () => {
    await browser?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  async function authorPage(handle: string, options: { reducedMotion?: boolean } = {}) {
    const page = await signedInPage(browser, web.base, { login: handle, timeout: 30_000 });
    if (options.reducedMotion) await page.emulateMedia({ reducedMotion: 'reduce' });
    return page;
  }

  /** The video element's state, as the page sees it. */
  const state = (page: Page) =>
    page
      .locator('video')
      .first()
      .evaluate((element) => {
        const video = element as { paused: boolean; muted: boolean; currentTime: number };
        return { paused: video.paused, muted: video.muted, time: video.currentTime };
      });

  it('uploads a video with its progress, posts it while it processes, and plays it muted until the sound is turned on', async () => {
    const { test, base } = web;
    // other notes, so that the immersive view has slides around the video's
    await web.seedNotes();
    await signUpByEmail(test, 'harbour_films', IPS.US);
    const page = await authorPage('harbour_films');
    await page.goto(`${base}/new`);
    await page.getByRole('heading', { name: 'New note' }).waitFor();
    const picker = page.getByLabel('Add images or a video');
    expect(await picker.getAttribute('accept')).toContain('video/mp4');
    await page.getByText('Or one video (MP4, MOV or WebM) on its own', { exact: false }).waitFor();
    const uploaded = page.waitForResponse(
      (response) => response.url().endsWith('/api/media') && response.request().method() === 'POST',
    );
    await picker.setInputFiles({ name: 'harbour.mp4', mimeType: 'video/mp4', buffer: clip });
    const media = (await (await uploaded).json()) as { id: string; processing?: { state: string } };
    expect(media, JSON.stringify(media)).toHaveProperty('processing');
    // the composer shows the processing with its percent (the upload's answer is its first state)
    await page.getByRole('progressbar', { name: /^Processing video \d+%$/ }).waitFor();
    await web.shoot('video-compose-processing', DESKTOP, page);
    // a video goes alone: no more files may be added beside it
    expect(await page.getByLabel('Add images').count()).toBe(0);
    // the worker's task processes it (tests run the periodic tasks themselves): not awaited, so
    // the composer's bar moves meanwhile; posting while it processes is allowed
    const processing = test.mediaChecks.runPending();
    await page.getByLabel('Text', { exact: true }).fill('The harbour at dawn #boats');
    const publish = page.getByRole('button', { name: 'Publish' });
    expect(await publish.isEnabled()).toBe(true);
    await publish.click();
    await page.waitForURL(/\/note\//);
    const noteId = page.url().split('/note/')[1]!;
    await processing;
    await expect
      .poll(
        async () => {
          await test.mediaChecks.runPending();
          const answer = await page.request.get(`${base}/api/media/${media.id}`);
          return ((await answer.json()) as { processing?: { state: string } }).processing?.state;
        },
        { timeout: 90_000, interval: 500 },
      )
      .toBe('ready');
    // the note page, open meanwhile, asks again and shows the video once it is ready
    await page.locator('video').first().waitFor({ timeout: 15_000 });

    // the card: the poster, a play glyph and the duration
    await page.goto(`${base}/u/harbour_films`);
    const card = page.locator('article.card', { hasText: 'The harbour at dawn' });
    await card.waitFor();
    const badge = card.locator('.card-video');
    await expect.poll(() => badge.textContent()).toContain(`0:0${SECONDS}`);
    await expect.poll(() => card.getByText(`Video, 0:0${SECONDS}`).count()).toBe(1);
    const poster = card.locator('.cover img');
    await expect
      .poll(() => poster.evaluate((element) => (element as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    await web.shootBoth('video-card', page);

    // the note: it plays by itself, muted and inline, and the sound comes on at a tap
    await page.goto(`${base}/note/${noteId}`);
    const video = page.locator('video').first();
    await video.waitFor();
    expect(await video.getAttribute('poster')).toBeTruthy();
    expect(
      await video.evaluate((element) => (element as { playsInline: boolean }).playsInline),
    ).toBe(true);
    expect(await video.evaluate((element) => (element as { loop: boolean }).loop)).toBe(true);
    await expect
      .poll(async () => (await state(page)).time, { timeout: 15_000 })
      .toBeGreaterThan(0.5);
    expect(await state(page)).toMatchObject({ paused: false, muted: true });
    await web.shoot('video-note-muted', DESKTOP, page);
    await page.getByRole('button', { name: 'Turn the sound on' }).click();
    await expect.poll(async () => (await state(page)).muted).toBe(false);
    await page.getByRole('button', { name: 'Turn the sound off' }).waitFor();
    await page.getByRole('button', { name: 'Pause the video' }).click();
    await expect.poll(async () => (await state(page)).paused).toBe(true);
    await web.shoot('video-note-sound', PHONE, page);
    await page.context().close();

    // the immersive view mounts every slide: the video plays on screen and pauses off screen
    const swipe = await authorPage('harbour_films');
    await swipe.setViewportSize(PHONE);
    await swipe.goto(`${base}/immersive`);
    const slide = swipe.getByRole('article', { name: /The harbour at dawn/ });
    await slide.waitFor();
    await slide.scrollIntoViewIfNeeded();
    const slideVideo = slide.locator('video');
    const slideState = () =>
      slideVideo.evaluate((element) => {
        const video = element as { paused: boolean; muted: boolean; currentTime: number };
        return { paused: video.paused, muted: video.muted, time: video.currentTime };
      });
    await expect
      .poll(async () => (await slideState()).time, { timeout: 15_000 })
      .toBeGreaterThan(0.3);
    expect(await slideState()).toMatchObject({ paused: false, muted: true });
    await slide.getByRole('button', { name: 'Turn the sound on' }).waitFor();
    await web.shoot('video-immersive', PHONE, swipe);
    await swipe
      .locator('article.immersive-slide')
      .filter({ hasNot: swipe.locator('video') })
      .first()
      .scrollIntoViewIfNeeded();
    await expect.poll(async () => (await slideState()).paused).toBe(true);
    await swipe.context().close();

    // with reduced motion, the poster stays until the reader presses play
    const calm = await authorPage('harbour_films', { reducedMotion: true });
    await calm.goto(`${base}/note/${noteId}`);
    await calm.locator('video').first().waitFor();
    await calm.waitForTimeout(1500);
    expect(await state(calm)).toMatchObject({ paused: true, time: 0 });
    await calm.getByRole('button', { name: 'Play the video' }).click();
    await expect.poll(async () => (await state(calm)).time).toBeGreaterThan(0.2);
    await calm.screenshot({ path: path.join(ARTIFACTS, 'video-note-reduced-motion-desktop.png') });
    await calm.context().close();
  }, 240_000);

  it('keeps a video alone: a video picked beside images is refused, with the reason', async () => {
    const { test, base } = web;
    await signUpByEmail(test, 'mixed_media', IPS.US);
    const page = await authorPage('mixed_media');
    await page.goto(`${base}/new`);
    await page.getByRole('heading', { name: 'New note' }).waitFor();
    await page.getByLabel('Add images or a video').setInputFiles({
      name: 'kite.png',
      mimeType: 'image/png',
      buffer: await makeImage('png', 320, 240),
    });
    await page.getByLabel('Alt text for image 1').waitFor();
    const picker = page.getByLabel('Add images', { exact: true });
    // once there are images, the picker offers images only
    expect(await picker.getAttribute('accept')).not.toContain('video');
    await picker.setInputFiles({ name: 'harbour.mp4', mimeType: 'video/mp4', buffer: clip });
    await page
      .getByRole('alert')
      .getByText('A video goes alone in its note', { exact: false })
      .waitFor();
    expect(await page.locator('.upload.video').count()).toBe(0);
    await web.shoot('video-compose-refused', DESKTOP, page);
    await page.context().close();
  }, 120_000);

  it('shows why a video cannot be used: a damaged file gets its error code’s message', async () => {
    const { test, base } = web;
    await signUpByEmail(test, 'broken_reel', IPS.US);
    const page = await authorPage('broken_reel');
    await page.goto(`${base}/new`);
    await page.getByRole('heading', { name: 'New note' }).waitFor();
    // the first half of the clip: refused on upload, or failed once the worker decodes it
    const broken = clip.subarray(0, Math.floor(clip.length / 2));
    await page
      .getByLabel('Add images or a video')
      .setInputFiles({ name: 'broken.mp4', mimeType: 'video/mp4', buffer: broken });
    const message = page
      .getByRole('alert')
      .getByText('broken.mp4: This video cannot be read. It may be damaged or incomplete.');
    await expect
      .poll(
        async () => {
          await test.mediaChecks.runPending();
          return message.count();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(1);
    // nothing usable is left: the note cannot be published without text
    expect(await page.getByRole('button', { name: 'Publish' }).isEnabled()).toBe(false);
    await web.shoot('video-compose-unreadable', DESKTOP, page);
    await page.context().close();
  }, 120_000);
});
