import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Test helpers live under test/ (fixtures, the harness): production code never imports them.

const source = fileURLToPath(new URL('../src/', import.meta.url));

async function productionFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return productionFiles(full);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
    }),
  );
  return nested.flat();
}

describe('the server layout', () => {
  it('keeps test helpers out of production code', async () => {
    const offenders: string[] = [];
    for (const file of await productionFiles(source)) {
      const text = await readFile(file, 'utf8');
      if (/from '(\.\.\/)+test\//.test(text)) offenders.push(path.relative(source, file));
    }
    expect(offenders).toEqual([]);
  });
});
