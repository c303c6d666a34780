/**
 * Trust levels (docs/risk.md, "Trust levels"): 0 for a new account, earned by age and healthy
 * activity, lost by a sanction. Pure: the account's facts in, the level out.
 */

export type TrustLevel = 0 | 1 | 2 | 3;

export const DAY_MS = 24 * 60 * 60 * 1000;

/** What a level asks for: days since the account began (or last lost its trust) and activity. */
export interface LevelThreshold {
  level: 1 | 2 | 3;
  days: number;
  /** Published notes… */
  notes: number;
  /** …and likes received on them (all time: a sanction resets the age, not the counts). */
  likesReceived: number;
}

/** Ascending. An account holds the highest level whose every condition it meets. */
export const LEVEL_THRESHOLDS: readonly LevelThreshold[] = [
  { level: 1, days: 3, notes: 1, likesReceived: 3 },
  { level: 2, days: 30, notes: 10, likesReceived: 50 },
  { level: 3, days: 180, notes: 50, likesReceived: 500 },
];

export interface TrustFacts {
  createdAt: Date;
  /** When the account last lost its trust (a sanction), or null. */
  trustSince: Date | null;
  /** The lowest level kept short of a sanction (accounts older than trust levels: 1). */
  floor: number;
  notesCount: number;
  likesReceived: number;
  postingRestrictedUntil: Date | null;
  suspendedUntil: Date | null;
  bannedAt: Date | null;
}

/** Whether a sanction (or the door's review restriction) is in force: such an account is at 0. */
export function underSanction(facts: TrustFacts, now: number): boolean {
  return (
    facts.bannedAt !== null ||
    (facts.suspendedUntil !== null && facts.suspendedUntil.getTime() > now) ||
    (facts.postingRestrictedUntil !== null && facts.postingRestrictedUntil.getTime() > now)
  );
}

/** The account's trust level at `now`. */
export function computeTrustLevel(facts: TrustFacts, now = Date.now()): TrustLevel {
  if (underSanction(facts, now)) return 0;
  const since = Math.max(facts.createdAt.getTime(), facts.trustSince?.getTime() ?? 0);
  const days = (now - since) / DAY_MS;
  let earned = 0;
  for (const threshold of LEVEL_THRESHOLDS) {
    if (
      days >= threshold.days &&
      facts.notesCount >= threshold.notes &&
      facts.likesReceived >= threshold.likesReceived
    )
      earned = threshold.level;
  }
  return Math.min(3, Math.max(earned, facts.floor, 0)) as TrustLevel;
}

/** What the next level asks for, or null at level 3 (shown to the account holder). */
export function nextThreshold(level: TrustLevel): LevelThreshold | null {
  return LEVEL_THRESHOLDS.find((threshold) => threshold.level > level) ?? null;
}
