import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { isMediaKey } from '../modules/media/media-store.js';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupManifest,
  DATABASE_NAME,
  MANIFEST_NAME,
  mediaMemberName,
  SECRET_NAME,
  sha256,
} from './backup-format.js';
import { readTar, tarEnd, tarHeader, tarPadding } from './tar.js';

export interface SnapshotSource {
  /** The open embedded database (the server's own, or one the command opened). */
  database: Database;
  dataDir: string;
  mediaStore: 'local' | 's3';
}

function* member(name: string, content: Buffer, mtime: Date): Generator<Buffer> {
  yield tarHeader(name, content.length, mtime);
  yield content;
  yield tarPadding(content.length);
}

/** Every media key under DATA_DIR/media; half-written `.tmp-` files are not media. */
async function listMedia(root: string): Promise<string[]> {
  try {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && isMediaKey(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function readOptional(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * A consistent backup as tar chunks. The database image is taken first, in one piece: PGlite
 * runs nothing else while it dumps, and a checkpoint just before leaves little to replay. Media
 * are listed afterwards: their files are written before the rows naming them and removed after,
 * so every image the database image names is still on disk. (An orphan being cleaned up in between may
 * keep its row without its file; it was never shown and is removed again after restoring.)
 */
export async function* snapshot(source: SnapshotSource): AsyncGenerator<Buffer> {
  const { database, dataDir } = source;
  if (database.kind !== 'pglite' || !database.dump) {
    throw new Error('snapshots are of the embedded database only');
  }
  await database.execScript('CHECKPOINT');
  const image = Buffer.from(await (await database.dump()).arrayBuffer());
  const { rows } = await sql<{ server_version: string }>`SHOW server_version`.execute(database.db);
  const secret = await readOptional(path.join(dataDir, SECRET_NAME));
  const createdAt = new Date();
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: createdAt.toISOString(),
    database: {
      engine: 'pglite',
      serverVersion: rows[0]?.server_version ?? 'unknown',
      bytes: image.length,
      sha256: sha256(image),
    },
    media: { store: source.mediaStore },
    secretKey: secret !== null,
  };
  yield* member(MANIFEST_NAME, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), createdAt);
  yield* member(DATABASE_NAME, image, createdAt);
  if (secret) yield* member(SECRET_NAME, secret, createdAt);
  if (source.mediaStore === 'local') {
    const root = path.join(dataDir, 'media');
    for (const key of await listMedia(root)) {
      const name = mediaMemberName(key);
      const bytes = await readOptional(path.join(root, name.slice('media/'.length)));
      if (bytes) yield* member(name, bytes, createdAt); // null: an orphan removed meanwhile
    }
  }
  yield tarEnd();
}

function temporarySibling(target: string, what: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${what}-${randomBytes(4).toString('hex')}`,
  );
}

/** Writes the archive to `file` (never partly: a temporary file renamed when complete). */
export async function writeBackupFile(chunks: AsyncIterable<Buffer>, file: string): Promise<void> {
  const partial = temporarySibling(file, 'partial');
  try {
    await pipeline(Readable.from(chunks), createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Unpacks the archive into the directory `dir` (absent or empty), complete or not at all. */
export async function writeBackupDir(chunks: AsyncIterable<Buffer>, dir: string): Promise<void> {
  const partial = temporarySibling(dir, 'partial');
  await mkdir(partial, { mode: 0o700 });
  try {
    for await (const entry of readTar(chunks)) {
      const file = path.join(partial, entry.name);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await writeFile(file, entry.content, { mode: 0o600 });
    }
    await rmdir(dir).catch(() => {}); // the empty directory named as the target, if any
    await rename(partial, dir);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}
