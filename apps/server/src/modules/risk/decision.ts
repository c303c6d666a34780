import type { RiskDecision } from '@atrium/contracts';
import type { Signal } from './signal.js';

/**
 * What a decision depends on besides the signals — the places later work plugs in:
 * - `surgeFactor` ≥ 1: how far sign-ups run above their baseline (surge mode). Above 1 the door
 *   challenges sooner and harder; it never denies sooner (stricter, not closed).
 * - `trustLevel`: the account's level when one is known (login, first actions); level 2 and up
 *   take 10 points off per level above 1 — established accounts keep their friction low.
 */
export interface RiskContext {
  surgeFactor: number;
  trustLevel: number | null;
}

export const NORMAL_CONTEXT: RiskContext = { surgeFactor: 1, trustLevel: null };

/** Score thresholds: below `challenge` allow, then challenge, review, deny (docs/risk.md). */
export const THRESHOLDS = { challenge: 30, review: 60, deny: 90 } as const;
/** From this score the challenge is shown to the person (the web app says it is checking). */
export const VISIBLE_CHALLENGE_AT = 45;
export const MIN_DIFFICULTY = 16;
export const MAX_DIFFICULTY = 22;

export interface Verdict {
  decision: RiskDecision;
  score: number;
  reasons: Signal[];
  /** Leading zero bits of the proof of work to ask for (challenge and review, else 0). */
  difficulty: number;
  visible: boolean;
}

/** The sum of the signals' points, less the trust discount, never below 0. */
export function scoreOf(reasons: readonly Signal[], context: RiskContext): number {
  const raw = reasons.reduce((total, reason) => total + reason.points, 0);
  const discount = context.trustLevel && context.trustLevel > 1 ? 10 * (context.trustLevel - 1) : 0;
  return Math.max(0, raw - discount);
}

/**
 * Maps a score to a decision. A challenge costs 2^difficulty hashes: 16 bits at the threshold
 * (well under a second in a browser), one more bit per 10 points, one more per doubling of the
 * surge factor, at most 22.
 */
export function decide(reasons: Signal[], context: RiskContext = NORMAL_CONTEXT): Verdict {
  const score = scoreOf(reasons, context);
  const surgeBits = Math.max(0, Math.floor(Math.log2(Math.max(1, context.surgeFactor))));
  // a surge lowers the challenge threshold (at most to half), not the others
  const challengeAt = Math.max(
    THRESHOLDS.challenge / 2,
    THRESHOLDS.challenge / Math.max(1, context.surgeFactor),
  );
  const decision: RiskDecision =
    score >= THRESHOLDS.deny
      ? 'deny'
      : score >= THRESHOLDS.review
        ? 'review'
        : score >= challengeAt
          ? 'challenge'
          : 'allow';
  // review carries one too: where nothing is created yet (a code request), review challenges
  const difficulty =
    decision === 'challenge' || decision === 'review'
      ? Math.min(
          MAX_DIFFICULTY,
          MIN_DIFFICULTY + Math.floor(Math.max(0, score - THRESHOLDS.challenge) / 10) + surgeBits,
        )
      : 0;
  return { decision, score, reasons, difficulty, visible: score >= VISIBLE_CHALLENGE_AT };
}

/**
 * When scoring itself fails (a bug, a timeout), the door neither opens nor closes: it asks for
 * a proof of work at the threshold's difficulty, with its own reason code.
 */
export function failOpenVerdict(): Verdict {
  return {
    decision: 'challenge',
    score: THRESHOLDS.challenge,
    reasons: [{ code: 'risk_unavailable', points: THRESHOLDS.challenge }],
    difficulty: MIN_DIFFICULTY,
    visible: false,
  };
}
