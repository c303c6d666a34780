import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../../test/fixtures/images.js';
import { buildTestApp, failure, signedIn, type TestApp } from '../../../test/helper.js';

let test: TestApp;

beforeAll(async () => {
  test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1' });
});

afterAll(async () => {
  await test?.close();
});

const blob = async () =>
  new Blob([new Uint8Array(await makeImage('png', 320, 320))], { type: 'image/png' });

const attachedAt = async (id: string) =>
  (
    await test.database.db
      .selectFrom('media')
      .select('attached_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).attached_at;

describe('avatars', () => {
  it('sets an uploaded image as the avatar, replaces and removes it', async () => {
    const { client, account } = await signedIn(test, 'avatar_owner');
    const first = await client.media.upload(await blob(), 'me.png');
    const me = await client.me.update({ avatarMediaId: first.id });
    expect(me.avatarUrl).toBe(first.cardUrl);
    expect((await test.client().users.get(account.handle)).avatarUrl).toBe(first.cardUrl);
    expect(await attachedAt(first.id)).not.toBeNull();
    const served = await test.app.inject({ method: 'GET', url: first.cardUrl });
    expect(served.statusCode).toBe(200);

    const second = await client.media.upload(await blob(), 'me2.png');
    expect((await client.me.update({ avatarMediaId: second.id })).avatarUrl).toBe(second.cardUrl);
    // the replaced avatar becomes an orphan for the cleanup
    expect(await attachedAt(first.id)).toBeNull();
    expect((await client.me.update({ avatarMediaId: null })).avatarUrl).toBeNull();
    expect(await attachedAt(second.id)).toBeNull();
  });

  it("refuses someone else's upload", async () => {
    const owner = await signedIn(test, 'avatar_uploader');
    const other = await signedIn(test, 'avatar_thief');
    const image = await owner.client.media.upload(await blob(), 'mine.png');
    const error = await failure(other.client.me.update({ avatarMediaId: image.id }));
    expect(error.status).toBe(400);
    expect(error.code).toBe('MEDIA_NOT_FOUND');
    expect((await other.client.me.get()).avatarUrl).toBeNull();
  });
});
