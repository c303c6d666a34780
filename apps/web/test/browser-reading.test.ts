import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import { seriousViolations } from './axe.js';
import { DESKTOP, launchChromium, PASSWORD, PHONE, useBrowserHarness } from './browser-harness.js';

// Browser tests (browser-harness.ts): an English reader among Chinese, Japanese and Korean notes
// on a default install (Apertium: English ↔ Spanish only). Nothing that cannot work is offered;
// Chinese gets the word-by-word reading aid (CC-CEDICT), Japanese its readings-only one (kuromoji).

/** Every API answer of the page that failed (4xx/5xx), and the translation and reading asks. */
function watch(page: Page) {
  const failed: string[] = [];
  const asked: string[] = [];
  page.on('response', (response: Response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/')) return;
    // GET /api/staff/me answers 403 to everyone outside staff: how the app asks (lib/staff.ts)
    if (response.status() >= 400 && url.pathname !== '/api/staff/me')
      failed.push(`${response.status()} ${url.pathname}`);
    if (/\/(translation|reading)$/.test(url.pathname)) asked.push(url.pathname + url.search);
  });
  return { failed, asked };
}

/** The middle of the first occurrence of `char` in the text under `selector`, in page pixels. */
async function pointOf(page: Page, selector: string, char: string) {
  const point = (await page.evaluate(`(() => {
    const root = document.querySelector(${JSON.stringify(selector)});
    if (!root) return null;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent.indexOf(${JSON.stringify(char)});
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      const box = range.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
    return null;
  })()`)) as { x: number; y: number } | null;
  if (!point) throw new Error(`${char} is not in ${selector}`);
  return point;
}

describe('web app in Chromium: reading what no engine translates', () => {
  const web = useBrowserHarness();

  it('an English reader sees no failing Translate on CJK notes, and reads Chinese word by word', async () => {
    const { test, base } = web;
    const writer = await signUpByEmail(test, 'wang_writes', IPS.GUANGDONG);
    const client = test.client({ token: writer.token, ip: IPS.GUANGDONG });
    const cat = await client.notes.create({
      title: '我的猫',
      body: '我家的猫特别喜欢晒太阳。\n一躺就是一下午 #猫咪日常',
    });
    const taipei = await client.notes.create({ body: '這本書的翻譯真的很好，推薦給大家' });
    const tokyo = await client.notes.create({
      body: '東京の駅で友達に会いました。とても楽しかったです',
    });
    const seoul = await client.notes.create({ body: '오늘 친구랑 한강에서 치킨을 먹었어요' });
    const madrid = await client.notes.create({
      body: 'El agua estaba tranquila y los pájaros cantaban. Hice café y leí un buen libro.',
    });
    expect([cat.lang, taipei.lang, tokyo.lang, seoul.lang, madrid.lang]).toEqual([
      'zh-Hans',
      'zh-Hant',
      'ja',
      'ko',
      'es',
    ]);
    const comment = await client.notes.comment(cat.id, { body: '好可爱的猫，我也想养一只' });
    // An English-only newcomer who turned auto-translate on.
    const reader = await signUpByEmail(test, 'jamie_reads', IPS.US);
    await test.client({ token: reader.token, ip: IPS.US }).me.update({ autoTranslate: true });

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: PHONE,
        locale: 'en-US',
        timezoneId: 'UTC',
        isMobile: true,
        hasTouch: true,
      });
      const login = await context.request.post(`${base}/api/auth/login`, {
        data: { login: 'jamie_reads', password: PASSWORD },
      });
      expect(login.status()).toBe(200);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const seen = watch(page);

      // Discover, then the immersive view, where auto-translate translates what it can.
      await page.goto(`${base}/`);
      await page.getByRole('link', { name: '我的猫' }).first().waitFor();
      await page.goto(`${base}/immersive`);
      await page.getByRole('button', { name: 'Next note' }).waitFor();
      for (let slide = 0; slide < 6; slide++) {
        await page.keyboard.press('j');
        await page.waitForTimeout(300);
      }
      // the Spanish note is translated: Apertium serves es → en
      await expect
        .poll(() => page.locator('.immersive .machine-translation').count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
      await page.waitForLoadState('networkidle');
      // No Translate on a Chinese, Japanese or Korean slide, and no request for one.
      expect(await page.getByRole('button', { name: 'Translate', exact: true }).count()).toBe(0);
      expect(seen.asked.every((path) => path.includes(madrid.id))).toBe(true);
      expect(seen.asked.length).toBeGreaterThan(0);

      // Korean: the language is named, nothing is offered (no reading aid yet).
      await page.goto(`${base}/note/${seoul.id}`);
      const koreanBar = page.locator('.note-content > .translation-bar');
      await koreanBar.locator('.lang-label').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await koreanBar.getByRole('button').count()).toBe(0);

      // Chinese: no Translate, but a word-by-word reading on a tap.
      await page.goto(`${base}/note/${cat.id}`);
      const bar = page.locator('.note-content > .translation-bar');
      await bar.locator('.lang-label', { hasText: 'Chinese' }).waitFor();
      expect(await bar.getByRole('button', { name: 'Translate' }).count()).toBe(0);
      await bar.getByRole('button', { name: 'Read word by word' }).click();
      await bar
        .getByText('Word-by-word reading aid: dictionary meanings, not a translation')
        .waitFor();
      const credit = bar.getByRole('link', { name: 'Dictionary: CC-CEDICT (CC BY-SA 4.0)' });
      expect(await credit.getAttribute('href')).toContain('cc-cedict');
      const reading = await test.client().notes.reading(cat.id, 'en');
      const word = page.locator('.note-body .reading-word', { hasText: '喜欢' });
      await word.waitFor();
      expect(await word.locator('.reading-pinyin').textContent()).toBe('xǐ huan');
      expect(await word.locator('.reading-gloss').textContent()).toBe(
        reading.body.find((token) => token.text === '喜欢')!.gloss,
      );
      const title = page.getByRole('heading', { level: 1 });
      expect(await title.locator('.reading-word .reading-gloss').first().textContent()).toMatch(
        /^I\b/,
      );
      expect(await title.locator('.reading-chars').allTextContents()).toEqual(['我', '的', '猫']);
      // the comment reads word by word on its own
      const comments = page.locator('.comment-list');
      await comments.getByText('好可爱的猫', { exact: false }).waitFor();
      await comments.getByRole('button', { name: 'Read word by word' }).click();
      await comments.locator('.reading-word', { hasText: '养' }).waitFor();
      await page.evaluate('window.scrollTo(0, 0)');
      await web.shoot('reading-aid-zh-en', PHONE, page);
      await bar.getByRole('button', { name: 'Show original' }).click();
      await page.getByRole('heading', { name: '我的猫' }).waitFor();

      // Traditional Chinese too.
      await page.goto(`${base}/note/${taipei.id}`);
      await bar.getByRole('button', { name: 'Read word by word' }).click();
      await page.locator('.note-body .reading-word', { hasText: '翻譯' }).waitFor();

      // Over the whole walk: not one failing API answer, and each reading asked for once.
      expect(seen.failed).toEqual([]);
      const readings = seen.asked.filter((path) => path.includes('/reading'));
      expect(readings).toHaveLength(3);
      expect(new Set(readings).size).toBe(3);
      expect(comment.lang).toBe('zh-Hans');
    } finally {
      await browser.close();
    }
    // CC-CEDICT is read on the first Chinese reading (seconds on a busy machine)
  }, 90_000);

  // kuromoji builds its dictionary on the first Japanese reading (seconds on a busy machine)
  it('an English reader reads a Japanese note word by word: kana and romaji, no meanings', async () => {
    const { test, base } = web;
    const writer = await signUpByEmail(test, 'haruka_writes', IPS.US);
    const note = await test
      .client({ token: writer.token, ip: IPS.US })
      .notes.create({ body: '東京の駅で友達に会いました。とても楽しかったです' });
    expect(note.lang).toBe('ja');
    await signUpByEmail(test, 'casey_reads', IPS.US);

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: PHONE,
        locale: 'en-US',
        timezoneId: 'UTC',
        isMobile: true,
        hasTouch: true,
      });
      const login = await context.request.post(`${base}/api/auth/login`, {
        data: { login: 'casey_reads', password: PASSWORD },
      });
      expect(login.status()).toBe(200);
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      const seen = watch(page);

      // Japanese: no Translate, but words with kana and romaji on a tap, labelled as readings
      // without meanings and credited.
      await page.goto(`${base}/note/${note.id}`);
      const japaneseBar = page.locator('.note-content > .translation-bar');
      await japaneseBar.locator('.lang-label', { hasText: 'Japanese' }).waitFor();
      expect(await japaneseBar.getByRole('button', { name: 'Translate' }).count()).toBe(0);
      await japaneseBar.getByRole('button', { name: 'Read word by word' }).click();
      await japaneseBar
        .getByText(
          'Word-by-word reading aid: how each word is read, no meanings, not a translation',
        )
        .waitFor();
      const ipadic = japaneseBar.getByRole('link', {
        name: 'Dictionary: IPADIC via kuromoji (NAIST/ICOT licence)',
      });
      expect(await ipadic.getAttribute('href')).toContain('kuromoji');
      const station = page.locator('.note-body .reading-word', { hasText: '駅' });
      await station.waitFor();
      expect(await station.locator('.reading-kana').textContent()).toBe('えき');
      expect(await station.locator('.reading-romaji').textContent()).toBe('eki');
      const met = page.locator('.note-body .reading-word', { hasText: '会いました' });
      expect(await met.locator('.reading-kana').textContent()).toBe('あいました');
      expect(await met.locator('.reading-romaji').textContent()).toBe('aimashita');
      const particle = page.locator('.note-body .reading-word', { hasText: /^\s*の\s*no$/ });
      expect(await particle.locator('.reading-romaji').textContent()).toBe('no');
      // no meaning is shown where the dictionary has none
      expect(await page.locator('.note-body .reading-gloss').count()).toBe(0);
      await web.shoot('reading-aid-ja-en', PHONE, page);

      expect(seen.failed).toEqual([]);
      expect(seen.asked).toEqual([`/api/notes/${note.id}/reading?to=en`]);
    } finally {
      await browser.close();
    }
  }, 90_000);

  it('an English reader taps a Chinese word for its reading and gloss, on a phone and a desktop', async () => {
    const { test, base } = web;
    const writer = await signUpByEmail(test, 'li_taps', IPS.GUANGDONG);
    const client = test.client({ token: writer.token, ip: IPS.GUANGDONG });
    const note = await client.notes.create({
      title: '周末的猫',
      body: '我家的猫特别喜欢晒太阳。\n一躺就是一下午 #猫咪日常',
    });
    await client.notes.comment(note.id, { body: '好可爱的猫，我也想养一只' });
    const reading = await test.client().notes.reading(note.id, 'en');
    const gloss = (text: string) => reading.body.find((token) => token.text === text)!.gloss!;
    await signUpByEmail(test, 'sam_taps', IPS.US);

    const browser = await launchChromium();
    try {
      for (const size of [PHONE, DESKTOP]) {
        const phone = size === PHONE;
        const context = await browser.newContext({
          viewport: size,
          locale: 'en-US',
          timezoneId: 'UTC',
          isMobile: phone,
          hasTouch: phone,
          bypassCSP: true, // axe is injected as a script
        });
        const login = await context.request.post(`${base}/api/auth/login`, {
          data: { login: 'sam_taps', password: PASSWORD },
        });
        expect(login.status()).toBe(200);
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        const seen = watch(page);
        const tap = async (selector: string, char: string) => {
          const { x, y } = await pointOf(page, selector, char);
          if (phone) await page.touchscreen.tap(x, y);
          else await page.mouse.click(x, y);
        };
        await page.goto(`${base}/note/${note.id}`);
        await page.getByRole('heading', { name: '周末的猫' }).waitFor();

        // a word of the body: its pinyin and its CC-CEDICT gloss in a card under it
        await tap('.note-body', '欢');
        const card = page.locator('.note-body .word-gloss');
        await card.locator('.word-gloss-word', { hasText: '喜欢' }).waitFor();
        expect(await card.locator('.word-gloss-reading').textContent()).toBe('xǐ huan');
        expect(await card.locator('.word-gloss-meaning').textContent()).toBe(gloss('喜欢'));
        expect(await card.getByText('Dictionary gloss · not a translation').count()).toBe(1);
        expect(await seriousViolations(page)).toEqual([]);
        await web.shoot(`word-gloss-${phone ? 'phone' : 'desktop'}`, size, page);
        // another word replaces it; Escape closes it
        await tap('.note-body', '阳');
        await card.locator('.word-gloss-word', { hasText: '太阳' }).waitFor();
        expect(await card.locator('.word-gloss-meaning').textContent()).toBe(gloss('太阳'));
        await page.keyboard.press('Escape');
        await card.waitFor({ state: 'detached' });
        // punctuation is no word: nothing opens
        await tap('.note-body', '。');
        await page.waitForTimeout(300);
        expect(await card.count()).toBe(0);
        // the title, from the same reading (no second request), and a comment, from its own
        await tap('.note-title', '猫');
        await page.locator('.note-title .word-gloss-word', { hasText: '猫' }).waitFor();
        await page.locator('.comment-body').getByText('好可爱的猫', { exact: false }).waitFor();
        await tap('.comment-body', '养');
        await page.locator('.comment-body .word-gloss-word', { hasText: '养' }).waitFor();
        // a topic keeps its tap: it opens the topic, no card
        await page.locator('.note-body .topic-link').click();
        await page.waitForURL(/\/topic\//);

        expect(seen.failed).toEqual([]);
        const asked = seen.asked.filter((path) => path.includes('/reading'));
        expect(asked).toEqual([
          `/api/notes/${note.id}/reading?to=en`,
          expect.stringMatching(/^\/api\/comments\/[^/]+\/reading\?to=en$/),
        ]);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  }, 120_000);
});
