import { describe, expect, it } from 'vitest';
import {
  type AutoSurge,
  DEFAULT_SURGE_RULE,
  evaluateSurge,
  QUIET,
  type SurgeRule,
  surgeFactor,
} from './surge-rule.js';

const rule: SurgeRule = DEFAULT_SURGE_RULE; // 5-minute window, floor 30/min, on ×4, off ×2, 10 min
const T0 = Date.parse('2026-01-13T08:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

/** Evaluates every minute from `from`, with `perMinute(m)` sign-ups per minute (window of 5). */
function run(start: AutoSurge, from: number, to: number, perMinute: (m: number) => number) {
  let state = start;
  const trace: boolean[] = [];
  for (let m = from; m < to; m += 1) {
    state = evaluateSurge(state, { count: perMinute(m) * rule.windowMinutes, now: at(m) }, rule);
    trace.push(state.active);
  }
  return { state, trace };
}

describe('the surge rule', () => {
  it('does not flip a quiet instance on a handful of sign-ups (the floor)', () => {
    // a quiet instance: 1 sign-up a minute for a day, then 3 in five minutes, then 25 a minute
    const quiet = run(QUIET, 0, 24 * 60, () => 1).state;
    expect(quiet.active).toBe(false);
    expect(quiet.baseline).toBeGreaterThan(0.9);
    expect(evaluateSurge(quiet, { count: 3, now: at(24 * 60 + 1) }, rule).active).toBe(false);
    // 25 a minute is 25 times the baseline, and still under the floor of 30
    expect(evaluateSurge(quiet, { count: 125, now: at(24 * 60 + 1) }, rule).active).toBe(false);
    expect(evaluateSurge(quiet, { count: 150, now: at(24 * 60 + 1) }, rule).active).toBe(true);
  });

  it('compares a busy instance with its own baseline, not with the floor', () => {
    // 100 a minute for a day: the baseline approaches 100; 300 a minute is busy, not a surge
    const busy = run(QUIET, 0, 24 * 60, () => 100).state;
    expect(busy.active).toBe(false);
    expect(busy.baseline).toBeGreaterThan(95);
    expect(evaluateSurge(busy, { count: 300 * 5, now: at(24 * 60 + 1) }, rule).active).toBe(false);
    expect(evaluateSurge(busy, { count: 400 * 5, now: at(24 * 60 + 1) }, rule).active).toBe(true);
  });

  it('lets the baseline follow a surge only slowly, and relaxes after 10 quiet minutes', () => {
    const calm = run(QUIET, 0, 12 * 60, () => 10).state;
    // a wave of 500 a minute for two days: on throughout, and its baseline barely chases it
    const wave = run(calm, 12 * 60, 60 * 60, () => 500);
    expect(wave.trace.every(Boolean)).toBe(true);
    // the relax threshold (2 × baseline) is still well under the wave's rate
    expect(wave.state.baseline).toBeLessThan(500 / rule.offRatio / 1.5);
    expect(wave.state.baseline).toBeGreaterThan(calm.baseline);
    // the rate falls to 12 a minute: under the relax threshold (max(15, 2 × baseline))
    expect(12).toBeLessThan(Math.max(15, 2 * wave.state.baseline));
    const after = run(wave.state, 60 * 60, 60 * 60 + 15, () => 12);
    // still on for the cool-down (the first 9 minutes after the last high minute), then off
    expect(after.trace.slice(0, 9).every(Boolean)).toBe(true);
    expect(after.trace.slice(10).some(Boolean)).toBe(false);
  });

  it('does not flap while the rate hovers between the two thresholds (hysteresis)', () => {
    const calm = run(QUIET, 0, 12 * 60, () => 10).state;
    const on = evaluateSurge(calm, { count: 60 * 5, now: at(12 * 60) }, rule);
    expect(on.active).toBe(true);
    // 25 a minute: under the on threshold (40), above the relax one (20): stays on
    const hover = run(on, 12 * 60 + 1, 13 * 60, () => 25);
    expect(hover.trace.every(Boolean)).toBe(true);
    // and from off, the same 25 a minute does not turn it on
    expect(run(calm, 12 * 60, 13 * 60, () => 25).trace.some(Boolean)).toBe(false);
  });

  it('counts the time between looks, however irregular', () => {
    const calm = run(QUIET, 0, 60, () => 10).state;
    expect(calm.baseline).toBe(10);
    // one look after a 30-minute gap moves the baseline more than one after a minute
    const gap = evaluateSurge(calm, { count: 0, now: at(90) }, rule);
    const minute = evaluateSurge(calm, { count: 0, now: at(61) }, rule);
    expect(gap.baseline).toBeLessThan(minute.baseline);
    expect(minute.baseline).toBeLessThan(calm.baseline);
  });

  it('scales the factor with the rate over the baseline, between 4 and 16', () => {
    expect(surgeFactor(false, 1_000, 10, rule)).toBe(1);
    expect(surgeFactor(true, 40, 10, rule)).toBe(4);
    expect(surgeFactor(true, 80, 10, rule)).toBe(8);
    expect(surgeFactor(true, 10_000, 10, rule)).toBe(16);
    // staff switched it on at a quiet time: the minimum
    expect(surgeFactor(true, 0, 0, rule)).toBe(4);
  });
});
