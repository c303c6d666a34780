import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/helper.js';

const BIN = fileURLToPath(new URL('../bin/atrium.mjs', import.meta.url));

/** `atrium serve` as a child process, once it prints where it listens. */
async function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      // demo seeding on first start is covered by the demo module's tests
      ATRIUM_DEMO: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stderr.on('data', (chunk) => (output.stderr += chunk));
  try {
    const address = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output.stdout += chunk;
        const match = /Open (http:\/\/[^/\s]+)\/api\/openapi\.json/.exec(output.stdout);
        if (match) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${output.stderr}`)));
    });
    return { child, address, output };
  } catch (error) {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw error;
  }
}

describe('atrium serve', () => {
  it('starts on the embedded database, serves, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-serve-'));
    // risk scoring has its own tests: a fresh server's ASN data may still be loading, when the
    // door answers every client with a proof-of-work challenge (docs/risk.md)
    const { child, address, output } = await serve({
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      ATRIUM_RISK: 'off',
    });
    const { stdout } = output;
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
      expect(output.stderr).toBe('');
      // the data directory is free again
      expect(existsSync(path.join(dataDir, 'atrium.lock'))).toBe(false);
    } finally {
      // never leave a server behind when an assertion fails
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);

  it.runIf(process.env.DATABASE_URL)(
    'runs several worker processes on one port with ATRIUM_WORKERS and stops them all',
    async () => {
      const test = await createTestDatabase();
      let started: Awaited<ReturnType<typeof serve>> | null = null;
      try {
        started = await serve({
          DATA_DIR: mkdtempSync(path.join(tmpdir(), 'atrium-workers-')),
          DATABASE_URL: test.url!,
          ATRIUM_WORKERS: '2',
        });
        const { child, address } = started;
        const { stdout } = started.output;
        // one banner, from the primary, once both workers listen
        expect(stdout.match(/Atrium is running/g)).toHaveLength(1);
        expect(stdout).toContain('workers       2 processes');
        const workers = execFileSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], {
          encoding: 'utf8',
        })
          .trim()
          .split(/\s+/)
          .map(Number);
        expect(workers).toHaveLength(2);
        const answers = await Promise.all(
          Array.from({ length: 20 }, () => fetch(`${address}/healthz`).then((r) => r.status)),
        );
        expect(answers).toEqual(Array(20).fill(200));
        const exitCode = await new Promise<number | null>((resolve) => {
          child.on('exit', (code) => resolve(code));
          child.kill('SIGTERM');
        });
        expect(exitCode).toBe(0);
        for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
      } finally {
        if (started && started.child.exitCode === null) started.child.kill('SIGKILL');
        await test.close();
      }
    },
    90_000,
  );

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
