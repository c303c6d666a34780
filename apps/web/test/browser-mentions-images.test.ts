import { describe, expect, it } from 'vitest';
import { makeImage } from '../../server/test/fixtures/images.js';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import { en } from '../src/i18n/en.js';
import { seriousViolations } from './axe.js';
import { launchChromium, PASSWORD, PHONE, useBrowserHarness } from './browser-harness.js';

// The rest of "editing" in the web app: a note's images edited after publishing (order, alt
// text, removing one, adding one) in the edit dialog, and `@mention` suggestions while typing a
// handle in the composer, the edit dialog and the comment box.

describe('note images and mentions in Chromium', () => {
  const web = useBrowserHarness();

  it('reorders, describes, removes and adds the images of a published note', async () => {
    const { test, base } = web;
    const author = await signUpByEmail(test, 'sora_snaps', IPS.US);
    const client = test.client({ token: author.token, ip: IPS.US });
    const upload = async (name: string, r: number) =>
      client.media.upload(
        new Blob([await makeImage('png', 360, 480, { r, g: 90, b: 60 })], { type: 'image/png' }),
        name,
      );
    const first = await upload('first.png', 200);
    const second = await upload('second.png', 40);
    const third = await upload('third.png', 120);
    const note = await client.notes.create({
      title: 'Harbour at dusk',
      body: 'Three frames from the pier.',
      mediaIds: [first.id, second.id, third.id],
      mediaAlt: ['Boats', 'Gulls', 'Lighthouse'],
    });

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: PHONE,
        locale: 'en-US',
        timezoneId: 'UTC',
        bypassCSP: true,
      });
      const login = await context.request.post(`${base}/api/auth/login`, {
        data: { login: 'sora_snaps', password: PASSWORD },
      });
      expect(login.status()).toBe(200);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);

      await page.goto(`${base}/note/${note.id}`);
      await page.getByRole('button', { name: en['note.edit'] }).click();
      const dialog = page.getByRole('dialog', { name: en['note.edit'] });
      // the note's own images are in the dialog, in order, with their alt texts
      await expect
        .poll(() =>
          dialog
            .locator('.alt-input')
            .evaluateAll((inputs) =>
              inputs.map((input) => (input as unknown as { value: string }).value),
            ),
        )
        .toEqual(['Boats', 'Gulls', 'Lighthouse']);
      // the third image moves first, the gulls get a better description, the boats go,
      // and a new photo joins at the end
      await dialog.getByRole('button', { name: 'Move image 3 earlier' }).click();
      await dialog.getByRole('button', { name: 'Move image 2 earlier' }).click();
      await dialog.getByLabel('Alt text for image 3').fill('Gulls on the railing');
      await dialog.getByRole('button', { name: 'Remove image 2' }).click();
      await dialog.getByLabel(en['compose.addImages']).setInputFiles({
        name: 'fourth.png',
        mimeType: 'image/png',
        buffer: await makeImage('png', 480, 360, { r: 20, g: 20, b: 160 }),
      });
      await dialog.getByLabel('Alt text for image 3').waitFor();
      await dialog.getByLabel('Alt text for image 3').fill('Night falls');
      await expect
        .poll(() => dialog.getByRole('button', { name: en['common.save'] }).isEnabled())
        .toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await web.shootBoth('note-edit-images', page);
      await dialog.getByRole('button', { name: en['common.save'] }).click();
      await expect.poll(() => dialog.count()).toBe(0);

      const saved = await client.notes.get(note.id);
      expect(saved.media.map((media) => media.alt ?? '')).toEqual([
        'Lighthouse',
        'Gulls on the railing',
        'Night falls',
      ]);
      expect(saved.media.slice(0, 2).map((media) => media.id)).toEqual([third.id, second.id]);
      expect(saved.media.map((media) => media.id)).not.toContain(first.id);
      // the page shows the new order at once
      await expect
        .poll(() =>
          page
            .locator('.carousel img')
            .evaluateAll((images) => images.map((image) => image.getAttribute('alt'))),
        )
        .toEqual(['Lighthouse', 'Gulls on the railing', 'Night falls']);
    } finally {
      await browser.close();
    }
  });

  it('suggests people while an @handle is typed, in the composer and in comments', async () => {
    const { test, base } = web;
    await signUpByEmail(test, 'lin_mei_cooks', IPS.US);
    await signUpByEmail(test, 'lindqvist_runs', IPS.US);
    const writer = await signUpByEmail(test, 'pablo_pens', IPS.US);

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: PHONE,
        locale: 'en-US',
        timezoneId: 'UTC',
        bypassCSP: true,
      });
      const login = await context.request.post(`${base}/api/auth/login`, {
        data: { login: 'pablo_pens', password: PASSWORD },
      });
      expect(login.status()).toBe(200);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);

      await page.goto(`${base}/new`);
      const body = page.getByLabel(en['compose.body']);
      await body.click();
      await body.pressSequentially('Dinner with @lin_m');
      const suggestions = page.getByRole('group', { name: en['compose.mentionSuggestions'] });
      const pick = suggestions.getByRole('button', { name: /@lin_mei_cooks/ });
      await pick.waitFor();
      // a prefix of one handle only: the other `lin…` account is not offered
      expect(await suggestions.getByRole('button', { name: /@lindqvist_runs/ }).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await pick.scrollIntoViewIfNeeded();
      await web.shootBoth('compose-mention', page);
      await pick.scrollIntoViewIfNeeded();
      await pick.click();
      await expect.poll(() => body.inputValue()).toBe('Dinner with @lin_mei_cooks ');
      // typing goes on where the handle ended
      await page.keyboard.type('tonight');
      await expect.poll(() => body.inputValue()).toBe('Dinner with @lin_mei_cooks tonight');
      await expect.poll(() => suggestions.count()).toBe(0);
      await page.getByRole('button', { name: en['compose.publish'] }).click();
      await page.waitForURL(/\/note\//);
      const id = page.url().split('/note/')[1]!;
      const published = await test.client({ token: writer.token }).notes.get(id);
      expect(published.mentions).toEqual(['lin_mei_cooks']);

      // the comment box on the note page offers the same
      const box = page.getByLabel(en['comment.label']);
      await box.click();
      await box.pressSequentially('cc @lindq');
      await suggestions.getByRole('button', { name: /@lindqvist_runs/ }).click();
      await expect.poll(() => box.inputValue()).toBe('cc @lindqvist_runs ');
      await page.getByRole('button', { name: en['comment.send'] }).click();
      await expect
        .poll(async () => {
          const comments = await test.client({}).notes.comments(id);
          return comments.items.map((comment) => comment.body);
        })
        .toEqual(['cc @lindqvist_runs']);
    } finally {
      await browser.close();
    }
  });
});
