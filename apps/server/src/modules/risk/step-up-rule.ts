import { THRESHOLDS, type Verdict } from './decision.js';

/**
 * From this score a challenged sign-up, once its proof of work passed, must also confirm a second
 * factor (docs/risk.md, "Step-up"): the top of the challenge band (challenge 30–59, visible from
 * 45), below review (60). A surge lowers the challenge threshold, not this one: a wave meets more
 * invisible proofs of work, not more codes to type.
 */
export const STEP_UP_SCORE = 50;

/** Whether a new account made on this verdict is asked to step up. */
export function asksStepUp(verdict: Pick<Verdict, 'decision' | 'score'>): boolean {
  return (
    verdict.decision === 'challenge' &&
    verdict.score >= STEP_UP_SCORE &&
    verdict.score < THRESHOLDS.review
  );
}
