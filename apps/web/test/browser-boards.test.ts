import { describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import { en } from '../src/i18n/en.js';
import { seriousViolations } from './axe.js';
import {
  DESKTOP,
  launchChromium,
  PHONE,
  signedInPage,
  useBrowserHarness,
} from './browser-harness.js';

// Named boards for collects (issue "the newcomer's first week", Missing 16): one tap still
// collects to All collects, the sheet then files the note in a new private board, the profile's
// Boards tab shows it with a lock to its owner, the board page lists the note — and another
// person sees only the public boards and the 404 of the private one.

describe('boards for collects in Chromium', () => {
  const web = useBrowserHarness();

  it('creates a private board while collecting, shows it on the profile and hides it from others', async () => {
    const { test, base } = web;
    await web.seedNotes();
    const owner = await signUpByEmail(test, 'ana_boards', IPS.US);
    await signUpByEmail(test, 'bo_boards', IPS.US);
    const author = await signUpByEmail(test, 'cy_boards', IPS.US);
    const note = await test
      .client({ token: author.token, ip: IPS.US })
      .notes.create({ title: 'Ramen in Osaka', body: 'The broth simmered for twelve hours.' });
    const ownerClient = test.client({ token: owner.token, ip: IPS.US });
    const kyoto = await ownerClient.boards.create({ name: 'Kyoto temples' });

    const browser = await launchChromium();
    try {
      const page = await signedInPage(browser, base, { login: 'ana_boards', bypassCSP: true });
      await page.goto(`${base}/note/${note.id}`);
      // one tap: collected to All collects, no board asked for
      await page.getByRole('button', { name: new RegExp(`^${en['note.collect']} ·`) }).click();
      await page.getByRole('status').filter({ hasText: en['boards.savedToAll'] }).waitFor();
      await expect
        .poll(async () => (await ownerClient.boards.ofNote(note.id)).collected)
        .toBe(true);
      await page.setViewportSize(PHONE);
      await web.shoot('boards-collected', PHONE, page);
      await page.setViewportSize(DESKTOP);
      expect((await ownerClient.boards.ofNote(note.id)).boardIds).toEqual([]);

      // the sheet: make a private board and file the note in it
      await page.getByRole('button', { name: en['boards.choose'] }).click();
      const sheet = page.getByRole('dialog', { name: en['boards.pickTitle'] });
      await sheet.getByRole('checkbox', { name: /Kyoto temples/ }).waitFor();
      await sheet.getByRole('button', { name: en['boards.new'] }).click();
      await sheet.getByLabel(en['boards.name']).fill('Osaka eats');
      await sheet.getByRole('checkbox', { name: en['boards.private'] }).check();
      await sheet.getByRole('button', { name: en['boards.create'] }).click();
      await expect
        .poll(() => sheet.getByRole('checkbox', { name: /Osaka eats/ }).isChecked())
        .toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await web.shoot('boards-sheet', DESKTOP, page);
      await sheet.getByRole('button', { name: 'Save to 1 board' }).click();
      await sheet.waitFor({ state: 'hidden' });
      const filed = await ownerClient.boards.ofNote(note.id);
      expect(filed.boardIds).toHaveLength(1);
      const osaka = await ownerClient.boards.get(filed.boardIds[0]!);
      expect(osaka).toMatchObject({ name: 'Osaka eats', visibility: 'private', notes: 1 });

      // the owner's Boards tab: both boards, the private one with its lock
      await page.goto(`${base}/u/ana_boards`);
      await page.getByRole('tab', { name: en['boards.title'] }).click();
      const osakaTile = page.getByRole('link', { name: /Osaka eats/ });
      await osakaTile.waitFor();
      expect(await osakaTile.textContent()).toContain(en['boards.privateLabel']);
      await page.getByRole('link', { name: /Kyoto temples/ }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.setViewportSize(PHONE);
      await web.shoot('boards-profile', PHONE, page);
      await page.setViewportSize(DESKTOP);

      // the board page: its notes in the grid
      await osakaTile.click();
      await page.getByRole('heading', { level: 1, name: /Osaka eats/ }).waitFor();
      await page.getByRole('article').filter({ hasText: 'Ramen in Osaka' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await web.shoot('boards-board', DESKTOP, page);

      // someone else: the public board only, and the private one does not exist
      const other = await signedInPage(browser, base, { login: 'bo_boards' });
      await other.goto(`${base}/u/ana_boards`);
      await other.getByRole('tab', { name: en['boards.title'] }).click();
      await other.getByRole('link', { name: /Kyoto temples/ }).waitFor();
      expect(await other.getByRole('link', { name: /Osaka eats/ }).count()).toBe(0);
      await other.goto(`${base}/board/${osaka.id}`);
      await other.getByText(en['error.BOARD_NOT_FOUND']).waitFor();
      expect(await other.getByText('Ramen in Osaka').count()).toBe(0);
      await other.goto(`${base}/board/${kyoto.id}`);
      await other.getByRole('heading', { level: 1, name: /Kyoto temples/ }).waitFor();
      await other.getByText(en['boards.emptyNotes']).waitFor();
    } finally {
      await browser.close();
    }
  }, 180_000);
});
