import { describe, expect, it } from 'vitest';
import {
  consecutivePhoneEdges,
  hammingDistance,
  nearDuplicateTextEdges,
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
  const opts = { windowMs: 10 * 60_000, minShared: 3, maxActors: 100 };

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
