import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { buildTestApp, signUpByEmail, type TestApp } from '../../server/test/helper.js';

// What the browser tests share: the real server on a fresh database, serving the freshly built
// web app, driven by Debian's Chromium (scripts/test.sh installs it). Each browser test file calls
// useBrowserHarness() once, in its describe block, and gets its own server and browser. Screenshots
// go to test-artifacts/web/. The files run one at a time (vitest.config.ts, the browser project).

export const CHROMIUM = '/usr/bin/chromium';
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const ARTIFACTS = path.join(REPO, 'test-artifacts', 'web');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };
export const PASSWORD = 'correct horse battery staple';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Another Chromium, for tests that need browsers of their own (other users, other regions). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A page in a context of its own on `browser` (desktop size, UTC), signed in as `login` when given
 * (through the API, so the test starts on the screen it is about), optionally in `locale` and with
 * an `X-Forwarded-For` address (to place the visitor in a country).
 */
export async function signedInPage(
  browser: Browser,
  base: string,
  options: {
    login?: string;
    locale?: string;
    forwardedFor?: string;
    timeout?: number;
    /** For axe (`seriousViolations`), which is injected as a script the CSP would refuse. */
    bypassCSP?: boolean;
  } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: DESKTOP,
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
    locale: options.locale ?? 'en-US',
    timezoneId: 'UTC',
    ...(options.forwardedFor
      ? { extraHTTPHeaders: { 'X-Forwarded-For': options.forwardedFor } }
      : {}),
  });
  if (options.login) {
    const answer = await context.request.post(`${base}/api/auth/login`, {
      data: { login: options.login, password: PASSWORD },
    });
    expect(answer.status()).toBe(200);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(options.timeout ?? 15_000);
  return page;
}

/**
 * Checks a settings control that saves on change: the control may re-render once while its
 * save is on its way, so the test waits for the state it settles in rather than the first one.
 */
export async function checkSettled(control: Locator): Promise<void> {
  await control.click();
  await expect.poll(() => control.isChecked()).toBe(true);
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

export interface BrowserHarness {
  /** The server under test. */
  readonly test: TestApp;
  /** Its address, as `http://127.0.0.1:port`. */
  readonly base: string;
  /** The web app's build this server serves (the test run's, shared by its browser files). */
  readonly dist: string;
  /** The shared browser context (a persistent profile) and its page. */
  readonly context: BrowserContext;
  readonly page: Page;
  /** Screenshots `target` (the shared page by default) at one size, as `<name>-<size>.png`. */
  shoot(name: string, size?: { width: number; height: number }, target?: Page): Promise<void>;
  /** Screenshots `target` at the phone size, then the desktop size. */
  shootBoth(name: string, target?: Page): Promise<void>;
  /** Other people's notes, liked by each other, so the waterfall has something to lay out. */
  seedNotes(): Promise<void>;
}

/**
 * The web app built for this test run: the first browser test file builds it into the run's
 * directory (`webDist`, from global-setup.ts), the others reuse it — the files of a run share one
 * source tree and run one at a time. Two runs side by side have two directories. The build goes
 * to a temporary directory first and is renamed into place, so a build that fails half-way is
 * never taken for a finished one.
 */
async function webBuild(): Promise<string> {
  const shared = inject('webDist');
  if (existsSync(path.join(shared, 'index.html'))) return shared;
  mkdirSync(path.dirname(shared), { recursive: true });
  const fresh = mkdtempSync(`${shared}-`);
  // Vitest runs with NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: fresh, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  rmSync(shared, { recursive: true, force: true });
  renameSync(fresh, shared);
  return shared;
}

/**
 * Registers the hooks that build the app, start the server and Chromium before the tests of the
 * enclosing describe block and stop them after; returns accessors that are valid inside tests.
 * Rate limits and anti-automation are off unless `env` turns them on
 * (`ATRIUM_DISABLE_RATE_LIMITS: '0'`). `deps` go to `buildTestApp` as they are: a test's own
 * image checkers (`mediaCheckers`, run with `test.mediaChecks.runPending()`), a clock, ….
 */
export function useBrowserHarness(
  options: { env?: Record<string, string>; deps?: Parameters<typeof buildTestApp>[1] } = {},
): BrowserHarness {
  let test: TestApp | undefined;
  let base = '';
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let profileDir: string | undefined;
  let dist: string | undefined;

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser harness has not started');
    return value;
  };

  async function shoot(
    name: string,
    size: { width: number; height: number } = DESKTOP,
    target: Page = started(page),
  ) {
    await target.setViewportSize(size);
    // Let the waterfall re-lay itself out for the new width and images settle.
    await target.waitForTimeout(150);
    await target.screenshot({
      path: path.join(ARTIFACTS, `${name}-${size === PHONE ? 'phone' : 'desktop'}.png`),
    });
  }

  async function shootBoth(name: string, target: Page = started(page)) {
    await shoot(name, PHONE, target);
    await shoot(name, DESKTOP, target);
  }

  async function seedNotes() {
    const app = started(test);
    const tokens = new Map<string, string>();
    for (const [handle, title, body] of SEED) {
      if (!tokens.has(handle)) tokens.set(handle, (await signUpByEmail(app, handle)).token);
      const client = app.client({ token: tokens.get(handle)! });
      const note = await client.notes.create({ ...(title ? { title } : {}), body });
      for (const liker of tokens.values()) await app.client({ token: liker }).notes.like(note.id);
    }
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: run bash scripts/test.sh, which installs it`);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    dist = await webBuild();
    // Translation runs on the real Apertium engine (scripts/test.sh installs it).
    test = await buildTestApp(
      {
        ATRIUM_DISABLE_RATE_LIMITS: '1',
        TRANSLATION_ENGINES: 'apertium',
        WEB_DIST_DIR: dist,
        ...options.env,
      },
      options.deps,
    );
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
    // the build is the run's (global-setup.ts removes it at the end)
  });

  return {
    get test() {
      return started(test);
    },
    get base() {
      return started(base || undefined);
    },
    get dist() {
      return started(dist);
    },
    get context() {
      return started(context);
    },
    get page() {
      return started(page);
    },
    shoot,
    shootBoth,
    seedNotes,
  };
}
