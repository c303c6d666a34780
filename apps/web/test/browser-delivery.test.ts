import { describe, expect, it } from 'vitest';
import { launchChromium, PHONE, useBrowserHarness } from './browser-harness.js';

// The first paint needs the HTML alone (docs/web.md, "Serving"; bench/web/fcp.ts measures it on
// Fast 3G): with every other request held back — scripts, stylesheets, images — a phone still
// paints the shell, styled, with its logo. A linked stylesheet or an <img> logo would each make
// the first paint wait for one more round trip.

describe('delivery in Chromium', () => {
  const web = useBrowserHarness();

  it('paints a styled shell with its logo from the HTML alone', async () => {
    const { base } = web;
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
      const page = await context.newPage();
      const heldBack: string[] = [];
      // only the document itself is answered
      await page.route('**/*', (route) => {
        if (route.request().resourceType() === 'document') return route.continue();
        heldBack.push(new URL(route.request().url()).pathname);
        return route.abort();
      });
      await page.goto(`${base}/`);
      const fcp = await page
        .waitForFunction(
          () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
          null,
          { timeout: 10_000 },
        )
        .then((handle) => handle.jsonValue());
      expect(fcp).toBeGreaterThan(0);
      // styled by the inline stylesheet: the sticky top bar, the name hidden on a phone
      const shell = await page.evaluate(() => {
        // the tests compile without the DOM library: what this page function uses of it
        const { document, getComputedStyle } = globalThis as unknown as {
          document: {
            querySelector(selector: string): { getBoundingClientRect(): { width: number } } | null;
          };
          getComputedStyle(element: unknown): { position: string; display: string };
        };
        const topbar = document.querySelector('.topbar');
        const logo = document.querySelector('.topbar .logo svg');
        const name = document.querySelector('.topbar .logo span');
        return {
          position: topbar ? getComputedStyle(topbar).position : null,
          logo: logo ? logo.getBoundingClientRect().width : 0,
          name: name ? getComputedStyle(name).display : null,
        };
      });
      expect(shell).toEqual({ position: 'sticky', logo: 28, name: 'none' });
      // nothing the paint needed was held back: no stylesheet was asked for, the shell has no
      // image to fetch, and the app's script (held back) has not replaced the shell
      expect(heldBack.filter((path) => path.endsWith('.css'))).toEqual([]);
      expect(heldBack.some((path) => path.endsWith('.js'))).toBe(true);
      expect(await page.locator('#root img').count()).toBe(0);
      await web.shoot('delivery-shell', PHONE, page);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
