import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../../test/fixtures/images.js';
import { buildTestApp, signedIn, type TestApp } from '../../../test/helper.js';
import type { MediaChecker } from '../media/media-check.js';

// Avatars go through the media checks like note images (docs/media.md, "Avatars"): while an
// avatar's checks run or when they flag it, others see the default avatar and its owner sees
// theirs; a blocked avatar is shown to nobody.

/** What the checker finds depends on the image's width (a port; no model needed here). */
const REVIEW_WIDTH = 212;
const BLOCK_WIDTH = 213;
const byWidth: MediaChecker = {
  name: 'explicit',
  async check(input) {
    if (input.width !== REVIEW_WIDTH && input.width !== BLOCK_WIDTH) return [];
    return [
      {
        checker: 'explicit',
        category: input.width === BLOCK_WIDTH ? 'sexual.explicit' : 'sexual.suggestive',
        action: input.width === BLOCK_WIDTH ? 'block' : 'review',
        score: 0.9,
        detail: {},
      },
    ];
  },
};

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1' }, { mediaCheckers: [byWidth] });
});
afterAll(async () => {
  await test?.close();
});

/** `handle` sets an avatar `width` pixels wide; answers its URL and the owner. */
async function withAvatar(handle: string, width: number) {
  const owner = await signedIn(test, handle);
  const bytes = await makeImage('png', width, width);
  const image = await owner.client.media.upload(
    new Blob([new Uint8Array(bytes)], { type: 'image/png' }),
    'me.png',
  );
  expect(image.check).toBe('pending');
  await owner.client.me.update({ avatarMediaId: image.id });
  return { owner, url: image.cardUrl };
}

/** The avatar each audience sees: the owner (own account, own profile), others, signed out. */
async function seen(owner: Awaited<ReturnType<typeof signedIn>>, viewer: typeof owner) {
  const handle = owner.account.handle;
  return {
    me: (await owner.client.me.get()).avatarUrl,
    ownProfile: (await owner.client.users.get(handle)).avatarUrl,
    other: (await viewer.client.users.get(handle)).avatarUrl,
    signedOut: (await test.client().users.get(handle)).avatarUrl,
  };
}

const status = async (url: string, token?: string) =>
  (
    await test.app.inject({
      method: 'GET',
      url,
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    })
  ).statusCode;

describe('avatar checks', () => {
  it('show the default avatar to others until the checks pass; the owner sees theirs at once', async () => {
    const { owner, url } = await withAvatar('av_pass', 200);
    const viewer = await signedIn(test, 'av_pass_viewer');
    expect(await seen(owner, viewer)).toEqual({
      me: url,
      ownProfile: url,
      other: null,
      signedOut: null,
    });
    // the file too: its owner's alone while it waits
    expect(await status(url, owner.token)).toBe(200);
    expect(await status(url, viewer.token)).toBe(404);
    expect(await status(url)).toBe(404);
    // the author of a note is shown with the default avatar to others as well
    const note = await owner.client.notes.create({ body: 'Morning light over the lake' });
    expect((await viewer.client.notes.get(note.id)).author.avatarUrl).toBeNull();

    await test.mediaChecks.runPending();
    expect(await seen(owner, viewer)).toEqual({
      me: url,
      ownProfile: url,
      other: url,
      signedOut: url,
    });
    expect(await status(url)).toBe(200);
    // (note cards keep their author summary up to 30 s, as after a changed display name)
  });

  it('keep a flagged avatar from others', async () => {
    const { owner, url } = await withAvatar('av_flag', REVIEW_WIDTH);
    const viewer = await signedIn(test, 'av_flag_viewer');
    await test.mediaChecks.runPending();
    expect(await seen(owner, viewer)).toEqual({
      me: url,
      ownProfile: url,
      other: null,
      signedOut: null,
    });
    expect(await status(url, owner.token)).toBe(200);
    expect(await status(url)).toBe(404);
  });

  it('show a blocked avatar to nobody', async () => {
    const { owner, url } = await withAvatar('av_block', BLOCK_WIDTH);
    const viewer = await signedIn(test, 'av_block_viewer');
    await test.mediaChecks.runPending();
    expect(await seen(owner, viewer)).toEqual({
      me: null,
      ownProfile: null,
      other: null,
      signedOut: null,
    });
    expect(await status(url, owner.token)).toBe(404);
    // choosing the blocked image again does not bring it back
    const image = await test.database.db
      .selectFrom('accounts')
      .select('avatar_media_id')
      .where('id', '=', owner.account.id)
      .executeTakeFirstOrThrow();
    await owner.client.me.update({ avatarMediaId: image.avatar_media_id });
    expect((await owner.client.me.get()).avatarUrl).toBeNull();
  });
});
