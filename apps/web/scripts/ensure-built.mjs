#!/usr/bin/env node
// Builds the web app when apps/web/dist is missing, so `npm install && npm start` serves it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}dist/index.html`)) {
  process.stdout.write('Building the web app (apps/web/dist is missing)…\n');
  const result = spawnSync(
    process.execPath,
    [`${root}../../node_modules/vite/bin/vite.js`, 'build'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
