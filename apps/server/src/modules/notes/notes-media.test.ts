import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeImage } from '../../../test/fixtures/images.js';
import { buildTestApp, signUpByEmail, type TestApp } from '../../../test/helper.js';

let test: TestApp;
beforeEach(async () => {
  test = await buildTestApp();
});
afterEach(async () => {
  await test.close();
});

async function upload(token: string, width: number, height: number) {
  const bytes = await makeImage('jpeg', width, height);
  return test
    .client({ token })
    .media.upload(new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
}

describe('notes with images', () => {
  it('attaches uploaded images in order and shows them with placeholders', async () => {
    const { token } = await signUpByEmail(test, 'lin');
    const tall = await upload(token, 600, 800);
    const wide = await upload(token, 800, 600);
    const note = await test
      .client({ token })
      .notes.create({ body: '', mediaIds: [wide.id, tall.id] });
    expect(note.media.map((item) => item.id)).toEqual([wide.id, tall.id]);
    expect(note.media[1]).toMatchObject({ width: 600, height: 800, mime: 'image/webp' });
    expect(note.media[0]!.placeholder.length).toBeGreaterThan(10);
    const served = await test.app.inject({ method: 'GET', url: note.media[0]!.cardUrl });
    expect(served.statusCode).toBe(200);
    // reordering and removing an image through an edit
    const edited = await test.client({ token }).notes.update(note.id, { mediaIds: [tall.id] });
    expect(edited.media.map((item) => item.id)).toEqual([tall.id]);
  });

  it("refuses another account's image with MEDIA_NOT_FOUND and stores nothing", async () => {
    const lin = await signUpByEmail(test, 'lin');
    const ana = await signUpByEmail(test, 'ana_b');
    const image = await upload(lin.token, 100, 100);
    await expect(
      test.client({ token: ana.token }).notes.create({ body: 'stolen', mediaIds: [image.id] }),
    ).rejects.toMatchObject({ status: 400, code: 'MEDIA_NOT_FOUND' });
    expect(await test.database.db.selectFrom('notes').select('id').execute()).toHaveLength(0);
    const row = await test.database.db
      .selectFrom('media')
      .select('attached_at')
      .executeTakeFirstOrThrow();
    expect(row.attached_at).toBeNull();
  });

  it('lets the images of a deleted note become orphans that the cleanup removes', async () => {
    const { token } = await signUpByEmail(test, 'lin');
    const image = await upload(token, 120, 90);
    const note = await test
      .client({ token })
      .notes.create({ body: 'short-lived', mediaIds: [image.id] });
    await test.client({ token }).notes.delete(note.id);
    const row = await test.database.db.selectFrom('media').selectAll().executeTakeFirstOrThrow();
    expect(row.attached_at).toBeNull();
    // age it past the orphan threshold, then run the periodic cleanup
    await test.database.db
      .updateTable('media')
      .set({ created_at: new Date(Date.now() - 2 * 86_400_000) } as never)
      .execute();
    await test.tasks.cleanupOrphanMedia.run();
    expect(await test.database.db.selectFrom('media').select('id').execute()).toHaveLength(0);
    const gone = await test.app.inject({ method: 'GET', url: image.url });
    expect(gone.statusCode).toBe(404);
  });
});
