import { describe, expect, it } from 'vitest';
import { checkTargets, formatScore, type Outcome, scoreOutcomes } from './score.js';

const outcome = (actor: string, overrides: Partial<Outcome> = {}): Outcome => ({
  actor,
  signup: 'allowed',
  challenges: [],
  restricted: false,
  suspended: false,
  flagged: false,
  ...overrides,
});

describe('scoring outcomes', () => {
  const labels = {
    g1: 'genuine',
    g2: 'genuine',
    g3: 'genuine',
    g4: 'genuine',
    l1: 'longtime',
    f1: 'sms_farm',
    f2: 'sms_farm',
    f3: 'sms_farm',
    b1: 'hosting_bot',
    b2: 'hosting_bot',
  };
  const outcomes = [
    outcome('g1', { challenges: ['pow'], signup: 'challenged' }), // invisible: no friction
    outcome('g2', { challenges: ['pow', 'sms'], signup: 'challenged' }), // friction
    outcome('g3', { flagged: true }), // friction
    outcome('g4'),
    outcome('l1'),
    outcome('f1', { flagged: true }),
    outcome('f2', { restricted: true }),
    outcome('f3'),
    outcome('b1', { signup: 'denied' }),
    outcome('b2', { suspended: true }),
    outcome('stranger', { flagged: true }),
  ];

  it('counts caught abusive actors, friction for genuine ones, and precision over both', async () => {
    const score = await scoreOutcomes(outcomes, labels);
    const byCohort = Object.fromEntries(score.cohorts.map((entry) => [entry.cohort, entry]));
    expect(byCohort.sms_farm).toMatchObject({ actors: 3, caught: 2, flagged: 1, restricted: 1 });
    expect(byCohort.sms_farm!.rate).toBeCloseTo(2 / 3);
    expect(byCohort.hosting_bot).toMatchObject({ actors: 2, caught: 2, denied: 1 });
    expect(byCohort.genuine).toMatchObject({ actors: 4, caught: 2, challenged: 1, flagged: 1 });
    expect(byCohort.longtime).toMatchObject({ actors: 1, caught: 0 });
    expect(score.recall).toBeCloseTo(4 / 5);
    expect(score.precision).toBeCloseTo(4 / 6);
    expect(score.genuineChallenged).toBeCloseTo(1 / 5);
    expect(score.genuineDenied).toBe(0);
    expect(score.unlabelled).toBe(1);
    // genuine cohorts first, then abusive ones by name
    expect(score.cohorts.map((entry) => entry.cohort)).toEqual([
      'genuine',
      'longtime',
      'hosting_bot',
      'sms_farm',
    ]);
  });

  it('counts a genuine newcomer who confirmed a step-up as challenged beyond the proof of work', async () => {
    const stepped = [
      // confirmed: no restriction left, but a second code typed
      outcome('s1', { challenges: ['pow', 'email'], signup: 'challenged' }),
      outcome('s2', { challenges: ['pow', 'sms'], signup: 'challenged' }),
      outcome('s3', { challenges: ['pow'], signup: 'challenged' }),
      outcome('s4'),
    ];
    const score = await scoreOutcomes(stepped, {
      s1: 'genuine',
      s2: 'genuine',
      s3: 'genuine',
      s4: 'genuine',
    });
    expect(score.genuineChallenged).toBeCloseTo(2 / 4);
    expect(score.cohorts[0]).toMatchObject({ challenged: 2, caught: 2, restricted: 0 });
  });

  it('prints a table with the throughput figures and the 5xx count', async () => {
    const table = formatScore(await scoreOutcomes(outcomes, labels), {
      signupsPerSecond: 812.5,
      wallSeconds: 60,
      status: { '201': 10, '500': 2, '503': 1 },
      latency: { phoneStart: { p50: 3.1, p99: 40 } },
    });
    expect(table).toMatch(/sms_farm\s+abusive\s+3\s+2\s+66\.7 %/);
    expect(table).toContain('recall): 80.0 %');
    expect(table).toContain('sign-ups per second: 812.5');
    expect(table).toContain('5xx: 3');
    expect(table).toMatch(/phoneStart\s+p50 3\.1 ms\s+p99 40 ms/);
  });

  it('checks the issue targets: detection, friction, phone sign-ups per second, p99, 5xx', async () => {
    const score = await scoreOutcomes(outcomes, labels);
    const summary = {
      signupsPerSecond: 1500,
      phoneSignupsPerSecond: 1200,
      phoneSignupsCompleted: 600,
      status: { '201': 10, '502': 1 },
      latencyAll: { p50: 4, p99: 80 },
    };
    const checks = Object.fromEntries(checkTargets(score, summary).map((c) => [c.name, c]));
    expect(checks['abusive caught (recall)']).toMatchObject({ value: 0.8, met: false });
    expect(checks['genuine challenged beyond proof of work']).toMatchObject({ met: false });
    expect(checks['genuine denied']).toMatchObject({ value: 0, met: true });
    // phone sign-ups, not all sign-ups, are held to the throughput target
    expect(checks['phone sign-ups per second']).toMatchObject({ value: 1200, met: true });
    expect(checks['p99 per request (ms)']).toMatchObject({ value: 80, met: true });
    expect(checks['5xx answers']).toMatchObject({ value: 1, met: false });
    // without a summary only the detection targets are checked
    expect(checkTargets(score).map((c) => c.name)).toHaveLength(4);
    const table = formatScore(score, summary);
    expect(table).toContain('phone sign-ups: 600 completed, 1200 per second');
    expect(table).toMatch(/NOT MET\s+5xx answers: 1 \(≤ 0\)/);
    expect(table).toMatch(/met\s+p99 per request \(ms\): 80 \(≤ 100\)/);
  });
});
