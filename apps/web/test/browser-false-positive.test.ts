import { describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import { DESKTOP, launchChromium, PASSWORD, useBrowserHarness } from './browser-harness.js';

// Browser test (browser-harness.ts) of the false-positive loop: a moderator overturns an
// automated hold of an innocent note, allows the innocent text from the case view with the
// preview shown, publishes it, and the author's next note with the same words publishes.

const STORY = 'Our vet used ketamine to sedate the dog before surgery, all went well #pets';

describe('web app in Chromium: the false-positive loop', () => {
  const web = useBrowserHarness();

  it('a moderator approves an automated hold and allows the innocent text; the next post publishes', async () => {
    const { test, base } = web;
    const author = await signUpByEmail(test, 'vet_diary', IPS.US);
    const authorClient = test.client({ token: author.token, ip: IPS.US });
    const held = await authorClient.notes.create({ title: 'Surgery day', body: STORY });
    expect(held.status).toBe('pending_review');
    await signUpByEmail(test, 'mod_tomas');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'mod_tomas', role: 'moderator' });

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: DESKTOP,
        locale: 'en-US',
        timezoneId: 'UTC',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${base}/login`);
      await page.getByRole('tab', { name: 'E-mail' }).click();
      await page.getByLabel('E-mail or handle').fill('mod_tomas');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Staff' })
        .click();
      await page.getByRole('heading', { name: 'Review queue' }).waitFor();
      await page.getByRole('link', { name: /Surgery day/ }).click();
      await page.getByRole('heading', { name: 'Note by @vet_diary' }).waitFor();
      await page.getByRole('button', { name: 'Claim' }).click();
      await page.getByText(/^You hold this case until/).waitFor();
      await page.getByRole('radio', { name: /^Approve/ }).check();
      await page.getByLabel('Reason', { exact: true }).selectOption('no_violation');
      await page.getByRole('button', { name: 'Decide' }).click();
      await page.getByText('This case is resolved.', { exact: false }).waitFor();

      // The loop: the matched term, the innocent words around it proposed as the allow entry.
      await page.getByRole('heading', { name: 'Undo a false positive' }).waitFor();
      const allowText = page.getByLabel('Text to allow (the innocent words around the match)');
      expect(await allowText.inputValue()).toBe('ketamine to');
      await allowText.fill('ketamine to sedate');
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByText(/^1 of \d+ recent notes would change\.$/).waitFor();
      await web.shootBoth('staff-false-positive', page);
      await page.getByRole('button', { name: 'Publish as a new policy version' }).click();
      await page.getByText(/^Published as policy version fp-/).waitFor();
    } finally {
      await browser.close();
    }

    // The author's next note with the same words publishes at once.
    const again = await authorClient.notes.create({ title: 'Check-up', body: STORY });
    expect(again.status).toBe('published');
  });
});
