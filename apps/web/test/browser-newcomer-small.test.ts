import { describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import { DESKTOP, PASSWORD, PHONE, useBrowserHarness } from './browser-harness.js';

// The smaller things a newcomer tripped over (issue "the newcomer's first week", item 8): one
// search box on a phone, filled after a header search; a new comment scrolled to and confirmed;
// no Follow on a blocked profile; no Retry on a deleted note; an in-app dialog (not
// window.confirm) to delete a note; no Translate on one's own note; "just now", not "this minute".

describe('the smaller fixes in Chromium', () => {
  const web = useBrowserHarness();

  it('search, comments, blocks, deleting and one’s own note behave as a newcomer expects', async () => {
    const { test, base, context, page } = web;
    const me = await signUpByEmail(test, 'noa_reads', IPS.US);
    const other = await signUpByEmail(test, 'kit_writes', IPS.US);
    const theirs = await test
      .client({ token: other.token, ip: IPS.US })
      .notes.create({ title: 'Ramen crawl', body: 'Five bowls in one night. #food' });
    // one's own note, in a language the reader does not read (Spanish): still no Translate
    const mine = await test
      .client({ token: me.token, ip: IPS.US })
      .notes.create({ body: '¡Gracias por todo! Un día precioso en la playa con amigos.' });
    expect(mine.lang).toBe('es');
    const login = await context.request.post(`${base}/api/auth/login`, {
      data: { login: 'noa_reads', password: PASSWORD },
    });
    expect(login.status()).toBe(200);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    // Phone: a search from the header lands on the search page, whose own box holds the words;
    // the header's box steps aside there, so there is one box.
    await page.setViewportSize(PHONE);
    await page.goto(`${base}/`);
    await page.locator('#header-search').fill('ramen');
    await page.locator('#header-search').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Results for “ramen”' }).waitFor();
    expect(await page.locator('#search-input').inputValue()).toBe('ramen');
    expect(await page.locator('#header-search').isVisible()).toBe(false);
    expect(await page.locator('input[type=search]').count()).toBe(2);
    expect(
      await page
        .getByRole('searchbox')
        .evaluateAll(
          (boxes) =>
            boxes.filter(
              (box) => (box as unknown as { offsetParent: unknown }).offsetParent !== null,
            ).length,
        ),
    ).toBe(1);
    await web.shoot('small-search-phone', PHONE);

    // A new comment is scrolled to, marked and confirmed.
    await page.goto(`${base}/note/${theirs.id}`);
    await page.getByRole('heading', { name: 'Ramen crawl' }).waitFor();
    await page.getByLabel('Your comment').fill('Which bowl was best?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('status').filter({ hasText: 'Your comment is posted.' }).waitFor();
    const posted = page.locator('li.comment.just-posted', { hasText: 'Which bowl was best?' });
    await posted.waitFor();
    await expect.poll(() => posted.isVisible()).toBe(true);
    await expect
      .poll(() =>
        posted.evaluate((element) => {
          const box = element.getBoundingClientRect();
          return (
            box.top >= 0 &&
            box.bottom <= (globalThis as unknown as { innerHeight: number }).innerHeight
          );
        }),
      )
      .toBe(true);
    // its time reads "just now", never "this minute"
    expect(await posted.textContent()).toContain('just now');
    expect(await page.locator('body').textContent()).not.toContain('this minute');
    await web.shoot('small-comment-posted', PHONE);

    // Blocked: the profile offers Unblock, not Follow; nor does the author's note.
    await test.client({ token: me.token }).users.block('kit_writes');
    await page.goto(`${base}/u/kit_writes`);
    await page.getByText('You blocked this account.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Follow', exact: true }).count()).toBe(0);
    await web.shoot('small-blocked-profile', PHONE);

    // One's own note: no Translate, and deleting asks in the app's own dialog.
    await page.setViewportSize(DESKTOP);
    await page.goto(`${base}/note/${mine.id}`);
    await page.getByRole('button', { name: 'Delete note' }).waitFor();
    expect(await page.getByRole('button', { name: 'Translate' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Delete note' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete note' });
    await dialog.getByText('Delete this note? This cannot be undone.').waitFor();
    await web.shoot('small-delete-dialog', DESKTOP);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Delete note' }).click();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.waitForURL(`${base}/`);
    expect(dialogs).toEqual([]);

    // The deleted note says so, with no Retry that could never work.
    await page.goto(`${base}/note/${mine.id}`);
    await page.getByRole('heading', { level: 1, name: /could not find/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
  });
});
