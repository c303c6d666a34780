import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { addAccountRow, createTestDatabase } from '../../../test/helper.js';
import { openRiskCase } from '../moderation/risk-cases.js';
import { createDoorGuard, SURGE_PRIORITY } from './door-guard.js';

const attempt = {
  surface: 'signup' as const,
  client: { ip: '73.22.1.5', country: 'US', region: null, userAgent: null },
  retry: false,
};

function guardWith(asn: Promise<{ lookup(ip: string): null }>, asnWaitMs = 50) {
  return createDoorGuard({
    secret: 'test-secret',
    log: pino({ level: 'silent' }),
    asn,
    asnWaitMs,
    cases: { openAccountCase: async () => {} },
  });
}

describe('the door guard fails open', () => {
  it('answers a challenge, with its reason, when the ASN data failed to load', async () => {
    const failed = Promise.reject(new Error('no data'));
    failed.catch(() => {});
    const guard = guardWith(failed);
    const verdict = await guard.assess(attempt);
    expect(verdict.decision).toBe('challenge');
    expect(verdict.reasons.map((reason) => reason.code)).toEqual(['risk_unavailable']);
    expect(guard.failures()).toBe(1);
  });

  it('answers a challenge when the data is not ready in time, and counts it', async () => {
    const guard = guardWith(new Promise(() => {}), 5);
    expect((await guard.assess(attempt)).decision).toBe('challenge');
    expect((await guard.assess(attempt)).decision).toBe('challenge');
    expect(guard.failures()).toBe(2);
  });

  it('scores normally once the data is there', async () => {
    const guard = guardWith(Promise.resolve({ lookup: () => null }));
    const verdict = await guard.assess(attempt);
    // no device, no user agent: scripted, challenged for what it is, not for a failure
    expect(verdict.reasons.map((reason) => reason.code)).toEqual([
      'device_missing',
      'user_agent_missing',
    ]);
    expect(guard.failures()).toBe(0);
  });
});

describe('the door guard during a surge', () => {
  it('puts the review cases it opens first in the queue', async () => {
    const { database, close } = await createTestDatabase();
    try {
      let surging = false;
      const guard = createDoorGuard({
        secret: 'test-secret',
        log: pino({ level: 'silent' }),
        asn: Promise.resolve({ lookup: () => null }),
        cases: { openAccountCase: openRiskCase },
        surgeActive: () => surging,
      });
      const review = {
        decision: 'review' as const,
        score: 66,
        reasons: [{ code: 'device_shared' as const, points: 66 }],
        difficulty: 18,
        evidence: null,
      };
      const calm = await addAccountRow(database.db, 'calm_day');
      const wave = await addAccountRow(database.db, 'wave_day');
      await guard.record(database.db, attempt, review, calm);
      surging = true;
      await guard.record(database.db, attempt, review, wave);
      const cases = await database.db
        .selectFrom('moderation_cases')
        .select(['subject_id', 'priority'])
        .orderBy('priority', 'desc')
        .execute();
      // 66 / 3 = 22 on a calm day; +100 during a surge, above every report's priority
      expect(cases).toEqual([
        { subject_id: wave, priority: 22 + SURGE_PRIORITY },
        { subject_id: calm, priority: 22 },
      ]);
    } finally {
      await close();
    }
  });
});
