import { describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import { en } from '../src/i18n/en.js';
import { seriousViolations } from './axe.js';
import { DESKTOP, launchChromium, PASSWORD, PHONE, useBrowserHarness } from './browser-harness.js';

// A newcomer's first visit (issue "the newcomer's first week", item 15): onboarding after the
// sign-up — languages read, interests, people to follow — done with the keyboard, shown once
// (not again on another device); follow suggestions that leave out level-0 accounts; a Following
// tab that suggests people when empty (and a skipped onboarding); follower and following lists
// from a profile, page by page, without blocked accounts. Trust levels are on.

describe('first visit in Chromium', () => {
  const web = useBrowserHarness({ env: { ATRIUM_TRUST: 'on' } });

  it('onboards once, suggests people, and lists followers and followings', async () => {
    const { test, base } = web;
    const db = test.database.db;
    const trusted = async (handle: string, displayName: string) => {
      const { token, account } = await signUpByEmail(test, handle, IPS.US);
      await db
        .updateTable('accounts')
        .set({ trust_level: 1, trust_floor: 1, display_name: displayName })
        .where('id', '=', account.id)
        .execute();
      return test.client({ token, ip: IPS.US });
    };
    const hana = await trusted('hana_travels', 'Hana');
    await hana.notes.create({
      title: 'Kyoto at dawn',
      body: 'Quiet lanes before the crowds. #travel',
      lang: 'en',
    });
    await hana.notes.create({
      title: 'Night train',
      body: 'Sleeper car to Sapporo. #travel',
      lang: 'en',
    });
    const leo = await trusted('leo_cooks', 'Leo');
    await leo.notes.create({
      title: 'Garlic noodles',
      body: 'Five minutes, done. #food',
      lang: 'en',
    });
    const sofia = await trusted('sofia_escribe', 'Sofía');
    await sofia.notes.create({
      body: 'Un paseo por el puerto al atardecer con amigas.',
      lang: 'es',
    });
    // level 0: posts on the interest, but suggestions are reach, which level 0 does not get
    const { token: farmToken } = await signUpByEmail(test, 'bot_travel_deals', IPS.US);
    await test
      .client({ token: farmToken, ip: IPS.US })
      .notes.create({ body: 'Cheap flights!!! #travel', lang: 'en' });
    // Hana's followers: more than a page of them
    const fans: string[] = [];
    for (let index = 0; index < 21; index += 1) {
      const handle = `hana_fan_${index}`;
      const { token } = await signUpByEmail(test, handle, IPS.US);
      await test.client({ token, ip: IPS.US }).users.follow('hana_travels');
      fans.push(handle);
    }
    await test.settle();

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: DESKTOP,
        locale: 'en-US',
        timezoneId: 'UTC',
        bypassCSP: true,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const focused = () =>
        page.evaluate(
          () =>
            (
              globalThis as unknown as {
                document: { activeElement: { textContent: string } | null };
              }
            ).document.activeElement?.textContent ?? '',
        );

      // Sign up by e-mail: the new account is welcomed
      await page.goto(`${base}/login`);
      await page.getByRole('tab', { name: en['auth.emailTab'] }).click();
      await page.getByRole('button', { name: en['auth.newHere'] }).click();
      await page.getByLabel(en['auth.email']).fill('mia@example.org');
      await page.getByLabel(en['auth.handle']).fill('mia_new');
      await page.getByLabel(en['auth.password']).fill(PASSWORD);
      await page.getByRole('button', { name: en['auth.signUp'] }).click();
      await page.waitForURL(`${base}/welcome`);
      await page.getByRole('heading', { level: 1, name: en['welcome.title'] }).waitFor();
      await page.getByRole('heading', { name: en['welcome.languagesTitle'] }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await web.shootBoth('first-visit-languages', page);

      // Step 1, by keyboard: Spanish as well (the account's setting, saved at once)
      const spanish = page.getByRole('checkbox', { name: /^Spanish/ });
      await spanish.focus();
      await page.keyboard.press('Space');
      await expect.poll(() => spanish.isChecked()).toBe(true);
      await expect
        .poll(
          async () =>
            (
              (await (await context.request.get(`${base}/api/me`)).json()) as {
                languages: string[];
              }
            ).languages,
        )
        .toEqual(['es']);
      await page.getByRole('button', { name: en['welcome.next'] }).focus();
      await page.keyboard.press('Enter');

      // Step 2: interests among existing topics; the step's heading takes the focus
      await page.getByRole('heading', { name: en['welcome.interestsTitle'] }).waitFor();
      expect(await focused()).toBe(en['welcome.interestsTitle']);
      const travel = page.getByRole('checkbox', { name: /#travel/ });
      await page.getByRole('checkbox', { name: /#food/ }).waitFor();
      await travel.focus();
      await page.keyboard.press('Space');
      await expect.poll(() => travel.isChecked()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await web.shootBoth('first-visit-interests', page);
      await page.getByRole('button', { name: en['welcome.next'] }).focus();
      await page.keyboard.press('Enter');

      // Step 3: people, by interest first, then by language; never the level-0 account
      await page.getByRole('heading', { name: en['welcome.peopleTitle'] }).waitFor();
      const people = page.getByRole('list', { name: en['welcome.peopleTitle'] });
      const rows = people.getByRole('listitem');
      await rows.first().waitFor();
      await expect.poll(() => rows.first().textContent()).toContain('Posts about #travel');
      expect(await rows.first().textContent()).toContain('Hana');
      expect(await people.textContent()).toContain('Writes in a language you read');
      expect(await people.textContent()).toContain('Sofía');
      expect(await people.textContent()).not.toContain('bot_travel_deals');
      const followHana = page.getByRole('button', { name: 'Follow Hana' });
      await followHana.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Following Hana', pressed: true }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await web.shootBoth('first-visit-people', page);
      const saved = (await (await context.request.get(`${base}/api/me/onboarding`)).json()) as {
        onboarded: boolean;
        interests: string[];
      };
      expect(saved).toMatchObject({ onboarded: true, interests: ['travel'] });
      await page.getByRole('button', { name: en['welcome.done'] }).click();
      await page.waitForURL(`${base}/`);

      // Shown once: not again here, nor on another device
      await page.goto(`${base}/welcome`);
      await page.waitForURL(`${base}/`);
      const other = await browser.newContext({
        viewport: PHONE,
        locale: 'en-US',
        timezoneId: 'UTC',
      });
      const login = await other.request.post(`${base}/api/auth/login`, {
        data: { login: 'mia_new', password: PASSWORD },
      });
      expect(((await login.json()) as { account: { onboarded: boolean } }).account.onboarded).toBe(
        true,
      );
      const otherPage = await other.newPage();
      await otherPage.goto(`${base}/welcome`);
      await otherPage.waitForURL(`${base}/`);
      await other.close();

      // Follower lists from Hana's profile, a page at a time, without the accounts Mia blocked
      const miaToken = (
        (await await test.client().auth.login({ login: 'mia_new', password: PASSWORD })) as {
          token: string;
        }
      ).token;
      await test.client({ token: miaToken, ip: IPS.US }).users.block(fans[5]!);
      await page.goto(`${base}/u/hana_travels`);
      await page.getByRole('link', { name: '22 Followers' }).click();
      await page.waitForURL(`${base}/u/hana_travels/followers`);
      await page.getByRole('heading', { level: 1, name: 'People following Hana' }).waitFor();
      const list = page.locator('.people');
      await list.getByRole('link', { name: 'mia_new' }).waitFor();
      // newest first: Mia, then the fans from the last
      expect(await list.getByRole('listitem').count()).toBe(20);
      await page.getByRole('button', { name: en['follows.more'] }).click();
      await expect.poll(() => list.getByRole('listitem').count()).toBe(21);
      expect(await list.textContent()).not.toContain(`@${fans[5]}`);
      expect(await list.textContent()).toContain(`@${fans[0]}`);
      expect(await page.getByRole('button', { name: en['follows.more'] }).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await web.shootBoth('follow-list-followers', page);
      await page
        .getByRole('navigation', { name: en['follows.sections'] })
        .getByRole('link', { name: en['profile.following'] })
        .click();
      await page.waitForURL(`${base}/u/hana_travels/following`);
      await page.getByText(en['follows.noFollowing']).waitFor();
      // Mia's own following list: Hana, already followed
      await page.goto(`${base}/u/mia_new/following`);
      await page.getByRole('button', { name: 'Following Hana', pressed: true }).waitFor();

      // Someone who skipped onboarding and follows nobody: the Following tab suggests people
      await signUpByEmail(test, 'tom_quiet', IPS.US);
      const tom = await browser.newContext({
        viewport: PHONE,
        locale: 'en-US',
        timezoneId: 'UTC',
        bypassCSP: true,
      });
      await tom.request.post(`${base}/api/auth/login`, {
        data: { login: 'tom_quiet', password: PASSWORD },
      });
      const tomPage = await tom.newPage();
      tomPage.setDefaultTimeout(15_000);
      await tomPage.goto(`${base}/welcome`);
      await tomPage.getByRole('button', { name: en['welcome.skip'] }).click();
      await tomPage.waitForURL(`${base}/`);
      await tomPage.getByRole('tab', { name: en['feed.following'] }).click();
      await tomPage.getByText(en['feed.followingEmpty']).waitFor();
      const suggested = tomPage.getByRole('list', { name: en['suggestions.title'] });
      await suggested.getByRole('listitem').first().waitFor();
      expect(await suggested.textContent()).toContain('Hana');
      expect(await suggested.textContent()).not.toContain('bot_travel_deals');
      expect(await seriousViolations(tomPage)).toEqual([]);
      await web.shootBoth('following-empty', tomPage);
      await tomPage.getByRole('button', { name: 'Follow Leo' }).click();
      await tomPage.getByRole('button', { name: 'Following Leo', pressed: true }).waitFor();
      // the Following tab fills once it is opened again
      await tomPage.getByRole('tab', { name: en['feed.title'] }).click();
      await tomPage.getByRole('tab', { name: en['feed.following'] }).click();
      await tomPage.getByRole('link', { name: 'Garlic noodles' }).waitFor();
      const onboarding = (await (await tom.request.get(`${base}/api/me/onboarding`)).json()) as {
        onboarded: boolean;
      };
      expect(onboarding.onboarded).toBe(true);
      await tom.close();
    } finally {
      await browser.close();
    }
  }, 240_000);
});
