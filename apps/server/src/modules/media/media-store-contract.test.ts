import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type TestS3Server } from '../../../test/s3-server.js';
import { LocalDiskMediaStore, type MediaStore, mediaKey } from './media-store.js';
import { S3MediaStore } from './s3-media-store.js';

let s3: TestS3Server;
const roots: string[] = [];
const stores: MediaStore[] = [];
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  for (const store of stores) await store.close?.();
  await s3?.close();
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function s3Store(overrides: Partial<ConstructorParameters<typeof S3MediaStore>[0]> = {}) {
  const store = new S3MediaStore({
    bucket: s3.bucket,
    prefix: '',
    endpoint: s3.endpoint,
    region: 'us-east-1',
    accessKeyId: s3.env.MEDIA_S3_ACCESS_KEY_ID!,
    secretAccessKey: s3.env.MEDIA_S3_SECRET_ACCESS_KEY!,
    forcePathStyle: true,
    ...overrides,
  });
  stores.push(store);
  return store;
}

const adapters: [string, () => MediaStore][] = [
  [
    'LocalDiskMediaStore',
    () => {
      const root = mkdtempSync(path.join(tmpdir(), 'atrium-media-contract-'));
      roots.push(root);
      return new LocalDiskMediaStore(path.join(root, 'media'));
    },
  ],
  ['S3MediaStore', () => s3Store()],
  ['S3MediaStore with a key prefix', () => s3Store({ prefix: 'atrium/media/' })],
];

/** Bytes no other test writes, so each test has keys of its own in the shared bucket. */
function uniqueBytes(size = 512): Buffer {
  const bytes = randomBytes(size);
  // every byte value round-trips; the random rest keeps keys apart
  for (let i = 0; i < 256; i += 1) bytes[i] = i;
  return bytes;
}

describe.each(adapters)('%s (the MediaStore contract)', (_name, open) => {
  it('stores, reads back exactly, checks and deletes by key', async () => {
    const store = open();
    const bytes = uniqueBytes();
    const key = mediaKey(bytes, 'webp');
    expect(await store.exists(key)).toBe(false);
    await store.put(key, bytes);
    expect(await store.exists(key)).toBe(true);
    const stored = await store.get(key);
    expect(stored?.size).toBe(bytes.length);
    expect((await buffer(stored!.body)).equals(bytes)).toBe(true);
    await store.delete(key);
    expect(await store.exists(key)).toBe(false);
    expect(await store.get(key)).toBeNull();
  });

  it('treats a repeated put of a key as a no-op', async () => {
    const store = open();
    const bytes = uniqueBytes();
    const key = mediaKey(bytes, 'webp');
    await store.put(key, bytes);
    await store.put(key, bytes);
    expect((await buffer((await store.get(key))!.body)).equals(bytes)).toBe(true);
  });

  it('answers a missing object with null and false, and deletes it without error', async () => {
    const store = open();
    const key = mediaKey(uniqueBytes(), 'webp');
    expect(await store.get(key)).toBeNull();
    expect(await store.exists(key)).toBe(false);
    await expect(store.delete(key)).resolves.toBeUndefined();
  });

  it('round-trips a multi-megabyte image', async () => {
    const store = open();
    const bytes = uniqueBytes(3 * 1024 * 1024 + 17);
    const key = mediaKey(bytes, 'webp');
    await store.put(key, bytes);
    const stored = await store.get(key);
    expect(stored?.size).toBe(bytes.length);
    expect((await buffer(stored!.body)).equals(bytes)).toBe(true);
  });

  it.each(['../secret.key', `${'a'.repeat(64)}.html`, `${'a'.repeat(64)}.webp/../x`])(
    'refuses the key %s with a TypeError',
    async (key) => {
      const store = open();
      await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(TypeError);
      await expect(store.get(key)).rejects.toThrow(TypeError);
      await expect(store.exists(key)).rejects.toThrow(TypeError);
      await expect(store.delete(key)).rejects.toThrow(TypeError);
    },
  );
});

describe('S3MediaStore against the service', () => {
  it('keeps objects under its prefix, typed as images', async () => {
    const store = s3Store({ prefix: 'under/here/' });
    const bytes = uniqueBytes();
    const key = mediaKey(bytes, 'webp');
    await store.put(key, bytes);
    const listed = await store.client.send(
      new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'under/here/' }),
    );
    expect(listed.Contents?.map((object) => object.Key)).toEqual([`under/here/${key}`]);
    const { ContentType } = await store.client.send(
      new (await import('@aws-sdk/client-s3')).HeadObjectCommand({
        Bucket: s3.bucket,
        Key: `under/here/${key}`,
      }),
    );
    expect(ContentType).toBe('image/webp');
  });

  it('fails loudly, never as "missing", on unknown credentials or an unknown bucket', async () => {
    const key = mediaKey(uniqueBytes(), 'webp');
    // s3rver checks the key id (not SigV4 signatures): an unknown one is refused like on AWS
    const stranger = s3Store({ accessKeyId: 'NOT-A-KEY' });
    await expect(stranger.get(key)).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
    await expect(stranger.exists(key)).rejects.toThrow();
    await expect(stranger.put(key, Buffer.from('x'))).rejects.toThrow();
    const noBucket = s3Store({ bucket: 'no-such-bucket' });
    await expect(noBucket.get(key)).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });
});
