import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signUpByEmail } from '../../server/test/helper.js';
import { en } from '../src/i18n/en.js';
import { DESKTOP, launchChromium, PASSWORD, useBrowserHarness } from './browser-harness.js';

// The staff console's membership lookup (GET /api/staff/me) is asked only by sessions whose
// account says it is staff (`staff` of GET /api/me): a reader's page loads make no such request.

describe('staff lookups in Chromium', () => {
  const web = useBrowserHarness();

  it('asks GET /api/staff/me only of staff sessions', async () => {
    const { test, base } = web;
    await signUpByEmail(test, 'plain_reader');
    await signUpByEmail(test, 'lead_ana');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'lead_ana', role: 'admin' });
    const browser = await launchChromium();
    try {
      const session = async (login: string) => {
        const context = await browser.newContext({
          viewport: DESKTOP,
          locale: 'en-US',
          timezoneId: 'UTC',
        });
        const answer = await context.request.post(`${base}/api/auth/login`, {
          data: { login, password: PASSWORD },
        });
        expect(answer.status()).toBe(200);
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        const asked: string[] = [];
        page.on('request', (request: Request) => {
          if (new URL(request.url()).pathname === '/api/staff/me') asked.push(request.url());
        });
        return { page, asked };
      };

      const reader = await session('plain_reader');
      await reader.page.goto(`${base}/`);
      await reader.page.getByRole('link', { name: en['nav.me'] }).first().waitFor();
      await reader.page.goto(`${base}/settings`);
      await reader.page.getByRole('heading', { name: en['settings.title'] }).waitFor();
      await reader.page.waitForLoadState('networkidle');
      expect(reader.asked).toEqual([]);
      expect(await reader.page.getByRole('link', { name: en['nav.staff'] }).count()).toBe(0);

      const lead = await session('lead_ana');
      await lead.page.goto(`${base}/`);
      await lead.page.getByRole('link', { name: en['nav.staff'] }).waitFor();
      expect(lead.asked.length).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
