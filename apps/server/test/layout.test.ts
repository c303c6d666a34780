import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Test helpers live under test/ (fixtures, the harness): production code never imports them.
// Modules meet through ports and services, and no two module folders depend on each other, even
// through others (type imports count: a cycle of types is still a cycle to a reader).

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

  it('has no cycles between module folders', async () => {
    const modules = path.join(source, 'modules');
    const edges = new Map<string, Set<string>>();
    for (const file of await productionFiles(modules)) {
      const from = path.relative(modules, file).split(path.sep)[0]!;
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(/from '(\.[^']+)'/g)) {
        const target = path.relative(modules, path.resolve(path.dirname(file), match[1]!));
        const to = target.split(path.sep)[0]!;
        if (to.startsWith('..') || to === from) continue;
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(to);
      }
    }
    // every path that comes back to where it started
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]) => {
      for (const next of edges.get(node) ?? []) {
        if (next === trail[0]) cycles.push([...trail, next].join(' → '));
        else if (!trail.includes(next) && next > trail[0]!) visit(next, [...trail, next]);
      }
    };
    for (const start of [...edges.keys()].sort()) visit(start, [start]);
    expect(edges.size).toBeGreaterThan(5);
    expect(cycles).toEqual([]);
  });
});
