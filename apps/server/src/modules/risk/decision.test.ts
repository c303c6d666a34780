import { describe, expect, it } from 'vitest';
import { decide, failOpenVerdict, MAX_DIFFICULTY, MIN_DIFFICULTY } from './decision.js';
import { fire } from './signal.js';

describe('decide', () => {
  it('maps scores to the four decisions at the documented thresholds', () => {
    expect(decide([]).decision).toBe('allow');
    expect(decide([fire('device_missing', 29)]).decision).toBe('allow');
    expect(decide([fire('device_missing', 30)]).decision).toBe('challenge');
    expect(decide([fire('device_missing', 30), fire('hosting_network', 30)]).decision).toBe(
      'review',
    );
    expect(decide([fire('device_missing', 60), fire('hosting_network', 30)]).decision).toBe('deny');
  });

  it('scales the proof of work with the score and the surge, within bounds', () => {
    expect(decide([fire('device_missing', 30)]).difficulty).toBe(MIN_DIFFICULTY);
    expect(decide([fire('device_missing', 55)]).difficulty).toBe(MIN_DIFFICULTY + 2);
    expect(decide([fire('device_missing', 55)]).visible).toBe(true);
    expect(decide([fire('device_missing', 35)]).visible).toBe(false);
    const surge = decide([fire('device_missing', 55)], { surgeFactor: 64, trustLevel: null });
    expect(surge.difficulty).toBe(MAX_DIFFICULTY);
    expect(decide([fire('device_missing', 10)]).difficulty).toBe(0);
  });

  it('challenges sooner in a surge, but denies no sooner', () => {
    const reasons = [fire('device_missing', 20)];
    expect(decide(reasons).decision).toBe('allow');
    expect(decide(reasons, { surgeFactor: 2, trustLevel: null }).decision).toBe('challenge');
    const severe = [fire('device_missing', 85)];
    expect(decide(severe, { surgeFactor: 8, trustLevel: null }).decision).toBe('review');
  });

  it('discounts established trust levels', () => {
    const reasons = [fire('hosting_network', 35)];
    expect(decide(reasons, { surgeFactor: 1, trustLevel: 1 }).decision).toBe('challenge');
    expect(decide(reasons, { surgeFactor: 1, trustLevel: 2 }).decision).toBe('allow');
  });

  it('fails open to a challenge with its own reason', () => {
    const verdict = failOpenVerdict();
    expect(verdict.decision).toBe('challenge');
    expect(verdict.reasons.map((reason) => reason.code)).toEqual(['risk_unavailable']);
  });
});
