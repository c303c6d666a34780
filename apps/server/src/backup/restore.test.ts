import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addAccountRow } from '../../test/helper.js';
import { loadConfig } from '../config.js';
import { openPGlite } from '../db/database.js';
import { mediaKey } from '../modules/media/media-store.js';
import { runBackup, runBackupCommand, runRestore } from './backup-cli.js';
import { mediaMemberName } from './backup-format.js';

const work = mkdtempSync(path.join(tmpdir(), 'atrium-restore-'));
const image = Buffer.from('pretend these are the bytes of a WebP image');
const key = mediaKey(image, 'webp');
let dataDir: string;
let file: string;
let dir: string;

function config(overrides: Record<string, string> = {}) {
  return loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ...overrides });
}

/** Runs a command as `atrium` does: the exit code and every line it printed. */
async function run(command: 'backup' | 'restore', body: (io: Io) => Promise<number>) {
  const lines: string[] = [];
  const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
  const code = await runBackupCommand(command, () => body(io), io);
  return { code, output: lines.join('\n') };
}
type Io = { out(line: string): void; err(line: string): void };

const restore = (source: string, target: string) =>
  run('restore', (io) => runRestore([source, '--data-dir', target], io));

beforeAll(async () => {
  // a stopped server's data directory: one account, one image; backed up without a server
  dataDir = path.join(work, 'data');
  const database = await openPGlite({
    dataDir,
    loadDataDir: new Blob([readFileSync(inject('pgliteImage'))]),
  });
  await addAccountRow(database.db, 'restoreonly');
  await database.close();
  const stored = path.join(dataDir, 'media', mediaMemberName(key).slice('media/'.length));
  mkdirSync(path.dirname(stored), { recursive: true });
  writeFileSync(stored, image);
  writeFileSync(`${stored}.tmp-abc`, 'a half-written upload'); // never part of a backup
  file = path.join(work, 'offline.tar');
  dir = path.join(work, 'offline-dir');
  expect(await run('backup', (io) => runBackup(config(), [file], io))).toMatchObject({
    code: 0,
    output: expect.stringContaining('server stopped'),
  });
  expect((await run('backup', (io) => runBackup(config(), [`${dir}/`], io))).code).toBe(0);
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('a backup taken with the server stopped', () => {
  it('is a plain tar file that tar itself lists', () => {
    const names = execFileSync('tar', ['tf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(names).toEqual(['atrium-backup.json', 'database.tar', mediaMemberName(key)]);
    expect(readdirSync(dir, { recursive: true }).sort()).toContain(mediaMemberName(key));
  });

  it('restores into a new directory with its account and image', async () => {
    const target = path.join(work, 'restored');
    const result = await restore(file, target);
    expect(result).toMatchObject({ code: 0 });
    expect(result.output).toContain('1 accounts, 0 notes, 1 image files');
    const restored = path.join(target, mediaMemberName(key));
    expect(readFileSync(restored).equals(image)).toBe(true);
    const database = await openPGlite({ dataDir: target });
    const rows = await database.db.selectFrom('accounts').select('handle').execute();
    await database.close();
    expect(rows.map((row) => row.handle)).toEqual(['restoreonly']);
  });
});

describe('refusals, each with its code', () => {
  it('BACKUP_NOT_FOUND: a backup that does not exist, or a data directory with no database', async () => {
    const missing = await restore(path.join(work, 'nope.tar'), path.join(work, 'never'));
    expect(missing).toMatchObject({ code: 1, output: expect.stringContaining('BACKUP_NOT_FOUND') });
    const empty = path.join(work, 'empty-data');
    const result = await run('backup', (io) =>
      runBackup(loadConfig({ NODE_ENV: 'test', DATA_DIR: empty }), [path.join(work, 'x.tar')], io),
    );
    expect(result).toMatchObject({ code: 1, output: expect.stringContaining('BACKUP_NOT_FOUND') });
    expect(existsSync(path.join(empty, 'pgdata'))).toBe(false); // no empty database made there
  });

  it('BACKUP_INVALID: not a tar, a truncated tar, a directory without a manifest, a newer format', async () => {
    const text = path.join(work, 'notes.txt');
    writeFileSync(text, 'this is not a backup\n'.repeat(100));
    const truncated = path.join(work, 'truncated.tar');
    writeFileSync(truncated, readFileSync(file).subarray(0, 5000));
    const bare = path.join(work, 'bare');
    mkdirSync(bare);
    writeFileSync(path.join(bare, 'database.tar'), 'x');
    const newer = path.join(work, 'newer');
    execFileSync('cp', ['-r', dir, newer]);
    const manifest = JSON.parse(readFileSync(path.join(newer, 'atrium-backup.json'), 'utf8'));
    writeFileSync(
      path.join(newer, 'atrium-backup.json'),
      JSON.stringify({ ...manifest, version: 9 }),
    );
    for (const [source, why] of [
      [text, 'not a ustar archive'],
      [truncated, 'ends early'],
      [bare, 'holds no atrium-backup.json'],
      [newer, 'version 9'],
    ] as const) {
      const target = path.join(work, `never-${path.basename(source)}`);
      const result = await restore(source, target);
      expect(result, source).toMatchObject({ code: 1 });
      expect(result.output).toContain('BACKUP_INVALID');
      expect(result.output).toContain(why);
      expect(existsSync(target)).toBe(false);
    }
    expect(readdirSync(work).filter((name) => name.includes('.restoring-'))).toEqual([]);
  });

  it('BACKUP_CORRUPT: an image or the database image that does not match its hash', async () => {
    for (const member of [mediaMemberName(key), 'database.tar']) {
      const damaged = path.join(work, `damaged-${path.basename(member)}`);
      execFileSync('cp', ['-r', dir, damaged]);
      const bytes = readFileSync(path.join(damaged, member));
      bytes[10] = (bytes[10] as number) ^ 0xff;
      writeFileSync(path.join(damaged, member), bytes);
      const target = path.join(work, `never-${path.basename(damaged)}`);
      const result = await restore(damaged, target);
      expect(result).toMatchObject({ code: 1, output: expect.stringContaining('BACKUP_CORRUPT') });
      expect(existsSync(target)).toBe(false);
    }
  });

  it('RESTORE_TARGET_NOT_EMPTY and BACKUP_TARGET_EXISTS: nothing is written over', async () => {
    const occupied = path.join(work, 'occupied');
    mkdirSync(occupied);
    writeFileSync(path.join(occupied, 'keep.txt'), 'mine');
    const result = await restore(file, occupied);
    expect(result).toMatchObject({
      code: 1,
      output: expect.stringContaining('RESTORE_TARGET_NOT_EMPTY'),
    });
    expect(readdirSync(occupied)).toEqual(['keep.txt']);
    for (const target of [file, occupied]) {
      const again = await run('backup', (io) => runBackup(config(), [target], io));
      expect(again).toMatchObject({
        code: 1,
        output: expect.stringContaining('BACKUP_TARGET_EXISTS'),
      });
    }
  });

  it('BACKUP_UNSUPPORTED_DATABASE on PostgreSQL, pointing at pg_dump', async () => {
    const postgres = config({ DATABASE_URL: 'postgres://atrium@127.0.0.1:5432/atrium' });
    const result = await run('backup', (io) =>
      runBackup(postgres, [path.join(work, 'pg.tar')], io),
    );
    expect(result.code).toBe(1);
    expect(result.output).toContain('BACKUP_UNSUPPORTED_DATABASE');
    expect(result.output).toContain('pg_dump');
  });

  it('exits 2 with the usage when arguments are missing', async () => {
    const result = await run('restore', (io) => runRestore([file], io));
    expect(result).toMatchObject({ code: 2, output: expect.stringContaining('--data-dir') });
  });
});
