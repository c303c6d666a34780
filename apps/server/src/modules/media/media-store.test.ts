import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isMediaKey, LocalDiskMediaStore, mediaKey, mediaKeyType } from './media-store.js';

let root: string;
let store: LocalDiskMediaStore;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'atrium-media-store-'));
  store = new LocalDiskMediaStore(path.join(root, 'media'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('media keys', () => {
  it('are the SHA-256 of the bytes with an extension', () => {
    const key = mediaKey(Buffer.from('abc'), 'webp');
    expect(key).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.webp');
    expect(isMediaKey(key)).toBe(true);
    expect(mediaKeyType(key)).toBe('image/webp');
  });

  it.each([
    '../secret.key',
    `${'a'.repeat(64)}.svg`,
    `${'a'.repeat(64)}.html`,
    `${'A'.repeat(64)}.webp`,
    'a.webp',
  ])('refuses %s', async (key) => {
    expect(isMediaKey(key)).toBe(false);
    expect(mediaKeyType(key)).toBeNull();
    await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(TypeError);
  });
});

describe('LocalDiskMediaStore', () => {
  it('puts, reads, checks and deletes by key, in sharded directories', async () => {
    const bytes = Buffer.from('pretend this is a WebP image');
    const key = mediaKey(bytes, 'webp');
    expect(await store.exists(key)).toBe(false);
    expect(await store.get(key)).toBeNull();
    await store.put(key, bytes);
    await store.put(key, bytes); // content-addressed: a repeat is a no-op
    expect(await store.exists(key)).toBe(true);
    expect(store.pathOf(key)).toBe(path.join(root, 'media', key.slice(0, 2), key.slice(2, 4), key));
    const stored = await store.get(key);
    expect(stored?.size).toBe(bytes.length);
    expect(await text(stored!.body)).toBe(bytes.toString());
    const files = readdirSync(path.join(root, 'media'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
    expect(files).toEqual([key]); // no temporary file left behind
    await store.delete(key);
    await store.delete(key); // deleting a missing key is not an error
    expect(await store.exists(key)).toBe(false);
  });
});
