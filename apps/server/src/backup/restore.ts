import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { openPGlite } from '../db/database.js';
import {
  BackupError,
  type BackupManifest,
  checkMediaMember,
  DATABASE_NAME,
  MANIFEST_NAME,
  parseManifest,
  SECRET_NAME,
  sha256,
} from './backup-format.js';
import { readTar, type TarEntry, TarFormatError } from './tar.js';

export interface RestoreSummary {
  manifest: BackupManifest;
  accounts: number;
  notes: number;
  /** Media rows in the database, and image files restored to DATA_DIR/media. */
  mediaRows: number;
  mediaFiles: number;
}

/** Whether `dir` is absent or an empty directory; anything else may not be written over. */
async function isVacant(dir: string): Promise<boolean> {
  try {
    const info = await stat(dir);
    return info.isDirectory() && (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

export async function assertVacant(
  dir: string,
  code: 'BACKUP_TARGET_EXISTS' | 'RESTORE_TARGET_NOT_EMPTY',
): Promise<void> {
  if (!(await isVacant(dir))) {
    throw new BackupError(
      code,
      `${dir} already exists and is not an empty directory: nothing is written over`,
    );
  }
}

/** The members of a backup directory, in archive order: manifest, database, secret, media. */
async function* readBackupDir(dir: string): AsyncGenerator<TarEntry> {
  const read = async (name: string) => ({ name, content: await readFile(path.join(dir, name)) });
  const names = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
  if (!names.includes(MANIFEST_NAME)) {
    throw new BackupError(
      'BACKUP_INVALID',
      `${dir} holds no ${MANIFEST_NAME}: not an Atrium backup`,
    );
  }
  yield await read(MANIFEST_NAME);
  for (const name of names) if (name !== MANIFEST_NAME) yield await read(name);
}

/** A backup file or directory, member by member; refuses what is not one. */
export async function* readBackup(source: string): AsyncGenerator<TarEntry> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(source);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new BackupError('BACKUP_NOT_FOUND', `${source} does not exist`);
  }
  if (info.isDirectory()) return yield* readBackupDir(source);
  try {
    yield* readTar(createReadStream(source));
  } catch (error) {
    if (error instanceof TarFormatError) {
      throw new BackupError(
        'BACKUP_INVALID',
        `${source} is not an Atrium backup: ${error.message}`,
      );
    }
    throw error;
  }
}

async function restoreDatabase(dataDir: string, image: Buffer) {
  const database = await openPGlite({ dataDir, loadDataDir: new Blob([new Uint8Array(image)]) });
  try {
    const { rows } = await sql<{ accounts: number; notes: number; media: number }>`
      SELECT (SELECT count(*) FROM accounts) AS accounts, (SELECT count(*) FROM notes) AS notes,
        (SELECT count(*) FROM media) AS media`.execute(database.db);
    return rows[0] ?? { accounts: 0, notes: 0, media: 0 };
  } finally {
    await database.close();
  }
}

/**
 * Restores a backup into a new data directory (absent or empty). Everything is checked on the
 * way in (the database image against the manifest's hash, each image against its key) and
 * written to a temporary sibling first, renamed into place only when complete.
 */
export async function restoreBackup(source: string, dataDir: string): Promise<RestoreSummary> {
  await assertVacant(dataDir, 'RESTORE_TARGET_NOT_EMPTY');
  const staging = path.join(
    path.dirname(dataDir),
    `.${path.basename(dataDir)}.restoring-${randomBytes(4).toString('hex')}`,
  );
  await mkdir(staging, { recursive: true, mode: 0o700 });
  try {
    let manifest: BackupManifest | null = null;
    let counts: Awaited<ReturnType<typeof restoreDatabase>> | null = null;
    let mediaFiles = 0;
    for await (const { name, content } of readBackup(source)) {
      if (manifest === null) {
        if (name !== MANIFEST_NAME) {
          throw new BackupError('BACKUP_INVALID', `${source} does not start with ${MANIFEST_NAME}`);
        }
        manifest = parseManifest(content);
      } else if (name === DATABASE_NAME) {
        if (
          content.length !== manifest.database.bytes ||
          sha256(content) !== manifest.database.sha256
        ) {
          throw new BackupError('BACKUP_CORRUPT', `${DATABASE_NAME} does not match its manifest`);
        }
        counts = await restoreDatabase(staging, content);
      } else if (name === SECRET_NAME) {
        await writeFile(path.join(staging, SECRET_NAME), content, { mode: 0o600 });
      } else {
        checkMediaMember(name, content);
        const file = path.join(staging, name);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, content, { mode: 0o644 });
        mediaFiles += 1;
      }
    }
    if (manifest === null) throw new BackupError('BACKUP_INVALID', `${source} is empty`);
    if (counts === null)
      throw new BackupError('BACKUP_INVALID', `${source} holds no ${DATABASE_NAME}`);
    await rmdir(dataDir).catch(() => {}); // the empty directory named as the target, if any
    await rename(staging, dataDir);
    return {
      manifest,
      accounts: counts.accounts,
      notes: counts.notes,
      mediaRows: counts.media,
      mediaFiles,
    };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
