import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createClient } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeImage } from '../../test/fixtures/images.js';
import { loadConfig } from '../config.js';
import { openPGlite } from '../db/database.js';
import { type RunningServer, startServer } from '../server.js';
import { runBackup, runRestore } from './backup-cli.js';

const BIN = fileURLToPath(new URL('../../bin/atrium.mjs', import.meta.url));
const PASSWORD = 'correct horse battery staple';
const work = mkdtempSync(path.join(tmpdir(), 'atrium-backup-'));
const servers: RunningServer[] = [];

function env(dataDir: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    // the vault's keys are kept apart from the data (and from its backups), as in production
    ATRIUM_KEY_FILE: path.join(work, 'keys', 'atrium-keys.json'),
    // the embedded database, also on the PostgreSQL test run (the command inherits its env)
    DATABASE_URL: '',
    PORT: '0',
    ATRIUM_DEMO: '0',
    ATRIUM_RISK: 'off',
    ATRIUM_TRUST: 'off',
    ATRIUM_DISABLE_RATE_LIMITS: '1',
  };
}

/** A data directory started from the migrated template, with the shared IP-location cache. */
async function prepareDataDir(name: string): Promise<string> {
  const dataDir = path.join(work, name);
  const image = new Blob([readFileSync(inject('pgliteImage'))]);
  await (await openPGlite({ dataDir, loadDataDir: image })).close();
  mkdirSync(path.join(dataDir, 'cache'));
  copyFileSync(inject('locatorCache'), path.join(dataDir, 'cache', 'ip-ranges.bin'));
  return dataDir;
}

async function start(dataDir: string): Promise<RunningServer> {
  const server = await startServer(loadConfig(env(dataDir)));
  servers.push(server);
  return server;
}

/** Runs the `atrium` command in its own process, as an operator would, next to the server. */
async function atrium(args: string[], dataDir: string) {
  const run = promisify(execFile)(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env(dataDir) },
  });
  return run.then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

interface Written {
  handle: string;
  notes: { id: string; body: string; images: string[] }[];
}

let source: RunningServer;
let sourceDir: string;
const written: Written[] = [];
const imageBytes = new Map<string, Buffer>();

async function fetchBytes(server: RunningServer, url: string, token?: string): Promise<Buffer> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const response = await fetch(`${server.address}${url}`, { headers });
  expect(response.status, url).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

beforeAll(async () => {
  const dataDir = await prepareDataDir('source');
  sourceDir = dataDir;
  writeFileSync(path.join(dataDir, 'secret.key'), 'a-secret-kept-in-the-data-directory\n');
  source = await start(dataDir);
  for (const [index, handle] of ['backupalice', 'backupbruno', 'backupchen'].entries()) {
    const client = createClient({ baseUrl: source.address });
    const { token } = await client.auth.signup({
      email: `${handle}@example.org`,
      password: PASSWORD,
      handle,
    });
    const author = createClient({ baseUrl: source.address, token });
    const entry: Written = { handle, notes: [] };
    for (let n = 0; n < 2; n += 1) {
      const colour = { r: 40 * index, g: 90 + n * 60, b: 200 };
      const upload = await makeImage('png', 320 + n * 16, 240, colour);
      const media = await author.media.upload(new Blob([new Uint8Array(upload)]), 'photo.png');
      const body = `Note ${n} by ${handle}, with a picture`;
      const note = await author.notes.create({ body, mediaIds: [media.id] });
      entry.notes.push({ id: note.id, body, images: [media.url, media.cardUrl] });
      for (const url of [media.url, media.cardUrl]) {
        imageBytes.set(url, await fetchBytes(source, url));
      }
    }
    const text = await author.notes.create({ body: `Words only, from ${handle}` });
    entry.notes.push({ id: text.id, body: `Words only, from ${handle}`, images: [] });
    written.push(entry);
  }
}, 180_000);

afterAll(async () => {
  for (const server of servers) await server.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Every account signs in on `server`, and finds each of its notes and images as written. */
async function expectEverything(server: RunningServer) {
  for (const { handle, notes } of written) {
    const { token } = await createClient({ baseUrl: server.address }).auth.login({
      login: `${handle}@example.org`,
      password: PASSWORD,
    });
    const reader = createClient({ baseUrl: server.address, token });
    for (const note of notes) {
      const shown = await reader.notes.get(note.id);
      expect(shown.body).toBe(note.body);
      expect(shown.author.handle).toBe(handle);
      expect(shown.media.map((item) => item.url)).toEqual(note.images.filter((_, i) => i === 0));
      for (const url of note.images) {
        expect((await fetchBytes(server, url, token)).equals(imageBytes.get(url)!)).toBe(true);
      }
    }
  }
}

describe('atrium backup and restore (embedded database, local media)', () => {
  it('backs up a running server, restores into a fresh directory, and the copy serves it all', async () => {
    // writes go on while the backup is taken: the server keeps serving
    let writing = true;
    const busy = (async () => {
      const { token } = await createClient({ baseUrl: source.address }).auth.login({
        login: 'backupalice',
        password: PASSWORD,
      });
      const author = createClient({ baseUrl: source.address, token });
      let count = 0;
      while (writing) {
        await author.notes.create({ body: `Written during the backup ${count}` });
        count += 1;
      }
      return count;
    })();
    const file = path.join(work, 'atrium.backup.tar');
    const backup = await atrium(['backup', file], sourceDir).finally(() => {
      writing = false;
    });
    expect(backup.stderr).toBe('');
    expect(backup).toMatchObject({ code: 0 });
    expect(backup.stdout).toContain('from the running server');
    expect(await busy).toBeGreaterThan(0);

    const restoredDir = path.join(work, 'restored');
    const lines: string[] = [];
    const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
    expect(await runRestore([file, '--data-dir', restoredDir], io)).toBe(0);
    // four accounts: the three and the first administrator the server created
    expect(lines.join('\n')).toContain(': 4 accounts,');
    expect(lines.join('\n')).toContain(` ${imageBytes.size} image files.`);
    expect(readFileSync(path.join(restoredDir, 'secret.key'), 'utf8')).toBe(
      'a-secret-kept-in-the-data-directory\n',
    );
    await expectEverything(await start(restoredDir));
  }, 480_000);

  it('writes a directory backup when the target ends with "/", and restores from it', async () => {
    // in this process this time (the command's own code, through the server's control socket)
    const lines: string[] = [];
    const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
    const dir = path.join(work, 'as-directory');
    expect(await runBackup(loadConfig(env(sourceDir)), [`${dir}/`], io)).toBe(0);
    expect(lines.join('\n')).toContain('from the running server');
    expect(JSON.parse(readFileSync(path.join(dir, 'atrium-backup.json'), 'utf8'))).toMatchObject({
      format: 'atrium-backup',
      version: 1,
      media: { store: 'local' },
      secretKey: true,
    });
    const restoredDir = path.join(work, 'restored-from-directory');
    expect(await runRestore([dir, '--data-dir', restoredDir], io)).toBe(0);
    await expectEverything(await start(restoredDir));
  }, 480_000);
});
