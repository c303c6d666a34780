/**
 * A fingerprint of everything `scan` returns on the public data, to show that a change to the
 * matcher (for speed) changes no result: every UDHR paragraph scanned without a language, with
 * its own language and as a handle; every recall case of `public.ts` (seed 20261205, at most 100
 * terms per language and class, carriers picked as in `focus.ts`); every paragraph with the
 * 100,000-term lexicon of `public.ts`. Prints the number of results and a sha256 over all of
 * them (term, category, severity, span and folds of every match, in order).
 *
 *   npx tsx bench/safety/digest.ts [--at REVISION]   (default: the working tree)
 */
import { createHash } from 'node:crypto';
import type { Match } from '../../packages/safety/src/index.js';
import { compileAt } from './matcher-at.js';
import { allProfanity, mintFilter } from './peers.js';
import { loadUdhrLanguages, primaryOf } from './public-corpora.js';
import { languagesOf, loadPublicLexicon } from './public-lexicons.js';
import { buildRecallCases, pickCarriers } from './public-recall.js';
import { syntheticLexicon } from './synthetic.js';

const SEED = 20261205;
const at = process.argv.indexOf('--at');
const { compile, label } = await compileAt(at >= 0 ? process.argv[at + 1] : undefined);

const lexicon = loadPublicLexicon();
const udhr = loadUdhrLanguages();
const matcher = compile(lexicon.entries);
const hash = createHash('sha256');
const parts = new Map<string, { results: number; hash: ReturnType<typeof createHash> }>();
let results = 0;

function record(part: string, matches: Match[]): void {
  const line = JSON.stringify(
    matches.map((m) => [m.term, m.category, m.severity, m.start, m.end, m.via ?? null]),
  );
  hash.update(line);
  hash.update('\n');
  let p = parts.get(part);
  if (!p) {
    p = { results: 0, hash: createHash('sha256') };
    parts.set(part, p);
  }
  p.results++;
  p.hash.update(line);
  p.hash.update('\n');
  results++;
}

for (const u of udhr) {
  const lang = primaryOf(u.tag);
  for (const text of u.paragraphs) {
    record('udhr', matcher.scan(text));
    record('udhr+lang', matcher.scan(text, { lang }));
    record('udhr handle', matcher.scan(text, { kind: 'handle' }));
  }
}

const detect = (text: string): boolean => matcher.scan(text).length > 0;
const peers = [mintFilter(lexicon.entries), allProfanity(lexicon.entries)];
const carriers = pickCarriers(
  languagesOf(lexicon).map(([l]) => l),
  udhr,
  (text) => !detect(text),
  (text) => 1 + peers.filter((p) => p.detect(text)).length,
);
for (const c of buildRecallCases(lexicon.terms, carriers, 100, SEED))
  record('recall', matcher.scan(c.text));

const big = compile([
  ...lexicon.entries,
  ...syntheticLexicon(100_000 - lexicon.entries.length, 4242),
]);
for (const u of udhr) for (const text of u.paragraphs) record('100k terms', big.scan(text));

console.log(`matcher: ${label}`);
for (const [part, p] of parts)
  console.log(`  ${part}: ${p.results} results, sha256 ${p.hash.digest('hex')}`);
console.log(`all: ${results} results, sha256 ${hash.digest('hex')}`);
