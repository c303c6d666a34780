import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Account, Note } from '@atrium/sdk';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import sharp from 'sharp';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { measureDiscoveryBundle } from '../../../bench/web-size.js';
import { buildTestApp, IPS, signUpByEmail, type TestApp } from '../../server/test/helper.js';

// Browser tests: the real server on a fresh database, serving the freshly built web app, driven
// by Debian's Chromium (scripts/test.sh installs it). Screenshots go to test-artifacts/web/.

const CHROMIUM = '/usr/bin/chromium';
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const ARTIFACTS = path.join(REPO, 'test-artifacts', 'web');
const PHONE = { width: 390, height: 844 };
const PASSWORD = 'correct horse battery staple';

/**
 * Checks a settings control that saves on change: the control may re-render once while its
 * save is on its way, so the test waits for the state it settles in rather than the first one.
 */
async function checkSettled(control: Locator): Promise<void> {
  await control.click();
  await expect.poll(() => control.isChecked()).toBe(true);
}
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const DESKTOP = { width: 1280, height: 800 };

let test: TestApp;
let base: string;
let context: BrowserContext;
let page: Page;
let profileDir: string;

async function shoot(
  name: string,
  size: { width: number; height: number } = DESKTOP,
  target: Page = page,
) {
  await target.setViewportSize(size);
  // Let the waterfall re-lay itself out for the new width and images settle.
  await target.waitForTimeout(150);
  await target.screenshot({
    path: path.join(ARTIFACTS, `${name}-${size === PHONE ? 'phone' : 'desktop'}.png`),
  });
}

async function shootBoth(name: string, target: Page = page) {
  await shoot(name, PHONE, target);
  await shoot(name, DESKTOP, target);
}

const SEED = [
  [
    'mika_travels',
    'Three days in Kyoto on a budget',
    'Temples at dawn, tofu for lunch, and the quiet lanes of Gion after dark. #travel #kyoto',
  ],
  [
    'chen_cooks',
    '家常番茄炒蛋的秘诀',
    '先炒蛋再炒番茄，最后加一点糖提鲜。简单又下饭！#美食 #家常菜',
  ],
  [
    'ana_paints',
    '',
    'Watercolour practice: the harbour at golden hour. Still learning how to leave white space. #art #sunset',
  ],
  [
    'leo_runs',
    'Couch to 10K in 8 weeks',
    'Week 1: walk 5 min, run 1 min, repeat six times. Consistency beats speed. #fitness',
  ],
  ['mika_travels', '成都一日游攻略', '早上吃钟水饺，中午去宽窄巷子，晚上看川剧变脸。#travel #成都'],
  [
    'chen_cooks',
    'Five-minute garlic noodles',
    'Butter, garlic, soy, a little sugar, and noodles. Done. #美食',
  ],
] as const;

async function seedNotes() {
  const tokens = new Map<string, string>();
  for (const [handle, title, body] of SEED) {
    if (!tokens.has(handle)) tokens.set(handle, (await signUpByEmail(test, handle)).token);
    const client = test.client({ token: tokens.get(handle)! });
    const note = await client.notes.create({ ...(title ? { title } : {}), body });
    for (const liker of tokens.values()) await test.client({ token: liker }).notes.like(note.id);
  }
}

describe('web app in Chromium', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: run bash scripts/test.sh, which installs it`);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    // Vitest runs with NODE_ENV=test, which would make Vite bundle React's development build.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
        mode: 'production',
        logLevel: 'warn',
      });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    // Translation runs on the real Apertium engine (scripts/test.sh installs it).
    test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1', TRANSLATION_ENGINES: 'apertium' });
    base = await test.app.listen({ host: '127.0.0.1', port: 0 });
    profileDir = mkdtempSync(path.join(tmpdir(), 'atrium-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: DESKTOP,
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
  }, 120_000);

  afterEach(async (task) => {
    await context?.setOffline(false);
    if (task.task.result?.state === 'fail' && page) {
      await page
        .screenshot({ path: path.join(ARTIFACTS, `failure-${Date.now()}.png`) })
        .catch(() => {});
    }
  });

  afterAll(async () => {
    await context?.close();
    // Kept-alive sockets (Node's fetch pools them) would hold the close for a minute.
    test?.app.server.closeAllConnections();
    await test?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('keeps the discovery route under its JavaScript budget (200 KB gzipped)', () => {
    const size = measureDiscoveryBundle(path.join(REPO, 'apps', 'web', 'dist'));
    expect(size.initial.some((file) => file.file.endsWith('.js'))).toBe(true);
    expect(size.initialJsGzip).toBeLessThan(200 * 1024);
  });

  it('serves the app: SPA fallback, cache headers, and API 404s stay problem+json', async () => {
    const html = await fetch(`${base}/note/does-not-exist`, { headers: { accept: 'text/html' } });
    expect(html.status).toBe(200);
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const text = await html.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(text)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${base}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const api = await fetch(`${base}/api/nope`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(((await api.json()) as { code: string }).code).toBe('NOT_FOUND');
    const media = await fetch(`${base}/media/nope.webp`, { headers: { accept: 'text/html' } });
    expect(media.status).toBe(404);
    const json = await fetch(`${base}/somewhere`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
  });

  it('signs up by phone, posts a note with a topic, likes, comments, visits the topic, switches language', async () => {
    // Discovery on an empty database.
    await page.goto(`${base}/`);
    await page.getByText('No notes yet').waitFor();
    // Keyboard users can skip the navigation.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await shootBoth('discover-empty');

    // Sign up by phone with the code from the development outbox.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Log in' })
      .click();
    await page.getByRole('heading', { name: 'Log in or sign up' }).waitFor();
    await page.getByText('codes are not sent').waitFor();
    await page.getByLabel('Country or region').selectOption('GB');
    await page.getByLabel('Mobile number').fill('7911 123456');
    await shootBoth('login');
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('Verification code').waitFor();
    const outboxUrl = `${base}/api/dev/outbox?to=${encodeURIComponent('+447911123456')}`;
    const outbox = (await (await fetch(outboxUrl)).json()) as { items: Array<{ code?: string }> };
    const code = outbox.items[0]?.code ?? '';
    expect(code).toMatch(/^\d+$/);
    await page.getByLabel('Verification code').fill(code);
    await page.getByLabel('Handle').fill('lin_mei');
    await page.getByLabel('Name').fill('林美');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${base}/`);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Me' })
      .waitFor();
    // The session lives in an HttpOnly cookie: scripts see only the CSRF token.
    const cookies = String(await page.evaluate('document.cookie'));
    expect(cookies).toContain('atrium_csrf=');
    expect(cookies).not.toContain('atrium_session');

    // Other people's notes, so the waterfall has something to lay out.
    await seedNotes();

    // Compose a text note with a topic; the composer suggests the topic being typed.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Post' })
      .click();
    await page.getByRole('heading', { name: 'New note' }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Sunset over the bay');
    const body = page.getByLabel('Text', { exact: true });
    await body.click();
    await body.pressSequentially('Golden hour at the pier #sunse');
    await page.getByRole('button', { name: 'New topic #sunse' }).waitFor();
    await body.pressSequentially('t with friends @lin_mei');
    await shootBoth('compose');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/note\//);
    await page.getByRole('heading', { name: 'Sunset over the bay' }).waitFor();

    // Find it in discovery and open it.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Discover' })
      .click();
    const card = page.getByRole('link', { name: 'Sunset over the bay' });
    await card.waitFor();
    await shootBoth('discover');

    // The immersive view: one note per screen, moved by keyboard too.
    await page.getByRole('link', { name: 'Immersive view' }).click();
    await page.getByRole('button', { name: 'Next note' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page
      .getByRole('button', { name: 'Previous note' })
      .and(page.locator(':enabled'))
      .waitFor();
    await shootBoth('immersive');
    await page.getByRole('link', { name: 'Back to the grid' }).click();
    await card.click();
    await page.waitForURL(/\/note\//);

    // Like (optimistic, then confirmed by the server) and comment, then reply.
    const like = page.getByRole('button', { name: /^Like ·/ });
    await like.click();
    await page.getByRole('button', { name: /^Unlike · 1 like$/ }).waitFor();
    await page.getByLabel('Your comment').fill('So beautiful!');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('So beautiful!').waitFor();
    await page.getByRole('button', { name: 'Reply', exact: true }).click();
    await page.getByLabel('Your comment').fill('谢谢你！');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('谢谢你！').waitFor();
    await page.getByRole('heading', { name: '2 comments' }).waitFor();
    await shootBoth('note');
    const noteId = page.url().split('/note/')[1]!;
    const note = (await page.evaluate(
      `fetch('/api/notes/${noteId}').then((r) => r.json())`,
    )) as Note;
    expect(note.viewer.liked).toBe(true);
    expect(note.counts.likes).toBe(1);
    expect(note.counts.comments).toBe(2);

    // The topic page, from the link in the note's text. Topic counts are folded by a periodic
    // server task, which the test app leaves to the test: run it now.
    await test.settle();
    await page.getByRole('link', { name: '#sunset' }).click();
    await page.getByRole('heading', { name: 'sunset', exact: true }).waitFor();
    await page.getByText('2 notes ·').waitFor();
    await page.getByRole('link', { name: 'Sunset over the bay' }).waitFor();
    await page.getByRole('tab', { name: 'New' }).click();
    await page.getByRole('link', { name: 'Sunset over the bay' }).waitFor();
    await shootBoth('topic');

    // The profile.
    await page.goto(`${base}/u/lin_mei`);
    await page.getByRole('heading', { name: '林美' }).waitFor();
    await page.getByRole('link', { name: 'Sunset over the bay' }).waitFor();
    await shootBoth('profile');

    // Follow someone; their notes appear in the Following feed.
    await page.goto(`${base}/u/chen_cooks`);
    await page.getByRole('button', { name: 'Follow' }).click();
    await page.getByRole('button', { name: 'Following', pressed: true }).waitFor();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Discover' })
      .click();
    await page.getByRole('tab', { name: 'Following' }).click();
    await page.getByRole('link', { name: 'Five-minute garlic noodles' }).waitFor();
    expect(await page.getByRole('link', { name: 'Sunset over the bay' }).count()).toBe(0);

    // Offline: a banner says so, requests wait, and they resume by themselves when back online.
    await context.setOffline(true);
    await page.getByText('You are offline').waitFor();
    await page.getByRole('link', { name: 'Five-minute garlic noodles' }).click();
    await page.getByRole('status').getByText('Loading').waitFor();
    await context.setOffline(false);
    await page.getByRole('heading', { name: 'Five-minute garlic noodles' }).waitFor();
    expect(await page.getByText('You are offline').count()).toBe(0);
    // The note shows that we follow its author.
    await page.getByRole('button', { name: 'Following', pressed: true }).waitFor();

    // Switch the interface to Chinese (saved on the account), then back.
    await page.goto(`${base}/settings`);
    await page.getByLabel('Interface language').selectOption('zh-Hans');
    await page.getByRole('heading', { name: '设置' }).waitFor();
    await shootBoth('settings-zh');
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-Hans');
    const me = (await page.evaluate("fetch('/api/me').then((r) => r.json())")) as Account;
    expect(me.locale).toBe('zh-Hans');
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '发现' })
      .click();
    await page.getByRole('link', { name: 'Sunset over the bay' }).waitFor();
    await shootBoth('discover-zh');
    await page.goto(`${base}/settings`);
    await page.getByLabel('界面语言').selectOption('en');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');

    // A profile photo: uploaded, set as the avatar, shown on the profile.
    const portrait = await sharp({
      create: { width: 256, height: 256, channels: 3, background: { r: 40, g: 120, b: 200 } },
    })
      .png()
      .toBuffer();
    await page
      .getByLabel('Change photo')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: portrait });
    await page.getByRole('button', { name: 'Remove photo' }).waitFor();
    const withPhoto = (await page.evaluate("fetch('/api/me').then((r) => r.json())")) as Account;
    expect(withPhoto.avatarUrl).toMatch(/^\/media\//);
    await page.goto(`${base}/u/${withPhoto.handle}`);
    await page.locator(`img.avatar[src="${withPhoto.avatarUrl}"]`).first().waitFor();

    // The author deletes the note: it leaves discovery.
    await page.goto(`${base}/note/${noteId}`);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete note' }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('link', { name: 'Couch to 10K in 8 weeks' }).waitFor();
    expect(await page.getByRole('link', { name: 'Sunset over the bay' }).count()).toBe(0);
  }, 120_000);

  it('composes the README picture from the phone screenshots', async () => {
    const shots = ['discover-phone', 'note-phone', 'discover-zh-phone'].map(
      (name) =>
        `data:image/png;base64,${readFileSync(path.join(ARTIFACTS, `${name}.png`)).toString('base64')}`,
    );
    const composer = await context.newPage();
    await composer.setViewportSize({ width: 3 * 293 + 4 * 16, height: 633 + 32 });
    await composer.setContent(
      `<body style="margin:0;padding:16px;display:flex;gap:16px;background:#f4f4f5">${shots
        .map(
          (src) =>
            `<img src="${src}" style="width:293px;height:633px;border-radius:18px;box-shadow:0 4px 16px #0002">`,
        )
        .join('')}</body>`,
    );
    await composer.screenshot({ path: path.join(ARTIFACTS, 'readme.png') });
    await composer.close();
  });

  it('uploads images with progress, reorders and removes them, and shows a per-file error', async () => {
    // Still signed in as lin_mei from the walk-through above. Two real images of different
    // shapes (so their order can be told apart after publishing) and a text file named .jpg.
    const landscape = await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#e4572e' },
    })
      .png()
      .toBuffer();
    const portrait = await sharp({
      create: { width: 480, height: 640, channels: 3, background: '#2e86ab' },
    })
      .jpeg()
      .toBuffer();
    const fake = Buffer.from('Not an image at all, just some text.\n');

    await page.setViewportSize(DESKTOP);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Post' })
      .click();
    await page.getByRole('heading', { name: 'New note' }).waitFor();
    // Hold the uploads back a moment so their progress can be seen.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const continued: Promise<void>[] = [];
    await page.route('**/api/media', (route) => {
      continued.push(held.then(() => route.continue()));
    });
    await page.getByLabel('Add images').setInputFiles([
      { name: 'harbour.png', mimeType: 'image/png', buffer: landscape },
      { name: 'lighthouse.jpg', mimeType: 'image/jpeg', buffer: portrait },
      { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: fake },
    ]);
    const uploads = page.locator('.upload-list li.upload:not(.add)');
    await expect.poll(() => uploads.count()).toBe(3);
    await expect.poll(() => page.getByRole('progressbar', { name: /^Uploading/ }).count()).toBe(3);
    await page
      .getByRole('button', { name: 'Wait for the uploads to finish', disabled: true })
      .waitFor();
    await expect.poll(() => continued.length).toBe(3);
    release();
    await Promise.all(continued);
    await page.unroute('**/api/media');
    // Every upload settles: no progress bar left, and the server refused only the text file.
    const alert = page.getByRole('alert');
    await alert
      .getByText('notes.jpg: This file type is not supported. Use JPEG, PNG, WebP or GIF.')
      .waitFor();
    await expect.poll(() => page.getByRole('progressbar').count()).toBe(0);
    expect(await alert.count()).toBe(1);
    expect(await page.locator('.upload-list li.upload.failed img').getAttribute('alt')).toBe(
      'notes.jpg',
    );
    expect(await page.locator('.upload-list li.upload.failed').count()).toBe(1);
    await page.getByLabel('Title', { exact: true }).fill('Harbour and lighthouse');
    await page.getByLabel('Text', { exact: true }).fill('Two colours of the coast. #sunset');
    await shootBoth('compose-images');

    // Put the lighthouse first, then drop the refused file: its error goes with it.
    await page.getByRole('button', { name: 'Move image 2 earlier' }).click();
    const names = () =>
      uploads
        .locator('img')
        .evaluateAll((images) => images.map((image) => image.getAttribute('alt')));
    expect(await names()).toEqual(['lighthouse.jpg', 'harbour.png', 'notes.jpg']);
    await page.getByRole('button', { name: 'Remove image 3' }).click();
    expect(await names()).toEqual(['lighthouse.jpg', 'harbour.png']);
    expect(await page.getByRole('alert').count()).toBe(0);

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/note\//);
    await page.getByRole('heading', { name: 'Harbour and lighthouse' }).waitFor();
    const carousel = page.getByRole('region', { name: 'Images of the note' });
    const first = carousel.getByRole('img', { name: 'Harbour and lighthouse · Image 1 of 2' });
    await first.waitFor();
    await carousel.getByRole('img', { name: 'Harbour and lighthouse · Image 2 of 2' }).waitFor();
    await carousel.getByRole('button', { name: 'Show image 2' }).waitFor();
    // The first image has loaded (not just been laid out) before the screenshot.
    await expect
      .poll(() =>
        first.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBeGreaterThan(0);
    await shootBoth('note-images');

    const noteId = page.url().split('/note/')[1]!;
    const note = (await page.evaluate(
      `fetch('/api/notes/${noteId}').then((r) => r.json())`,
    )) as Note;
    expect(note.media).toHaveLength(2);
    // Published in the order chosen: the portrait lighthouse, then the landscape harbour.
    expect(note.media[0]!.width).toBeLessThan(note.media[0]!.height);
    expect(note.media[1]!.width).toBeGreaterThan(note.media[1]!.height);
    const src = await first.getAttribute('src');
    expect(src).toBe(note.media[0]!.url);
    expect(src).toContain('/media/');
    const image = await fetch(new URL(src!, base));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(0);
  }, 60_000);

  it('searches notes, users and topics, in Chinese too', async () => {
    // The notes seeded above; a Chinese word found inside a longer compound. Topics are found
    // once their counts are folded in (the server does it every few seconds).
    await test.settle();
    await page.setViewportSize(DESKTOP);
    await page.goto(`${base}/`);
    await page.locator('#header-search').fill('番茄');
    await page.locator('#header-search').press('Enter');
    await page.waitForURL(/\/search\?/);
    const panel = page.getByRole('tabpanel');
    await panel.getByRole('link', { name: '家常番茄炒蛋的秘诀' }).waitFor();
    await page.getByRole('tab', { name: 'Notes', selected: true }).waitFor();
    expect(await panel.getByRole('link', { name: 'Three days in Kyoto on a budget' }).count()).toBe(
      0,
    );
    await shootBoth('search');

    // Users, by handle.
    await page.locator('#search-input').fill('chen_cooks');
    await page.locator('#search-input').press('Enter');
    await page.getByRole('tab', { name: 'Users' }).click();
    await page.getByRole('tab', { name: 'Users', selected: true }).waitFor();
    await panel.getByRole('link', { name: /@chen_cooks/ }).waitFor();
    expect(await panel.getByRole('link', { name: /@mika_travels/ }).count()).toBe(0);

    // Topics, in Chinese; the result leads to the topic page.
    await page.locator('#search-input').fill('美食');
    await page.locator('#search-input').press('Enter');
    await page.getByRole('tab', { name: 'Topics' }).click();
    await page.getByRole('tab', { name: 'Topics', selected: true }).waitFor();
    const topic = panel.getByRole('link', { name: /^美食/ });
    await topic.waitFor();
    await topic.click();
    await page.getByRole('heading', { name: '美食', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Five-minute garlic noodles' }).waitFor();
  }, 60_000);

  it('shows a friendly, localized message for an API error', async () => {
    await page.goto(`${base}/note/0190a5e4-0000-7000-8000-000000000000`);
    await page.getByRole('alert').getByText('We could not find that').waitFor();
  });

  it('a moderator withholds a reported note in one region: viewers there get the notice, others still see it', async () => {
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

    const browser: Browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
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
      await shootBoth('staff-queue', moderator);
      await caseLink.click();
      await moderator.getByRole('heading', { name: 'Note by @rin_writes' }).waitFor();
      // The automated label's evidence is highlighted in the text; the report is listed.
      await moderator.locator('.case-body mark.evidence', { hasText: 'bullshit' }).waitFor();
      await moderator.getByRole('heading', { name: '1 report' }).waitFor();
      await moderator.getByText('Street vending is not licensed here.').waitFor();
      await shootBoth('staff-case', moderator);
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
        await shoot('staff-decision', size, moderator);
      }
      await moderator.getByRole('button', { name: 'Decide' }).click();
      await moderator.getByText('This case is resolved.', { exact: false }).waitFor();
      await moderator.getByText('Withheld in China').first().waitFor();
      await shootBoth('staff-case-resolved', moderator);

      // A viewer in Guangdong gets the region notice with the reason, not a generic error.
      const china = await (await contextFor(IPS.GUANGDONG)).newPage();
      china.setDefaultTimeout(10_000);
      await china.goto(`${base}/note/${note.id}`);
      await china.getByRole('heading', { name: 'Not available in your region' }).waitFor();
      await china.getByText('This note is not available in your region (China, CN).').waitFor();
      await china.getByText(/^Reason: Withheld by a moderator \(legal\.local_law\)/).waitFor();
      expect(await china.getByRole('heading', { name: 'Night market skewers' }).count()).toBe(0);
      await shootBoth('withheld-notice', china);
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
        await shoot('discover-warning', size, us);
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
      await shootBoth('report-dialog', us);
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
      await shootBoth('compose-rejected', us);

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
      await shootBoth('note-restricted-author', own);
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
      await shootBoth('notices', own);
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
    await signUpByEmail(test, 'ana_admin');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'ana_admin', role: 'admin' });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
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
      const admin = await signedInPage('ana_admin');
      await admin.goto(`${base}/staff/audit`);
      await admin.getByRole('heading', { name: 'Audit log' }).waitFor();
      await admin.getByRole('cell', { name: 'case.decide.withhold' }).waitFor();
      await admin.getByRole('button', { name: 'Verify chain' }).click();
      await admin.getByText(/^Intact: \d+ records checked\.$/).waitFor();
      await shootBoth('staff-audit', admin);

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
      await shootBoth('staff-policy', admin);

      // Staff members: the moderator is listed; the administrator adds an analyst.
      await admin.getByRole('link', { name: 'Staff members' }).click();
      await admin.getByRole('heading', { name: 'Staff members', level: 1 }).waitFor();
      await admin.getByRole('link', { name: '@mod_mei' }).waitFor();
      await admin.getByLabel('Handle').fill('kai_reports');
      await admin.getByLabel('Role', { exact: true }).selectOption('analyst');
      await admin.getByRole('button', { name: 'Add', exact: true }).click();
      await admin.getByText('@kai_reports is now a staff member.').waitFor();
      await admin.getByRole('link', { name: '@kai_reports' }).waitFor();
      await shootBoth('staff-members', admin);
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

  it('a Spanish-speaking newcomer reads English notes translated, on a tap and then by default', async () => {
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

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
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
      await shootBoth('discover-es', es);

      // Languages I read: Spanish, saved on the account.
      await es.goto(`${base}/settings`);
      await es.getByRole('heading', { name: 'Ajustes' }).waitFor();
      await checkSettled(es.getByRole('checkbox', { name: 'Español', exact: true }));
      await expect.poll(async () => (await account()).languages).toEqual(['es']);
      await checkSettled(es.getByRole('radio', { name: /^Todo/ }));
      await expect.poll(async () => (await account()).feedLanguageMix).toBe('everything');
      await es.getByRole('heading', { name: 'Lectura y traducción' }).scrollIntoViewIfNeeded();
      await shootBoth('settings-es', es);

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
      await shootBoth('note-translated-es', es);
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
      await shootBoth('note-auto-translated-es', es);

      // A pair no engine serves: the automatic attempt falls back to the original quietly; a
      // tap says why.
      await es.goto(`${base}/note/${chengdu.id}`);
      await es.getByRole('heading', { name: '成都一日游攻略' }).waitFor();
      await bar.getByText('Chino simplificado', { exact: true }).waitFor();
      await bar.getByRole('button', { name: 'Traducir' }).click({ timeout: 30_000 });
      await bar
        .getByRole('alert')
        .getByText('Aquí todavía no hay traducción automática del chino simplificado al español.')
        .waitFor();

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
      await shoot('immersive-translated-es', PHONE, es);

      // The interface in Japanese, then Korean: the navigation follows.
      await es.goto(`${base}/settings`);
      await es.getByLabel('Idioma de la interfaz').selectOption('ja');
      await es.getByRole('heading', { name: '設定' }).waitFor();
      await es
        .getByRole('navigation', { name: 'メイン' })
        .getByRole('link', { name: '発見' })
        .waitFor();
      expect(await es.evaluate('document.documentElement.lang')).toBe('ja');
      await shoot('settings-ja', PHONE, es);
      await es.getByLabel('表示言語').selectOption('ko');
      await es.getByRole('heading', { name: '설정' }).waitFor();
      await es
        .getByRole('navigation', { name: '메인' })
        .getByRole('link', { name: '탐색' })
        .waitFor();
      expect((await account()).locale).toBe('ko');
      await shoot('settings-ko', PHONE, es);
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
