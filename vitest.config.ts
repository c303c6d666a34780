import { readdirSync } from 'node:fs';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under the `source` condition, so tests run
// against the code as written, without a build step.
const resolve = {
  resolve: { conditions: ['source', ...defaultClientConditions] },
  // Without vite's `module` condition the server side resolves packages as Node does in
  // production: `@aws-sdk/*` maps `module` to builds with extensionless imports Node cannot load.
  ssr: {
    resolve: {
      conditions: ['source', ...defaultServerConditions.filter((name) => name !== 'module')],
    },
  },
};
const shared = { pool: 'forks', testTimeout: 30_000, hookTimeout: 120_000 } as const;

// The browser tests: each file builds the web app and drives its own Chromium.
const browserTests = 'apps/web/test/browser-*.test.ts';

/**
 * `ATRIUM_BROWSER_SHARD=k/n` runs every n-th browser file from the k-th (by name): CI runs the
 * suite on PGlite and on PostgreSQL side by side and gives each half of the browser files, which
 * run one at a time and are the longest part of a run (.ci/run). Unset: all of them.
 */
function browserFiles(): string[] {
  const shard = process.env.ATRIUM_BROWSER_SHARD;
  if (!shard) return [browserTests];
  const match = /^(\d+)\/(\d+)$/.exec(shard);
  if (!match || Number(match[1]) < 1 || Number(match[1]) > Number(match[2]))
    throw new Error(`ATRIUM_BROWSER_SHARD must be k/n with 1 <= k <= n, not "${shard}"`);
  const [k, n] = [Number(match[1]), Number(match[2])];
  return readdirSync(new URL('apps/web/test/', import.meta.url))
    .filter((name) => /^browser-.*\.test\.ts$/.test(name))
    .sort()
    .filter((_, index) => index % n === k - 1)
    .map((name) => `apps/web/test/${name}`);
}

export default defineConfig({
  ...resolve,
  test: {
    // Runs once per run, before any project; what it provides reaches every project.
    globalSetup: ['apps/server/test/global-setup.ts'],
    projects: [
      {
        ...resolve,
        test: {
          ...shared,
          name: 'unit',
          include: ['{apps,packages,tools}/*/{src,test}/**/*.test.ts'],
          exclude: [...configDefaults.exclude, browserTests],
        },
      },
      {
        ...resolve,
        test: {
          ...shared,
          name: 'browser',
          include: browserFiles(),
          // A browser test is a whole journey (sign-up, several screens, screenshots); on a loaded
          // two-core machine one took 31 s, so 30 s is no bound for it.
          testTimeout: 180_000,
          // One browser file at a time (several Chromiums at once are slow and flaky); they run
          // after the other tests.
          fileParallelism: false,
        },
      },
    ],
  },
});
