import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { dHashOf } from '../../media/image-pipeline.js';
import { hammingDistance, nearDuplicateImageEdges } from './edges.js';

// Perceptual hashes of real images (sharp), and the image edge built from them.

/** A 240×160 picture: a diagonal gradient, or its mirror image. */
async function picture(mirror: boolean, width = 240, format: 'png' | 'jpeg' = 'png') {
  const height = (width * 2) / 3;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const u = mirror ? width - 1 - x : x;
      const value = Math.round(((u / width) * 0.7 + (y / height) * 0.3) * 255);
      const i = (y * width + x) * 3;
      pixels[i] = value;
      pixels[i + 1] = (value * 3) % 256;
      pixels[i + 2] = 255 - value;
    }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 60 }).toBuffer();
}

const distance = (x: string, y: string) => hammingDistance(BigInt(`0x${x}`), BigInt(`0x${y}`));

describe('image near-duplicates', () => {
  it('hashes a resized, re-encoded copy within 3 bits and another picture far away', async () => {
    const original = await dHashOf(await picture(false));
    expect(original).toMatch(/^[0-9a-f]{16}$/);
    const copy = await dHashOf(await picture(false, 480, 'jpeg'));
    const other = await dHashOf(await picture(true));
    expect(distance(original, copy)).toBeLessThanOrEqual(3);
    expect(distance(original, other)).toBeGreaterThan(10);
  });

  it('links accounts that uploaded near-duplicates, not themselves nor malformed hashes', () => {
    const edges = nearDuplicateImageEdges([
      { account: 'a', dhash: 'f0f0f0f0f0f0f0f0' },
      { account: 'b', dhash: 'f0f0f0f0f0f0f0f1' },
      { account: 'a', dhash: 'f0f0f0f0f0f0f0f0' },
      { account: 'c', dhash: '0f0f0f0f0f0f0f0f' },
      { account: 'd', dhash: 'not-a-hash' },
    ]);
    expect(edges).toEqual([{ a: 'a', b: 'b', kind: 'image' }]);
  });
});
