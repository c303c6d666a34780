import path from 'node:path';
import type { Account } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import {
  ARTIFACTS,
  checkSettled,
  DESKTOP,
  launchChromium,
  PASSWORD,
  PHONE,
  useBrowserHarness,
} from './browser-harness.js';

// Browser tests (browser-harness.ts): reading in another language, with machine translation on
// the real Apertium engine, and the interface in Spanish, Japanese and Korean.

describe('web app in Chromium: languages and translation', () => {
  const web = useBrowserHarness();

  it('a Spanish-speaking newcomer reads English notes translated, on a tap and then by default', async () => {
    const { test, base } = web;
    // An English author, a comment in English, and a newcomer whose browser speaks Spanish.
    const author = await signUpByEmail(test, 'sam_writes', IPS.US);
    const authorClient = test.client({ token: author.token, ip: IPS.US });
    const lake = await authorClient.notes.create({
      title: 'A quiet morning at the lake',
      body: 'The water was calm and the birds were singing. I made coffee and read a good book. #travel',
    });
    const bread = await authorClient.notes.create({
      title: 'My favourite bread recipe',
      body: 'Flour, water, salt and time. Bake it in a very hot oven for forty minutes. #food',
    });
    expect([lake.lang, bread.lang]).toEqual(['en', 'en']);
    const commenter = await signUpByEmail(test, 'jo_reads', IPS.US);
    const comment = await test
      .client({ token: commenter.token, ip: IPS.US })
      .notes.comment(lake.id, { body: 'What a beautiful place. I want to go there next summer!' });
    expect(comment.lang).toBe('en');
    // No engine here translates Chinese into Spanish.
    const chengdu = await test.client({ token: commenter.token, ip: IPS.US }).notes.create({
      title: '成都一日游攻略',
      body: '早上吃钟水饺，中午去宽窄巷子，晚上看川剧变脸。',
    });
    expect(chengdu.lang).toBe('zh-Hans');
    await signUpByEmail(test, 'lucia_lee', IPS.BRAZIL);

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: DESKTOP,
        locale: 'es-ES',
        timezoneId: 'UTC',
      });
      const login = await context.request.post(`${base}/api/auth/login`, {
        data: { login: 'lucia_lee', password: PASSWORD },
      });
      expect(login.status()).toBe(200);
      const es = await context.newPage();
      es.setDefaultTimeout(10_000);
      const account = async () =>
        (await es.evaluate("fetch('/api/me').then((r) => r.json())")) as Account;

      // The interface follows the browser: Spanish. English cards carry their language.
      await es.goto(`${base}/`);
      const nav = es.getByRole('navigation', { name: 'Principal' });
      await nav.getByRole('link', { name: 'Descubrir' }).waitFor();
      expect(await es.evaluate('document.documentElement.lang')).toBe('es');
      const lakeCard = es.locator('.card', {
        has: es.getByRole('link', { name: 'A quiet morning at the lake' }),
      });
      await lakeCard.getByText('Inglés', { exact: true }).waitFor();
      await web.shootBoth('discover-es', es);

      // Languages I read: Spanish, saved on the account.
      await es.goto(`${base}/settings`);
      await es.getByRole('heading', { name: 'Ajustes' }).waitFor();
      await checkSettled(es.getByRole('checkbox', { name: 'Español', exact: true }));
      await expect.poll(async () => (await account()).languages).toEqual(['es']);
      await checkSettled(es.getByRole('radio', { name: /^Todo/ }));
      await expect.poll(async () => (await account()).feedLanguageMix).toBe('everything');
      await es.getByRole('heading', { name: 'Lectura y traducción' }).scrollIntoViewIfNeeded();
      await web.shootBoth('settings-es', es);

      // The English note: its language, Translate, the Spanish machine translation marked with
      // its engine, and back to the original.
      await es.goto(`${base}/note/${lake.id}`);
      await es.getByRole('heading', { name: 'A quiet morning at the lake' }).waitFor();
      const bar = es.locator('.note-content > .translation-bar');
      await bar.getByText('Inglés', { exact: true }).waitFor();
      await bar.getByRole('button', { name: 'Traducir' }).click();
      await bar.getByText('Traducción automática · Apertium').waitFor({ timeout: 30_000 });
      const translated = await test.client().notes.translation(lake.id, 'es');
      expect(translated).toMatchObject({ from: 'en', to: 'es', engine: 'apertium', cached: true });
      expect(translated.title).not.toBe(lake.title);
      await es.getByRole('heading', { name: translated.title }).waitFor();
      expect(await es.locator('.note-text').getAttribute('lang')).toBe('es');
      // The comment translates on its own.
      const comments = es.locator('.comment-list');
      await comments.getByText('What a beautiful place.', { exact: false }).waitFor();
      await comments.getByRole('button', { name: 'Traducir' }).click();
      await comments.getByText('Traducción automática · Apertium').waitFor({ timeout: 30_000 });
      const translatedComment = await test.client().comments.translation(comment.id, 'es');
      await comments.getByText(translatedComment.body).waitFor();
      await web.shootBoth('note-translated-es', es);
      await bar.getByRole('button', { name: 'Ver original' }).click();
      await es.getByRole('heading', { name: 'A quiet morning at the lake' }).waitFor();
      await bar.getByRole('button', { name: 'Traducir' }).waitFor();

      // Auto-translate: another English note opens translated, with the original a tap away.
      await es.goto(`${base}/settings`);
      await checkSettled(es.getByRole('checkbox', { name: /^Traducir automáticamente/ }));
      await expect.poll(async () => (await account()).autoTranslate).toBe(true);
      await es.goto(`${base}/note/${bread.id}`);
      await bar.getByText('Traducción automática · Apertium').waitFor({ timeout: 30_000 });
      const breadTranslated = await test.client().notes.translation(bread.id, 'es');
      await es.getByRole('heading', { name: breadTranslated.title }).waitFor();
      await bar.getByRole('button', { name: 'Ver original' }).waitFor();
      await web.shootBoth('note-auto-translated-es', es);

      // A pair no engine serves, for a reader who does not read English (the reading aid's
      // glosses are English): nothing is offered, and nothing is asked that would fail.
      const asked: string[] = [];
      const listen = (request: { url(): string }) => {
        // the note's and its comments' translation or reading routes (not the capabilities)
        if (/\/api\/(notes|comments)\/[^/]+\/(translation|reading)\b/.test(request.url()))
          asked.push(request.url());
      };
      es.on('request', listen);
      await es.goto(`${base}/note/${chengdu.id}`);
      await es.getByRole('heading', { name: '成都一日游攻略' }).waitFor();
      await bar.getByText('Chino simplificado', { exact: true }).waitFor();
      await es.waitForLoadState('networkidle');
      expect(await bar.getByRole('button').count()).toBe(0);
      es.off('request', listen);
      expect(asked).toEqual([]);

      // The immersive view translates the notes on screen too.
      await es.goto(`${base}/immersive`);
      await es.getByRole('button', { name: 'Nota siguiente' }).waitFor();
      await expect
        .poll(
          async () => {
            const found = await es.locator('.immersive .machine-translation').count();
            if (found === 0) await es.keyboard.press('j');
            return found;
          },
          { timeout: 30_000, interval: 1_000 },
        )
        .toBeGreaterThan(0);
      await web.shoot('immersive-translated-es', PHONE, es);

      // The interface in Japanese, then Korean: the navigation follows.
      await es.goto(`${base}/settings`);
      await es.getByLabel('Idioma de la interfaz').selectOption('ja');
      await es.getByRole('heading', { name: '設定' }).waitFor();
      await es
        .getByRole('navigation', { name: 'メイン' })
        .getByRole('link', { name: '発見' })
        .waitFor();
      expect(await es.evaluate('document.documentElement.lang')).toBe('ja');
      await web.shoot('settings-ja', PHONE, es);
      await es.getByLabel('表示言語').selectOption('ko');
      await es.getByRole('heading', { name: '설정' }).waitFor();
      await es
        .getByRole('navigation', { name: '메인' })
        .getByRole('link', { name: '탐색' })
        .waitFor();
      expect((await account()).locale).toBe('ko');
      await web.shoot('settings-ko', PHONE, es);
    } catch (error) {
      const pages = browser.contexts().flatMap((context) => context.pages());
      for (const [index, failed] of pages.entries()) {
        await failed
          .screenshot({ path: path.join(ARTIFACTS, `failure-lang-${index}.png`) })
          .catch(() => {});
      }
      throw error;
    } finally {
      await browser.close();
    }
  }, 120_000);
});
