import { describe, expect, it } from 'vitest';
import {
  consecutivePhoneEdges,
  hammingDistance,
  jaccard,
  nearDuplicateImageEdges,
  nearDuplicateTextEdges,
  popularImageLimit,
  reciprocalFollowEdges,
  sharedKeyEdges,
  simHash,
  synchronizedActionEdges,
} from './edges.js';

const pairs = (edges: { a: string; b: string }[]) => edges.map((e) => `${e.a}-${e.b}`).sort();

describe('shared keys', () => {
  it('links every pair sharing a device, and nobody alone', () => {
    const edges = sharedKeyEdges('device', [
      { account: 'c', key: 'd1' },
      { account: 'a', key: 'd1' },
      { account: 'b', key: 'd1' },
      { account: 'x', key: 'd2' },
    ]);
    expect(pairs(edges)).toEqual(['a-b', 'a-c', 'b-c']);
    expect(edges.every((e) => e.kind === 'device')).toBe(true);
  });

  it('links a very large group as a star, not quadratically', () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ account: `n${1000 + i}`, key: 'k' }));
    expect(sharedKeyEdges('network', rows, 40)).toHaveLength(99);
  });
});

describe('consecutive phones', () => {
  it('chains numbers of one block within the gap', () => {
    const edges = consecutivePhoneEdges([
      { account: 'a', phone: '+15550100001' },
      { account: 'b', phone: '+15550100002' },
      { account: 'c', phone: '+15550100009' },
      { account: 'd', phone: '+15550100040' }, // 31 further: not consecutive
      { account: 'e', phone: '+447700900123' },
    ]);
    expect(pairs(edges)).toEqual(['a-b', 'b-c']);
    expect(edges.every((e) => e.kind === 'phone_block')).toBe(true);
  });

  it('does not link across blocks or lengths, nor malformed numbers', () => {
    const edges = consecutivePhoneEdges([
      { account: 'a', phone: '+15550109999' },
      { account: 'b', phone: '+15550110000' }, // next number, but the next block
      { account: 'c', phone: '+1555011000' },
      { account: 'd', phone: 'not a number' },
    ]);
    expect(edges).toEqual([]);
  });
});

describe('near-duplicate text', () => {
  const base =
    'Earn money from home today, message me for the secret method that changed my life forever';

  it('gives near-duplicates close SimHashes and different texts distant ones', () => {
    const near = simHash(`${base}!!`.toUpperCase());
    expect(hammingDistance(simHash(base), near)).toBeLessThanOrEqual(3);
    const other = simHash('Our cat learned to open the fridge this morning and ate all the ham');
    expect(hammingDistance(simHash(base), other)).toBeGreaterThan(10);
  });

  it('links authors of near-duplicate notes, not of different ones or short ones', () => {
    const edges = nearDuplicateTextEdges([
      { account: 'a', text: base },
      { account: 'b', text: `${base}.` },
      { account: 'c', text: base.replace('today', 'TODAY!!') },
      { account: 'd', text: 'Walked along the river in Chengdu, the teahouses were full of music' },
      { account: 'e', text: 'hello' },
      { account: 'f', text: 'hello' },
    ]);
    expect(pairs(edges)).toEqual(['a-b', 'a-c', 'b-c']);
  });

  it('does not link an author to themselves', () => {
    expect(
      nearDuplicateTextEdges([
        { account: 'a', text: base },
        { account: 'a', text: base },
      ]),
    ).toEqual([]);
  });
});

describe('synchronized actions', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, 0) + minutes * 60_000);
  const opts = { windowMs: 10 * 60_000, minShared: 3, minJaccard: 0.3, maxActors: 100 };

  it('links accounts acting on the same targets in the same windows', () => {
    const rows = ['t1', 't2', 't3'].flatMap((target, i) => [
      { account: 'a', target, at: at(i * 30) },
      { account: 'b', target, at: at(i * 30 + 2) },
      // c acts on the same targets, but hours later
      { account: 'c', target, at: at(i * 30 + 300) },
    ]);
    expect(pairs(synchronizedActionEdges(rows, opts))).toEqual(['a-b']);
  });

  it('needs the minimum of shared targets', () => {
    const rows = ['t1', 't2'].flatMap((target) => [
      { account: 'a', target, at: at(0) },
      { account: 'b', target, at: at(1) },
    ]);
    expect(synchronizedActionEdges(rows, opts)).toEqual([]);
  });

  it('ignores a moment that is simply popular', () => {
    const rows = ['t1', 't2', 't3'].flatMap((target) =>
      Array.from({ length: 5 }, (_, i) => ({ account: `u${i}`, target, at: at(i) })),
    );
    expect(synchronizedActionEdges(rows, { ...opts, maxActors: 4 })).toEqual([]);
    expect(synchronizedActionEdges(rows, opts)).toHaveLength(10);
  });
});

describe('synchrony as Jaccard of (target, time) actions', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, 0) + minutes * 60_000);

  it('computes the Jaccard similarity from the overlap', () => {
    expect(jaccard(3, 3, 3)).toBe(1);
    expect(jaccard(3, 10, 5)).toBe(0.25);
    expect(jaccard(0, 0, 0)).toBe(0);
  });

  it('links a ring acting together, not a busy liker who shares three trending notes', () => {
    const ring = ['r1', 'r2', 'r3', 'r4'];
    const rows = ring.flatMap((account, i) =>
      ring
        .filter((other) => other !== account)
        .flatMap((other, k) => [
          { account, target: `account:${other}`, at: at(i + k * 0.5) },
          { account, target: `note:${other}`, at: at(i + k * 0.5) },
        ]),
    );
    // the busy liker meets r1 on three of its targets, among forty likes of its own
    for (const [k, target] of ['account:r2', 'account:r3', 'account:r4'].entries())
      rows.push({ account: 'busy', target, at: at(k) });
    for (let k = 0; k < 40; k++) rows.push({ account: 'busy', target: `note:n${k}`, at: at(k) });
    const edges = synchronizedActionEdges(rows);
    expect(edges.every((edge) => ring.includes(edge.a) && ring.includes(edge.b))).toBe(true);
    expect(pairs(edges)).toEqual(['r1-r2', 'r1-r3', 'r1-r4', 'r2-r3', 'r2-r4', 'r3-r4']);
    // with no Jaccard floor the busy liker is linked too
    expect(synchronizedActionEdges(rows, { minJaccard: 0 }).length).toBeGreaterThan(6);
  });
});

describe('reciprocal follows', () => {
  const at = (hours: number) => new Date(Date.UTC(2026, 0, 1) + hours * 3_600_000);

  it('links accounts following each other within a day, once per pair', () => {
    const edges = reciprocalFollowEdges([
      { account: 'a', target: 'account:b', at: at(0) },
      { account: 'b', target: 'account:a', at: at(1) },
      { account: 'c', target: 'account:d', at: at(0) },
      { account: 'd', target: 'account:c', at: at(30) }, // a day and more later
      { account: 'e', target: 'account:a', at: at(0) }, // not followed back
      { account: 'a', target: 'note:e', at: at(0) }, // a like is not a follow
    ]);
    expect(pairs(edges)).toEqual(['a-b']);
    expect(edges[0]!.kind).toBe('reciprocal');
  });
});

describe('near-duplicate images and popularity', () => {
  // 256-bit hashes as the upload pipeline stores them (64 hex digits); a copy flips a few bits
  const hash = (seed: number) =>
    Array.from({ length: 8 }, (_, i) =>
      ((Math.imul(seed * 8 + i + 1, 0x9e3779b1) ^ (seed << 7)) >>> 0).toString(16).padStart(8, '0'),
    ).join('');
  const flip = (hex: string, bits: number) => {
    let out = hex;
    for (let bit = 0; bit < bits; bit++) {
      const at = bit * 3; // distinct nibbles
      out = out.slice(0, at) + (Number.parseInt(out[at]!, 16) ^ 1).toString(16) + out.slice(at + 1);
    }
    return out;
  };
  const row = (account: string, phash: string, crops = '') => ({ account, phash, crops });

  it('links a picture shared by a few accounts, not a popular one', () => {
    const rare = hash(1);
    const viral = hash(2);
    const rows = [
      ...['f1', 'f2', 'f3'].map((account) => row(account, rare)),
      // a dozen bits off: the same picture re-encoded
      row('f4', flip(rare, 12)),
      // far from the whole, but within the distance of one of the uploads' crop variants
      row('f5', hash(3), flip(rare, 20)),
      ...Array.from({ length: 12 }, (_, i) => row(`p${i}`, viral)),
    ];
    const edges = nearDuplicateImageEdges(rows, { maxAccounts: 8 });
    expect(pairs(edges)).toEqual([
      'f1-f2',
      'f1-f3',
      'f1-f4',
      'f1-f5',
      'f2-f3',
      'f2-f4',
      'f2-f5',
      'f3-f4',
      'f3-f5',
      'f4-f5',
    ]);
    // with a higher limit the twelve are one picture's farm
    expect(nearDuplicateImageEdges(rows, { maxAccounts: 20 })).toHaveLength(10 + 66);
    // unrelated hashes (about half their bits apart) link nobody
    expect(nearDuplicateImageEdges([row('x', hash(4)), row('y', hash(5))])).toEqual([]);
  });

  it('sets the limit from the share of young accounts, with a floor', () => {
    expect(popularImageLimit(100)).toBe(8);
    expect(popularImageLimit(100_000)).toBe(500);
    expect(popularImageLimit(10_000, 0.01, 5)).toBe(100);
  });

  it('drops popular text the same way when asked', () => {
    const line = 'Cat tax for today, she has been sleeping on my keyboard all morning';
    const rows = Array.from({ length: 10 }, (_, i) => ({ account: `u${i}`, text: line }));
    expect(nearDuplicateTextEdges(rows, 3, 200, 5)).toEqual([]);
    expect(nearDuplicateTextEdges(rows)).toHaveLength(45);
  });
});
