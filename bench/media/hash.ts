/**
 * The known-bad hash bank (docs/media.md, "Known-bad hashes"): how many edited re-uploads of
 * banked pictures it catches, how many distinct pictures it matches by mistake, how fast an image
 * is hashed, and how fast a bank of 100,000 hashes answers.
 *
 *   node --import tsx bench/media/hash.ts [--seed 20261207] [--banked 300] [--distinct 10000]
 *
 * Pictures are synthetic (test/fixtures/scenes.ts): seeded scenes of gradients, fractal noise,
 * shapes, a horizon and text. Every picture goes through what the upload pipeline stores (the
 * detail WebP) before it is hashed, as the checker sees it.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { openPGlite } from '../../apps/server/src/db/database.js';
import { migrate } from '../../apps/server/src/db/migrate.js';
import { createHashBank } from '../../apps/server/src/modules/media/hash-bank.js';
import { DEFAULT_HASH_MATCH } from '../../apps/server/src/modules/media/hash-checker.js';
import {
  bankHashes,
  hashWords,
  perceptualHash,
  wordDistance,
} from '../../apps/server/src/modules/media/perceptual-hash.js';
import {
  applyEdit,
  asDetail,
  type Edit,
  sceneSvg,
  seeded,
} from '../../apps/server/test/fixtures/scenes.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '20261207' },
    banked: { type: 'string', default: '200' },
    distinct: { type: 'string', default: '10000' },
    /** 0: skip the re-uploads (only the bank, the distinct pictures and the lookups). */
    edits: { type: 'string', default: '1' },
    /** The side of the pictures (4:3). */
    width: { type: 'string', default: '640' },
  },
});
const seed = Number(values.seed);
const bankedCount = Number(values.banked);
const distinctCount = Number(values.distinct);
const { reviewDistance, blockDistance } = DEFAULT_HASH_MATCH;
const random = seeded(seed);
const between = (low: number, high: number) => low + random() * (high - low);
const WIDTH = Number(values.width);
const HEIGHT = (WIDTH * 3) / 4;

/** Scene `seed` at WIDTH×HEIGHT, rendered at half size (the noise filter is slow) and enlarged. */
const scenePng = (seed: number) =>
  sharp(Buffer.from(sceneSvg(seed, WIDTH / 2, HEIGHT / 2)))
    .resize(WIDTH, HEIGHT)
    .png({ compressionLevel: 1 })
    .toBuffer();

/** A random crop cutting at most 10 % of each side's length, split at random between its ends. */
function crop(): Edit {
  const x = between(0.02, 0.1);
  const y = between(0.02, 0.1);
  const splitX = random();
  const splitY = random();
  return {
    kind: 'crop',
    left: x * splitX,
    right: x * (1 - splitX),
    top: y * splitY,
    bottom: y * (1 - splitY),
  };
}

const COLOURS = ['#ffffff', '#000000', '#f2f2f2', '#1d3557', '#e63946'];
const edits: Record<string, () => Edit[]> = {
  resize: () => [{ kind: 'resize', scale: between(0.25, 0.8) }],
  jpeg: () => [{ kind: 'jpeg', quality: Math.round(between(35, 85)) }],
  webp: () => [{ kind: 'webp', quality: Math.round(between(35, 85)) }],
  crop: () => [crop()],
  border: () => [
    {
      kind: 'border',
      share: between(0.03, 0.15),
      colour: COLOURS[Math.floor(random() * COLOURS.length)]!,
    },
  ],
  'crop+resize+jpeg': () => [
    crop(),
    { kind: 'resize', scale: between(0.4, 0.8) },
    { kind: 'jpeg', quality: Math.round(between(50, 85)) },
  ],
  'border+jpeg': () => [
    {
      kind: 'border',
      share: between(0.03, 0.15),
      colour: COLOURS[Math.floor(random() * COLOURS.length)]!,
    },
    { kind: 'jpeg', quality: Math.round(between(50, 85)) },
  ],
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

// ---- the bank: banked originals, each whole and as its crop variants ----------------------
const bankWords: Uint32Array[] = [];
const owner: number[] = [];
const originals: Buffer[] = [];
const started = Date.now();
for (let i = 0; i < bankedCount; i++) {
  const png = await scenePng(seed + i);
  originals.push(png);
  for (const hash of await bankHashes(await asDetail(png))) {
    bankWords.push(hashWords(hash));
    owner.push(i);
  }
}
const packed = new Uint32Array(bankWords.length * 8);
bankWords.forEach((words, index) => {
  packed.set(words, index * 8);
});
const nearest = (hash: string) => {
  const query = hashWords(hash);
  let best = 257;
  let who = -1;
  for (let index = 0; index < owner.length; index++) {
    const distance = wordDistance(query, packed, index * 8);
    if (distance < best) {
      best = distance;
      who = owner[index]!;
    }
  }
  return { distance: best, who };
};
console.log(
  `bank: ${bankedCount} pictures, ${owner.length} hashes (${(Date.now() - started) / 1000} s)`,
);

// ---- re-uploads ---------------------------------------------------------------------------
const caught: Record<string, { review: number; block: number; total: number; d: number[] }> = {};
for (const [name, make] of Object.entries(values.edits === '0' ? {} : edits)) {
  const row = { review: 0, block: 0, total: 0, d: [] as number[] };
  for (let i = 0; i < bankedCount; i++) {
    let image = originals[i]!;
    for (const edit of make()) image = await applyEdit(image, edit);
    const match = nearest(await perceptualHash(await asDetail(image)));
    const right = match.who === i;
    row.total++;
    row.d.push(right ? match.distance : 256);
    if (right && match.distance <= reviewDistance) row.review++;
    if (right && match.distance <= blockDistance) row.block++;
  }
  row.d.sort((a, b) => a - b);
  caught[name] = row;
  console.log(
    `${name.padEnd(18)} caught ${row.review}/${row.total} (≤${reviewDistance}), ${row.block}/${row.total} near-certain (≤${blockDistance}); distance p50 ${percentile(row.d, 0.5)} p95 ${percentile(row.d, 0.95)} max ${row.d.at(-1)}`,
  );
}

// ---- distinct pictures --------------------------------------------------------------------
const distinctSeed = seed + 1_000_000;
const latencies: number[] = [];
const distinctWords = new Uint32Array(distinctCount * 8);
let falseReview = 0;
let falseBlock = 0;
let closestToBank = 256;
for (let i = 0; i < distinctCount; i++) {
  // straight to the detail WebP (no PNG in between: 10,000 pictures on a shared 2-core machine)
  const detail = await sharp(Buffer.from(sceneSvg(distinctSeed + i, WIDTH / 2, HEIGHT / 2)))
    .resize(WIDTH, HEIGHT)
    .webp({ quality: 82 })
    .toBuffer();
  const t0 = process.hrtime.bigint();
  const hash = await perceptualHash(detail);
  latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  distinctWords.set(hashWords(hash), i * 8);
  const match = nearest(hash);
  closestToBank = Math.min(closestToBank, match.distance);
  if (match.distance <= reviewDistance) falseReview++;
  if (match.distance <= blockDistance) falseBlock++;
  if ((i + 1) % 1000 === 0)
    console.log(
      `  ${i + 1} distinct pictures: ${falseReview} within ${reviewDistance} of the bank, closest ${closestToBank}`,
    );
}
// every distinct picture against every other (whole hashes): the bank could hold any of them
let pairsWithin = 0;
let closestPair = 256;
const pairHistogram = new Map<number, number>();
for (let i = 0; i < distinctCount; i++) {
  const query = distinctWords.subarray(i * 8, i * 8 + 8);
  for (let j = i + 1; j < distinctCount; j++) {
    const distance = wordDistance(query, distinctWords, j * 8);
    if (distance < closestPair) closestPair = distance;
    if (distance <= reviewDistance) pairsWithin++;
    if (distance < 80) pairHistogram.set(distance, (pairHistogram.get(distance) ?? 0) + 1);
  }
}
latencies.sort((a, b) => a - b);
console.log(
  `distinct: ${distinctCount} pictures vs the bank (${owner.length} hashes): ${falseReview} within ${reviewDistance}, ${falseBlock} within ${blockDistance}; closest ${closestToBank}`,
);
console.log(
  `distinct pairs: ${(distinctCount * (distinctCount - 1)) / 2}, ${pairsWithin} within ${reviewDistance}; closest ${closestPair}`,
);
console.log(
  `hashing a detail WebP (${WIDTH}×${HEIGHT}): p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms`,
);

// ---- a bank of 100,000 hashes in the database ----------------------------------------------
const database = await openPGlite({ dataDir: null });
await migrate(database);
const bank = createHashBank({ db: database.db });
const listRandom = seeded(seed + 7);
const list = Array.from({ length: 100_000 }, () =>
  Array.from({ length: 8 }, () =>
    Math.floor(listRandom() * 2 ** 32)
      .toString(16)
      .padStart(8, '0'),
  ).join(''),
);
let t0 = Date.now();
await bank.importList(list.join('\n'), 'bench');
const importMs = Date.now() - t0;
t0 = Date.now();
await bank.size();
const loadMs = Date.now() - t0;
const probe = await perceptualHash(await asDetail(originals[0]!));
const lookups: number[] = [];
for (let i = 0; i < 200; i++) {
  const start = process.hrtime.bigint();
  await bank.match(probe, reviewDistance);
  lookups.push(Number(process.hrtime.bigint() - start) / 1e6);
}
lookups.sort((a, b) => a - b);
await database.close();
console.log(
  `bank of 100,000 hashes (PGlite): import ${importMs} ms, first load ${loadMs} ms, lookup p50 ${percentile(lookups, 0.5).toFixed(1)} ms p95 ${percentile(lookups, 0.95).toFixed(1)} ms`,
);
console.log(
  `load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
);
