import type { Decision } from '@atrium/safety';

// Tallies of a policy preview: outcomes per note and counts per region.

export function outcome(decision: Decision) {
  return { action: decision.action, withheldIn: [...decision.withheldIn].sort() };
}

export function countBy(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export function sortedCounts(map: Map<string, number>) {
  return [...map]
    .map(([region, count]) => ({ region, count }))
    .sort((a, b) => b.count - a.count || (a.region < b.region ? -1 : 1));
}
