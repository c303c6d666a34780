/**
 * Loads `compileLexicon` from the working tree or from a git revision of `packages/safety`, so
 * that two versions of the matcher can run in one process (`digest.ts`, `speed-ab.ts`). A
 * revision is extracted once with `git archive` under `.tmp/safety-at/<commit>/`
 * (inside the repository, so its imports resolve to the same installed packages).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompileOptions, LexiconEntry, Matcher } from '../../packages/safety/src/index.js';

export type Compile = (entries: LexiconEntry[], options?: CompileOptions) => Matcher;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** `compileLexicon` of `revision` (a commit, branch or tag), or of the working tree when absent. */
export async function compileAt(revision?: string): Promise<{ compile: Compile; label: string }> {
  if (!revision) {
    const module = await import('../../packages/safety/src/index.js');
    return { compile: module.compileLexicon, label: 'working tree' };
  }
  const commit = execFileSync('git', ['rev-parse', '--verify', `${revision}^{commit}`], {
    cwd: ROOT,
    encoding: 'utf8',
  }).trim();
  const dir = join(ROOT, '.tmp/safety-at', commit);
  if (!existsSync(join(dir, 'packages/safety/src/index.ts'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${commit} packages/safety/src | tar -x -C "${dir}"`], {
      cwd: ROOT,
    });
  }
  const module = (await import(join(dir, 'packages/safety/src/index.ts'))) as {
    compileLexicon: Compile;
  };
  return { compile: module.compileLexicon, label: `${revision} (${commit.slice(0, 10)})` };
}
