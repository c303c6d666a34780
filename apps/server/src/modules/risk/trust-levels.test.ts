import { describe, expect, it } from 'vitest';
import {
  computeTrustLevel,
  DAY_MS,
  LEVEL_THRESHOLDS,
  nextThreshold,
  type TrustFacts,
} from './trust-levels.js';
import { DEFAULT_TRUST_LIMITS, limitsFor, SURGE_LEVEL0_FACTOR } from './trust-limits.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW - days * DAY_MS);

function facts(change: Partial<TrustFacts> = {}): TrustFacts {
  return {
    createdAt: daysAgo(0),
    trustSince: null,
    floor: 0,
    notesCount: 0,
    likesReceived: 0,
    postingRestrictedUntil: null,
    suspendedUntil: null,
    bannedAt: null,
    ...change,
  };
}

describe('trust levels', () => {
  it('starts a new account at level 0', () => {
    expect(computeTrustLevel(facts(), NOW)).toBe(0);
  });

  it('earns level 1 with age and healthy activity, not with one of them alone', () => {
    expect(
      computeTrustLevel(facts({ createdAt: daysAgo(3), notesCount: 1, likesReceived: 3 }), NOW),
    ).toBe(1);
    expect(
      computeTrustLevel(facts({ createdAt: daysAgo(2.9), notesCount: 5, likesReceived: 30 }), NOW),
    ).toBe(0);
    expect(
      computeTrustLevel(facts({ createdAt: daysAgo(100), notesCount: 0, likesReceived: 30 }), NOW),
    ).toBe(0);
    expect(
      computeTrustLevel(facts({ createdAt: daysAgo(100), notesCount: 5, likesReceived: 2 }), NOW),
    ).toBe(0);
  });

  it('earns levels 2 and 3 at their thresholds', () => {
    for (const threshold of LEVEL_THRESHOLDS) {
      const met = facts({
        createdAt: daysAgo(threshold.days),
        notesCount: threshold.notes,
        likesReceived: threshold.likesReceived,
      });
      expect(computeTrustLevel(met, NOW)).toBe(threshold.level);
      expect(computeTrustLevel({ ...met, likesReceived: threshold.likesReceived - 1 }, NOW)).toBe(
        threshold.level - 1,
      );
    }
  });

  it('keeps the floor (accounts older than trust levels are 1) short of a sanction', () => {
    expect(computeTrustLevel(facts({ floor: 1 }), NOW)).toBe(1);
    expect(computeTrustLevel(facts({ floor: 1, postingRestrictedUntil: daysAgo(-1) }), NOW)).toBe(
      0,
    );
  });

  it('drops to 0 under a sanction or the door review restriction, whatever was earned', () => {
    const trusted = facts({ createdAt: daysAgo(400), notesCount: 80, likesReceived: 900 });
    expect(computeTrustLevel(trusted, NOW)).toBe(3);
    expect(computeTrustLevel({ ...trusted, postingRestrictedUntil: daysAgo(-7) }, NOW)).toBe(0);
    expect(computeTrustLevel({ ...trusted, suspendedUntil: daysAgo(-1) }, NOW)).toBe(0);
    expect(computeTrustLevel({ ...trusted, bannedAt: daysAgo(1) }, NOW)).toBe(0);
    // an expired restriction no longer counts
    expect(computeTrustLevel({ ...trusted, postingRestrictedUntil: daysAgo(1) }, NOW)).toBe(3);
  });

  it('counts age from the last sanction: trust is earned again', () => {
    const trusted = facts({ createdAt: daysAgo(400), notesCount: 80, likesReceived: 900 });
    expect(computeTrustLevel({ ...trusted, trustSince: daysAgo(1) }, NOW)).toBe(0);
    expect(computeTrustLevel({ ...trusted, trustSince: daysAgo(31) }, NOW)).toBe(2);
  });

  it('names what the next level asks for', () => {
    expect(nextThreshold(0)).toEqual(LEVEL_THRESHOLDS[0]);
    expect(nextThreshold(2)?.level).toBe(3);
    expect(nextThreshold(3)).toBeNull();
  });
});

describe('limitsFor', () => {
  it('answers the defaults of each level, tighter at lower levels', () => {
    expect(limitsFor(0)).toEqual(DEFAULT_TRUST_LIMITS[0]);
    expect(limitsFor(0).notesPerHour!).toBeLessThan(limitsFor(1).notesPerHour!);
    expect(limitsFor(1).followsPerHour!).toBeLessThan(limitsFor(2).followsPerHour!);
    expect(Object.values(limitsFor(3)).every((value) => value === null)).toBe(true);
  });

  it('applies a policy override per level and per limit', () => {
    const limits = limitsFor(0, { overrides: { '0': { notesPerHour: 1, linksPerNote: null } } });
    expect(limits.notesPerHour).toBe(1);
    expect(limits.linksPerNote).toBeNull();
    expect(limits.followsPerHour).toBe(DEFAULT_TRUST_LIMITS[0].followsPerHour);
    expect(limitsFor(1, { overrides: { '0': { notesPerHour: 1 } } }).notesPerHour).toBe(10);
  });

  it('tightens level 0 only under surge, never below 1, surge off by default', () => {
    const surged = limitsFor(0, { surge: true });
    expect(surged.followsPerHour).toBe(
      Math.floor(DEFAULT_TRUST_LIMITS[0].followsPerHour! * SURGE_LEVEL0_FACTOR),
    );
    expect(surged.linksPerNote).toBe(1); // 1 × 0.5 stays 1
    expect(limitsFor(0)).toEqual(limitsFor(0, { surge: false }));
    expect(limitsFor(1, { surge: true })).toEqual(limitsFor(1));
    expect(
      limitsFor(0, { surge: true, overrides: { '0': { linksPerNote: 0 } } }).linksPerNote,
    ).toBe(0);
  });
});
