import sharp from 'sharp';

// A PDQ-style perceptual hash: 256 bits from the low frequencies of the picture's luminance, as
// Meta's PDQ computes them (a 16×16 block of the 2-D DCT of a 64×64 grey image, DC left out,
// each bit whether its coefficient is above the block's median). Pure TypeScript over pixels
// sharp decodes. Differences from PDQ: sharp's Lanczos downscale stands in for PDQ's Jarosz
// filter, uniform borders are trimmed first (added frames and letterboxing), and there is no
// dihedral (rotated/mirrored) variant. Hashes are 64 hex digits; similarity is the Hamming
// distance (docs/media.md, "Known-bad hashes").

/** Bits in a hash. */
export const HASH_BITS = 256;
/** The side of the grey image the DCT reads. */
const SIDE = 64;
/** The side of the block of DCT coefficients kept. */
const BLOCK = 16;
/** Pixels whose colour is within this of the corner's are border (sharp's `trim`). */
const TRIM_THRESHOLD = 12;
/** Trimming may leave at least this share of a side; a mostly-uniform image is hashed whole. */
const TRIM_MIN_SHARE = 0.3;

/** DCT-II basis rows 1..16 over 64 samples (row 0, the mean, carries no structure). */
const DCT: Float64Array = (() => {
  const matrix = new Float64Array(BLOCK * SIDE);
  const scale = Math.sqrt(2 / SIDE);
  for (let i = 0; i < BLOCK; i++)
    for (let j = 0; j < SIDE; j++)
      matrix[i * SIDE + j] = scale * Math.cos((Math.PI / 2 / SIDE) * (i + 1) * (2 * j + 1));
  return matrix;
})();

/** The 256-bit hash of 64×64 grey pixels (row-major), as 64 hex digits. */
export function hashOfGrey(pixels: Uint8Array | Float64Array): string {
  // D · A · Dᵀ in two passes: rows first (16×64), then columns (16×16).
  const partial = new Float64Array(BLOCK * SIDE);
  for (let i = 0; i < BLOCK; i++)
    for (let col = 0; col < SIDE; col++) {
      let sum = 0;
      for (let k = 0; k < SIDE; k++) sum += DCT[i * SIDE + k]! * pixels[k * SIDE + col]!;
      partial[i * SIDE + col] = sum;
    }
  const coefficients = new Float64Array(BLOCK * BLOCK);
  for (let i = 0; i < BLOCK; i++)
    for (let j = 0; j < BLOCK; j++) {
      let sum = 0;
      for (let k = 0; k < SIDE; k++) sum += partial[i * SIDE + k]! * DCT[j * SIDE + k]!;
      coefficients[i * BLOCK + j] = sum;
    }
  const sorted = Float64Array.from(coefficients).sort();
  const median = (sorted[127]! + sorted[128]!) / 2;
  let hex = '';
  for (let nibble = 0; nibble < HASH_BITS / 4; nibble++) {
    let value = 0;
    for (let bit = 0; bit < 4; bit++)
      value = (value << 1) | (coefficients[nibble * 4 + bit]! > median ? 1 : 0);
    hex += value.toString(16);
  }
  return hex;
}

/** The image is decoded once, to at most this many pixels a side, before trimming. */
const DECODE_SIDE = 512;

/**
 * Grey pixels of the image (its first frame) inside its uniform borders (frames, letterboxing),
 * `side`×`side`. Trimming that would leave too little (a mostly plain picture) is skipped.
 */
async function greyContent(image: Buffer, side: number) {
  const decoded = await sharp(image, { limitInputPixels: false })
    .resize(DECODE_SIDE, DECODE_SIDE, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { width: decoded.info.width, height: decoded.info.height, channels: 3 as const };
  let region: { left: number; top: number; width: number; height: number } | null = null;
  try {
    const { info } = await sharp(decoded.data, { raw })
      .trim({ threshold: TRIM_THRESHOLD })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const trimmed = info.width !== raw.width || info.height !== raw.height;
    if (
      trimmed &&
      info.width >= raw.width * TRIM_MIN_SHARE &&
      info.height >= raw.height * TRIM_MIN_SHARE
    )
      region = {
        left: -(info.trimOffsetLeft ?? 0),
        top: -(info.trimOffsetTop ?? 0),
        width: info.width,
        height: info.height,
      };
  } catch {
    // sharp refuses to trim an image that is all border: it is hashed whole
  }
  let pipeline = sharp(decoded.data, { raw });
  if (region) pipeline = pipeline.extract(region);
  return pipeline
    .grayscale()
    .resize(side, side, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
}

/**
 * The perceptual hash of an encoded image (its first frame): uniform borders trimmed, then
 * 64×64 luminance, then the 256-bit DCT sign hash. Throws when sharp cannot decode it.
 */
export async function perceptualHash(image: Buffer): Promise<string> {
  const { data } = await greyContent(image, SIDE);
  return hashOfGrey(data);
}

/**
 * Cuts a copy of a banked picture may have lost on each side, as shares of the side: a banked
 * image is hashed whole and as each of these crops, so a re-upload cropped by up to 10 % lands
 * within 2.5 % of one of them. The low frequencies the hash keeps move too much under a 5–10 %
 * crop for one hash to cover it (docs/media.md, "Known-bad hashes").
 */
const CUTS: readonly (readonly [number, number])[] = [
  [0, 0],
  [0.05, 0],
  [0, 0.05],
  [0.05, 0.05],
  [0.1, 0],
  [0, 0.1],
];
/** The side of the grey image crops are taken from. */
const VARIANT_SOURCE = 256;

/** Crops (x0, y0, x1, y1 in 0..1) of `side`×`side` grey pixels, box-resampled to 64×64. */
function cropToGrey(pixels: Uint8Array, side: number, box: readonly number[]): Float64Array {
  const [x0, y0, x1, y1] = box as [number, number, number, number];
  const out = new Float64Array(SIDE * SIDE);
  const stepX = ((x1 - x0) * side) / SIDE;
  const stepY = ((y1 - y0) * side) / SIDE;
  for (let row = 0; row < SIDE; row++) {
    const top = y0 * side + row * stepY;
    for (let col = 0; col < SIDE; col++) {
      const left = x0 * side + col * stepX;
      let sum = 0;
      let count = 0;
      for (let y = Math.floor(top); y < Math.ceil(top + stepY); y++)
        for (let x = Math.floor(left); x < Math.ceil(left + stepX); x++) {
          sum += pixels[Math.min(side - 1, y) * side + Math.min(side - 1, x)]!;
          count++;
        }
      out[row * SIDE + col] = sum / count;
    }
  }
  return out;
}

/**
 * The hashes a banked picture is stored under: the whole (the same as `perceptualHash`) first,
 * then each crop of `CUTS` horizontally × vertically (36 in all, duplicates removed).
 */
export function bankHashes(image: Buffer): Promise<string[]> {
  return cropHashes(image, CUTS);
}

/** An image's hash and its crop variants' (`bankHashes` split): what an upload is stored with. */
export interface PerceptualHashes {
  whole: string;
  crops: string[];
}

/** The hashes of an upload: the whole as the hash checker matches it, and its crop variants. */
export async function perceptualHashes(image: Buffer): Promise<PerceptualHashes> {
  const [whole, ...crops] = await bankHashes(image);
  return { whole: whole!, crops };
}

/** The hash of the whole, then of each crop `cuts` × `cuts` (left/right × top/bottom shares). */
export async function cropHashes(
  image: Buffer,
  cuts: readonly (readonly [number, number])[],
): Promise<string[]> {
  const whole = await perceptualHash(image);
  const { data } = await greyContent(image, VARIANT_SOURCE);
  const hashes = new Set([whole]);
  for (const [left, right] of cuts)
    for (const [top, bottom] of cuts) {
      if (left + right + top + bottom === 0) continue;
      hashes.add(hashOfGrey(cropToGrey(data, VARIANT_SOURCE, [left, top, 1 - right, 1 - bottom])));
    }
  return [...hashes];
}

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, value) => {
  let count = 0;
  for (let bits = value; bits; bits >>= 1) count += bits & 1;
  return count;
});

/** A hash as 8 unsigned 32-bit words (the form the bank scans). */
export function hashWords(hex: string): Uint32Array {
  const words = new Uint32Array(HASH_BITS / 32);
  for (let i = 0; i < words.length; i++)
    words[i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return words;
}

function popcount32(value: number): number {
  return (
    POPCOUNT[value & 0xff]! +
    POPCOUNT[(value >>> 8) & 0xff]! +
    POPCOUNT[(value >>> 16) & 0xff]! +
    POPCOUNT[value >>> 24]!
  );
}

/** Bits in which two hashes (as words, from `offset` in `bank`) differ. */
export function wordDistance(query: Uint32Array, bank: Uint32Array, offset = 0): number {
  let distance = 0;
  for (let i = 0; i < query.length; i++)
    distance += popcount32((query[i]! ^ bank[offset + i]!) >>> 0);
  return distance;
}

/** Bits in which two hex hashes differ. */
export function hashDistance(a: string, b: string): number {
  return wordDistance(hashWords(a), hashWords(b));
}

/** Whether a text is a hash of this kind (64 lowercase or uppercase hex digits). */
export function isPerceptualHash(text: string): boolean {
  return /^[0-9a-fA-F]{64}$/.test(text);
}
