import { describe, expect, it } from 'vitest';
import {
  AUTO_RESTRICT_SCORE,
  CASE_SCORE,
  findClusters,
  matchCluster,
  scoreCluster,
} from './cluster.js';
import { type Edge, sharedKeyEdges } from './edges.js';

const farm = Array.from({ length: 8 }, (_, i) => `f${10 + i}`);

describe('clustering and scoring', () => {
  it('finds a device-and-text farm as one cluster above the case and restriction scores', () => {
    const edges: Edge[] = [
      ...sharedKeyEdges(
        'device',
        farm.map((account) => ({ account, key: 'dev' })),
      ),
      ...sharedKeyEdges(
        'text',
        farm.map((account) => ({ account, key: 'post' })),
      ),
      // two friends on one home network
      ...sharedKeyEdges('network', [
        { account: 'g1', key: 'home' },
        { account: 'g2', key: 'home' },
      ]),
    ];
    const clusters = findClusters(edges);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.members).toEqual(farm);
    expect(clusters[0]!.edgeCounts).toEqual({ device: 28, text: 28 });
    expect(clusters[0]!.score).toBe(100);
    expect(clusters[0]!.score).toBeGreaterThanOrEqual(AUTO_RESTRICT_SCORE);
  });

  it('scores a household on one network below the case score', () => {
    const members = ['h1', 'h2', 'h3', 'h4'];
    const [cluster] = findClusters(
      sharedKeyEdges(
        'network',
        members.map((account) => ({ account, key: 'net' })),
      ),
    );
    expect(cluster!.score).toBe(20);
    expect(cluster!.score).toBeLessThan(CASE_SCORE);
  });

  it('weighs kinds by the share of members they touch', () => {
    const edges = [
      { a: 'a', b: 'b', kinds: ['device' as const], weight: 3 },
      { a: 'c', b: 'd', kinds: ['network' as const], weight: 1 },
    ];
    // device touches 2 of 4 (1.5), network 2 of 4 (0.5): 2 of 5 → 40
    expect(scoreCluster(['a', 'b', 'c', 'd'], edges)).toBe(40);
    expect(scoreCluster(['a', 'b'], edges)).toBe(0);
  });

  it('splits two farms joined by one weak link into their communities', () => {
    const one = Array.from({ length: 8 }, (_, i) => `p${10 + i}`);
    const two = Array.from({ length: 8 }, (_, i) => `q${10 + i}`);
    const edges: Edge[] = [
      ...sharedKeyEdges(
        'device',
        one.map((account) => ({ account, key: 'd1' })),
      ),
      ...sharedKeyEdges(
        'device',
        two.map((account) => ({ account, key: 'd2' })),
      ),
      { a: 'p10', b: 'q10', kind: 'network' },
    ];
    const clusters = findClusters(edges);
    expect(clusters.map((c) => c.members)).toEqual(expect.arrayContaining([one, two]));
    expect(clusters).toHaveLength(2);
  });

  it('matches a found cluster to the stored one it continues', () => {
    const stored = [
      { id: 'x', members: ['a', 'b', 'c', 'd'] },
      { id: 'y', members: ['e', 'f', 'g'] },
    ];
    expect(matchCluster(['a', 'b', 'c', 'z'], stored)?.id).toBe('x');
    expect(matchCluster(['e', 'q', 'r', 's', 't'], stored)).toBeNull();
  });
});
