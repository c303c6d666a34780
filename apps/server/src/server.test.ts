import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/atrium.mjs', import.meta.url));

describe('atrium serve', () => {
  it('starts on the embedded database, serves, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-serve-'));
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: '0',
        DATABASE_URL: '',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'development',
        // demo seeding on first start is covered by the demo module's tests
        ATRIUM_DEMO: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const address = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const match = /Open (http:\/\/[^/\s]+)\/api\/openapi\.json/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    try {
      expect(stdout).toContain('Atrium is running');
      expect(stdout).toContain(`embedded PGlite in ${path.join(dataDir, 'pgdata')}`);
      expect(existsSync(path.join(dataDir, 'atrium.lock'))).toBe(true);

      const health = await fetch(`${address}/healthz`);
      expect(health.status).toBe(200);
      const started = await fetch(`${address}/api/auth/phone/start`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone: '+44 7911 123456' }),
      });
      expect(started.status).toBe(202);

      const exitCode = await new Promise<number | null>((resolve) => {
        child.on('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      });
      expect(exitCode).toBe(0);
      expect(stderr).toBe('');
      // the data directory is free again
      expect(existsSync(path.join(dataDir, 'atrium.lock'))).toBe(false);
    } finally {
      // never leave a server behind when an assertion fails
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);

  it('refuses invalid configuration with exit code 2 naming the variable', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, PORT: 'eighty', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('Invalid configuration: PORT');
  }, 30_000);
});
