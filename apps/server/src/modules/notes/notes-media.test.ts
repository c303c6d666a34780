import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeImage } from '../../../test/fixtures/images.js';
import { buildTestApp, failure, signUpByEmail, type TestApp } from '../../../test/helper.js';

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

  it('stores the alt text of each image and serves it with the note; an edit keeps it', async () => {
    const { token } = await signUpByEmail(test, 'lin');
    const tall = await upload(token, 600, 800);
    const wide = await upload(token, 800, 600);
    const client = test.client({ token });
    const note = await client.notes.create({
      body: 'Two views of the harbour',
      mediaIds: [wide.id, tall.id],
      mediaAlt: ['  Boats at dawn,\n seen from the pier ', ''],
    });
    // trimmed, one line; an image without alt text has no `alt`
    expect(note.media[0]).toMatchObject({ id: wide.id, alt: 'Boats at dawn, seen from the pier' });
    expect(note.media[1]).not.toHaveProperty('alt');
    // the contract's other fields are unchanged
    expect(Object.keys(note.media[1]!).sort()).toEqual(
      ['cardUrl', 'height', 'id', 'mime', 'placeholder', 'url', 'width'].sort(),
    );
    const read = await test.client({ token }).notes.get(note.id);
    expect(read.media.map((item) => item.alt)).toEqual([
      'Boats at dawn, seen from the pier',
      undefined,
    ]);
    // reordering keeps each image's alt text; new alt texts replace them
    const reordered = await client.notes.update(note.id, { mediaIds: [tall.id, wide.id] });
    expect(reordered.media.map((item) => item.alt)).toEqual([
      undefined,
      'Boats at dawn, seen from the pier',
    ]);
    const described = await client.notes.update(note.id, {
      mediaAlt: ['A lighthouse', 'Boats'],
    });
    expect(described.media.map((item) => item.alt)).toEqual(['A lighthouse', 'Boats']);
    const row = await test.database.db
      .selectFrom('note_media')
      .select(['media_id', 'alt'])
      .where('note_id', '=', note.id)
      .orderBy('position')
      .execute();
    expect(row).toEqual([
      { media_id: tall.id, alt: 'A lighthouse' },
      { media_id: wide.id, alt: 'Boats' },
    ]);
  });

  it('refuses more alt texts than images, and alt text the rules would hold', async () => {
    const { token } = await signUpByEmail(test, 'lin');
    const image = await upload(token, 100, 100);
    const client = test.client({ token });
    await expect(
      client.notes.create({ body: 'one image', mediaIds: [image.id], mediaAlt: ['a', 'b'] }),
    ).rejects.toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    await expect(
      client.notes.create({ body: 'no image', mediaAlt: ['a cat'] }),
    ).rejects.toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    // alt text has no review of its own: what would hold a note is refused there, by field
    const held = await failure(
      client.notes.create({ body: 'a view', mediaIds: [image.id], mediaAlt: ['I sell cocaine'] }),
    );
    expect(held.problem).toMatchObject({ status: 422, code: 'CONTENT_REJECTED' });
    expect(JSON.stringify(held.problem)).toContain('"field":"alt"');
    expect(await test.database.db.selectFrom('notes').select('id').execute()).toHaveLength(0);
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
