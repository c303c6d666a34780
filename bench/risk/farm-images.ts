/**
 * Farm detection's "same picture" edge (docs/risk.md, "Farm detection"): how many edited copies
 * of a picture uploaded by other accounts the lookup tables find, against the exact search at the
 * same distance, whether distinct pictures are linked, and how the work grows with the uploads.
 *
 *   node --import tsx bench/risk/farm-images.ts [--pictures 40] [--scale 5000,20000]
 *
 * Pictures are synthetic (test/fixtures/scenes.ts), hashed as the upload pipeline stores them
 * (the detail WebP, whole and crop variants). The scale run uses random hashes (36 per upload).
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import {
  hashDistance,
  perceptualHashes,
} from '../../apps/server/src/modules/media/perceptual-hash.js';
import { DEFAULT_IMAGE, imageHashPairs } from '../../apps/server/src/modules/risk/farm/edges.js';
import {
  applyEdit,
  asDetail,
  type Edit,
  sceneSvg,
  seeded,
} from '../../apps/server/test/fixtures/scenes.js';

const { values } = parseArgs({
  options: {
    pictures: { type: 'string', default: '40' },
    scale: { type: 'string', default: '5000,20000' },
  },
});
const random = seeded(7);
const distance = DEFAULT_IMAGE.maxDistance;
const png = (seed: number) =>
  sharp(Buffer.from(sceneSvg(seed, 320, 240)))
    .resize(640, 480)
    .png({ compressionLevel: 1 })
    .toBuffer();
type Row = { account: string; phash: string; crops: string };
const hashed = async (account: string, image: Buffer): Promise<Row> => {
  const { whole, crops } = await perceptualHashes(await asDetail(image));
  return { account, phash: whole, crops: crops.join('') };
};

const names = ['resize 60 % + JPEG 60', 'crop 10 % a side', 'crop 5 % + resize 70 % + JPEG 70'];
const rows: Row[] = [];
const count = Number(values.pictures);
for (let s = 0; s < count; s++) {
  const original = await png(1000 + s);
  rows.push(await hashed(`o${s}`, original));
  const l = random() * 0.1;
  const t = random() * 0.1;
  const edits: Edit[][] = [
    [
      { kind: 'resize', scale: 0.6 },
      { kind: 'jpeg', quality: 60 },
    ],
    [{ kind: 'crop', left: l, right: 0.1 - l, top: t, bottom: 0.1 - t }],
    [
      { kind: 'crop', left: l / 2, right: 0.05 - l / 2, top: 0, bottom: 0.05 },
      { kind: 'resize', scale: 0.7 },
      { kind: 'jpeg', quality: 70 },
    ],
  ];
  for (const [e, list] of edits.entries()) {
    let image: Buffer = original;
    for (const edit of list) image = await applyEdit(image, edit);
    rows.push(await hashed(`c${s}_${e}`, image));
  }
}
const started = performance.now();
const pairs = imageHashPairs(rows, distance, DEFAULT_IMAGE.maxBucket);
const ms = performance.now() - started;
const found = new Set(pairs.map(([a, b]) => `${a}|${b}`));
const all = (row: Row) => [row.phash, ...(row.crops.match(/.{64}/g) ?? [])];
console.log(`${count} pictures, 3 copies each, distance ${distance}: ${Math.round(ms)} ms`);
for (let e = 1; e < 4; e++) {
  let tables = 0;
  let exact = 0;
  for (let s = 0; s < count; s++) {
    const a = rows[s * 4]!;
    const b = rows[s * 4 + e]!;
    const d = Math.min(
      ...all(a).map((h) => hashDistance(h, b.phash)),
      ...all(b).map((h) => hashDistance(h, a.phash)),
    );
    if (d <= distance) exact++;
    if (found.has(`${s * 4}|${s * 4 + e}`)) tables++;
  }
  console.log(`  ${names[e - 1]}: tables ${tables}/${count}, exact ${exact}/${count}`);
}
const distinct = pairs.filter(([a, b]) => Math.floor(a / 4) !== Math.floor(b / 4)).length;
console.log(`  pairs of distinct pictures linked: ${distinct}`);

for (const n of (values.scale ?? '').split(',').filter(Boolean).map(Number)) {
  const items = Array.from({ length: n }, (_, i) => ({
    account: `a${i}`,
    phash: randomBytes(32).toString('hex'),
    crops: randomBytes(32 * 35).toString('hex'),
  }));
  const t0 = performance.now();
  imageHashPairs(items, distance, DEFAULT_IMAGE.maxBucket);
  console.log(
    `${n} uploads (random hashes): ${Math.round(performance.now() - t0)} ms, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB, load ${loadavg()[0]!.toFixed(1)}`,
  );
}
