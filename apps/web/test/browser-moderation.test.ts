import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import {
  ARTIFACTS,
  DESKTOP,
  launchChromium,
  PASSWORD,
  PHONE,
  useBrowserHarness,
} from './browser-harness.js';

// Browser tests (browser-harness.ts): a report through the moderation queue to a regional
// withholding, what viewers, reporters and the author see, and the staff console. The second
// test reads what the first leaves behind (the decision in the audit log, the staff members).

describe('web app in Chromium: moderation and the staff console', () => {
  const web = useBrowserHarness();

  it('a moderator withholds a reported note in one region: viewers there get the notice, others still see it', async () => {
    const { test, base } = web;
    // Setup through the API: an author whose note trips a label (strong language), a reporter,
    // a viewer, and a moderator made staff in-process as the CLI would.
    const author = await signUpByEmail(test, 'rin_writes', IPS.US);
    const note = await test.client({ token: author.token, ip: IPS.US }).notes.create({
      title: 'Night market skewers',
      body: 'No bullshit: the best lamb skewers in town are at the corner stall. #streetfood',
    });
    expect(note.labels).toEqual(['Strong language']);
    const reporter = await signUpByEmail(test, 'kai_reports', IPS.US);
    await test.client({ token: reporter.token, ip: IPS.US }).reports.create({
      targetType: 'note',
      targetId: note.id,
      reason: 'illegal',
      details: 'Street vending is not licensed here.',
    });
    await signUpByEmail(test, 'us_viewer', IPS.US);
    await signUpByEmail(test, 'mod_mei');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'mod_mei', role: 'moderator' });

    const browser = await launchChromium();
    try {
      const contextFor = (forwardedFor?: string) =>
        browser.newContext({
          viewport: DESKTOP,
          locale: 'en-US',
          timezoneId: 'UTC',
          ...(forwardedFor ? { extraHTTPHeaders: { 'X-Forwarded-For': forwardedFor } } : {}),
        });

      // The moderator logs in, finds the case in the queue, claims it and withholds it in CN.
      const moderator = await (await contextFor()).newPage();
      moderator.setDefaultTimeout(10_000);
      await moderator.goto(`${base}/login`);
      await moderator.getByRole('tab', { name: 'E-mail' }).click();
      await moderator.getByLabel('E-mail or handle').fill('mod_mei');
      await moderator.getByLabel('Password').fill(PASSWORD);
      await moderator.getByRole('button', { name: 'Log in' }).click();
      const staffLink = moderator
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Staff' });
      await staffLink.click();
      await moderator.getByRole('heading', { name: 'Review queue' }).waitFor();
      const caseLink = moderator.getByRole('link', { name: /Night market skewers/ });
      await caseLink.waitFor();
      await moderator.getByText('1 case', { exact: true }).waitFor();
      await web.shootBoth('staff-queue', moderator);
      await caseLink.click();
      await moderator.getByRole('heading', { name: 'Note by @rin_writes' }).waitFor();
      // The automated label's evidence is highlighted in the text; the report is listed.
      await moderator.locator('.case-body mark.evidence', { hasText: 'bullshit' }).waitFor();
      // The evidence table says why the term matched (here: spelled as the lexicon lists it).
      await moderator.getByRole('columnheader', { name: 'Why it matched' }).waitFor();
      await moderator
        .locator('td.evidence-via', { hasText: 'spelled as listed' })
        .first()
        .waitFor();
      await moderator.getByRole('heading', { name: '1 report' }).waitFor();
      await moderator.getByText('Street vending is not licensed here.').waitFor();
      await web.shootBoth('staff-case', moderator);
      await moderator.getByRole('button', { name: 'Claim' }).click();
      await moderator.getByText(/^You hold this case until/).waitFor();
      await moderator.getByRole('radio', { name: /^Withhold/ }).check();
      await moderator.getByLabel('Find a country').fill('China');
      await moderator.getByRole('checkbox', { name: 'China (CN)' }).check();
      await moderator.getByRole('button', { name: 'Remove China (CN)' }).waitFor();
      await moderator.getByLabel('Reason', { exact: true }).selectOption('legal.local_law');
      await moderator
        .getByLabel('Note for the record (optional)')
        .fill('Unlicensed street vending ads are unlawful there.');
      // The decision form, scrolled into view at both sizes.
      for (const size of [PHONE, DESKTOP]) {
        await moderator.setViewportSize(size);
        await moderator
          .getByRole('heading', { name: 'Decision', exact: true })
          .scrollIntoViewIfNeeded();
        await web.shoot('staff-decision', size, moderator);
      }
      await moderator.getByRole('button', { name: 'Decide' }).click();
      await moderator.getByText('This case is resolved.', { exact: false }).waitFor();
      await moderator.getByText('Withheld in China').first().waitFor();
      await web.shootBoth('staff-case-resolved', moderator);

      // A viewer in Guangdong gets the region notice with the reason, not a generic error.
      const china = await (await contextFor(IPS.GUANGDONG)).newPage();
      china.setDefaultTimeout(10_000);
      await china.goto(`${base}/note/${note.id}`);
      await china.getByRole('heading', { name: 'Not available in your region' }).waitFor();
      await china.getByText('This note is not available in your region (China, CN).').waitFor();
      await china.getByText(/^Reason: Withheld by a moderator \(Local law\)/).waitFor();
      expect(await china.getByRole('heading', { name: 'Night market skewers' }).count()).toBe(0);
      await web.shootBoth('withheld-notice', china);
      await china.goto(`${base}/`);
      await china.locator('.masonry, .empty').first().waitFor();
      expect(await china.getByRole('link', { name: 'Night market skewers' }).count()).toBe(0);

      // A viewer in the US still sees it, behind its content warning. Signed in, they report it.
      const usContext = await contextFor(IPS.US);
      const login = await usContext.request.post(`${base}/api/auth/login`, {
        data: { login: 'us_viewer', password: PASSWORD },
      });
      expect(login.status()).toBe(200);
      const us = await usContext.newPage();
      us.setDefaultTimeout(10_000);
      await us.goto(`${base}/`);
      const show = us.getByRole('button', {
        name: 'Show the note behind the warning: Strong language',
      });
      await show.waitFor();
      for (const size of [PHONE, DESKTOP]) {
        await us.setViewportSize(size);
        // a new viewport re-lays the masonry out: the card may be re-mounted while scrolling
        await expect
          .poll(() =>
            show.scrollIntoViewIfNeeded().then(
              () => true,
              () => false,
            ),
          )
          .toBe(true);
        await web.shoot('discover-warning', size, us);
      }
      await show.click();
      expect(await show.count()).toBe(0);
      await us.goto(`${base}/note/${note.id}`);
      await us.getByRole('heading', { name: 'Night market skewers' }).waitFor();
      await us.getByText('Content warning: Strong language').waitFor();
      await us.getByRole('button', { name: 'More actions' }).click();
      await us.getByRole('button', { name: 'Report', exact: true }).click();
      const dialog = us.getByRole('dialog', { name: 'Report this note' });
      await dialog.waitFor();
      await dialog.getByRole('radio', { name: 'Spam' }).check();
      await dialog.getByLabel('Details (optional)').fill('Posts the same stall every day.');
      await web.shootBoth('report-dialog', us);
      await dialog.getByRole('button', { name: 'Send report' }).click();
      await dialog.getByText('Thank you. A moderator will look at your report.').waitFor();
      await dialog.getByRole('button', { name: 'Close' }).first().click();
      await us.getByRole('button', { name: 'More actions' }).click();
      await us.getByRole('button', { name: 'Report', exact: true }).click();
      await dialog.getByRole('radio', { name: 'Scam or fraud' }).check();
      await dialog.getByRole('button', { name: 'Send report' }).click();
      await dialog.getByText('You already reported this.', { exact: false }).waitFor();
      await dialog.getByRole('button', { name: 'Close' }).first().click();

      // Blocking from the profile asks first; the block is listed in settings and undone there.
      await us.goto(`${base}/u/rin_writes`);
      await us.getByRole('button', { name: 'More actions' }).click();
      await us.getByRole('button', { name: 'Block', exact: true }).click();
      const confirm = us.getByRole('dialog', { name: 'Block @rin_writes?' });
      await confirm.getByRole('button', { name: 'Block', exact: true }).click();
      await us.getByText('You blocked this account.', { exact: false }).waitFor();
      await us.goto(`${base}/settings`);
      await us.getByRole('heading', { name: 'Blocked accounts' }).waitFor();
      await us.getByRole('button', { name: 'Unblock @rin_writes' }).click();
      await us.getByText('You have not blocked anyone.').waitFor();

      // A refused note: the composer names the field, the words and the rule, and keeps the draft.
      await us.goto(`${base}/new`);
      await us.getByLabel('Title', { exact: true }).fill('Tonight');
      const draft = 'Escort service tonight, message me for rates';
      await us.getByLabel('Text', { exact: true }).fill(draft);
      await us.getByRole('button', { name: 'Publish' }).click();
      const refusal = us.getByRole('alert');
      await refusal.getByText('Not posted: this breaks a community rule').waitFor();
      await refusal
        .getByText(/in the text: Selling sex or sexual services is blocked everywhere\./)
        .waitFor();
      expect(await us.getByLabel('Text', { exact: true }).inputValue()).toBe(draft);
      await web.shootBoth('compose-rejected', us);

      // The author sees where it is withheld and why, and may appeal.
      const authorContext = await contextFor(IPS.US);
      await authorContext.request.post(`${base}/api/auth/login`, {
        data: { login: 'rin_writes', password: PASSWORD },
      });
      const own = await authorContext.newPage();
      own.setDefaultTimeout(10_000);
      await own.goto(`${base}/note/${note.id}`);
      await own.getByText('Withheld in China').first().waitFor();
      await own.getByRole('button', { name: 'Why?' }).click();
      await own.getByText('Reviewed by a moderator: legal.local_law').waitFor();
      await own.getByRole('button', { name: 'Appeal' }).first().waitFor();
      await web.shootBoth('note-restricted-author', own);
      // Every notice, from settings; the author appeals the moderator's decision.
      await own.goto(`${base}/settings`);
      await own.getByRole('link', { name: 'Moderation notices' }).click();
      await own.getByRole('heading', { name: 'Moderation notices' }).waitFor();
      const withheld = own.getByRole('article').filter({ hasText: 'Withheld in China' });
      await withheld.getByRole('button', { name: 'Appeal' }).click();
      await withheld
        .getByLabel('Why should this decision change?')
        .fill('Street food is legal to write about.');
      await withheld.getByRole('button', { name: 'Send appeal' }).click();
      await withheld.getByText('Appeal sent.', { exact: false }).waitFor();
      await web.shootBoth('notices', own);
    } catch (error) {
      // The shared page's failure screenshot does not show these contexts: keep theirs.
      const pages = browser.contexts().flatMap((context) => context.pages());
      for (const [index, failed] of pages.entries()) {
        await failed
          .screenshot({ path: path.join(ARTIFACTS, `failure-moderation-${index}.png`) })
          .catch(() => {});
      }
      throw error;
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('the staff console: audit chain, policy preview, staff members; others are turned away', async () => {
    const { test, base } = web;
    await signUpByEmail(test, 'ana_lead');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'ana_lead', role: 'admin' });
    const browser = await launchChromium();
    try {
      const signedInPage = async (login: string) => {
        const context = await browser.newContext({
          viewport: DESKTOP,
          locale: 'en-US',
          timezoneId: 'UTC',
        });
        const answer = await context.request.post(`${base}/api/auth/login`, {
          data: { login, password: PASSWORD },
        });
        expect(answer.status()).toBe(200);
        const opened = await context.newPage();
        opened.setDefaultTimeout(10_000);
        return opened;
      };

      // Someone who is not staff sees no Staff link and a plain page at /staff.
      const viewer = await signedInPage('us_viewer');
      await viewer.goto(`${base}/staff`);
      await viewer.getByRole('heading', { name: 'This is for staff only' }).waitFor();
      expect(
        await viewer
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: 'Staff' })
          .count(),
      ).toBe(0);

      // The administrator verifies the audit chain, which holds the decision made above.
      const admin = await signedInPage('ana_lead');
      await admin.goto(`${base}/staff/audit`);
      await admin.getByRole('heading', { name: 'Audit log' }).waitFor();
      await admin.getByRole('cell', { name: 'case.decide.withhold' }).waitFor();
      await admin.getByRole('button', { name: 'Verify chain' }).click();
      await admin.getByText(/^Intact: \d+ records checked\.$/).waitFor();
      await web.shootBoth('staff-audit', admin);

      // The policy editor refuses broken JSON at once and previews a valid change.
      await admin.getByRole('link', { name: 'Policy' }).click();
      await admin.getByRole('heading', { name: 'Moderation policy' }).waitFor();
      const editor = admin.getByLabel('Policy document (JSON)');
      const original = await editor.inputValue();
      await editor.fill(`${original}}`);
      await admin.getByText(/^Not valid JSON/).waitFor();
      expect(await admin.getByRole('button', { name: 'Preview' }).isDisabled()).toBe(true);
      const document = JSON.parse(original) as { rules: Array<{ id: string; actions: object }> };
      const profanity = document.rules.find((rule) => rule.id === 'harassment.profanity')!;
      profanity.actions = { default: 'limit' };
      await editor.fill(JSON.stringify(document, null, 2));
      await admin.getByRole('button', { name: 'Preview' }).click();
      await admin.getByRole('heading', { name: /^Compared with the active version/ }).waitFor();
      await admin.getByRole('cell', { name: 'label', exact: true }).first().waitFor();
      await web.shootBoth('staff-policy', admin);

      // Staff members: the moderator is listed; the administrator adds an analyst.
      await admin.getByRole('link', { name: 'Staff members' }).click();
      await admin.getByRole('heading', { name: 'Staff members', level: 1 }).waitFor();
      await admin.getByRole('link', { name: '@mod_mei' }).waitFor();
      await admin.getByLabel('Handle').fill('kai_reports');
      await admin.getByLabel('Role', { exact: true }).selectOption('analyst');
      await admin.getByRole('button', { name: 'Add', exact: true }).click();
      await admin.getByText('@kai_reports is now a staff member.').waitFor();
      await admin.getByRole('link', { name: '@kai_reports' }).waitFor();
      await web.shootBoth('staff-members', admin);
    } catch (error) {
      const pages = browser.contexts().flatMap((context) => context.pages());
      for (const [index, failed] of pages.entries()) {
        await failed
          .screenshot({ path: path.join(ARTIFACTS, `failure-staff-${index}.png`) })
          .catch(() => {});
      }
      throw error;
    } finally {
      await browser.close();
    }
  }, 60_000);
});
