import { feedLanguageMixes } from '@atrium/contracts';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { signUpByEmail } from '../../server/test/helper.js';
import { DESKTOP, PASSWORD, PHONE, useBrowserHarness } from './browser-harness.js';

// Browser tests (browser-harness.ts): discover scrolled to its end with every language mix, a
// next page that keeps failing (backs off, stops, offers Retry), and the phone note's sticky bar.

const NOTES = 67;
// 40% English, 30% Chinese, 20% Japanese, 10% Spanish
const langOf = (index: number) =>
  ['en', 'zh-Hans', 'en', 'ja', 'en', 'zh-Hans', 'en', 'ja', 'es', 'zh-Hans'][index % 10]!;
const isNextPage = (url: URL) =>
  url.pathname === '/api/feed/discover' && url.searchParams.has('cursor');

describe('web app in Chromium: the discover feed and the phone note bar', () => {
  const web = useBrowserHarness();
  const all = new Set<string>();
  let readerToken = '';

  async function seed() {
    if (all.size > 0) return;
    const { test } = web;
    const writers = [];
    for (let index = 0; index < 9; index += 1) {
      writers.push((await signUpByEmail(test, `river_walker${index}`)).token);
    }
    for (let index = 0; index < NOTES; index += 1) {
      // two prolific writers, so the per-author cap defers notes too
      const token = writers[index % 3 === 0 ? index % 2 : index % writers.length]!;
      const note = await test.client({ token }).notes.create({
        title: `Walk number ${index}`,
        body: `By the river, walk number ${index}`,
      });
      all.add(note.id);
      await test.database.db
        .updateTable('notes')
        .set({ lang: langOf(index), score: (index * 37) % 101 })
        .where('id', '=', note.id)
        .execute();
    }
    readerToken = (await signUpByEmail(test, 'feed_reader')).token;
    const login = await web.context.request.post(`${web.base}/api/auth/login`, {
      data: { login: 'feed_reader', password: PASSWORD },
    });
    expect(login.status()).toBe(200);
  }

  /** Scrolls discover until it says it has reached the end (or stops on an error). */
  async function scrollToEnd(page: Page) {
    const end = page.getByText('You have reached the end');
    const failed = page.getByText("Couldn't load more.");
    for (let step = 0; step < 40; step += 1) {
      if ((await end.isVisible()) || (await failed.isVisible())) return;
      await page.locator('.feed-end').scrollIntoViewIfNeeded();
      await page.waitForTimeout(250);
    }
  }

  it('reaches every note exactly once when scrolled to the end, with every language mix', async () => {
    await seed();
    const { page, base, test } = web;
    await page.setViewportSize(DESKTOP);
    for (const mix of feedLanguageMixes) {
      await test
        .client({ token: readerToken })
        .me.update({ languages: ['en'], feedLanguageMix: mix });
      const served: string[] = [];
      const statuses: number[] = [];
      const listener = async (response: import('playwright-core').Response) => {
        if (new URL(response.url()).pathname !== '/api/feed/discover') return;
        statuses.push(response.status());
        if (!response.ok()) return;
        const body = (await response.json()) as { items: { id: string }[] };
        served.push(...body.items.map((item) => item.id));
      };
      page.on('response', listener);
      await page.goto(`${base}/`);
      await page.locator('.card').first().waitFor();
      await scrollToEnd(page);
      await page.getByText('You have reached the end').waitFor();
      page.off('response', listener);
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(await page.getByText("Couldn't load more.").count()).toBe(0);
      // every note served once, and every one on the page
      expect(served).toHaveLength(all.size);
      expect(new Set(served)).toEqual(all);
      expect(await page.locator('.card').count()).toBe(all.size);
      if (mix === 'mine') await web.shoot('feed-end-mine');
    }
  }, 120_000);

  it('backs off on a failing next page, stops after three tries and offers Retry', async () => {
    await seed();
    const { page, base } = web;
    await page.setViewportSize(PHONE);
    for (const status of [500, 429, 400]) {
      let requests = 0;
      const started = Date.now();
      const times: number[] = [];
      await page.route(isNextPage, (route) => {
        requests += 1;
        times.push(Date.now() - started);
        return route.fulfill({
          status,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'about:blank',
            title: 'failed',
            status,
            code:
              status === 429
                ? 'RATE_LIMITED'
                : status === 400
                  ? 'VALIDATION_FAILED'
                  : 'INTERNAL_ERROR',
            message: 'failed',
          }),
        });
      });
      await page.goto(`${base}/`);
      await page.locator('.card').first().waitFor();
      await scrollToEnd(page);
      await page.getByText("Couldn't load more.").waitFor({ timeout: 15_000 });
      // three tries, 1 s then 2 s apart, for what may pass; one for what will not
      const tries = status === 400 ? 1 : 3;
      expect(requests).toBe(tries);
      if (tries === 3) {
        expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(900);
        expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(1900);
      }
      // and then nothing more, however long the reader stays at the bottom
      await page.locator('.feed-end').scrollIntoViewIfNeeded();
      await page.waitForTimeout(4_000);
      expect(requests).toBe(tries);
      if (status === 500) await web.shoot('feed-load-more-failed', PHONE);
      await page.unroute(isNextPage);
    }
    // Retry loads the next page once the server answers again
    const before = await page.locator('.card').count();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.locator('.card').count()).toBeGreaterThan(before);
    expect(await page.getByText("Couldn't load more.").count()).toBe(0);
  }, 120_000);

  it('keeps the phone note bar at the bottom of the screen without covering the last Reply', async () => {
    await seed();
    const { page, base, test } = web;
    const author = await signUpByEmail(test, 'photo_walker');
    const client = test.client({ token: author.token });
    const bytes = await sharp({
      create: { width: 600, height: 800, channels: 3, background: { r: 60, g: 120, b: 200 } },
    })
      .png()
      .toBuffer();
    const image = await client.media.upload(
      new Blob([new Uint8Array(bytes)], { type: 'image/png' }),
      'river.png',
    );
    const note = await client.notes.create({
      title: 'The river at dawn',
      body: 'Mist over the water before the city wakes up.',
      mediaIds: [image.id],
    });
    const reader = test.client({ token: readerToken });
    for (let index = 0; index < 12; index += 1) {
      await reader.notes.comment(note.id, { body: `Lovely light in this one, number ${index}` });
    }
    await page.setViewportSize(PHONE);
    await page.goto(`${base}/note/${note.id}`);
    await page.getByRole('heading', { name: 'The river at dawn' }).waitFor();
    await page.getByText('Lovely light in this one, number 11').waitFor();
    const bar = page.locator('.action-bar');
    const tabbar = await page.locator('.nav-bottom').boundingBox();
    // at the top of the note the bar already sits just above the tab bar
    const top = (await bar.boundingBox())!;
    expect(top.y + top.height).toBeLessThanOrEqual(tabbar!.y + 1);
    expect(top.y + top.height).toBeGreaterThan(tabbar!.y - 4);
    await web.shoot('note-sticky-bar-top', PHONE);
    // at the end, the last comment's Reply is above the bar and can be tapped
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    await page.waitForTimeout(200);
    const reply = page.getByRole('button', { name: 'Reply', exact: true }).last();
    const replyBox = (await reply.boundingBox())!;
    const end = (await bar.boundingBox())!;
    expect(replyBox.y + replyBox.height).toBeLessThanOrEqual(end.y);
    // what a tap on the last Reply's centre reaches: that Reply, nothing laid over it
    const x = replyBox.x + replyBox.width / 2;
    const y = replyBox.y + replyBox.height / 2;
    const hit = await page.evaluate(
      `(() => { const at = document.elementFromPoint(${x}, ${y}); const all = [...document.querySelectorAll('.comments button')].filter((b) => b.textContent === 'Reply'); return at !== null && all.at(-1).contains(at); })()`,
    );
    expect(hit).toBe(true);
    await web.shoot('note-sticky-bar-end', PHONE);
  });
});
