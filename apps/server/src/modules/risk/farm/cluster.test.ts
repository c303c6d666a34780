import { describe, expect, it } from 'vitest';
import {
  AUTO_RESTRICT_SCORE,
  autoRestricts,
  autoRestrictTargets,
  buildGraph,
  CASE_SCORE,
  clusterAnchor,
  coreMembers,
  findClusters,
  matchCluster,
  mergeFragments,
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

  it('joins a fragment Louvain cut off to the community it is most linked to', () => {
    const edges: Edge[] = [
      ...sharedKeyEdges(
        'device',
        ['a1', 'a2', 'a3', 'a4'].map((account) => ({ account, key: 'd1' })),
      ),
      ...sharedKeyEdges(
        'device',
        ['b1', 'b2', 'b3'].map((account) => ({ account, key: 'd2' })),
      ),
      // the fragment: a pair on consecutive numbers, linked to a4 by numbers and a network, to b1
      // by a network only
      { a: 'x1', b: 'x2', kind: 'phone_block' },
      { a: 'a4', b: 'x1', kind: 'phone_block' },
      { a: 'a4', b: 'x1', kind: 'network' },
      { a: 'b1', b: 'x2', kind: 'network' },
    ];
    const graph = buildGraph(edges);
    const merged = mergeFragments(graph, [
      ['a1', 'a2', 'a3', 'a4'],
      ['b1', 'b2', 'b3'],
      ['x1', 'x2'],
    ]);
    expect(merged).toEqual([
      ['a1', 'a2', 'a3', 'a4', 'x1', 'x2'],
      ['b1', 'b2', 'b3'],
    ]);
    // a fragment linked to nothing else stays as it is (and is no cluster)
    expect(mergeFragments(graph, [['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3'], ['z1']])).toEqual([
      ['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3'],
      ['z1'],
    ]);
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

describe('the automatic restriction needs two kinds of evidence', () => {
  const members = ['m1', 'm2', 'm3', 'm4'];
  const all = (kind: Edge['kind']) =>
    sharedKeyEdges(
      kind,
      members.map((account) => ({ account, key: 'k' })),
    );

  it('restricts a cluster backed by two kinds over half its members', () => {
    const [cluster] = findClusters([...all('text'), ...all('network')]);
    expect(cluster!.score).toBe(60);
    expect(autoRestricts(cluster!)).toBe(true);
  });

  it('does not restrict on one kind of evidence however strong, but one shared device', () => {
    const [sync] = findClusters(all('sync'));
    expect(sync!.score).toBe(AUTO_RESTRICT_SCORE);
    expect(autoRestricts(sync!)).toBe(false);
    const [device] = findClusters(all('device'));
    expect(autoRestricts(device!)).toBe(true);
  });

  it('does not count a kind that touches less than half the members', () => {
    const six = ['s1', 's2', 's3', 's4', 's5', 's6'];
    const sync = sharedKeyEdges(
      'sync',
      six.map((account) => ({ account, key: 'k' })),
    );
    const pairOf = (a: string, b: string) =>
      sharedKeyEdges('network', [
        { account: a, key: 'n' },
        { account: b, key: 'n' },
      ]);
    // a shared network on two of six: a third of the members
    const [thin] = findClusters([...sync, ...pairOf('s1', 's2')]);
    expect(thin!.score).toBeGreaterThanOrEqual(AUTO_RESTRICT_SCORE);
    expect(autoRestricts(thin!)).toBe(false);
    // s1–s2 and s2–s3: half the members
    const [half] = findClusters([...sync, ...pairOf('s1', 's2'), ...pairOf('s2', 's3')]);
    expect(autoRestricts(half!)).toBe(true);
    expect(autoRestricts(half!, 101)).toBe(false);
  });

  it('restricts only the core: members carrying two kinds, not newcomers on one weak link', () => {
    const ring = ['r1', 'r2', 'r3', 'r4', 'r5'];
    const byKey = (kind: Edge['kind'], accounts: string[]) =>
      sharedKeyEdges(
        kind,
        accounts.map((account) => ({ account, key: kind })),
      );
    // each of six newcomers wrote a line like one ring member's (one text edge each)
    const newcomers = Array.from({ length: 6 }, (_, i) => `n${i}`);
    const edges: Edge[] = [
      ...byKey('sync', ring),
      ...byKey('reciprocal', ring),
      ...newcomers.map((n, i) => ({ a: n, b: ring[i % ring.length]!, kind: 'text' as const })),
    ];
    const [cluster] = findClusters(edges);
    expect(cluster!.members).toHaveLength(11);
    expect(coreMembers(cluster!.members, cluster!.edges)).toEqual(ring);
    // scored on its core (80), not diluted by the newcomers
    expect(cluster!.score).toBe(80);
    expect(autoRestrictTargets(cluster!)).toEqual(ring);
  });
});

describe('the member a cluster case is about', () => {
  const byKey = (kind: Edge['kind'], accounts: string[], key: string = kind) =>
    sharedKeyEdges(
      kind,
      accounts.map((account) => ({ account, key })),
    );

  it('is a core member even when a newcomer on one weak link sorts first', () => {
    const farm = ['f1', 'f2', 'f3', 'f4'];
    // "a0" sorts before every farm member and shares only the farm's /24 with f2
    const edges: Edge[] = [...byKey('device', farm), ...byKey('network', ['a0', 'f2'], 'net')];
    const [cluster] = findClusters(edges);
    expect(cluster!.members[0]).toBe('a0');
    expect(cluster!.score).toBeGreaterThanOrEqual(CASE_SCORE);
    const anchor = clusterAnchor(cluster!);
    expect(coreMembers(cluster!.members, cluster!.edges)).toContain(anchor);
    expect(anchor).not.toBe('a0');
    expect(autoRestrictTargets(cluster!)).not.toContain('a0');
  });

  it('is the core member with the most kinds of evidence, then the heaviest links', () => {
    const ring = ['r1', 'r2', 'r3', 'r4'];
    // r3 alone also shares the device with r4 and a run of numbers with r2
    const edges: Edge[] = [
      ...byKey('sync', ring),
      { a: 'r3', b: 'r4', kind: 'device' },
      { a: 'r2', b: 'r3', kind: 'phone_block' },
      // a newcomer who wrote one line like r1's
      { a: 'a0', b: 'r1', kind: 'text' },
    ];
    const [cluster] = findClusters(edges);
    expect(clusterAnchor(cluster!)).toBe('r3');
    // a ring linked by synchrony alone has no core: the heaviest links, then the smallest id
    const [plain] = findClusters([
      ...byKey('sync', ring),
      { a: 'r2', b: 'r4', kind: 'reciprocal' },
      { a: 'a0', b: 'r1', kind: 'sync' },
    ]);
    expect(coreMembers(plain!.members, plain!.edges)).toEqual(['r2', 'r4']);
    expect(clusterAnchor(plain!)).toBe('r2');
    const [bare] = findClusters(byKey('sync', ['r5', 'r6', 'r7']));
    expect(coreMembers(bare!.members, bare!.edges)).toEqual([]);
    expect(clusterAnchor(bare!)).toBe('r5');
  });

  it('is the same member whichever order the edges come in', () => {
    const farm = ['f1', 'f2', 'f3', 'f4', 'f5'];
    const edges: Edge[] = [
      ...byKey('device', farm),
      ...byKey('text', ['f2', 'f3', 'f4']),
      ...byKey('network', ['a0', 'f1'], 'net'),
    ];
    const first = clusterAnchor(findClusters(edges)[0]!);
    const again = clusterAnchor(findClusters([...edges].reverse())[0]!);
    expect(first).toBe(again);
    expect(['f2', 'f3', 'f4']).toContain(first);
  });
});
