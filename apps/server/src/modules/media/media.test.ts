import { readdirSync } from 'node:fs';
import path from 'node:path';
import { AtriumError } from '@atrium/sdk';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  makeAnimatedGif,
  makeImage,
  makeJpegWithExif,
  makePngBomb,
} from '../../../test/fixtures/images.js';
import { buildTestApp, signUpByEmail, type TestApp } from '../../../test/helper.js';
import { MEDIA_CACHE_CONTROL } from './media.routes.js';

let test: TestApp;
/** The last account signed in: uploads no note uses yet are served to their uploader alone. */
let uploaderToken: string | null = null;
beforeEach(async () => {
  test = await buildTestApp();
  uploaderToken = null;
});
afterEach(async () => {
  await test.close();
});

async function signedIn(handle = 'uploader') {
  const { token, account } = await signUpByEmail(test, handle);
  uploaderToken = token;
  return { token, account, client: test.client({ token }) };
}

function blob(bytes: Buffer, type = 'application/octet-stream'): Blob {
  return new Blob([new Uint8Array(bytes)], { type });
}

async function expectProblem(promise: Promise<unknown>, status: number, code: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AtriumError);
  expect((error as AtriumError).status).toBe(status);
  expect((error as AtriumError).code).toBe(code);
}

function mediaRows() {
  return test.database.db.selectFrom('media').selectAll().execute();
}

/** Every stored file under DATA_DIR/media. */
function storedFiles(): string[] {
  const root = path.join(test.dataDir, 'media');
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

async function fetchMedia(url: string, headers: Record<string, string> = {}) {
  const auth = uploaderToken ? { authorization: `Bearer ${uploaderToken}` } : {};
  return test.app.inject({ method: 'GET', url, headers: { ...auth, ...headers } });
}

describe('POST /api/media', () => {
  it.each([
    ['jpeg', 'photo.jpg'],
    ['png', 'picture.png'],
    ['webp', 'picture.webp'],
    ['gif', 'still.gif'],
  ] as const)('uploads a %s and re-encodes it to WebP', async (format, name) => {
    const { client, account } = await signedIn();
    const media = await client.media.upload(blob(await makeImage(format, 64, 48)), name);
    expect(media).toMatchObject({ width: 64, height: 48, mime: 'image/webp' });
    expect(media.url).toMatch(/^\/media\/[0-9a-f]{64}\.webp$/);
    expect(media.cardUrl).toMatch(/^\/media\/[0-9a-f]{64}\.webp$/);
    expect(Buffer.from(media.placeholder, 'base64').length).toBeGreaterThan(4);

    const [row] = await mediaRows();
    expect(row).toMatchObject({
      id: media.id,
      owner_id: account.id,
      mime: 'image/webp',
      width: 64,
      height: 48,
      placeholder: media.placeholder,
      attached_at: null,
    });
    expect(row!.content_hash).toBe(row!.variants.detail.slice(0, 64));
    const served = await fetchMedia(media.url);
    expect(served.statusCode).toBe(200);
    expect(row!.bytes).toBe(served.rawPayload.length);
    expect((await sharp(served.rawPayload).metadata()).format).toBe('webp');
  });

  it('keeps an animated GIF animated (as animated WebP)', async () => {
    const { client } = await signedIn();
    const media = await client.media.upload(blob(await makeAnimatedGif(60, 40)), 'loop.gif');
    expect(media).toMatchObject({ width: 60, height: 40, mime: 'image/webp' });
    const served = await fetchMedia(media.url);
    const metadata = await sharp(served.rawPayload).metadata();
    expect(metadata).toMatchObject({ format: 'webp', pages: 2, width: 60 });
  });

  it('scales to 1080 px for detail and 540 px for cards, never upscaling', async () => {
    const { client } = await signedIn();
    const large = await client.media.upload(blob(await makeImage('png', 2000, 1000)));
    expect(large).toMatchObject({ width: 1080, height: 540 });
    const card = await fetchMedia(large.cardUrl);
    expect(await sharp(card.rawPayload).metadata()).toMatchObject({ width: 540, height: 270 });

    const small = await client.media.upload(blob(await makeImage('png', 300, 200)));
    expect(small).toMatchObject({ width: 300, height: 200 });
    const smallCard = await fetchMedia(small.cardUrl);
    expect(await sharp(smallCard.rawPayload).metadata()).toMatchObject({ width: 300 });
  });

  it('reads the type from the content, not the name or declared type', async () => {
    const { client } = await signedIn();
    const png = await makeImage('png', 40, 30);
    const media = await client.media.upload(blob(png, 'image/jpeg'), 'holiday.jpg');
    expect(media).toMatchObject({ width: 40, height: 30, mime: 'image/webp' });
    expect(await mediaRows()).toHaveLength(1);

    // …and the other way round: a text file dressed as a PNG is refused.
    await expectProblem(
      client.media.upload(blob(Buffer.from('not an image at all'), 'image/png'), 'x.png'),
      400,
      'UNSUPPORTED_MEDIA',
    );
    expect(await mediaRows()).toHaveLength(1);
  });

  it('refuses a text file', async () => {
    const { client } = await signedIn();
    await expectProblem(
      client.media.upload(blob(Buffer.from('hello, world\n'), 'text/plain'), 'notes.txt'),
      400,
      'UNSUPPORTED_MEDIA',
    );
    expect(await mediaRows()).toHaveLength(0);
    expect(storedFiles()).toHaveLength(0);
  });

  it('refuses an image whose data is corrupt', async () => {
    const { client } = await signedIn();
    const jpeg = await makeImage('jpeg', 200, 200);
    const broken = Buffer.concat([jpeg.subarray(0, 400), Buffer.alloc(400, 0x55)]);
    await expectProblem(client.media.upload(blob(broken)), 400, 'UNSUPPORTED_MEDIA');
    expect(await mediaRows()).toHaveLength(0);
  });

  it('answers 413 TOO_LARGE past MEDIA_MAX_BYTES', async () => {
    await test.close();
    test = await buildTestApp({ MEDIA_MAX_BYTES: '2000' });
    const { client } = await signedIn();
    const big = await sharp({
      create: {
        width: 300,
        height: 300,
        channels: 3,
        background: 'white',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer();
    expect(big.length).toBeGreaterThan(2000);
    await expectProblem(client.media.upload(blob(big)), 413, 'TOO_LARGE');
    expect(await mediaRows()).toHaveLength(0);
    expect(storedFiles()).toHaveLength(0);
    // A small one still passes.
    await client.media.upload(blob(await makeImage('png', 8, 8)));
    expect(await mediaRows()).toHaveLength(1);
  });

  it('refuses a decompression bomb (20000 × 20000 px in a few kB)', async () => {
    const { client } = await signedIn();
    const bomb = makePngBomb(20_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expectProblem(client.media.upload(blob(bomb)), 413, 'TOO_LARGE');
    expect(await mediaRows()).toHaveLength(0);
  });

  it('strips EXIF: a JPEG with GPS in, no GPS out', async () => {
    const { client } = await signedIn();
    const input = await makeJpegWithExif();
    const exif = (await sharp(input).metadata()).exif!;
    expect(exif.toString('latin1')).toContain('TestCam');
    // the GPS IFD pointer (tag 0x8825), in either byte order
    expect(
      exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])),
    ).toBe(true);
    const media = await client.media.upload(blob(input, 'image/jpeg'), 'gps.jpg');
    for (const url of [media.url, media.cardUrl]) {
      const served = await fetchMedia(url);
      const metadata = await sharp(served.rawPayload).metadata();
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.iptc).toBeUndefined();
      expect(served.rawPayload.includes(Buffer.from('TestCam'))).toBe(false);
      expect(served.rawPayload.includes(Buffer.from('EXIF'))).toBe(false);
    }
  });

  it('applies the EXIF orientation (6: rotated 90°) before encoding', async () => {
    const { client } = await signedIn();
    const input = await makeJpegWithExif({ width: 100, height: 50, orientation: 6 });
    const media = await client.media.upload(blob(input));
    expect(media).toMatchObject({ width: 50, height: 100 });
    const served = await fetchMedia(media.url);
    const metadata = await sharp(served.rawPayload).metadata();
    expect(metadata).toMatchObject({ width: 50, height: 100 });
    expect(metadata.orientation).toBeUndefined();
  });

  it('stores identical uploads once, with a media row for each uploader', async () => {
    const ana = await signedIn('ana_m');
    const lin = await signedIn('lin_m');
    const bytes = await makeImage('jpeg', 120, 80);
    const first = await ana.client.media.upload(blob(bytes));
    const second = await lin.client.media.upload(blob(bytes));
    const again = await ana.client.media.upload(blob(bytes));
    expect(new Set([first.id, second.id, again.id]).size).toBe(3);
    expect(second.url).toBe(first.url);
    expect(again.cardUrl).toBe(first.cardUrl);
    const rows = await mediaRows();
    expect(rows.map((row) => row.owner_id).sort()).toEqual(
      [ana.account.id, ana.account.id, lin.account.id].sort(),
    );
    // one detail and one card, or a single file when both sizes encode to the same bytes
    const keys = new Set([first.url, first.cardUrl].map((url) => url.slice('/media/'.length)));
    expect(storedFiles().sort()).toEqual([...keys].sort());
    expect(storedFiles().some((name) => name.includes('.tmp-'))).toBe(false);
  });

  it('answers 401 to an anonymous upload', async () => {
    await expectProblem(
      test.client().media.upload(blob(await makeImage('png'))),
      401,
      'UNAUTHENTICATED',
    );
    expect(await mediaRows()).toHaveLength(0);
  });

  it('answers 415 to a body that is not multipart', async () => {
    const { token } = await signedIn();
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/media',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ file: 'data:image/png;base64,AAAA' }),
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await mediaRows()).toHaveLength(0);
  });

  it('keeps JSON routes answering 415 to multipart bodies', async () => {
    const form = new FormData();
    form.append('email', 'someone@example.org');
    const request = new Request('http://localhost/api/auth/signup', { method: 'POST', body: form });
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      headers: { 'content-type': request.headers.get('content-type')! },
      payload: Buffer.from(await request.arrayBuffer()),
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 400 when the form has no field "file"', async () => {
    const { token } = await signedIn();
    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(await makeImage('png'))]), 'a.png');
    const request = new Request('http://localhost/api/media', { method: 'POST', body: form });
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/media',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': request.headers.get('content-type')!,
      },
      payload: Buffer.from(await request.arrayBuffer()),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect(await mediaRows()).toHaveLength(0);
  });

  it('is rate limited per client', async () => {
    const client = test.client({ ip: '198.51.100.7' });
    const file = blob(await makeImage('png', 4, 4));
    for (let attempt = 0; attempt < 60; attempt += 1) {
      await expectProblem(client.media.upload(file), 401, 'UNAUTHENTICATED');
    }
    await expectProblem(client.media.upload(file), 429, 'RATE_LIMITED');
  });
});

describe('GET /media/:key', () => {
  it('serves a stored file with its type, nosniff and an ETag', async () => {
    const { client } = await signedIn();
    const media = await client.media.upload(blob(await makeImage('png', 1200, 800)));
    expect(media.cardUrl).not.toBe(media.url);
    await client.notes.create({ body: 'A picture', mediaIds: [media.id] });
    uploaderToken = null;
    for (const url of [media.url, media.cardUrl]) {
      const response = await fetchMedia(url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/webp');
      // never immutable: whether it may be shown can change (media-access.test.ts)
      expect(response.headers['cache-control']).toBe(MEDIA_CACHE_CONTROL.shared);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    }
    const etag = (await fetchMedia(media.url)).headers.etag as string;
    const revalidated = await fetchMedia(media.url, { 'if-none-match': etag });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.rawPayload.length).toBe(0);
  });

  it.each([
    ['an unknown key', `/media/${'a'.repeat(64)}.webp`],
    ['another extension', `/media/${'a'.repeat(64)}.svg`],
    ['a name that is not a key', '/media/index.html'],
    ['an escape attempt', '/media/..%2F..%2Fsecret.key'],
  ])('answers 404 to %s', async (_name, url) => {
    const response = await fetchMedia(url);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
