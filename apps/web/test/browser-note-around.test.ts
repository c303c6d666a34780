import { describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import { en } from '../src/i18n/en.js';
import { PASSWORD, PHONE, useBrowserHarness } from './browser-harness.js';

// Around a note (issue "the newcomer's first week", Missing 16, in part): a back button that
// returns to where the reader came from (home when they arrived by a link), sharing the note's
// link (copied, and said so), and blocking the author from the note's ⋯ menu.

describe('around a note in Chromium', () => {
  const web = useBrowserHarness();

  it('goes back, shares the link and blocks the author from the note', async () => {
    const { test, base, context, page } = web;
    await signUpByEmail(test, 'juno_reads', IPS.US);
    const author = await signUpByEmail(test, 'pier_writes', IPS.US);
    const note = await test.client({ token: author.token, ip: IPS.US }).notes.create({
      title: 'Harbour at dawn',
      body: 'Fishing boats coming in, gulls everywhere.',
    });
    const login = await context.request.post(`${base}/api/auth/login`, {
      data: { login: 'juno_reads', password: PASSWORD },
    });
    expect(login.status()).toBe(200);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });

    // from the author's profile to the note and back again
    await page.goto(`${base}/u/pier_writes`);
    await page
      .getByRole('link', { name: /Harbour at dawn/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Harbour at dawn' }).waitFor();
    await page.getByRole('button', { name: en['note.back'] }).click();
    await page.waitForURL(`${base}/u/pier_writes`);

    // arriving by a link, Back goes home rather than out of the app
    await page.goto(`${base}/note/${note.id}`);
    await page.getByRole('heading', { name: 'Harbour at dawn' }).waitFor();
    await page.getByRole('button', { name: en['note.back'] }).click();
    await page.waitForURL(`${base}/`);

    // share: the link is on the clipboard, and the page says so
    await page.goto(`${base}/note/${note.id}`);
    await page.getByRole('button', { name: en['note.share'] }).click();
    await page.getByRole('status').filter({ hasText: en['note.linkCopied'] }).waitFor();
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      ),
    ).toBe(`${base}/note/${note.id}`);
    await web.shoot('note-share-phone', PHONE);

    // block from the ⋯ menu: confirmed in a dialog, then the note is gone for the reader
    await page.getByRole('button', { name: en['common.more'] }).click();
    await page
      .getByRole('button', { name: en['block.menu'].replace('{handle}', 'pier_writes') })
      .click();
    await page
      .getByRole('dialog', { name: en['block.confirmTitle'].replace('{handle}', 'pier_writes') })
      .getByRole('button', { name: en['block.action'] })
      .click();
    await page.waitForURL(`${base}/`);
    const blocks = await context.request.get(`${base}/api/me/blocks`);
    expect((await blocks.json()).items.map((item: { handle: string }) => item.handle)).toEqual([
      'pier_writes',
    ]);
    const hidden = await context.request.get(`${base}/api/notes/${note.id}`);
    expect(hidden.status()).toBe(404);
  }, 180_000);
});
