/**
 * Scan speed of the matcher in the working tree against an earlier revision and mint-filter
 * (the fastest peer in `public.ts`), all in one process, on the public lexicon and every UDHR
 * paragraph. On a shared machine standalone MB/s figures swing by 2× from run to run; here the
 * three detectors scan the same slice of the corpus one after another (the order rotating from
 * slice to slice), each timed in CPU time, and the figures are medians of the per-slice ratios.
 *
 *   npx tsx bench/safety/speed-ab.ts [--base REVISION] [--terms 100000] [--slices 40] [--kb 300]
 *
 * `--base` defaults to `main`; `--terms` pads the public lexicon with synthetic terms (seed 4242,
 * as `public.ts` does for its 100,000-term figures). Pin to one core (`taskset -c 0 …`).
 */
import { loadavg } from 'node:os';
import { compileAt } from './matcher-at.js';
import { mintFilter } from './peers.js';
import { loadUdhrLanguages } from './public-corpora.js';
import { loadPublicLexicon } from './public-lexicons.js';
import { syntheticLexicon } from './synthetic.js';
import { cpuNow } from './timing.js';

const argument = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1]! : fallback;
};
const base = argument('--base', 'main');
const terms = Number(argument('--terms', '0'));
const slices = Number(argument('--slices', '40'));
const sliceBytes = Number(argument('--kb', '300')) * 1000;

const lexicon = loadPublicLexicon();
const entries =
  terms > lexicon.entries.length
    ? [...lexicon.entries, ...syntheticLexicon(terms - lexicon.entries.length, 4242)]
    : lexicon.entries;
const texts = loadUdhrLanguages().flatMap((u) => u.paragraphs);
const bytes = texts.map((t) => Buffer.byteLength(t, 'utf8'));

const old = await compileAt(base);
const current = await compileAt();
const oldMatcher = old.compile(entries);
const newMatcher = current.compile(entries);
const mint = mintFilter(entries);
const detectors: { name: string; detect: (text: string) => boolean }[] = [
  { name: `old: ${old.label}`, detect: (text) => oldMatcher.scan(text).length > 0 },
  { name: 'new: working tree', detect: (text) => newMatcher.scan(text).length > 0 },
  { name: mint.name, detect: mint.detect },
];

console.log(
  `${entries.length} terms; ${texts.length} paragraphs; ${slices} slices of ~${sliceBytes / 1000} kB; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
);
// Warm up: one pass over the whole corpus each.
for (const d of detectors) for (const t of texts) d.detect(t);

const rates: number[][] = detectors.map(() => []);
let next = 0;
for (let s = 0; s < slices; s++) {
  const from = next;
  let size = 0;
  while (size < sliceBytes) {
    size += bytes[next]!;
    next = (next + 1) % texts.length;
  }
  const to = next;
  for (let r = 0; r < detectors.length; r++) {
    const d = (s + r) % detectors.length;
    const detect = detectors[d]!.detect;
    const start = cpuNow();
    for (let i = from; i !== to; i = (i + 1) % texts.length) detect(texts[i]!);
    rates[d]!.push(size / 1e3 / (cpuNow() - start)); // MB per CPU second
  }
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const ratio = (a: number, b: number): number => median(rates[a]!.map((x, i) => x / rates[b]![i]!));
for (let d = 0; d < detectors.length; d++)
  console.log(`${detectors[d]!.name}: median ${median(rates[d]!).toFixed(2)} MB per CPU s`);
console.log(`new / old: ${ratio(1, 0).toFixed(2)}×`);
console.log(`new / ${mint.name}: ${ratio(1, 2).toFixed(2)}×`);
console.log(`old / ${mint.name}: ${ratio(0, 2).toFixed(2)}×`);
console.log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
);
