import type { Media } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../../test/fixtures/images.js';
import { buildStaffTestApp, signedInStaff } from '../../../test/fixtures/staff.js';
import { IPS, signedIn, type TestApp } from '../../../test/helper.js';
import { MEDIA_CACHE_CONTROL } from './media.routes.js';

// Images are served like the notes they belong to: withheld in the viewer's region → 451,
// held → only the author (and reviewers), removed, banned or deleted → 404; caches may keep
// only what everyone everywhere may see.

let test: TestApp;
let colour = 0;

beforeAll(async () => {
  test = await buildStaffTestApp();
});

afterAll(async () => {
  await test?.close();
});

/** Uploads an image no other test uses (identical uploads would share one file). */
async function upload(client: ReturnType<TestApp['client']>): Promise<Media> {
  colour += 1;
  // a size of its own: nearby solid colours can encode to the same bytes
  const bytes = await makeImage('png', 40 + colour, 30, { r: 200, g: 100, b: 50 });
  return client.media.upload(new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'x.png');
}

function fetchMedia(url: string, options: { ip?: string; token?: string; etag?: string } = {}) {
  return test.app.inject({
    method: 'GET',
    url,
    headers: {
      ...(options.ip ? { 'x-forwarded-for': options.ip } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.etag ? { 'if-none-match': options.etag } : {}),
    },
  });
}

type Moderator = Awaited<ReturnType<typeof signedInStaff>>;

/** The moderator claims the open case of `targetId` and decides it. */
async function decide(
  moderator: Moderator,
  targetId: string,
  body: Parameters<Moderator['client']['moderation']['decide']>[1],
) {
  const open = await moderator.client.moderation.cases({ status: 'open', limit: 100 });
  const caseId = open.items.find((item) => item.targetId === targetId)!.id;
  await moderator.client.moderation.claim(caseId);
  return moderator.client.moderation.decide(caseId, body);
}

let moderator: Moderator;
let reporter: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  moderator = await signedInStaff(test, 'media_mod', 'moderator');
  reporter = await signedIn(test, 'media_reporter');
});

describe('GET /media/:key follows its note', () => {
  it('serves a public note’s images to everyone, cacheable by shared caches but not for a year', async () => {
    const author = await signedIn(test, 'media_public');
    const image = await upload(author.client);
    await author.client.notes.create({ body: 'Sunset', mediaIds: [image.id] });
    for (const url of [image.url, image.cardUrl]) {
      const served = await fetchMedia(url, { ip: IPS.GUANGDONG });
      expect(served.statusCode).toBe(200);
      expect(served.headers['cache-control']).toBe(MEDIA_CACHE_CONTROL.shared);
      expect(served.headers['cache-control']).not.toContain('immutable');
    }
  });

  it('answers 451 where the note is withheld, in the viewer’s region, and serves it elsewhere privately', async () => {
    const author = await signedIn(test, 'media_withheld', IPS.US);
    const image = await upload(author.client);
    // the shipped policy withholds cannabis content in China
    const note = await author.client.notes.create({
      body: 'Legal weed in LA is wild',
      mediaIds: [image.id],
    });
    expect(note.status).toBe('published');
    for (const url of [image.url, image.cardUrl]) {
      const refused = await fetchMedia(url, { ip: IPS.GUANGDONG });
      expect(refused.statusCode).toBe(451);
      expect(refused.json()).toMatchObject({ code: 'WITHHELD_IN_REGION', region: 'CN' });
      expect(refused.headers['cache-control']).toBe('no-store');
      const elsewhere = await fetchMedia(url, { ip: IPS.US });
      expect(elsewhere.statusCode).toBe(200);
      // the answer depends on the region: no shared cache may hand it to a viewer in China
      expect(elsewhere.headers['cache-control']).toBe(MEDIA_CACHE_CONTROL.private);
    }
    // a revalidation is checked too: a 304 would let a cached copy be shown
    const etag = (await fetchMedia(image.url, { ip: IPS.US })).headers.etag as string;
    expect((await fetchMedia(image.url, { ip: IPS.US, etag })).statusCode).toBe(304);
    expect((await fetchMedia(image.url, { ip: IPS.GUANGDONG, etag })).statusCode).toBe(451);
    // the author sees their own, from anywhere
    const own = await fetchMedia(image.url, { ip: IPS.GUANGDONG, token: author.token });
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe(MEDIA_CACHE_CONTROL.private);
  });

  it('a moderator’s regional withholding takes effect on the image at once', async () => {
    const author = await signedIn(test, 'media_later', IPS.US);
    const image = await upload(author.client);
    const note = await author.client.notes.create({ body: 'Street food', mediaIds: [image.id] });
    expect((await fetchMedia(image.url, { ip: IPS.GERMANY })).statusCode).toBe(200);
    await reporter.client.reports.create({
      targetType: 'note',
      targetId: note.id,
      reason: 'illegal',
    });
    await decide(moderator, note.id, {
      decision: 'withhold',
      regions: ['DE'],
      reasonCode: 'legal.local_law',
    });
    expect((await fetchMedia(image.url, { ip: IPS.GERMANY })).statusCode).toBe(451);
    expect((await fetchMedia(image.cardUrl, { ip: IPS.GERMANY })).statusCode).toBe(451);
    expect((await fetchMedia(image.url, { ip: IPS.US })).statusCode).toBe(200);
  });

  it('answers 404 for a note held for review, except to its author and to reviewers', async () => {
    const author = await signedIn(test, 'media_held');
    const image = await upload(author.client);
    const note = await author.client.notes.create({
      body: 'selling xanax bars',
      mediaIds: [image.id],
    });
    expect(note.status).toBe('pending_review');
    const anonymous = await fetchMedia(image.url, { ip: IPS.US });
    expect(anonymous.statusCode).toBe(404);
    expect(anonymous.json().code).toBe('NOT_FOUND');
    expect(anonymous.headers['cache-control']).toBe('no-store');
    expect((await fetchMedia(image.url, { ip: IPS.US, token: reporter.token })).statusCode).toBe(
      404,
    );
    const own = await fetchMedia(image.url, { ip: IPS.US, token: author.token });
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe(MEDIA_CACHE_CONTROL.private);
    // the case view links the images: the reviewer opens them
    const reviewed = await fetchMedia(image.url, { ip: IPS.US, token: moderator.token });
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.headers['cache-control']).toBe(MEDIA_CACHE_CONTROL.private);
  });

  it('answers 404 once staff remove the note, to everyone including its author', async () => {
    const author = await signedIn(test, 'media_removed');
    const image = await upload(author.client);
    const note = await author.client.notes.create({ body: 'Spam', mediaIds: [image.id] });
    expect((await fetchMedia(image.cardUrl)).statusCode).toBe(200);
    await reporter.client.reports.create({ targetType: 'note', targetId: note.id, reason: 'spam' });
    await decide(moderator, note.id, { decision: 'remove', reasonCode: 'policy.spam' });
    for (const options of [{ ip: IPS.US }, { ip: IPS.US, token: author.token }]) {
      expect((await fetchMedia(image.url, options)).statusCode).toBe(404);
      expect((await fetchMedia(image.cardUrl, options)).statusCode).toBe(404);
    }
  });

  it('answers 404 once the note is deleted', async () => {
    const author = await signedIn(test, 'media_deleted');
    const image = await upload(author.client);
    const note = await author.client.notes.create({ body: 'Gone soon', mediaIds: [image.id] });
    await author.client.notes.delete(note.id);
    expect((await fetchMedia(image.url, { ip: IPS.US })).statusCode).toBe(404);
    expect((await fetchMedia(image.cardUrl, { ip: IPS.US })).statusCode).toBe(404);
  });

  it('serves avatars to everyone, and neither avatar nor notes once the account is banned', async () => {
    const author = await signedIn(test, 'media_banned');
    const avatar = await upload(author.client);
    const image = await upload(author.client);
    await author.client.me.update({ avatarMediaId: avatar.id });
    await author.client.notes.create({ body: 'Hello', mediaIds: [image.id] });
    const shown = await fetchMedia(avatar.cardUrl, { ip: IPS.GUANGDONG });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['cache-control']).toBe(MEDIA_CACHE_CONTROL.shared);
    await reporter.client.reports.create({
      targetType: 'account',
      targetId: author.account.id,
      reason: 'spam',
    });
    await decide(moderator, author.account.id, {
      decision: 'approve',
      reasonCode: 'policy.spam',
      accountAction: { type: 'ban' },
    });
    expect((await fetchMedia(avatar.cardUrl, { ip: IPS.US })).statusCode).toBe(404);
    expect((await fetchMedia(image.url, { ip: IPS.US })).statusCode).toBe(404);
  });

  it('serves a new upload to its uploader only', async () => {
    const author = await signedIn(test, 'media_draft');
    const image = await upload(author.client);
    expect((await fetchMedia(image.url, { token: author.token })).statusCode).toBe(200);
    expect((await fetchMedia(image.url, { token: reporter.token })).statusCode).toBe(404);
    expect((await fetchMedia(image.url)).statusCode).toBe(404);
  });

  it('serves a file shared by several notes when any of them may be seen', async () => {
    const first = await signedIn(test, 'media_share_a', IPS.US);
    const second = await signedIn(test, 'media_share_b', IPS.US);
    colour += 1;
    const bytes = await makeImage('png', 40 + colour, 30, { r: 200, g: 100, b: 50 });
    const blob = () => new Blob([new Uint8Array(bytes)], { type: 'image/png' });
    const withheld = await first.client.media.upload(blob(), 'a.png');
    const open = await second.client.media.upload(blob(), 'b.png');
    expect(open.url).toBe(withheld.url);
    await first.client.notes.create({ body: 'Legal weed in LA is wild', mediaIds: [withheld.id] });
    expect((await fetchMedia(withheld.url, { ip: IPS.GUANGDONG })).statusCode).toBe(451);
    await second.client.notes.create({ body: 'The same picture', mediaIds: [open.id] });
    const served = await fetchMedia(withheld.url, { ip: IPS.GUANGDONG });
    expect(served.statusCode).toBe(200);
    expect(served.headers['cache-control']).toBe(MEDIA_CACHE_CONTROL.shared);
  });
});
