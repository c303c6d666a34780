import path from 'node:path';
import type { Media } from '@atrium/sdk';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeImage } from '../../../test/fixtures/images.js';
import { buildTestApp, signUpByEmail, type TestApp } from '../../../test/helper.js';
import { DomainError } from '../../http/errors.js';
import { uuidv7 } from '../../lib/uuid7.js';
import {
  attachMedia,
  deleteOrphanMedia,
  loadMediaForNotes,
  ORPHAN_AGE_MS,
  toMediaView,
} from './media.service.js';
import { LocalDiskMediaStore } from './media-store.js';

let test: TestApp;
let store: LocalDiskMediaStore;
beforeEach(async () => {
  test = await buildTestApp();
  store = new LocalDiskMediaStore(path.join(test.dataDir, 'media'));
});
afterEach(async () => {
  await test.close();
});

async function user(handle: string) {
  const { token, account } = await signUpByEmail(test, handle);
  const client = test.client({ token });
  let shade = 0;
  return {
    id: account.id,
    /** Uploads a small image; a new colour each time unless `colour` repeats one. */
    async upload(colour?: number): Promise<Media> {
      shade += 17;
      const level = colour ?? shade;
      const bytes = await makeImage('png', 32, 24, { r: level % 256, g: 80, b: 160 });
      return client.media.upload(new Blob([new Uint8Array(bytes)]), 'image.png');
    },
  };
}

async function row(id: string) {
  return test.database.db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
}

async function age(id: string, milliseconds: number) {
  await sql`update media set created_at = now() - make_interval(secs => ${milliseconds / 1000})
    where id = ${id}`.execute(test.database.db);
}

async function createNote(authorId: string, mediaIds: string[]): Promise<string> {
  const db = test.database.db;
  const id = uuidv7();
  await db.insertInto('notes').values({ id, author_id: authorId, body: 'note' }).execute();
  if (mediaIds.length > 0) {
    await db
      .insertInto('note_media')
      .values(mediaIds.map((mediaId, position) => ({ note_id: id, media_id: mediaId, position })))
      .execute();
  }
  return id;
}

async function expectMediaNotFound(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe('MEDIA_NOT_FOUND');
  expect((error as DomainError).status).toBe(400);
}

describe('attachMedia', () => {
  it('marks the owner’s media attached and returns them in the order given', async () => {
    const ana = await user('ana_a');
    const [first, second, third] = [await ana.upload(), await ana.upload(), await ana.upload()];
    const rows = await attachMedia(test.database.db, ana.id, [third.id, first.id, second.id]);
    expect(rows.map((media) => media.id)).toEqual([third.id, first.id, second.id]);
    for (const media of [first, second, third]) {
      expect((await row(media.id))?.attached_at).toBeInstanceOf(Date);
    }
    // Attaching again keeps the first time.
    const before = (await row(first.id))!.attached_at!.getTime();
    await attachMedia(test.database.db, ana.id, [first.id]);
    expect((await row(first.id))!.attached_at!.getTime()).toBe(before);
    expect(await attachMedia(test.database.db, ana.id, [])).toEqual([]);
  });

  it('refuses an unknown id and marks nothing', async () => {
    const ana = await user('ana_b');
    const mine = await ana.upload();
    await expectMediaNotFound(attachMedia(test.database.db, ana.id, [mine.id, uuidv7()]));
    await expectMediaNotFound(attachMedia(test.database.db, ana.id, ['not-a-uuid']));
    expect((await row(mine.id))?.attached_at).toBeNull();
  });

  it('refuses another account’s media', async () => {
    const ana = await user('ana_c');
    const lin = await user('lin_c');
    const theirs = await lin.upload();
    await expectMediaNotFound(attachMedia(test.database.db, ana.id, [theirs.id]));
    expect((await row(theirs.id))?.attached_at).toBeNull();
  });

  it('runs inside the caller’s transaction', async () => {
    const ana = await user('ana_d');
    const media = await ana.upload();
    await test.database.db
      .transaction()
      .execute(async (tx) => {
        await attachMedia(tx, ana.id, [media.id]);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect((await row(media.id))?.attached_at).toBeNull();
  });
});

describe('toMediaView', () => {
  it('gives the contract shape the upload answered with', async () => {
    const ana = await user('ana_e');
    const { check, ...uploaded } = await ana.upload();
    // the uploader alone is told where the checks stand (none configured here: passed)
    expect(check).toBe('passed');
    expect(toMediaView((await row(uploaded.id))!)).toEqual(uploaded);
  });
});

describe('loadMediaForNotes', () => {
  it('returns each note’s media in position order, and an empty list for notes without', async () => {
    const ana = await user('ana_f');
    const [a, b, c] = [await ana.upload(), await ana.upload(), await ana.upload()];
    await attachMedia(test.database.db, ana.id, [a.id, b.id, c.id]);
    const withMedia = await createNote(ana.id, [c.id, a.id, b.id]);
    const other = await createNote(ana.id, [b.id]);
    const empty = await createNote(ana.id, []);
    const result = await loadMediaForNotes(test.database.db, [withMedia, other, empty]);
    expect(result.get(withMedia)?.map((media) => media.id)).toEqual([c.id, a.id, b.id]);
    expect(result.get(other)?.map((media) => media.id)).toEqual([b.id]);
    expect(result.get(empty)).toEqual([]);
    expect(result.get(withMedia)?.[0]).toMatchObject({ owner_id: ana.id, mime: 'image/webp' });
    expect((await loadMediaForNotes(test.database.db, [])).size).toBe(0);
  });
});

describe('deleteOrphanMedia', () => {
  it('removes old unattached media and their files, keeping attached, recent and shared ones', async () => {
    const ana = await user('ana_g');
    const orphan = await ana.upload(10);
    const attached = await ana.upload(20);
    const recent = await ana.upload(30);
    const sharedOld = await ana.upload(40);
    const sharedRecent = await ana.upload(40);
    expect(sharedOld.url).toBe(sharedRecent.url);
    await attachMedia(test.database.db, ana.id, [attached.id]);
    await createNote(ana.id, [attached.id]);
    for (const media of [orphan, attached, sharedOld]) await age(media.id, 2 * ORPHAN_AGE_MS);

    const keyOf = (url: string) => url.slice('/media/'.length);
    expect(await store.exists(keyOf(orphan.url))).toBe(true);

    const removed = await deleteOrphanMedia(
      test.database.db,
      store,
      new Date(Date.now() - ORPHAN_AGE_MS),
    );
    expect(removed).toBe(2);
    expect(await row(orphan.id)).toBeUndefined();
    expect(await row(sharedOld.id)).toBeUndefined();
    expect(await row(attached.id)).toBeDefined();
    expect(await row(recent.id)).toBeDefined();
    expect(await row(sharedRecent.id)).toBeDefined();

    expect(await store.exists(keyOf(orphan.url))).toBe(false);
    expect(await store.exists(keyOf(orphan.cardUrl))).toBe(false);
    for (const media of [attached, recent, sharedRecent]) {
      expect(await store.exists(keyOf(media.url))).toBe(true);
      expect(await store.exists(keyOf(media.cardUrl))).toBe(true);
    }
    const served = await test.app.inject({ method: 'GET', url: orphan.url });
    expect(served.statusCode).toBe(404);

    // Nothing more to do on a second run.
    expect(
      await deleteOrphanMedia(test.database.db, store, new Date(Date.now() - ORPHAN_AGE_MS)),
    ).toBe(0);
  });
});
