import { describe, expect, it } from 'vitest';
import { applyEdit, asDetail, type Edit, scenePng } from '../../../../test/fixtures/scenes.js';
import { perceptualHashes } from '../../media/perceptual-hash.js';
import { type ImageHashRow, nearDuplicateImageEdges } from './edges.js';

// The farm graph's "same picture" edge over real images: the hash bank's perceptual hash, as the
// upload pipeline stores it (the detail WebP, whole and crop variants), links accounts that
// uploaded one photo resized, re-encoded or cropped, and not accounts with distinct photos.

/** What an upload of `picture` (after `edits`) stores as its hashes, for `account`. */
async function uploaded(account: string, picture: Buffer, edits: Edit[] = []) {
  let image = picture;
  for (const edit of edits) image = await applyEdit(image, edit);
  const { whole, crops } = await perceptualHashes(await asDetail(image));
  return { account, phash: whole, crops: crops.join('') } satisfies ImageHashRow;
}

const pairs = (edges: { a: string; b: string }[]) => edges.map((e) => `${e.a}-${e.b}`).sort();

describe('the same photo across new accounts', () => {
  it('links accounts that uploaded it resized, re-encoded or cropped; distinct photos link nobody', async () => {
    const photo = await scenePng(301, 640, 480);
    const rows = [
      await uploaded('farm1', photo),
      await uploaded('farm2', photo, [
        { kind: 'resize', scale: 0.6 },
        { kind: 'jpeg', quality: 60 },
      ]),
      await uploaded('farm3', photo, [
        { kind: 'crop', left: 0.04, right: 0.04, top: 0.02, bottom: 0.05 },
      ]),
      await uploaded('farm4', photo, [
        { kind: 'crop', left: 0.05, right: 0, top: 0, bottom: 0.05 },
        { kind: 'resize', scale: 0.75 },
        { kind: 'webp', quality: 70 },
      ]),
      // strangers, each with a photo of their own
      ...(await Promise.all(
        [302, 303, 304, 305].map(async (seed) =>
          uploaded(`own${seed}`, await scenePng(seed, 640, 480)),
        ),
      )),
    ];
    const edges = nearDuplicateImageEdges(rows);
    expect(edges.every((edge) => edge.kind === 'image')).toBe(true);
    expect(pairs(edges)).toEqual([
      'farm1-farm2',
      'farm1-farm3',
      'farm1-farm4',
      'farm2-farm3',
      'farm2-farm4',
      'farm3-farm4',
    ]);
  });

  it('never links an account to itself, and skips malformed hashes', async () => {
    const photo = await uploaded('a', await scenePng(311, 480, 360));
    const edges = nearDuplicateImageEdges([
      photo,
      { ...photo },
      { ...photo, account: 'b' },
      { ...photo, account: 'c', phash: 'not-a-hash' },
      { ...photo, account: 'd', crops: 'xyz' },
    ]);
    expect(pairs(edges)).toEqual(['a-b']);
  });
});
