/**
 * Translation latency through the server, cold (the engine translates) and cached (another
 * reader, served from the shared cache), with Apertium en → es. An in-memory embedded database
 * and `app.inject`, so the figures are the server's own work, not the network's.
 *
 *   npx tsx --conditions source bench/lang/server.ts
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../../apps/server/src/app.js';
import { loadConfig } from '../../apps/server/src/config.js';
import { openPGlite } from '../../apps/server/src/db/database.js';
import { migrate } from '../../apps/server/src/db/migrate.js';
import { loadLocator } from '../../apps/server/src/server.js';
import { SOCIAL_POSTS } from './social.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-bench-lang-'));
const config = loadConfig({
  NODE_ENV: 'test',
  DATA_DIR: dataDir,
  ATRIUM_DISABLE_RATE_LIMITS: '1',
  TRANSLATION_ENGINES: 'apertium',
});
const database = await openPGlite({ dataDir: null });
await migrate(database);
const { app } = await buildApp({ config, database, locator: await loadLocator(config) });

async function call(method: string, url: string, token?: string, payload?: unknown) {
  const response = await app.inject({
    method: method as 'GET',
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(payload ? { payload: payload as object } : {}),
  });
  if (response.statusCode >= 300)
    throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

const signup = await call('POST', '/api/auth/signup', undefined, {
  email: 'bench@example.org',
  password: 'correct horse battery staple',
  handle: 'bench_author',
});
const english = [...(SOCIAL_POSTS.en ?? [])];
const ids: string[] = [];
for (const text of english)
  ids.push((await call('POST', '/api/notes', signup.token, { body: text })).id);

const percentile = (samples: number[], q: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
// the first call of the process starts Apertium's pipeline: reported apart
const warmStart = performance.now();
await call('GET', `/api/notes/${ids[0]}/translation?to=es`);
const firstCall = performance.now() - warmStart;
const cold: number[] = [];
const cached: number[] = [];
for (const id of ids.slice(1)) {
  const started = performance.now();
  const result = await call('GET', `/api/notes/${id}/translation?to=es`);
  cold.push(performance.now() - started);
  if (result.cached) throw new Error('expected a cold translation');
}
for (let round = 0; round < 5; round += 1) {
  for (const id of ids) {
    const started = performance.now();
    const result = await call('GET', `/api/notes/${id}/translation?to=es`);
    cached.push(performance.now() - started);
    if (!result.cached) throw new Error('expected a cached translation');
  }
}
await app.close();
await database.close();
rmSync(dataDir, { recursive: true, force: true });

const ms = (value: number) => `${value.toFixed(1)} ms`;
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load ${loadavg()[0]!.toFixed(2)}`,
);
console.log(`First call of the process (starts the pipeline): ${ms(firstCall)}\n`);
console.log('| request | requests | p50 | p99 |');
console.log('|---|---:|---:|---:|');
console.log(
  `| cold (Apertium translates title + body) | ${cold.length} | ${ms(percentile(cold, 0.5))} | ${ms(percentile(cold, 0.99))} |`,
);
console.log(
  `| cached (another reader) | ${cached.length} | ${ms(percentile(cached, 0.5))} | ${ms(percentile(cached, 0.99))} |`,
);
