import type { TrustLevel } from './trust-levels.js';

/**
 * The limits of each trust level (docs/risk.md, "Trust levels"). `null` is no limit. A policy
 * version's `trust.limits` section overrides any of them per level; surge mode tightens level 0.
 */
export interface TrustLimits {
  notesPerHour: number | null;
  linksPerNote: number | null;
  linksPerDay: number | null;
  mentionsPerNote: number | null;
  imagesPerDay: number | null;
  followsPerHour: number | null;
  reportsPerDay: number | null;
  /** Comments on notes of accounts the commenter does not follow. */
  strangerCommentsPerHour: number | null;
}

export type TrustLimitName = keyof TrustLimits;

export const TRUST_LIMIT_NAMES = [
  'notesPerHour',
  'linksPerNote',
  'linksPerDay',
  'mentionsPerNote',
  'imagesPerDay',
  'followsPerHour',
  'reportsPerDay',
  'strangerCommentsPerHour',
] as const satisfies readonly TrustLimitName[];

/** The shipped defaults, by level. */
export const DEFAULT_TRUST_LIMITS: Readonly<Record<TrustLevel, Readonly<TrustLimits>>> = {
  0: {
    notesPerHour: 3,
    linksPerNote: 1,
    linksPerDay: 3,
    mentionsPerNote: 3,
    imagesPerDay: 20,
    followsPerHour: 20,
    reportsPerDay: 5,
    strangerCommentsPerHour: 5,
  },
  1: {
    notesPerHour: 10,
    linksPerNote: 3,
    linksPerDay: 20,
    mentionsPerNote: 10,
    imagesPerDay: 100,
    followsPerHour: 60,
    reportsPerDay: 20,
    strangerCommentsPerHour: 30,
  },
  2: {
    notesPerHour: 30,
    linksPerNote: 10,
    linksPerDay: 100,
    mentionsPerNote: 20,
    imagesPerDay: 300,
    followsPerHour: 200,
    reportsPerDay: 50,
    strangerCommentsPerHour: 100,
  },
  3: {
    notesPerHour: null,
    linksPerNote: null,
    linksPerDay: null,
    mentionsPerNote: null,
    imagesPerDay: null,
    followsPerHour: null,
    reportsPerDay: null,
    strangerCommentsPerHour: null,
  },
};

/** Surge mode multiplies every level-0 limit by this (rounded down, never below 1). */
export const SURGE_LEVEL0_FACTOR = 0.5;

/** A policy's overrides: per level ("0"–"3"), any limit (a number ≥ 0, or null for none). */
export type TrustLimitOverrides = Partial<Record<'0' | '1' | '2' | '3', Partial<TrustLimits>>>;

export interface LimitsOptions {
  /** Surge mode is on (default false): level-0 limits tighten by `SURGE_LEVEL0_FACTOR`. */
  surge?: boolean;
  /** The active policy's `trust.limits` section. */
  overrides?: TrustLimitOverrides;
}

/** The one lookup of a level's limits: defaults, the policy's overrides, then surge. */
export function limitsFor(level: TrustLevel, options: LimitsOptions = {}): TrustLimits {
  const limits: TrustLimits = {
    ...DEFAULT_TRUST_LIMITS[level],
    ...options.overrides?.[String(level) as '0'],
  };
  if (options.surge && level === 0) {
    for (const name of TRUST_LIMIT_NAMES) {
      const value = limits[name];
      if (value !== null && value > 0)
        limits[name] = Math.max(1, Math.floor(value * SURGE_LEVEL0_FACTOR));
    }
  }
  return limits;
}
