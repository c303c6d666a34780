/**
 * A steady scan loop for the profiler: the public lexicon over every UDHR paragraph, `--passes`
 * times (default 8), nothing else after the compile.
 *
 *   node --cpu-prof --cpu-prof-dir=prof --import tsx bench/safety/profile-scan.ts [--passes 8] [--terms 100000]
 */
import { compileLexicon } from '../../packages/safety/src/index.js';
import { loadUdhrLanguages } from './public-corpora.js';
import { loadPublicLexicon } from './public-lexicons.js';
import { syntheticLexicon } from './synthetic.js';
import { cpuNow } from './timing.js';

const argument = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1]! : fallback;
};
const passes = Number(argument('--passes', '8'));
const terms = Number(argument('--terms', '0'));
const lexicon = loadPublicLexicon();
const entries =
  terms > lexicon.entries.length
    ? [...lexicon.entries, ...syntheticLexicon(terms - lexicon.entries.length, 4242)]
    : lexicon.entries;
const texts = loadUdhrLanguages().flatMap((u) => u.paragraphs);
const megabytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0) / 1e6;
const matcher = compileLexicon(entries);
let hits = 0;
const start = cpuNow();
for (let p = 0; p < passes; p++) for (const t of texts) if (matcher.scan(t).length > 0) hits++;
const seconds = (cpuNow() - start) / 1000;
console.log(
  `${passes} passes, ${megabytes.toFixed(2)} MB each, ${hits} flagged: ${((passes * megabytes) / seconds).toFixed(2)} MB per CPU s`,
);
