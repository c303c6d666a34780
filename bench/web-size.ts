// The JavaScript a first visit to the discovery page downloads: the files index.html loads
// (entry script, module preloads, stylesheets), gzipped. Lazily loaded screens are listed apart.
//
//   npm run build:web && npx tsx bench/web-size.ts
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface BundleFile {
  file: string;
  bytes: number;
  gzip: number;
}

export interface BundleSize {
  /** Files index.html loads up front. */
  initial: BundleFile[];
  /** Gzipped JavaScript of the discovery route (what the budget is about). */
  initialJsGzip: number;
  initialCssGzip: number;
  /** Chunks loaded later (other screens). */
  lazy: BundleFile[];
}

function measure(distDir: string, file: string): BundleFile {
  const data = readFileSync(path.join(distDir, file));
  return { file, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

export function measureDiscoveryBundle(distDir: string): BundleSize {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
    (match) => match[1]!,
  );
  const initial = referenced.map((file) => measure(distDir, file));
  const lazy = readdirSync(path.join(distDir, 'assets'))
    .map((name) => `assets/${name}`)
    .filter((file) => file.endsWith('.js') && !referenced.includes(file))
    .map((file) => measure(distDir, file));
  const sum = (files: BundleFile[], ext: string) =>
    files.filter((f) => f.file.endsWith(ext)).reduce((total, f) => total + f.gzip, 0);
  return {
    initial,
    initialJsGzip: sum(initial, '.js'),
    initialCssGzip: sum(initial, '.css'),
    lazy,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dist = fileURLToPath(new URL('../apps/web/dist/', import.meta.url));
  const size = measureDiscoveryBundle(dist);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  for (const f of size.initial)
    console.log(`initial  ${f.file}  ${kb(f.bytes)}  gzip ${kb(f.gzip)}`);
  for (const f of size.lazy) console.log(`lazy     ${f.file}  ${kb(f.bytes)}  gzip ${kb(f.gzip)}`);
  console.log(
    `discovery route: JS ${kb(size.initialJsGzip)} gzip, CSS ${kb(size.initialCssGzip)} gzip`,
  );
}
