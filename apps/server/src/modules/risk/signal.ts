import type { RiskReasonCode } from '@atrium/contracts';

/** One signal that fired: its reason code and the points it adds to the attempt's score. */
export interface Signal {
  code: RiskReasonCode;
  points: number;
}

/** A signal function answers null when it does not fire. */
export type MaybeSignal = Signal | null;

export const fire = (code: RiskReasonCode, points: number): Signal => ({ code, points });

/**
 * Points for a count over a window: nothing up to `free`, then `perExtra` for each one beyond,
 * at most `max` — a burst weighs more than a repeat, and one signal never decides alone.
 */
export function overBudget(count: number, free: number, perExtra: number, max: number): number {
  return count <= free ? 0 : Math.min(max, (count - free) * perExtra);
}
