#!/usr/bin/env node
// `npm start` runs this first: builds the web app when apps/web/dist is missing, or older than
// its sources (after a pull), so `npm install && npm start` always serves the current app.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('..', import.meta.url));
const repo = path.resolve(web, '../..');
const built = path.join(web, 'dist', 'index.html');

function newestChange(target) {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestChange(path.join(target, entry)));
  }
  return newest;
}

const sources = [
  path.join(web, 'src'),
  path.join(web, 'public'),
  path.join(web, 'index.html'),
  path.join(web, 'vite.config.ts'),
  path.join(repo, 'packages', 'contracts', 'src'),
  path.join(repo, 'packages', 'sdk', 'src'),
];
const reason = !existsSync(built)
  ? 'apps/web/dist is missing'
  : Math.max(...sources.map(newestChange)) > statSync(built).mtimeMs
    ? 'its sources changed'
    : null;

if (reason) {
  process.stdout.write(`Building the web app (${reason})…\n`);
  const vite = path.join(repo, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: web,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
