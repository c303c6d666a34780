import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { connectedComponents } from 'graphology-components';
import { EDGE_WEIGHTS, type Edge, type EdgeKind, edgeKinds, getOrAdd } from './edges.js';

// the package is CommonJS with ES module typings: its default import is the function itself
const louvain = louvainModule as unknown as typeof louvainModule.default;

interface PairAttributes {
  kinds: EdgeKind[];
  weight: number;
}
type Graph = UndirectedGraph<Record<string, never>, PairAttributes>;

// Clustering the graph of young accounts and scoring each cluster (docs/risk.md).

/** A cluster at or above this score opens a case. */
export const CASE_SCORE = 60;
/**
 * A cluster at or above this score, backed by two kinds of evidence (`autoRestricts`), has its
 * level-0 members restricted automatically. Policy: `farm.autoRestrictScore`.
 */
export const AUTO_RESTRICT_SCORE = 60;
/** A kind of evidence counts for `autoRestricts` when it touches at least this share of members. */
export const EVIDENCE_SHARE = 0.5;
/** Fewer members than this is not a farm (two friends on one tablet). */
export const MIN_CLUSTER_SIZE = 3;
/** Components larger than this are split into communities (Louvain). */
export const SPLIT_ABOVE = 12;

export interface ClusterEdge {
  a: string;
  b: string;
  kinds: EdgeKind[];
  weight: number;
}

export interface ScoredCluster {
  members: string[];
  edges: ClusterEdge[];
  edgeCounts: Partial<Record<EdgeKind, number>>;
  score: number;
}

/** One weighted edge per pair: the weights of the distinct kinds linking it, summed. */
export function buildGraph(edges: readonly Edge[]): Graph {
  const graph: Graph = new UndirectedGraph();
  for (const edge of edges) {
    if (edge.a === edge.b) continue;
    graph.mergeNode(edge.a);
    graph.mergeNode(edge.b);
    const existing = graph.edge(edge.a, edge.b);
    if (existing === undefined) {
      graph.addEdge(edge.a, edge.b, { kinds: [edge.kind], weight: EDGE_WEIGHTS[edge.kind] });
    } else {
      const kinds = graph.getEdgeAttribute(existing, 'kinds');
      if (kinds.includes(edge.kind)) continue;
      graph.setEdgeAttribute(existing, 'kinds', [...kinds, edge.kind]);
      graph.setEdgeAttribute(
        existing,
        'weight',
        graph.getEdgeAttribute(existing, 'weight') + EDGE_WEIGHTS[edge.kind],
      );
    }
  }
  return graph;
}

/** A seeded generator: Louvain's visiting order, and so the clusters, are the same every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Connected components; a large one is split into its Louvain communities. */
export function communities(graph: Graph): string[][] {
  const groups: string[][] = [];
  for (const component of connectedComponents(graph)) {
    if (component.length <= SPLIT_ABOVE) {
      groups.push(component);
      continue;
    }
    const sub = graph.copy();
    const keep = new Set(component);
    for (const node of graph.nodes()) if (!keep.has(node)) sub.dropNode(node);
    const assignment = louvain(sub, { getEdgeWeight: 'weight', rng: seeded(17) });
    const byCommunity = new Map<number, string[]>();
    for (const [node, community] of Object.entries(assignment)) {
      getOrAdd(byCommunity, community, () => [] as string[]).push(node);
    }
    groups.push(...mergeFragments(sub, [...byCommunity.values()]));
  }
  return groups.map((group) => [...group].sort());
}

/**
 * Louvain may cut a fragment smaller than MIN_CLUSTER_SIZE off a large component (the two ends
 * of a chain of consecutive numbers, say), and a fragment that small is never a cluster: its
 * members would drop out of the farm they are linked to. Each such fragment joins the community
 * it is most heavily linked to (the sum of the weights of its edges there; ties: the community
 * with the smallest member id). Smallest fragments first, in a fixed order, so the same graph
 * gives the same clusters. A fragment with no link to another community stays as it is.
 */
export function mergeFragments(graph: Graph, groups: readonly string[][]): string[][] {
  const result = groups.map((group) => [...group].sort());
  const owner = new Map<string, number>();
  result.forEach((group, index) => {
    for (const node of group) owner.set(node, index);
  });
  const order = result
    .map((group, index) => ({ index, size: group.length, first: group[0] ?? '' }))
    .filter((entry) => entry.size > 0 && entry.size < MIN_CLUSTER_SIZE)
    .sort((p, q) => p.size - q.size || (p.first < q.first ? -1 : p.first > q.first ? 1 : 0));
  for (const { index } of order) {
    const fragment = result[index]!;
    if (fragment.length === 0 || fragment.length >= MIN_CLUSTER_SIZE) continue;
    const weightTo = new Map<number, number>();
    for (const node of fragment) {
      if (!graph.hasNode(node)) continue;
      graph.forEachEdge(node, (_, attributes, a, b) => {
        const other = owner.get(a === node ? b : a);
        if (other === undefined || other === index) return;
        weightTo.set(other, (weightTo.get(other) ?? 0) + attributes.weight);
      });
    }
    let best: number | null = null;
    for (const [other, weight] of weightTo) {
      if (best === null) {
        best = other;
        continue;
      }
      const bestWeight = weightTo.get(best)!;
      if (weight > bestWeight || (weight === bestWeight && result[other]![0]! < result[best]![0]!))
        best = other;
    }
    if (best === null) continue;
    result[best]!.push(...fragment);
    result[best]!.sort();
    for (const node of fragment) owner.set(node, best);
    result[index] = [];
  }
  return result.filter((group) => group.length > 0);
}

/**
 * A cluster's score, 0–100: for each kind, the weight of the kind times the share of members
 * with at least one link of that kind inside the cluster, summed and scaled so that a sum of 5
 * is 100 (CASE_SCORE 60 is a sum of 3: one shared device across the whole cluster, or a shared
 * network with near-duplicate notes). Smaller than MIN_CLUSTER_SIZE: 0.
 */
export function scoreCluster(members: readonly string[], edges: readonly ClusterEdge[]): number {
  if (members.length < MIN_CLUSTER_SIZE) return 0;
  let sum = 0;
  for (const kind of edgeKinds) {
    const touched = new Set<string>();
    for (const edge of edges)
      if (edge.kinds.includes(kind)) {
        touched.add(edge.a);
        touched.add(edge.b);
      }
    sum += EDGE_WEIGHTS[kind] * (touched.size / members.length);
  }
  return Math.min(100, Math.round((sum / 5) * 100));
}

/** Each kind's share of members touched by an edge of that kind inside the cluster. */
export function kindShares(
  members: readonly string[],
  edges: readonly ClusterEdge[],
): Partial<Record<EdgeKind, number>> {
  const shares: Partial<Record<EdgeKind, number>> = {};
  if (!members.length) return shares;
  for (const kind of edgeKinds) {
    const touched = new Set<string>();
    for (const edge of edges)
      if (edge.kinds.includes(kind)) {
        touched.add(edge.a);
        touched.add(edge.b);
      }
    if (touched.size) shares[kind] = touched.size / members.length;
  }
  return shares;
}

/** Kinds that stand alone for one member: a device or a run of numbers shared with others. */
export const STANDALONE_KINDS: ReadonlySet<EdgeKind> = new Set(['device', 'phone_block']);

/**
 * The cluster's core: members that themselves carry two kinds of evidence inside the cluster,
 * or a standalone kind (`STANDALONE_KINDS`). A newcomer hanging on by one weak link (a line of
 * text like a farm's, one shared network) is in the cluster, not in its core.
 */
export function coreMembers(members: readonly string[], edges: readonly ClusterEdge[]): string[] {
  const kindsOf = new Map<string, Set<EdgeKind>>();
  for (const edge of edges)
    for (const member of [edge.a, edge.b]) {
      const kinds = getOrAdd(kindsOf, member, () => new Set<EdgeKind>());
      for (const kind of edge.kinds) kinds.add(kind);
    }
  return members.filter((member) => {
    const kinds = kindsOf.get(member);
    if (!kinds) return false;
    return kinds.size >= 2 || [...kinds].some((kind) => STANDALONE_KINDS.has(kind));
  });
}

/** The edges with both ends among `members`. */
function edgesWithin(members: readonly string[], edges: readonly ClusterEdge[]): ClusterEdge[] {
  const inside = new Set(members);
  return edges.filter((edge) => inside.has(edge.a) && inside.has(edge.b));
}

/**
 * The members restricted without waiting for a moderator (none: an empty list). The cluster's
 * core (`coreMembers`) must score at least `minScore` on its own edges and more than one kind of
 * evidence must stand behind it — two kinds, each touching at least half of the core (a shared
 * /24 with one popular picture is two weak coincidences, but a popular picture links nobody,
 * see `nearDuplicateImageEdges`). The one kind that stands alone for a whole core is a device
 * shared by every member: one physical phone or browser behind three or more new accounts of a
 * fortnight. Only the core is restricted: members hanging on by one weak link are left to the
 * moderator reading the case.
 */
export function autoRestrictTargets(
  cluster: Pick<ScoredCluster, 'members' | 'edges'>,
  minScore = AUTO_RESTRICT_SCORE,
): string[] {
  const core = coreMembers(cluster.members, cluster.edges);
  if (core.length < MIN_CLUSTER_SIZE) return [];
  const edges = edgesWithin(core, cluster.edges);
  if (scoreCluster(core, edges) < minScore) return [];
  const shares = kindShares(core, edges);
  if ((shares.device ?? 0) >= 1) return core;
  const kinds = edgeKinds.filter((kind) => (shares[kind] ?? 0) >= EVIDENCE_SHARE).length;
  return kinds >= 2 ? core : [];
}

/** Whether any member of the cluster is restricted automatically (`autoRestrictTargets`). */
export function autoRestricts(
  cluster: Pick<ScoredCluster, 'members' | 'edges'>,
  minScore = AUTO_RESTRICT_SCORE,
): boolean {
  return autoRestrictTargets(cluster, minScore).length > 0;
}

/**
 * The member the cluster's case is about (its subject in the queue, and so the account the case
 * flags): the core member (`coreMembers`) carrying the most kinds of evidence inside the core,
 * then the heaviest links inside it, then the smallest id (the same anchor every run). Never a
 * newcomer hanging on by one weak link: sorting by id alone made the oldest member the subject,
 * and the oldest member is as likely a genuine newcomer on the farm's network as the farm. A
 * cluster without a core (a ring linked only by synchrony) ranks all its members the same way.
 */
export function clusterAnchor(cluster: Pick<ScoredCluster, 'members' | 'edges'>): string {
  const core = coreMembers(cluster.members, cluster.edges);
  const pool = core.length ? core : [...cluster.members];
  const edges = edgesWithin(pool, cluster.edges);
  const kinds = new Map<string, Set<EdgeKind>>();
  const weight = new Map<string, number>();
  for (const edge of edges)
    for (const member of [edge.a, edge.b]) {
      const mine = getOrAdd(kinds, member, () => new Set<EdgeKind>());
      for (const kind of edge.kinds) mine.add(kind);
      weight.set(member, (weight.get(member) ?? 0) + edge.weight);
    }
  const ranked = [...pool].sort(
    (p, q) =>
      (kinds.get(q)?.size ?? 0) - (kinds.get(p)?.size ?? 0) ||
      (weight.get(q) ?? 0) - (weight.get(p) ?? 0) ||
      (p < q ? -1 : p > q ? 1 : 0),
  );
  const anchor = ranked[0];
  if (anchor === undefined) throw new Error('a cluster has members');
  return anchor;
}

/** Builds, clusters and scores: every cluster of at least MIN_CLUSTER_SIZE, best first. */
export function findClusters(edges: readonly Edge[]): ScoredCluster[] {
  const graph = buildGraph(edges);
  const clusters: ScoredCluster[] = [];
  for (const members of communities(graph)) {
    if (members.length < MIN_CLUSTER_SIZE) continue;
    const inside = new Set(members);
    const clusterEdges: ClusterEdge[] = [];
    const edgeCounts: Partial<Record<EdgeKind, number>> = {};
    graph.forEachEdge((_, attributes, a, b) => {
      if (!inside.has(a) || !inside.has(b)) return;
      const kinds = [...attributes.kinds].sort();
      const [x, y] = a < b ? [a, b] : [b, a];
      clusterEdges.push({ a: x, b: y, kinds, weight: attributes.weight });
      for (const kind of kinds) edgeCounts[kind] = (edgeCounts[kind] ?? 0) + 1;
    });
    clusterEdges.sort((p, q) => (p.a === q.a ? (p.b < q.b ? -1 : 1) : p.a < q.a ? -1 : 1));
    clusters.push({
      members,
      edges: clusterEdges,
      edgeCounts,
      // the whole cluster or its core, whichever scores higher: newcomers hanging on by one
      // weak link do not dilute a farm below the case score
      score: Math.max(
        scoreCluster(members, clusterEdges),
        scoreCluster(
          coreMembers(members, clusterEdges),
          edgesWithin(coreMembers(members, clusterEdges), clusterEdges),
        ),
      ),
    });
  }
  return clusters.sort((p, q) => q.score - p.score || q.members.length - p.members.length);
}

/**
 * Which stored cluster a found one continues: the one sharing the most members, if they share
 * at least half of the smaller of the two. Null: a new cluster.
 */
export function matchCluster<T extends { id: string; members: readonly string[] }>(
  members: readonly string[],
  stored: readonly T[],
): T | null {
  let best: T | null = null;
  let bestOverlap = 0;
  const mine = new Set(members);
  for (const candidate of stored) {
    const overlap = candidate.members.filter((member) => mine.has(member)).length;
    const needed = Math.ceil(Math.min(members.length, candidate.members.length) / 2);
    if (overlap >= needed && overlap > bestOverlap) {
      best = candidate;
      bestOverlap = overlap;
    }
  }
  return best;
}
