import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../../test/fixtures/staff.js';
import { CJK_FONT, renderTextImage, type TextLine } from '../../../test/fixtures/text-images.js';
import { buildTestApp, failure, signedIn, type TestApp } from '../../../test/helper.js';

// The image checks as a server runs them (MEDIA_CHECKS=ocr,explicit), with the real models: a
// picture carrying a "加V" contact lure is held for review with the recognized text as the
// case's evidence; a picture of innocent text is published once checked. The checkers' own
// tests (ocr-check, explicit-check) cover what the models read; this one covers the wiring.

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1', MEDIA_CHECKS: 'ocr,explicit' });
});
afterAll(async () => {
  await test?.close();
});

async function noteWithPicture(handle: string, lines: TextLine[], seed: number) {
  const author = await signedIn(test, handle);
  const viewer = await signedIn(test, `${handle}_v`);
  const bytes = await renderTextImage({ width: 720, height: 720, lines, seed });
  const image = await author.client.media.upload(
    new Blob([new Uint8Array(bytes)], { type: 'image/webp' }),
    'picture.webp',
  );
  expect(image.check).toBe('pending');
  const note = await author.client.notes.create({
    body: `Weekend ${handle}`,
    mediaIds: [image.id],
  });
  return { author, viewer, image, note };
}

const line = (text: string, y: number, color = '#1b1b1b'): TextLine => ({
  text,
  x: 60,
  y,
  size: 40,
  font: CJK_FONT,
  color,
});

describe('image checks with the shipped engines', () => {
  it('holds a picture with a contact lure and shows moderators the recognized text', async () => {
    const { viewer, image, note } = await noteWithPicture(
      'lure_pic',
      [line('好物分享 加V看主页', 160, '#c0102a'), line('今天的晚餐是番茄炒蛋和米饭', 520)],
      4242,
    );
    await test.mediaChecks.runPending();
    expect((await failure(viewer.client.notes.get(note.id))).status).toBe(404);
    const moderator = await signedInStaff(test, 'lure_pic_mod', 'moderator');
    const queue = await moderator.client.moderation.cases({ status: 'active', limit: 100 });
    const found = queue.items.find((item) => item.targetId === note.id);
    expect(found).toBeDefined();
    const detail = await moderator.client.moderation.get(found!.id);
    const evidence = detail.mediaEvidence?.find((item) => item.checker === 'ocr');
    expect(evidence).toMatchObject({ mediaId: image.id, category: 'fraud', action: 'review' });
    expect(String(evidence!.detail.text)).toContain('加V');
    expect(evidence!.box).toBeDefined();
  }, 120_000);

  it('publishes a picture of innocent text once both checks passed', async () => {
    const { author, viewer, note } = await noteWithPicture(
      'bread_pic',
      [line('周末去公园散步，天气很好', 200), line('Fresh bread and coffee', 420)],
      777,
    );
    await test.mediaChecks.runPending();
    expect((await viewer.client.notes.get(note.id)).status).toBe('published');
    expect((await author.client.notes.get(note.id)).moderation).toMatchObject({
      mediaCheck: 'passed',
    });
  }, 120_000);
});
