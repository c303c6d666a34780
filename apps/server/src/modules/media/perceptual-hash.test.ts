import { describe, expect, it } from 'vitest';
import { applyEdit, asDetail, type Edit, scenePng } from '../../../test/fixtures/scenes.js';
import { DEFAULT_HASH_MATCH } from './hash-checker.js';
import { bankHashes, hashDistance, isPerceptualHash, perceptualHash } from './perceptual-hash.js';

// The perceptual hash on pictures the test renders: edited copies land near a banked hash,
// different pictures far from it.

const { reviewDistance } = DEFAULT_HASH_MATCH;

/** The distance from an edited copy to the nearest hash the original is banked under. */
async function distanceAfter(original: Buffer, bank: string[], edits: Edit[]) {
  let image = original;
  for (const edit of edits) image = await applyEdit(image, edit);
  const hash = await perceptualHash(await asDetail(image));
  return Math.min(...bank.map((banked) => hashDistance(hash, banked)));
}

describe('perceptual hash', () => {
  it('is 64 hex digits, stable, and the first banked hash is the whole picture', async () => {
    const detail = await asDetail(await scenePng(11, 640, 480));
    const hash = await perceptualHash(detail);
    expect(isPerceptualHash(hash)).toBe(true);
    expect(await perceptualHash(detail)).toBe(hash);
    const bank = await bankHashes(detail);
    expect(bank[0]).toBe(hash);
    expect(bank.length).toBeGreaterThan(30);
  });

  it.each([
    ['resized to a third', [{ kind: 'resize', scale: 0.33 }]],
    ['re-encoded as JPEG 40', [{ kind: 'jpeg', quality: 40 }]],
    ['re-encoded as WebP 40', [{ kind: 'webp', quality: 40 }]],
    [
      'cropped 10 % on the left and top',
      [{ kind: 'crop', left: 0.1, right: 0, top: 0.1, bottom: 0 }],
    ],
    [
      'cropped 7 % off-centre',
      [{ kind: 'crop', left: 0.03, right: 0.04, top: 0.06, bottom: 0.01 }],
    ],
    [
      'cropped 5 % evenly',
      [{ kind: 'crop', left: 0.025, right: 0.025, top: 0.025, bottom: 0.025 }],
    ],
    ['framed in white', [{ kind: 'border', share: 0.1, colour: '#ffffff' }]],
    [
      'framed in black, then JPEG',
      [
        { kind: 'border', share: 0.05, colour: '#000000' },
        { kind: 'jpeg', quality: 60 },
      ],
    ],
    [
      'cropped, resized and re-encoded',
      [
        { kind: 'crop', left: 0.06, right: 0.02, top: 0, bottom: 0.08 },
        { kind: 'resize', scale: 0.5 },
        { kind: 'jpeg', quality: 70 },
      ],
    ],
  ] as [string, Edit[]][])('finds a copy %s within the review distance', async (_name, edits) => {
    for (const seed of [21, 22]) {
      const original = await scenePng(seed, 640, 480);
      const bank = await bankHashes(await asDetail(original));
      expect(await distanceAfter(original, bank, edits)).toBeLessThanOrEqual(reviewDistance);
    }
  });

  it('keeps different pictures far apart', async () => {
    const bank = await bankHashes(await asDetail(await scenePng(31, 640, 480)));
    for (const seed of [32, 33, 34, 35]) {
      const other = await perceptualHash(await asDetail(await scenePng(seed, 640, 480)));
      expect(Math.min(...bank.map((banked) => hashDistance(other, banked)))).toBeGreaterThan(
        reviewDistance,
      );
    }
  });
});
