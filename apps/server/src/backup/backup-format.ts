import { createHash } from 'node:crypto';
import { isMediaKey } from '../modules/media/media-store.js';

/**
 * A backup is a tar archive (or a directory holding the same members, when the target is one):
 *   atrium-backup.json        the manifest, always the first member
 *   database.tar              the embedded database's data directory image (PGlite dumpDataDir)
 *   secret.key                DATA_DIR/secret.key, when the server keeps its secret there
 *   media/ab/cd/<key>.webp    every local media file, laid out as under DATA_DIR/media
 */
export const MANIFEST_NAME = 'atrium-backup.json';
export const DATABASE_NAME = 'database.tar';
export const SECRET_NAME = 'secret.key';
export const BACKUP_FORMAT = 'atrium-backup';
export const BACKUP_VERSION = 1;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  database: { engine: 'pglite'; serverVersion: string; bytes: number; sha256: string };
  /** `s3`: the media live in the bucket and are not in this backup (operations.md). */
  media: { store: 'local' | 's3' };
  secretKey: boolean;
}

export const BACKUP_ERROR_CODES = [
  'BACKUP_NOT_FOUND',
  'BACKUP_INVALID',
  'BACKUP_CORRUPT',
  'BACKUP_TARGET_EXISTS',
  'RESTORE_TARGET_NOT_EMPTY',
  'BACKUP_UNSUPPORTED_DATABASE',
  'BACKUP_USAGE',
  'BACKUP_SERVER_FAILED',
] as const;
export type BackupErrorCode = (typeof BACKUP_ERROR_CODES)[number];

/** A backup or restore refused or failed; `code` is stable, for scripts to test. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The archive name of a media key, sharded as on disk. */
export function mediaMemberName(key: string): string {
  return `media/${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`;
}

/** The key a media member holds, checked against its place and its bytes. */
export function checkMediaMember(name: string, content: Uint8Array): string {
  const key = name.split('/').pop() ?? '';
  if (!isMediaKey(key) || name !== mediaMemberName(key)) {
    throw new BackupError('BACKUP_INVALID', `unexpected member ${name} in the backup`);
  }
  if (sha256(content) !== key.slice(0, 64)) {
    throw new BackupError('BACKUP_CORRUPT', `the image ${key} does not match its content hash`);
  }
  return key;
}

export function parseManifest(content: Buffer): BackupManifest {
  let manifest: Partial<BackupManifest>;
  try {
    manifest = JSON.parse(content.toString('utf8'));
  } catch {
    throw new BackupError('BACKUP_INVALID', `${MANIFEST_NAME} is not JSON`);
  }
  if (manifest?.format !== BACKUP_FORMAT) {
    throw new BackupError('BACKUP_INVALID', `${MANIFEST_NAME} is not an Atrium backup manifest`);
  }
  if (manifest.version !== BACKUP_VERSION) {
    throw new BackupError(
      'BACKUP_INVALID',
      `backup format version ${manifest.version} is not one this version of Atrium reads (${BACKUP_VERSION})`,
    );
  }
  const database = manifest.database;
  if (typeof database?.sha256 !== 'string' || typeof database.bytes !== 'number') {
    throw new BackupError('BACKUP_INVALID', `${MANIFEST_NAME} describes no database image`);
  }
  return manifest as BackupManifest;
}
