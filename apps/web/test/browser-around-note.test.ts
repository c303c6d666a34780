import { describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import { en } from '../src/i18n/en.js';
import { seriousViolations } from './axe.js';
import {
  DESKTOP,
  launchChromium,
  PASSWORD,
  PHONE,
  signedInPage,
  useBrowserHarness,
} from './browser-harness.js';

// Around a note (issue "the newcomer's first week", Missing 16, the rest): "Not interested" from
// a card's ⋯ menu and the note page's, with Undo; likes on comments; collecting in the immersive
// view with the note page's state; the Liked tab, the owner's alone.

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

describe('around a note in Chromium, the rest', () => {
  const web = useBrowserHarness();

  it('hides a note with Not interested and undoes it, likes a comment, collects and dismisses in immersive, lists likes', async () => {
    const { test, base } = web;
    await web.seedNotes();
    await signUpByEmail(test, 'ana_around', IPS.US);
    const author = await signUpByEmail(test, 'pia_loud', IPS.US);
    const commenter = await signUpByEmail(test, 'cai_comments', IPS.US);
    const authorClient = test.client({ token: author.token, ip: IPS.US });
    const note = await authorClient.notes.create({
      title: 'Pineapple belongs on pizza',
      body: 'Fight me. Sweet and salty is the best pair there is.',
    });
    const comment = await test
      .client({ token: commenter.token, ip: IPS.US })
      .notes.comment(note.id, { body: 'Absolutely not.' });
    // a context of its own: axe is injected as a script, which the app's CSP would refuse
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: DESKTOP,
        locale: 'en-US',
        timezoneId: 'UTC',
        bypassCSP: true,
      });
      const login = await context.request.post(`${base}/api/auth/login`, {
        data: { login: 'ana_around', password: PASSWORD },
      });
      expect(login.status()).toBe(200);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const discoverIds = async () => {
        const answer = await context.request.get(`${base}/api/feed/discover?limit=50`);
        return ((await answer.json()).items as { id: string }[]).map((item) => item.id);
      };
      expect(await discoverIds()).toContain(note.id);

      // Not interested from the card's ⋯ menu: the card goes at once, Undo brings it back
      await page.setViewportSize(DESKTOP);
      await page.goto(`${base}/`);
      const card = page.getByRole('article').filter({ hasText: 'Pineapple belongs on pizza' });
      await card.waitFor();
      await card
        .getByRole('button', {
          name: fill(en['card.more'], { title: 'Pineapple belongs on pizza' }),
        })
        .click();
      await card.getByRole('button', { name: en['notInterested.action'] }).click();
      const toast = page.getByRole('status').filter({
        hasText: fill(en['notInterested.done'], { name: 'pia_loud' }),
      });
      await toast.waitFor();
      // focused, the toast stays however long the checks below take on a loaded machine
      await toast.getByRole('button', { name: en['common.undo'] }).focus();
      await expect.poll(() => card.count()).toBe(0);
      await expect.poll(discoverIds).not.toContain(note.id);
      expect(await seriousViolations(page)).toEqual([]);
      await web.shoot('not-interested-toast', DESKTOP, page);
      await toast.getByRole('button', { name: en['common.undo'] }).click();
      await card.waitFor();
      await expect.poll(discoverIds).toContain(note.id);

      // and from the note page's ⋯ menu: back to where the reader was, with the same Undo
      await page.setViewportSize(PHONE);
      await card.getByRole('link', { name: /Pineapple belongs on pizza/ }).click();
      await page.getByRole('heading', { name: 'Pineapple belongs on pizza' }).waitFor();
      await page.getByRole('button', { name: en['common.more'] }).click();
      await page.getByRole('button', { name: en['notInterested.action'] }).click();
      await page.waitForURL(`${base}/`);
      await toast.waitFor();
      await toast.getByRole('button', { name: en['common.undo'] }).focus();
      await web.shoot('not-interested-toast', PHONE, page);
      await expect.poll(discoverIds).not.toContain(note.id);
      await toast.getByRole('button', { name: en['common.undo'] }).click();
      await expect.poll(discoverIds).toContain(note.id);

      // a like on a comment: the count moves, the server agrees, a second tap takes it back
      await page.goto(`${base}/note/${note.id}`);
      const likeName = (liked: boolean, count: string) =>
        `${fill(en[liked ? 'comment.unlike' : 'comment.like'], { name: 'cai_comments' })} · ${count}`;
      await page.getByRole('button', { name: likeName(false, '0 likes') }).click();
      const liked = page.getByRole('button', { name: likeName(true, '1 like') });
      await liked.waitFor();
      expect(await liked.getAttribute('aria-pressed')).toBe('true');
      const comments = await context.request.get(`${base}/api/notes/${note.id}/comments`);
      expect((await comments.json()).items[0]).toMatchObject({
        id: comment.id,
        likeCount: 1,
        liked: true,
      });
      await liked.scrollIntoViewIfNeeded();
      expect(await seriousViolations(page)).toEqual([]);
      await web.shootBoth('comment-like', page);

      // collect in the immersive view; the note page shows it collected
      await page.setViewportSize(PHONE);
      await page.goto(`${base}/immersive`);
      const slide = page.getByRole('article').filter({ hasText: 'Pineapple belongs on pizza' });
      const collect = slide.getByRole('button', { name: /^Collect · / });
      await collect.scrollIntoViewIfNeeded();
      await collect.click();
      await slide.getByRole('button', { name: /^Remove from collects · 1 collect$/ }).waitFor();
      await expect
        .poll(
          async () =>
            (await (await context.request.get(`${base}/api/notes/${note.id}`)).json()).viewer
              .collected,
        )
        .toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await web.shootBoth('immersive-collect', page);
      // Not interested from the slide's ⋯ menu: the slide leaves at once, Undo brings it back
      await slide.getByRole('button', { name: en['common.more'] }).click();
      await slide.getByRole('button', { name: en['notInterested.action'] }).click();
      await toast.waitFor();
      await toast.getByRole('button', { name: en['common.undo'] }).focus();
      await expect.poll(() => slide.count()).toBe(0);
      await expect.poll(discoverIds).not.toContain(note.id);
      await toast.getByRole('button', { name: en['common.undo'] }).click();
      await slide.waitFor();
      await expect.poll(discoverIds).toContain(note.id);
      await page.goto(`${base}/note/${note.id}`);
      const pageCollect = page.getByRole('button', { name: /^Remove from collects · 1 collect$/ });
      await pageCollect.waitFor();
      expect(await pageCollect.getAttribute('aria-pressed')).toBe('true');

      // the Liked tab: the owner sees what they liked; another reader sees no such tab
      await page.getByRole('button', { name: /^Like · / }).click();
      await page.getByRole('button', { name: /^Unlike · / }).waitFor();
      await page.goto(`${base}/u/ana_around`);
      await page.getByRole('tab', { name: en['profile.liked'] }).click();
      await page
        .getByRole('tabpanel')
        .getByRole('link', { name: /Pineapple belongs on pizza/ })
        .waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await web.shootBoth('profile-liked', page);
      const stranger = await signedInPage(browser, base, { login: 'pia_loud' });
      await stranger.goto(`${base}/u/ana_around`);
      await stranger.getByRole('tab', { name: en['profile.notes'] }).waitFor();
      expect(await stranger.getByRole('tab', { name: en['profile.liked'] }).count()).toBe(0);
      const refused = await stranger.context().request.get(`${base}/api/users/ana_around/likes`);
      expect(refused.status()).toBe(403);
      expect((await refused.json()).code).toBe('LIKES_PRIVATE');
    } finally {
      await browser.close();
    }
  }, 300_000);
});
