/**
 * Surge mode's automatic rule, a pure function over counts and time (docs/risk.md, "Surge mode").
 *
 * - `rate`: sign-up attempts per minute over the last `windowMinutes` (5).
 * - `baseline`: an exponentially weighted moving average of that rate with a time constant of
 *   `baselineMinutes` (6 hours) while surge is off, and of `surgeBaselineMinutes` (7 days) while
 *   it is on — a two-day wave must not become its own baseline, but a lasting new level of
 *   traffic eventually does. The first evaluation ever takes the rate it sees as the baseline.
 * - On when the rate reaches `max(floorPerMinute, onRatio × baseline)`: the floor keeps a quiet
 *   instance from flipping on a handful of sign-ups.
 * - Off (hysteresis) only once the rate has stayed below `max(floorPerMinute / 2, offRatio ×
 *   baseline)` for `coolDownMinutes` (10) in a row.
 * - The factor the door applies while on: the rate over the baseline (the floor standing in for a
 *   baseline below it), between `minFactor` (4: two more bits of proof of work, the challenge
 *   threshold halved) and `maxFactor` (16).
 */
export interface SurgeRule {
  windowMinutes: number;
  baselineMinutes: number;
  surgeBaselineMinutes: number;
  floorPerMinute: number;
  onRatio: number;
  offRatio: number;
  coolDownMinutes: number;
  minFactor: number;
  maxFactor: number;
}

export const DEFAULT_SURGE_RULE: SurgeRule = {
  windowMinutes: 5,
  baselineMinutes: 6 * 60,
  surgeBaselineMinutes: 7 * 24 * 60,
  floorPerMinute: 30,
  onRatio: 4,
  offRatio: 2,
  coolDownMinutes: 10,
  minFactor: 4,
  maxFactor: 16,
};

export interface AutoSurge {
  active: boolean;
  /** Per minute. */
  rate: number;
  baseline: number;
  /** The last evaluation at which the rate was at or above the relax threshold. */
  lastHighAt: Date | null;
  evaluatedAt: Date | null;
}

export const QUIET: AutoSurge = {
  active: false,
  rate: 0,
  baseline: 0,
  lastHighAt: null,
  evaluatedAt: null,
};

export const onThreshold = (rule: SurgeRule, baseline: number) =>
  Math.max(rule.floorPerMinute, rule.onRatio * baseline);
export const offThreshold = (rule: SurgeRule, baseline: number) =>
  Math.max(rule.floorPerMinute / 2, rule.offRatio * baseline);

const MINUTE = 60_000;

/** The next automatic state from the previous one and the attempts counted in the window. */
export function evaluateSurge(
  previous: AutoSurge,
  observation: { count: number; now: Date },
  rule: SurgeRule = DEFAULT_SURGE_RULE,
): AutoSurge {
  const { now } = observation;
  const rate = Math.max(0, observation.count) / rule.windowMinutes;
  let baseline = rate;
  if (previous.evaluatedAt !== null) {
    const minutes = Math.max(0, (now.getTime() - previous.evaluatedAt.getTime()) / MINUTE);
    const tau = previous.active ? rule.surgeBaselineMinutes : rule.baselineMinutes;
    baseline = previous.baseline + (rate - previous.baseline) * (1 - Math.exp(-minutes / tau));
  }
  // judged against the baseline before this observation: a burst does not raise its own bar
  const reference = previous.evaluatedAt === null ? baseline : previous.baseline;
  const high = rate >= offThreshold(rule, reference);
  const lastHighAt = high ? now : previous.lastHighAt;
  let active: boolean;
  if (!previous.active) {
    active = rate >= onThreshold(rule, reference);
  } else {
    const quietFor =
      lastHighAt === null ? Number.POSITIVE_INFINITY : now.getTime() - lastHighAt.getTime();
    active = quietFor < rule.coolDownMinutes * MINUTE;
  }
  return { active, rate, baseline, lastHighAt, evaluatedAt: now };
}

/** The factor the door applies: 1 when not active. */
export function surgeFactor(active: boolean, rate: number, baseline: number, rule: SurgeRule) {
  if (!active) return 1;
  const ratio = rate / Math.max(baseline, rule.floorPerMinute / rule.onRatio);
  return Math.min(rule.maxFactor, Math.max(rule.minFactor, ratio));
}
