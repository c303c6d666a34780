import { describe, expect, it } from 'vitest';
import type { MediaChecker } from '../../server/src/modules/media/media-check.js';
import { renderTextImage } from '../../server/test/fixtures/text-images.js';
import { IPS, signedIn } from '../../server/test/helper.js';
import { launchChromium, signedInPage, useBrowserHarness } from './browser-harness.js';

// Browser test (browser-harness.ts) of a case's media evidence: the image checks (test checkers
// given to the server, as media-checks.test.ts does) hold a note with text in its picture; the
// moderator's case view shows the checked picture with the text's box drawn over it, and what
// each checker found.

const BOX = { x: 30, y: 70, width: 350, height: 66 };

const ocr: MediaChecker = {
  name: 'ocr',
  async check() {
    return [
      {
        checker: 'ocr',
        category: 'spam.contact_lure',
        ruleId: 'contact-lure',
        action: 'review',
        score: 0.97,
        box: BOX,
        detail: { text: '加V: abc123' },
      },
    ];
  },
};
const explicit: MediaChecker = {
  name: 'explicit',
  async check() {
    return [
      {
        checker: 'explicit',
        category: 'sexual.suggestive',
        action: 'review',
        regionActions: { DE: 'withhold' },
        score: 0.91,
        atSecond: 75,
        detail: { classes: { Neutral: 0.09, Sexy: 0.91 } },
      },
    ];
  },
};

describe('web app in Chromium: media evidence in the case view', () => {
  const web = useBrowserHarness({ deps: { mediaCheckers: [ocr, explicit] } });

  it('draws the finding’s box over the checked image and lists what each check found', async () => {
    const { test, base } = web;
    const author = await signedIn(test, 'lure_poster', IPS.US);
    const bytes = await renderTextImage({
      width: 640,
      height: 480,
      seed: 7,
      lines: [{ text: '加V: abc123', x: 40, y: 122, size: 56, font: 'DejaVu Sans', color: '#111' }],
    });
    const image = await author.client.media.upload(
      new Blob([new Uint8Array(bytes)], { type: 'image/webp' }),
      'lure.webp',
    );
    const note = await author.client.notes.create({
      title: 'Cheap sneakers',
      body: 'DM for prices',
      mediaIds: [image.id],
    });
    await test.mediaChecks.runPending();
    expect((await author.client.notes.get(note.id)).moderation).toMatchObject({
      status: 'pending_review',
    });
    await signedIn(test, 'reviewer_ines', IPS.US);
    await test.staff.service.addMember(
      { kind: 'cli' },
      { handle: 'reviewer_ines', role: 'moderator' },
    );

    const browser = await launchChromium();
    try {
      const page = await signedInPage(browser, base, { login: 'reviewer_ines' });
      const cases = await page.request.get(`${base}/api/staff/cases?status=active&limit=50`);
      expect(cases.status()).toBe(200);
      const { items } = (await cases.json()) as {
        items: Array<{ id: string; targetId: string }>;
      };
      const held = items.find((item) => item.targetId === note.id);
      expect(held).toBeDefined();

      await page.goto(`${base}/staff/cases/${held!.id}`);
      const panel = page.getByRole('region', { name: /What the image checks found/ });
      await panel.waitFor();
      const picture = panel.getByRole('img', { name: 'Checked image 1 of 2 (Text recognition)' });
      await expect
        .poll(() =>
          picture.evaluate((element) => (element as { naturalWidth: number }).naturalWidth),
        )
        .toBe(640);
      // the box sits where the checker found the text, scaled with the picture
      const box = panel.getByTestId('finding-box');
      await box.waitFor();
      const shown = (await picture.boundingBox())!;
      const drawn = (await box.boundingBox())!;
      const scale = shown.width / 640;
      expect(scale).toBeLessThan(1);
      expect(Math.abs(drawn.x - shown.x - BOX.x * scale)).toBeLessThan(2);
      expect(Math.abs(drawn.y - shown.y - BOX.y * scale)).toBeLessThan(2);
      expect(Math.abs(drawn.width - BOX.width * scale)).toBeLessThan(2);
      expect(Math.abs(drawn.height - BOX.height * scale)).toBeLessThan(2);

      const text = (await panel.textContent()) ?? '';
      for (const expected of [
        'Text recognition',
        'spam.contact_lure (contact-lure)',
        'Recognized text',
        '加V: abc123',
        '0.97',
        'Explicit imagery',
        'review · DE: withhold',
        'Video frame at',
        '1:15',
        'Sexy 0.91, Neutral 0.09',
      ])
        expect(text).toContain(expected);
      await panel.scrollIntoViewIfNeeded();
      await web.shootBoth('staff-media-evidence', page);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
