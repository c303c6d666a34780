import { existsSync } from 'node:fs';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../../test/fixtures/images.js';
import { buildTestApp, signUpByEmail, type TestApp } from '../../../test/helper.js';
import { S3RVER_CREDENTIALS, startS3Server, type TestS3Server } from '../../../test/s3-server.js';

let s3: TestS3Server;
let test: TestApp;
let bucket: S3Client;
beforeAll(async () => {
  s3 = await startS3Server();
  test = await buildTestApp({ ...s3.env, MEDIA_S3_PREFIX: 'media/' });
  bucket = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  });
});
afterAll(async () => {
  bucket?.destroy();
  await test?.close();
  await s3?.close();
});

async function objectKeys(): Promise<string[]> {
  const listed = await bucket.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
  return (listed.Contents ?? []).map((object) => object.Key ?? '').sort();
}

describe('media in an S3 bucket (MEDIA_STORE=s3)', () => {
  it('stores a note image uploaded through the API in the bucket and serves it back', async () => {
    const { token } = await signUpByEmail(test, 's3author');
    const author = test.client({ token });
    const image = await makeImage('png', 900, 600);
    const media = await author.media.upload(new Blob([new Uint8Array(image)]), 'photo.png');
    const note = await author.notes.create({ body: 'A picture in a bucket', mediaIds: [media.id] });

    const keys = [media.url, media.cardUrl].map((url) => url.replace('/media/', ''));
    expect(await objectKeys()).toEqual(keys.map((key) => `media/${key}`).sort());
    // nothing went to the local disk
    expect(existsSync(path.join(test.dataDir, 'media'))).toBe(false);

    const shown = await test.client().notes.get(note.id);
    expect(shown.media.map((item) => item.url)).toEqual([media.url]);
    const response = await test.app.inject({ method: 'GET', url: media.url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/webp');
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    const served = await (await import('sharp')).default(response.rawPayload).metadata();
    expect(served).toMatchObject({ format: 'webp', width: media.width, height: media.height });

    const etag = response.headers.etag as string;
    const revalidated = await test.app.inject({
      method: 'GET',
      url: media.url,
      headers: { 'if-none-match': etag },
    });
    expect(revalidated.statusCode).toBe(304);
  });

  it('answers 404 for a key the bucket does not hold', async () => {
    const response = await test.app.inject({ method: 'GET', url: `/media/${'b'.repeat(64)}.webp` });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
  });
});
