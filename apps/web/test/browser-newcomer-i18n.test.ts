import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import {
  ARTIFACTS,
  DESKTOP,
  launchChromium,
  signedInPage,
  useBrowserHarness,
} from './browser-harness.js';

// Browser tests (browser-harness.ts) for what a newcomer's first week found left in English or
// broken: policy publishing on the first try, translation for moderators who set no languages
// (reporters' notes too), place names, 451 reasons and queue categories in the interface
// language, fonts that follow the text's language, and the DB-IP credit.

function pageFor(
  browser: Browser,
  base: string,
  options: { locale: string; login?: string; forwardedFor?: string },
): Promise<Page> {
  return signedInPage(browser, base, { ...options, timeout: 10_000 });
}

/** Screenshots of every open page when a test fails, then the error again. */
async function shootFailures(browser: Browser, error: unknown): Promise<never> {
  const pages = browser.contexts().flatMap((context) => context.pages());
  for (const [index, failed] of pages.entries()) {
    await failed
      .screenshot({ path: path.join(ARTIFACTS, `failure-newcomer-${index}.png`) })
      .catch(() => {});
  }
  throw error;
}

describe('web app in Chromium: the newcomer week, in every language', () => {
  const web = useBrowserHarness();

  it('an administrator publishes a policy version on the first try: the version is typed once', async () => {
    const { test, base } = web;
    await signUpByEmail(test, 'ana_policy');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'ana_policy', role: 'admin' });
    const browser = await launchChromium();
    try {
      const admin = await pageFor(browser, base, { locale: 'en-US', login: 'ana_policy' });
      await admin.goto(`${base}/staff/policy`);
      await admin.getByRole('heading', { name: 'Moderation policy' }).waitFor();
      const editor = admin.getByLabel('Policy document (JSON)');
      const shown = JSON.parse(await editor.inputValue()) as Record<string, unknown>;
      // the document opens without the active version: the field below is where it is set
      expect(shown.version).toBeUndefined();
      await admin.getByRole('textbox', { name: 'New version' }).fill('newcomer-1');
      await admin.getByRole('button', { name: 'Publish…' }).click();
      await admin.getByRole('button', { name: 'Publish newcomer-1 now' }).click();
      await admin.getByText('Published newcomer-1. It is now the active policy.').waitFor();
      await web.shootBoth('staff-policy-published', admin);

      // A version written into the JSON is the field's too, and the field edits it in place.
      const next = JSON.parse(await editor.inputValue()) as Record<string, unknown>;
      await editor.fill(JSON.stringify({ version: 'newcomer-2', ...next }, null, 2));
      expect(await admin.getByRole('textbox', { name: 'New version' }).inputValue()).toBe(
        'newcomer-2',
      );
      await admin.getByRole('textbox', { name: 'New version' }).fill('newcomer-3');
      expect(JSON.parse(await editor.inputValue()).version).toBe('newcomer-3');
      await admin.getByRole('button', { name: 'Publish…' }).click();
      await admin.getByRole('button', { name: 'Publish newcomer-3 now' }).click();
      await admin.getByText('Published newcomer-3. It is now the active policy.').waitFor();
    } catch (error) {
      await shootFailures(browser, error);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('a moderator with no languages set reads English content and reporters’ notes in Spanish; categories and 451 reasons are in Spanish', async () => {
    const { test, base } = web;
    const author = await signUpByEmail(test, 'rio_seller', IPS.BRAZIL);
    const authorClient = test.client({ token: author.token, ip: IPS.BRAZIL });
    // hard drugs go to review: an automated case in the lexicon's category "drugs"
    const drugs = await authorClient.notes.create({
      body: 'Selling cocaine here tonight, message me for prices',
    });
    const spam = await authorClient.notes.create({
      title: 'Cheap followers',
      body: 'Buy cheap followers here today, the best price in town',
    });
    const reporter = await signUpByEmail(test, 'kai_notes', IPS.US);
    await test.client({ token: reporter.token, ip: IPS.US }).reports.create({
      targetType: 'note',
      targetId: spam.id,
      reason: 'illegal',
      details: 'This account sells fake followers to everyone in the city',
    });
    const mod = await signUpByEmail(test, 'mod_lucia');
    expect(mod.account.languages).toEqual([]);
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'mod_lucia', role: 'moderator' });

    const browser = await launchChromium();
    try {
      const moderator = await pageFor(browser, base, { locale: 'es-ES', login: 'mod_lucia' });
      await moderator.goto(`${base}/staff`);
      await moderator.getByRole('heading', { name: 'Cola de revisión' }).waitFor();
      // the lexicon's category is named in Spanish, not shown as "drugs"
      const drugsRow = moderator.locator('tr', { hasText: 'cocaine' });
      await drugsRow.getByText('Drogas', { exact: true }).waitFor();
      expect(await moderator.getByRole('cell', { name: 'drugs', exact: true }).count()).toBe(0);
      await web.shootBoth('staff-queue-es', moderator);
      expect(drugs.id).toBeTruthy();

      await moderator.getByRole('link', { name: /Cheap followers/ }).click();
      await moderator.getByRole('heading', { name: '1 denuncia' }).waitFor();
      // the content and the reporter's note, each with a machine translation into Spanish
      const translations = moderator.getByText(/^Traducción automática \(en → es, apertium\)$/);
      await expect.poll(() => translations.count()).toBe(2);
      await moderator
        .locator('.report-translation blockquote[lang="es"]')
        .filter({ hasNotText: 'This account sells fake followers' })
        .waitFor();
      await web.shootBoth('staff-case-es-translated', moderator);

      // The moderator withholds the note in China under local law; a Spanish reader there gets
      // the reason in Spanish, the reason code named.
      const modClient = test.client({ token: mod.token });
      const caseId = (await modClient.moderation.cases({ limit: 100 })).items.find(
        (item) => item.targetId === spam.id,
      )!.id;
      await modClient.moderation.claim(caseId);
      await modClient.moderation.decide(caseId, {
        decision: 'withhold',
        regions: ['CN'],
        reasonCode: 'legal.local_law',
      });
      const china = await pageFor(browser, base, {
        locale: 'es-ES',
        forwardedFor: IPS.GUANGDONG,
      });
      await china.goto(`${base}/note/${spam.id}`);
      await china.getByRole('heading', { name: 'No disponible en tu región' }).waitFor();
      await china.getByText('Motivo: Bloqueado por un moderador (Ley local)').waitFor();
      expect(await china.getByText(/legal\.local_law|Withheld by/).count()).toBe(0);
      await web.shootBoth('withheld-notice-es', china);
    } catch (error) {
      await shootFailures(browser, error);
    } finally {
      await browser.close();
    }
  }, 90_000);

  it('place names in the reader’s interface language with the DB-IP credit; fonts follow each text’s language', async () => {
    const { test, base } = web;
    const author = await signUpByEmail(test, 'yuki_writes', IPS.US);
    const client = test.client({ token: author.token, ip: IPS.US });
    const japanese = await client.notes.create({
      title: '京都の朝ごはん',
      body: '今日は早起きして、近所のお店で焼き魚と味噌汁を食べました。とても美味しかったです。',
    });
    expect(japanese.lang).toBe('ja');
    const chinese = await client.notes.create({
      title: '成都一日游攻略',
      body: '早上吃钟水饺，中午去宽窄巷子，晚上看川剧变脸。',
    });
    expect(chinese.lang).toBe('zh-Hans');

    const browser = await launchChromium();
    try {
      const fontOf = async (page: Page, selector: string) => {
        await page.locator(selector).waitFor();
        return (await page.evaluate(
          `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).fontFamily`,
        )) as string;
      };
      const expected: Array<[string, string, string]> = [
        ['es-ES', 'Estados Unidos', 'Ubicación por IP: DB-IP'],
        ['ja-JP', 'アメリカ合衆国', 'IP 位置情報：DB-IP'],
        ['ko-KR', '미국', 'IP 위치 정보: DB-IP'],
        // a Hong Kong browser gets the Chinese interface, and place names in Chinese
        ['zh-HK', '美国', 'IP 属地数据：DB-IP'],
      ];
      for (const [locale, place, credit] of expected) {
        const reader = await pageFor(browser, base, { locale });
        await reader.goto(`${base}/note/${japanese.id}`);
        await reader.locator('.note-meta', { hasText: place }).waitFor();
        const link = reader.getByRole('link', { name: credit });
        expect(await link.getAttribute('href')).toBe('https://db-ip.com');
        expect(await reader.getByText('United States').count()).toBe(0);
        if (locale === 'zh-HK') {
          expect(await reader.evaluate('document.documentElement.lang')).toBe('zh-Hans');
          // Japanese in a Chinese interface is drawn with a Japanese font, not a Chinese one
          expect(await reader.locator('.note-text').getAttribute('lang')).toBe('ja');
          const font = await fontOf(reader, '.note-body');
          expect(font).toContain('Hiragino Sans');
          expect(font).not.toContain('PingFang SC');
          await web.shootBoth('note-ja-in-zh-interface', reader);
          await reader.goto(`${base}/note/${chinese.id}`);
          await reader.locator('.note-text[lang="zh-Hans"]').waitFor();
          expect(await fontOf(reader, '.note-body')).toContain('PingFang SC');
          // the profile shows the label too, with the credit beside it
          await reader.goto(`${base}/u/yuki_writes`);
          await reader.getByRole('link', { name: credit }).waitFor();
        } else {
          await web.shoot(`note-ip-location-${locale}`, DESKTOP, reader);
        }
        await reader.context().close();
      }
    } catch (error) {
      await shootFailures(browser, error);
    } finally {
      await browser.close();
    }
  }, 90_000);
});
