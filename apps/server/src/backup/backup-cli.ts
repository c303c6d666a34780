import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { openPGlite } from '../db/database.js';
import { BackupError } from './backup-format.js';
import { requestSnapshot } from './control-socket.js';
import { assertVacant, restoreBackup } from './restore.js';
import { snapshot, writeBackupDir, writeBackupFile } from './snapshot.js';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const BACKUP_USAGE = `Usage:
  atrium backup <file | directory/>
      A consistent snapshot of the embedded database and the local media, taken while the
      server runs (or while it is stopped). A path ending in "/" or naming an empty directory
      gets the backup unpacked into it; any other path gets one tar file. Nothing is written
      over: the target must not exist, or be an empty directory.
  atrium restore <file | directory> --data-dir <new data directory>
      Restores a backup into a new data directory (absent or empty); start the server there
      with DATA_DIR=<new data directory>.

On PostgreSQL (DATABASE_URL) use pg_dump or continuous archiving instead: docs/operations.md.`;

/** Where the backup goes: a directory for a trailing "/" or an existing directory, else a file. */
async function targetKind(target: string): Promise<'file' | 'dir'> {
  if (/[/\\]$/.test(target)) return 'dir';
  try {
    return (await stat(target)).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'file';
  }
}

async function produce(config: Config): Promise<{ chunks: AsyncIterable<Buffer>; live: boolean }> {
  const fromServer = await requestSnapshot(config.dataDir).catch((error: Error) => {
    throw new BackupError('BACKUP_SERVER_FAILED', `the running server refused: ${error.message}`);
  });
  if (fromServer) return { chunks: fromServer, live: true };
  try {
    await stat(path.join(config.dataDir, 'pgdata'));
  } catch {
    throw new BackupError('BACKUP_NOT_FOUND', `${config.dataDir} holds no embedded database`);
  }
  // No server: open the database ourselves (its lock keeps a server from starting meanwhile).
  // A server that runs without a control socket makes this fail with DATA_DIR_LOCKED.
  const database = await openPGlite({ dataDir: config.dataDir });
  async function* chunks() {
    try {
      yield* snapshot({ database, dataDir: config.dataDir, mediaStore: config.mediaStore.kind });
    } finally {
      await database.close();
    }
  }
  return { chunks: chunks(), live: false };
}

/** `atrium backup <target>`; returns the exit code. */
export async function runBackup(config: Config, args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new BackupError('BACKUP_USAGE', BACKUP_USAGE);
  if (config.databaseUrl) {
    throw new BackupError(
      'BACKUP_UNSUPPORTED_DATABASE',
      'this server uses PostgreSQL (DATABASE_URL): back it up with pg_dump or continuous ' +
        'archiving, and the media directory or bucket alongside (docs/operations.md, "Backups")',
    );
  }
  const target = path.resolve(positionals[0] as string);
  await assertVacant(target, 'BACKUP_TARGET_EXISTS');
  const kind = await targetKind(positionals[0] as string);
  const { chunks, live } = await produce(config);
  await (kind === 'dir' ? writeBackupDir(chunks, target) : writeBackupFile(chunks, target));
  io.out(
    `Backed up ${config.dataDir} to ${target}${kind === 'dir' ? '/' : ''} ` +
      `(${live ? 'from the running server' : 'server stopped'}).`,
  );
  if (config.mediaStore.kind === 's3') {
    io.out('Media are in the S3 bucket and not in this backup: back the bucket up separately.');
  }
  return 0;
}

/** `atrium restore <source> --data-dir <dir>`; returns the exit code. */
export async function runRestore(args: string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { 'data-dir': { type: 'string' } },
  });
  const dataDir = values['data-dir'];
  if (positionals.length !== 1 || !dataDir) throw new BackupError('BACKUP_USAGE', BACKUP_USAGE);
  const source = path.resolve(positionals[0] as string);
  const target = path.resolve(dataDir);
  const summary = await restoreBackup(source, target);
  io.out(
    `Restored the backup of ${summary.manifest.createdAt} into ${target}: ` +
      `${summary.accounts} accounts, ${summary.notes} notes, ${summary.mediaFiles} image files.`,
  );
  if (summary.manifest.media.store === 's3') {
    io.out('Its media were in an S3 bucket: point MEDIA_STORE and MEDIA_S3_* at that bucket.');
  }
  io.out(`Start the server on it with DATA_DIR=${target}.`);
  return 0;
}

/** Runs one of the two commands, reporting a refusal as `atrium <command>: CODE: message`. */
export async function runBackupCommand(
  command: 'backup' | 'restore',
  run: () => Promise<number>,
  io: CliIo,
): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof BackupError) {
      io.err(
        error.code === 'BACKUP_USAGE'
          ? error.message
          : `atrium ${command}: ${error.code}: ${error.message}`,
      );
      return error.code === 'BACKUP_USAGE' ? 2 : 1;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`atrium ${command}: ${(error as Error).message}\n\n${BACKUP_USAGE}`);
      return 2;
    }
    throw error;
  }
}
