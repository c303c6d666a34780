import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** The formats served from `/media/<key>`, by the extension their keys end with. */
export const storedTypes = { webp: 'image/webp', mp4: 'video/mp4' } as const;
/**
 * Every extension a key may end with: the served types, and `src`, the original file of a video
 * upload kept until a worker has processed it (never served: `mediaKeyType` is null for it).
 */
export type StoredExtension = keyof typeof storedTypes | 'src';

/** A key is the SHA-256 of the bytes (hex) and an extension: the same bytes, the same key. */
const KEY_PATTERN = /^([0-9a-f]{64})\.(webp|mp4|src)$/;

export function isMediaKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** The content-addressed key of `bytes`. */
export function mediaKey(bytes: Uint8Array, extension: StoredExtension): string {
  return `${createHash('sha256').update(bytes).digest('hex')}.${extension}`;
}

/** The content type a key is served with: only the image types we write, never HTML or SVG. */
export function mediaKeyType(key: string): string | null {
  const match = KEY_PATTERN.exec(key);
  if (!match || !(match[2]! in storedTypes)) return null;
  return storedTypes[match[2] as keyof typeof storedTypes];
}

export interface StoredMedia {
  body: Readable;
  /** The size of the whole object (not of the range read). */
  size: number;
}

/** Bytes `start` to `end`, both included (HTTP Range semantics). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where media bytes live, by key. Keys are content-addressed, so `put` of a key that exists is a
 * no-op and objects never change (they are served as immutable). The local-disk adapter is the
 * default; `S3MediaStore` keeps them in an S3-compatible bucket. Both answer alike: a missing
 * object is `null`/`false`, never an error, and a key that is not a media key is a TypeError.
 */
export interface MediaStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Stores the file at `file` (a video's original, up to hundreds of MiB) without reading it whole. */
  putFile(key: string, file: string): Promise<void>;
  /** The object (or the given bytes of it) as a stream, or null when there is none. */
  get(key: string, range?: ByteRange): Promise<StoredMedia | null>;
  /** Removes the object; a missing one is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Lets go of connections, if any (when the app closes). */
  close?(): Promise<void>;
}

function assertKey(key: string): void {
  // Keys become file names: anything else could walk out of the media directory.
  if (!isMediaKey(key)) throw new TypeError(`not a media key: ${JSON.stringify(key)}`);
}

/**
 * Media under one directory (`DATA_DIR/media`), sharded by the first two bytes of the hash
 * (`ab/cd/abcd….webp`) so no directory grows past a few thousand entries. Writes go to a
 * temporary file in the same directory and are renamed into place, so a reader never sees a
 * partial file and a crash leaves at most a `.tmp-` file behind.
 */
export class LocalDiskMediaStore implements MediaStore {
  constructor(readonly root: string) {}

  pathOf(key: string): string {
    assertKey(key);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    if (await this.exists(key)) return;
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.tmp-${randomBytes(6).toString('hex')}`;
    try {
      await writeFile(temporary, bytes, { flag: 'wx', mode: 0o644 });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async putFile(key: string, file: string): Promise<void> {
    const target = this.pathOf(key);
    if (await this.exists(key)) return;
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.tmp-${randomBytes(6).toString('hex')}`;
    try {
      await copyFile(file, temporary);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<StoredMedia | null> {
    const file = this.pathOf(key);
    try {
      const info = await stat(file);
      const body = range
        ? createReadStream(file, { start: range.start, end: range.end })
        : createReadStream(file);
      return { body, size: info.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }
}
