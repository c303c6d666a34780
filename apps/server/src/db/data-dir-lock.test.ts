import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';
import { openPGlite } from './database.js';

const BIN = fileURLToPath(new URL('../../bin/atrium.mjs', import.meta.url));

function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('data directory ownership', () => {
  it('a second process gets a clear error and the data stays intact', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-lock-'));
    const database = await openPGlite({ dataDir });
    try {
      await database.execScript("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('safe');");
      const second = await runCli(['migrate'], { DATA_DIR: dataDir, NODE_ENV: 'development' });
      expect(second.code).toBe(3);
      expect(second.stderr).toContain('is in use by another Atrium process');
      expect(second.stderr).toContain(`pid ${process.pid}`);
      const rows = await database.db
        .selectFrom('kept' as never)
        .selectAll()
        .execute();
      expect(rows).toEqual([{ v: 'safe' }]);
    } finally {
      await database.close();
    }
    // once released, another process may open it (and migrate it)
    const after = await runCli(['migrate'], { DATA_DIR: dataDir, NODE_ENV: 'development' });
    expect(after.stderr).toBe('');
    expect(after.stdout).toContain('Applied');
    expect(after.code).toBe(0);
  }, 90_000);

  it('refuses a second owner in the same process and takes over a stale lock', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-lock-'));
    const lock = lockDataDir(dataDir);
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
    lock.release();
    // a lock file left by a process that no longer exists
    writeFileSync(path.join(dataDir, 'atrium.lock'), '2147483646');
    const taken = lockDataDir(dataDir);
    expect(readFileSync(path.join(dataDir, 'atrium.lock'), 'utf8')).toBe(String(process.pid));
    taken.release();
  });
});
