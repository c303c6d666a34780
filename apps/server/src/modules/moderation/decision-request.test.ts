import { describe, expect, it } from 'vitest';
import { decisionRequestProblem, decisionTargetProblem } from './decision-request.js';

const reasonCode = 'policy.spam';

describe('a decision request', () => {
  it('is complete with what its decision and account action need', () => {
    expect(decisionRequestProblem({ decision: 'approve', reasonCode })).toBeNull();
    expect(
      decisionRequestProblem({ decision: 'withhold', regions: ['CN'], reasonCode }),
    ).toBeNull();
    expect(
      decisionRequestProblem({
        decision: 'approve',
        reasonCode,
        accountAction: { type: 'suspend', days: 7 },
      }),
    ).toBeNull();
    expect(
      decisionRequestProblem({ decision: 'approve', reasonCode, accountAction: { type: 'ban' } }),
    ).toBeNull();
  });

  it('needs regions to withhold', () => {
    const problem = decisionRequestProblem({ decision: 'withhold', reasonCode });
    expect(problem).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      extra: { fields: [{ field: '/body/regions', message: 'required for withhold' }] },
    });
    expect(decisionRequestProblem({ decision: 'withhold', regions: [], reasonCode })?.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('needs a number of days to restrict or suspend', () => {
    for (const type of ['restrict', 'suspend'] as const) {
      const problem = decisionRequestProblem({
        decision: 'approve',
        reasonCode,
        accountAction: { type },
      });
      expect(problem).toMatchObject({
        code: 'VALIDATION_FAILED',
        extra: { fields: [{ field: '/body/accountAction/days' }] },
      });
    }
  });

  it('only approves the content of an account case', () => {
    expect(decisionTargetProblem('account', { decision: 'approve', reasonCode })).toBeNull();
    expect(decisionTargetProblem('note', { decision: 'remove', reasonCode })).toBeNull();
    expect(decisionTargetProblem('account', { decision: 'remove', reasonCode })).toMatchObject({
      code: 'VALIDATION_FAILED',
      extra: { fields: [{ field: '/body/decision', message: 'approve for account cases' }] },
    });
  });
});
