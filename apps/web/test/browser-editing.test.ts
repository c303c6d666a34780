import { describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import { en } from '../src/i18n/en.js';
import { seriousViolations } from './axe.js';
import { launchChromium, PASSWORD, PHONE, useBrowserHarness } from './browser-harness.js';

// Editing in the web app: one's own note (title and text, PATCH /api/notes/:id), deleting one's
// own comment (DELETE /api/comments/:id) and not another's, and the composer's draft kept on the
// device when the composer is left — through a navigation and a reload — until it is published.

describe('editing and drafts in Chromium', () => {
  const web = useBrowserHarness();

  it('edits a note, deletes one of its own comments, and keeps a draft', async () => {
    const { test, base } = web;
    const author = await signUpByEmail(test, 'rin_writes', IPS.US);
    const other = await signUpByEmail(test, 'kai_reads', IPS.US);
    const client = test.client({ token: author.token, ip: IPS.US });
    const note = await client.notes.create({
      title: 'Night market skewers',
      body: 'The best lamb skewers are at the corner stall. #streetfood',
    });
    const mine = await client.notes.comment(note.id, { body: 'Open until midnight, by the way.' });
    await test
      .client({ token: other.token, ip: IPS.US })
      .notes.comment(note.id, { body: 'Going there tonight!' });

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: PHONE,
        locale: 'en-US',
        timezoneId: 'UTC',
        bypassCSP: true,
      });
      const login = await context.request.post(`${base}/api/auth/login`, {
        data: { login: 'rin_writes', password: PASSWORD },
      });
      expect(login.status()).toBe(200);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);

      // the note: edited in a dialog, the page shows the new text at once
      await page.goto(`${base}/note/${note.id}`);
      await page.getByRole('button', { name: en['note.edit'] }).click();
      const dialog = page.getByRole('dialog', { name: en['note.edit'] });
      await dialog.getByLabel(en['compose.noteTitle']).fill('Night market skewers, updated');
      await dialog
        .getByLabel(en['compose.body'])
        .fill('The corner stall moved to the north gate. #streetfood');
      expect(await seriousViolations(page)).toEqual([]);
      await web.shootBoth('note-edit', page);
      await dialog.getByRole('button', { name: en['common.save'] }).click();
      await page.getByRole('heading', { name: 'Night market skewers, updated' }).waitFor();
      await page.getByText('The corner stall moved to the north gate.').waitFor();
      const saved = await client.notes.get(note.id);
      expect([saved.title, saved.body]).toEqual([
        'Night market skewers, updated',
        'The corner stall moved to the north gate. #streetfood',
      ]);

      // comments: one's own has Delete, another's does not
      const own = page.locator(`#comment-${mine.id}`);
      await own.getByText('Open until midnight, by the way.').waitFor();
      const others = page.locator('li.comment').filter({ hasText: 'Going there tonight!' });
      expect(await others.getByRole('button', { name: en['comment.deleteTitle'] }).count()).toBe(0);
      await own.getByRole('button', { name: en['comment.deleteTitle'] }).click();
      const confirm = page.getByRole('dialog', { name: en['comment.deleteTitle'] });
      await confirm.getByText(en['comment.deleteConfirm']).waitFor();
      await web.shootBoth('comment-delete', page);
      await confirm.getByRole('button', { name: en['comment.delete'] }).click();
      await expect.poll(() => own.count()).toBe(0);
      await others.waitFor();
      const left = await client.notes.comments(note.id);
      expect(left.items.map((comment) => comment.body)).toEqual(['Going there tonight!']);

      // the draft: kept through leaving the composer and a reload, gone once published
      await page.goto(`${base}/new`);
      await page.getByLabel(en['compose.noteTitle']).fill('Dumplings at dawn');
      await page.getByLabel(en['compose.body']).fill('Half written, to finish later');
      await page.getByRole('link', { name: en['nav.discover'] }).first().click();
      await page.getByRole('tab', { name: en['feed.title'] }).waitFor();
      await page.getByRole('link', { name: en['nav.new'] }).first().click();
      await page.getByRole('status').filter({ hasText: en['compose.draftRestored'] }).waitFor();
      expect(await page.getByLabel(en['compose.noteTitle']).inputValue()).toBe('Dumplings at dawn');
      await page.reload();
      await page.getByRole('status').filter({ hasText: en['compose.draftRestored'] }).waitFor();
      expect(await page.getByLabel(en['compose.body']).inputValue()).toBe(
        'Half written, to finish later',
      );
      expect(await seriousViolations(page)).toEqual([]);
      await web.shootBoth('compose-draft', page);
      await page.getByRole('button', { name: en['compose.publish'] }).click();
      await page.getByRole('heading', { name: 'Dumplings at dawn' }).waitFor();
      await page.goto(`${base}/new`);
      await page.getByRole('heading', { name: en['compose.title'] }).waitFor();
      expect(await page.getByLabel(en['compose.noteTitle']).inputValue()).toBe('');
      expect(
        await page.getByRole('status').filter({ hasText: en['compose.draftRestored'] }).count(),
      ).toBe(0);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
